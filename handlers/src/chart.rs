//! Bar charts as PNG pictures (opinions per article for /stats), drawn with plotters
//! and its `ab_glyph` text backend.
//!
//! No font can be downloaded at run time (DESIGN), so the text comes from a font file
//! on the machine: `--chart-font`, else the usual places of a CJK font (Debian's
//! fonts-noto-cjk and others), else a Latin font. When the font cannot show the
//! Chinese labels, the chart uses the Latin ones ("Art. 3" for 第3条) and a warning
//! is logged once. Without any font the bars are drawn without text (the numbers are
//! in the message anyway).
//!
//! The picture is sized to what it shows: each bar gets a slot as wide as the widest
//! label measured in the font (labels alternate between two rows when one row would
//! make the picture too wide), and the bars share the whole plot. A fixed slot cut
//! "Whole draft" to "Whole…" and left a few bars at the left of an empty plot.

use std::{
    collections::HashMap,
    path::{Path, PathBuf},
    sync::{Arc, Mutex, OnceLock},
};

use ab_glyph::Font as _;
use plotters::{
    prelude::*,
    style::text_anchor::{HPos, Pos, VPos},
};

/// Where CJK fonts usually are (Debian, Fedora, Arch, Alpine packages).
pub const CJK_FONTS: [&str; 8] = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wenquanyi/wqy-zenhei/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/opentype/source-han-sans/SourceHanSansSC-Regular.otf",
];

/// Latin fonts to fall back on.
pub const LATIN_FONTS: [&str; 4] = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/freefont/FreeSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
];

/// A font registered with plotters under its own family name.
#[derive(Debug)]
pub struct ChartFont {
    /// The family name plotters knows it by.
    family: String,
    pub path: PathBuf,
    /// The face, for checking which characters it can show.
    face: ab_glyph::FontRef<'static>,
}

impl ChartFont {
    /// Whether the font has a glyph for every visible character of `text`.
    pub fn covers(&self, text: &str) -> bool {
        text.chars()
            .filter(|c| !c.is_whitespace())
            .all(|c| self.face.glyph_id(c).0 != 0)
    }

    /// The family name to draw with (plotters' font table is keyed by it).
    pub fn family(&self) -> &str {
        &self.family
    }

    /// How wide `text` is drawn at `size` pixels, for wrapping lines.
    pub fn text_width(&self, text: &str, size: f32) -> f32 {
        use ab_glyph::ScaleFont as _;
        let scaled = self.face.as_scaled(size);
        text.chars()
            .map(|c| scaled.h_advance(self.face.glyph_id(c)))
            .sum()
    }
}

/// The family name of each face in a font file (one for .ttf/.otf, several for a
/// .ttc collection), read from the `name` table; empty strings where unreadable.
pub fn face_names(data: &[u8]) -> Vec<String> {
    let u16_at = |o: usize| data.get(o..o + 2).map(|b| u16::from_be_bytes([b[0], b[1]]));
    let u32_at = |o: usize| {
        data.get(o..o + 4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize)
    };
    let offsets: Vec<usize> = if data.starts_with(b"ttcf") {
        let n = u32_at(8).unwrap_or(0).min(64);
        (0..n).filter_map(|i| u32_at(12 + 4 * i)).collect()
    } else {
        vec![0]
    };
    let name_of = |face: usize| -> Option<String> {
        let tables = usize::from(u16_at(face + 4)?);
        let name = (0..tables)
            .map(|i| face + 12 + 16 * i)
            .find(|rec| data.get(*rec..rec + 4) == Some(b"name"))?;
        let table = u32_at(name + 8)?;
        let count = usize::from(u16_at(table + 2)?);
        let strings = table + usize::from(u16_at(table + 4)?);
        let mut fallback = None;
        for i in 0..count {
            let rec = table + 6 + 12 * i;
            let (platform, name_id) = (u16_at(rec)?, u16_at(rec + 6)?);
            let (len, off) = (
                usize::from(u16_at(rec + 8)?),
                usize::from(u16_at(rec + 10)?),
            );
            if name_id != 1 {
                continue;
            }
            let bytes = data.get(strings + off..strings + off + len)?;
            match platform {
                0 | 3 => {
                    let units: Vec<u16> = bytes
                        .chunks_exact(2)
                        .map(|c| u16::from_be_bytes([c[0], c[1]]))
                        .collect();
                    return Some(String::from_utf16_lossy(&units));
                }
                1 => fallback = Some(String::from_utf8_lossy(bytes).into_owned()),
                _ => {}
            }
        }
        fallback
    };
    offsets
        .into_iter()
        .map(|o| name_of(o).unwrap_or_default())
        .collect()
}

/// The face to use from a collection: Simplified Chinese if it has one, else the first.
pub fn preferred_face(names: &[String]) -> usize {
    names
        .iter()
        .position(|n| n.ends_with(" SC") || n.contains(" SC ") || n.contains("Simplified"))
        .unwrap_or(0)
}

/// A copy of a collection whose first face is face `index`, for loaders that read
/// only the first face (plotters' `register_font`): a .ttc's table offsets are from
/// the start of the file, so swapping the header's offsets is enough.
pub fn with_first_face(mut data: Vec<u8>, index: usize) -> Vec<u8> {
    if index == 0 || !data.starts_with(b"ttcf") {
        return data;
    }
    let (first, chosen) = (12, 12 + 4 * index);
    if data.len() >= chosen + 4 {
        let offset: [u8; 4] = [
            data[chosen],
            data[chosen + 1],
            data[chosen + 2],
            data[chosen + 3],
        ];
        data[first..first + 4].copy_from_slice(&offset);
    }
    data
}

/// Fonts are loaded once per process and path (the file may be tens of megabytes) and
/// stay registered with plotters, whose font table is global.
fn loaded() -> &'static Mutex<HashMap<PathBuf, Option<Arc<ChartFont>>>> {
    static LOADED: OnceLock<Mutex<HashMap<PathBuf, Option<Arc<ChartFont>>>>> = OnceLock::new();
    LOADED.get_or_init(Default::default)
}

fn load_file(path: &Path) -> Option<Arc<ChartFont>> {
    let mut cache = loaded().lock().unwrap_or_else(|e| e.into_inner());
    if let Some(font) = cache.get(path) {
        return font.clone();
    }
    let font = match std::fs::read(path) {
        Ok(data) => {
            let index = preferred_face(&face_names(&data));
            // Registered fonts live as long as the process: plotters wants 'static data.
            let data: &'static [u8] = Box::leak(with_first_face(data, index).into_boxed_slice());
            let family = format!("consult-chart-{}", cache.len());
            match (
                ab_glyph::FontRef::try_from_slice(data),
                plotters::style::register_font(&family, FontStyle::Normal, data),
            ) {
                (Ok(face), Ok(())) => Some(Arc::new(ChartFont {
                    family,
                    path: path.to_owned(),
                    face,
                })),
                _ => {
                    tracing::warn!(path = %path.display(), "not a usable font file");
                    None
                }
            }
        }
        Err(e) => {
            if e.kind() != std::io::ErrorKind::NotFound {
                tracing::warn!(path = %path.display(), error = %e, "cannot read a font file");
            }
            None
        }
    };
    cache.insert(path.to_owned(), font.clone());
    font
}

/// The font for charts: `configured` if it loads, else a CJK font from the system,
/// else a Latin one, else none. Warns once per process about a missing font.
pub fn font(configured: Option<&Path>) -> Option<Arc<ChartFont>> {
    if let Some(path) = configured {
        if let Some(f) = load_file(path) {
            return Some(f);
        }
        static CONFIGURED: OnceLock<()> = OnceLock::new();
        CONFIGURED.get_or_init(|| {
            tracing::warn!(path = %path.display(), "--chart-font cannot be used; looking for a system font");
        });
    }
    if let Some(f) = CJK_FONTS.iter().find_map(|p| load_file(Path::new(p))) {
        return Some(f);
    }
    static NO_CJK: OnceLock<()> = OnceLock::new();
    NO_CJK.get_or_init(|| {
        tracing::warn!(
            "no CJK font found (install fonts-noto-cjk or set --chart-font): charts use Latin labels"
        );
    });
    LATIN_FONTS.iter().find_map(|p| load_file(Path::new(p)))
}

/// What a bar chart shows, in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bars {
    pub title: String,
    /// Under the bars (e.g. 条文).
    pub axis: String,
    /// Label and value of each bar, left to right.
    pub bars: Vec<(String, u64)>,
}

impl Bars {
    fn texts(&self) -> impl Iterator<Item = &str> {
        [self.title.as_str(), self.axis.as_str()]
            .into_iter()
            .chain(self.bars.iter().map(|(l, _)| l.as_str()))
    }
}

/// A rendered chart.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub png: Vec<u8>,
    pub width: u32,
    pub height: u32,
    /// True when the chart shows the Chinese (or person's own) labels; false when it
    /// fell back to the Latin ones.
    pub native_labels: bool,
}

#[derive(Debug, thiserror::Error)]
#[error("could not draw the chart: {0}")]
pub struct ChartError(pub(crate) String);

const HEIGHT: u32 = 480;
const MARGIN_LEFT: i32 = 64;
const MARGIN_RIGHT: i32 = 24;
const MARGIN_TOP: i32 = 56;
/// Room under the plot for two rows of bar labels and the axis title.
const MARGIN_BOTTOM: i32 = 88;

/// Text sizes, as plotters' `ab_glyph` backend takes them: the height from the lowest
/// descender to the highest ascender, in pixels. A CJK face's characters are about
/// 0.7 of that wide, so 13 (as before) drew Chinese 9 pixels wide, too small to read.
const TITLE_SIZE: f64 = 26.0;
const AXIS_SIZE: f64 = 18.0;
const LABEL_SIZE: f64 = 18.0;
const VALUE_SIZE: f64 = 17.0;
const TICK_SIZE: f64 = 16.0;
/// Height of a row of bar labels.
const LABEL_ROW: i32 = 22;
/// Space kept between two labels side by side.
const LABEL_GAP: f64 = 10.0;

/// The narrowest slot a bar gets, and the widest bar drawn in one.
const MIN_SLOT: f64 = 44.0;
const MAX_BAR: f64 = 56.0;
/// The plot is never narrower than this, so one bar is not a sliver.
const MIN_PLOT: f64 = 200.0;
/// Up to this plot width labels stand in one row; beyond it they alternate between
/// two rows, so a chart of many articles stays half as wide.
const ONE_ROW_PLOT: f64 = 960.0;
/// A label wider than this (a heading pasted whole as a label) is cut with "…".
const MAX_LABEL: f64 = 160.0;

/// The width `text` takes at `size` in `font`, as plotters lays it out.
fn text_width(font: &ChartFont, size: f64, text: &str) -> f64 {
    use ab_glyph::ScaleFont as _;
    let scaled = font.face.as_scaled(size as f32);
    let mut width = 0.0f32;
    let mut prev = None;
    for c in text.chars() {
        let id = scaled.glyph_id(c);
        if let Some(p) = prev {
            width += scaled.kern(p, id);
        }
        width += scaled.h_advance(id);
        prev = Some(id);
    }
    f64::from(width)
}

/// `label` as drawn: whole when it fits in [`MAX_LABEL`], else cut with "…".
fn fitted(font: &ChartFont, label: &str) -> String {
    if text_width(font, LABEL_SIZE, label) <= MAX_LABEL {
        return label.to_owned();
    }
    let mut cut: String = label.to_owned();
    while !cut.is_empty() && text_width(font, LABEL_SIZE, &format!("{cut}…")) > MAX_LABEL {
        cut.pop();
    }
    format!("{cut}…")
}

/// Where one bar and its label go.
#[derive(Debug, Clone, PartialEq)]
struct Placed {
    /// Left and right edge of the bar, and the centre of its slot, in pixels.
    left: i32,
    right: i32,
    centre: i32,
    value: u64,
    /// The label as drawn (none without a font), and its row (0 or 1) under the axis.
    label: Option<String>,
    row: i32,
}

/// The geometry of a chart: sized to its bars and their labels, so a few bars fill a
/// narrow picture and many labels never overlap or get cut.
#[derive(Debug, Clone, PartialEq)]
struct Layout {
    width: u32,
    /// Where the plot starts and how much room is kept right of it (more than the
    /// margins when the first or last label is wider than its bar's slot).
    left: i32,
    right: i32,
    /// The width of each bar's share of the plot.
    slot: f64,
    bars: Vec<Placed>,
}

fn layout(what: &Bars, bars: &[(String, u64)], font: Option<&ChartFont>) -> Layout {
    let labels: Vec<Option<String>> = bars
        .iter()
        .map(|(l, _)| font.map(|f| fitted(f, l)))
        .collect();
    let widest = match font {
        Some(f) => labels
            .iter()
            .flatten()
            .map(|l| text_width(f, LABEL_SIZE, l))
            .fold(0.0, f64::max),
        None => 0.0,
    };
    let n = bars.len().max(1) as f64;
    // One row if it fits; else two, where a label may spread over its neighbours'
    // slots (they have theirs in the other row).
    let one_row = (widest + LABEL_GAP).max(MIN_SLOT);
    let rows = if n * one_row <= ONE_ROW_PLOT { 1 } else { 2 };
    let needed = if rows == 1 {
        one_row
    } else {
        ((widest + LABEL_GAP) / 2.0).max(MIN_SLOT)
    };
    // The titles must fit above and below.
    let titles = font.map_or(0.0, |f| {
        text_width(f, TITLE_SIZE, &what.title).max(text_width(f, AXIS_SIZE, &what.axis)) + 32.0
    });
    let plot = (n * needed)
        .max(MIN_PLOT)
        .max(titles - f64::from(MARGIN_LEFT + MARGIN_RIGHT))
        .ceil();
    // The bars share the whole plot, so none of it is left empty at the right.
    let slot = plot / n;
    let bar = (slot * 0.7).min(MAX_BAR);
    // The first and last labels stay inside the picture.
    let overhang = |label: Option<&Option<String>>| match (font, label) {
        (Some(f), Some(Some(l))) => (text_width(f, LABEL_SIZE, l) - slot) / 2.0 + 4.0,
        _ => 0.0,
    };
    let left = f64::from(MARGIN_LEFT).max(overhang(labels.first())).ceil();
    let right = f64::from(MARGIN_RIGHT).max(overhang(labels.last())).ceil();
    let placed = bars
        .iter()
        .zip(labels)
        .enumerate()
        .map(|(i, ((_, value), label))| {
            let centre = left + slot * (i as f64 + 0.5);
            Placed {
                left: (centre - bar / 2.0).round() as i32,
                right: (centre + bar / 2.0).round() as i32,
                centre: centre.round() as i32,
                value: *value,
                label,
                row: if rows == 2 { (i % 2) as i32 } else { 0 },
            }
        })
        .collect();
    Layout {
        width: (left + plot + right) as u32,
        left: left as i32,
        right: right as i32,
        slot,
        bars: placed,
    }
}

/// A round upper bound for the value axis, and the step of its five gridlines.
fn axis_max(max: u64) -> (u64, u64) {
    let max = max.max(1);
    let raw = max.div_ceil(5);
    let magnitude = 10u64.pow(raw.max(1).ilog10());
    let step = [1, 2, 5, 10]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(raw);
    (step * 5, step)
}

/// Draws `native` (the person's labels) if the font shows them all, else `latin`.
/// The caller chooses the bars (for opinions per article, at most
/// [`consult_domain::stats::CHART_BARS`]: the domain picks them for every channel).
pub fn render(
    native: &Bars,
    latin: &Bars,
    font: Option<&ChartFont>,
) -> Result<Rendered, ChartError> {
    let native_labels = font.is_some_and(|f| native.texts().all(|t| f.covers(t)));
    let chosen = if native_labels { native } else { latin };
    let layout = layout(chosen, &chosen.bars, font);
    let width = layout.width;
    let mut buffer = vec![0u8; width as usize * HEIGHT as usize * 3];
    draw(&mut buffer, chosen, &layout, font).map_err(|e| ChartError(e.to_string()))?;
    let png_bytes = encode_png(&buffer, width, HEIGHT)?;
    Ok(Rendered {
        png: png_bytes,
        width,
        height: HEIGHT,
        native_labels,
    })
}

type DrawResult = Result<(), Box<dyn std::error::Error>>;

fn draw(buffer: &mut [u8], what: &Bars, layout: &Layout, font: Option<&ChartFont>) -> DrawResult {
    let width = layout.width;
    let root = BitMapBackend::with_buffer(buffer, (width, HEIGHT)).into_drawing_area();
    root.fill(&WHITE)?;
    let (w, h) = (width as i32, HEIGHT as i32);
    let (left, right) = (layout.left, w - layout.right);
    let plot_h = h - MARGIN_TOP - MARGIN_BOTTOM;
    let bottom = MARGIN_TOP + plot_h;
    let (top_value, step) = axis_max(layout.bars.iter().map(|b| b.value).max().unwrap_or(0));
    let y_of = |v: u64| bottom - (plot_h as f64 * v as f64 / top_value as f64).round() as i32;
    let text = |size: f64, h: HPos, v: VPos| {
        font.map(|f| {
            TextStyle::from((f.family.as_str(), size).into_font())
                .color(&BLACK)
                .pos(Pos::new(h, v))
        })
    };
    // Gridlines and the value axis.
    let grid = RGBColor(220, 220, 220);
    for k in 0..=5u64 {
        let y = y_of(step * k);
        root.draw(&PathElement::new(vec![(left, y), (right, y)], grid))?;
        if let Some(style) = text(TICK_SIZE, HPos::Right, VPos::Center) {
            root.draw(&Text::new((step * k).to_string(), (left - 8, y), style))?;
        }
    }
    root.draw(&PathElement::new(
        vec![(left, MARGIN_TOP), (left, bottom), (right, bottom)],
        BLACK,
    ))?;
    let bar_color = RGBColor(196, 30, 58);
    for bar in &layout.bars {
        root.draw(&Rectangle::new(
            [(bar.left, y_of(bar.value)), (bar.right, bottom)],
            bar_color.filled(),
        ))?;
        if let Some(style) = text(VALUE_SIZE, HPos::Center, VPos::Bottom) {
            root.draw(&Text::new(
                bar.value.to_string(),
                (bar.centre, y_of(bar.value) - 4),
                style,
            ))?;
        }
        if let (Some(label), Some(style)) = (&bar.label, text(LABEL_SIZE, HPos::Center, VPos::Top))
        {
            let y = bottom + 8 + bar.row * LABEL_ROW;
            root.draw(&Text::new(label.clone(), (bar.centre, y), style))?;
        }
    }
    if let Some(style) = text(TITLE_SIZE, HPos::Center, VPos::Center) {
        root.draw(&Text::new(
            what.title.clone(),
            (w / 2, MARGIN_TOP / 2),
            style,
        ))?;
    }
    if let Some(style) = text(AXIS_SIZE, HPos::Center, VPos::Bottom) {
        root.draw(&Text::new(what.axis.clone(), (w / 2, h - 8), style))?;
    }
    root.present()?;
    Ok(())
}

/// An RGB picture drawn by plotters, as the PNG bytes Telegram takes for a photo
/// (charts and posters alike).
pub(crate) fn encode_png(rgb: &[u8], width: u32, height: u32) -> Result<Vec<u8>, ChartError> {
    let mut png_bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut png_bytes, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder
        .write_header()
        .map_err(|e| ChartError(e.to_string()))?;
    writer
        .write_image_data(rgb)
        .map_err(|e| ChartError(e.to_string()))?;
    writer.finish().map_err(|e| ChartError(e.to_string()))?;
    Ok(png_bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(n: usize, chinese: bool) -> Bars {
        Bars {
            title: if chinese {
                "各条文意见数"
            } else {
                "Opinions per article"
            }
            .into(),
            axis: if chinese { "条文" } else { "Article" }.into(),
            bars: (1..=n)
                .map(|i| {
                    let label = if chinese {
                        format!("第{i}条")
                    } else {
                        format!("Art. {i}")
                    };
                    (label, (i as u64 * 7) % 11)
                })
                .collect(),
        }
    }

    fn dimensions(png_bytes: &[u8]) -> (u32, u32) {
        let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
        let reader = decoder.read_info().expect("a decodable PNG");
        (reader.info().width, reader.info().height)
    }

    fn installed_cjk() -> Option<&'static str> {
        CJK_FONTS.into_iter().find(|p| Path::new(p).exists())
    }

    #[test]
    fn a_chart_without_any_font_is_still_a_picture() {
        let r = render(&sample(3, true), &sample(3, false), None).unwrap();
        assert!(r.png.starts_with(b"\x89PNG\r\n\x1a\n"));
        assert!(!r.native_labels);
        assert_eq!(dimensions(&r.png), (r.width, r.height));
        let bars = sample(3, false).bars;
        assert_eq!(r.width, layout(&sample(3, false), &bars, None).width);
        assert_eq!(r.height, HEIGHT);
    }

    #[test]
    fn with_a_cjk_font_the_chinese_labels_are_drawn() {
        // CI installs fonts-noto-cjk (.ci/run) and then requires it here; elsewhere a
        // machine without it says so and leaves the Chinese labels untested.
        let Some(path) = installed_cjk() else {
            assert!(
                std::env::var_os("CONSULT_REQUIRE_CJK_FONT").is_none(),
                "no CJK font installed: apt-get install fonts-noto-cjk"
            );
            eprintln!("no CJK font installed: Chinese chart labels not checked");
            return;
        };
        let f = font(Some(Path::new(path))).expect("the CJK font loads");
        assert!(f.covers("第一百零一条 各条文意见数"));
        let native = sample(12, true);
        let latin = sample(12, false);
        let r = render(&native, &latin, Some(&f)).unwrap();
        assert!(r.native_labels);
        assert!(r.png.starts_with(b"\x89PNG\r\n\x1a\n"));
        assert_eq!(dimensions(&r.png), (r.width, HEIGHT));
        assert_eq!(r.width, layout(&native, &native.bars, Some(&f)).width);
        // The text is really drawn: the picture differs from one without labels.
        let bare = render(&native, &latin, None).unwrap();
        assert_ne!(bare.png, r.png);
        // And from the same chart with Latin labels.
        let latin_only = render(&latin, &latin, Some(&f)).unwrap();
        assert_ne!(latin_only.png, r.png);
    }

    #[test]
    fn a_latin_font_falls_back_to_latin_labels() {
        let Some(path) = LATIN_FONTS.into_iter().find(|p| Path::new(p).exists()) else {
            return; // No Latin font on this machine: covered by the no-font test.
        };
        let f = load_file(Path::new(path)).expect("the Latin font loads");
        assert!(!f.covers("第3条"));
        assert!(f.covers("Art. 3"));
        let r = render(&sample(3, true), &sample(3, false), Some(&f)).unwrap();
        assert!(!r.native_labels);
        assert!(r.png.starts_with(b"\x89PNG"));
    }

    #[test]
    fn collections_are_read_by_face() {
        if let Some(path) = installed_cjk().filter(|p| p.ends_with("NotoSansCJK-Regular.ttc")) {
            let data = std::fs::read(path).unwrap();
            let names = face_names(&data);
            assert!(names.len() > 1, "{names:?}");
            let sc = preferred_face(&names);
            assert!(names[sc].contains("SC"), "{names:?}");
            let first = with_first_face(data, sc);
            assert_eq!(face_names(&first)[0], names[sc]);
        }
        assert_eq!(preferred_face(&["A JP".into(), "A SC".into()]), 1);
        assert_eq!(preferred_face(&["Zen Hei".into()]), 0);
        assert_eq!(with_first_face(vec![1, 2, 3], 2), vec![1, 2, 3]);
    }

    #[test]
    fn the_value_axis_is_round() {
        assert_eq!(axis_max(0), (5, 1));
        assert_eq!(axis_max(7), (10, 2));
        assert_eq!(axis_max(23), (25, 5));
        assert_eq!(axis_max(130), (250, 50));
    }

    /// The fonts this machine has for charts: each Latin one and the CJK one. CI
    /// installs fonts-noto-cjk and requires it (`CONSULT_REQUIRE_CJK_FONT`).
    fn fonts() -> Vec<Arc<ChartFont>> {
        if installed_cjk().is_none() {
            assert!(
                std::env::var_os("CONSULT_REQUIRE_CJK_FONT").is_none(),
                "no CJK font installed: apt-get install fonts-noto-cjk"
            );
            eprintln!("no CJK font installed: Chinese chart labels not checked");
        }
        LATIN_FONTS
            .into_iter()
            .chain(installed_cjk())
            .filter_map(|p| load_file(Path::new(p)))
            .collect()
    }

    fn latin(labels: &[&str]) -> Bars {
        Bars {
            title: "Opinions per article".into(),
            axis: "Article".into(),
            bars: labels
                .iter()
                .enumerate()
                .map(|(i, l)| ((*l).to_owned(), (i as u64 * 5) % 7 + 1))
                .collect(),
        }
    }

    /// What the chart drew before it measured its labels: anything over six
    /// characters cut to five and "…".
    fn cut_as_before(label: &str) -> String {
        if label.chars().count() > 6 {
            label.chars().take(5).chain(['…']).collect()
        } else {
            label.to_owned()
        }
    }

    #[test]
    fn labels_are_drawn_whole_not_cut_to_a_fixed_slot() {
        let labels = ["Art. 3-1", "Whole draft", "Art. 12"];
        let chinese = ["第三条之一", "整部草案", "第一百二十三条"];
        for f in fonts() {
            let mut cases = vec![&labels[..]];
            if f.covers(&chinese.concat()) {
                cases.push(&chinese[..]);
            }
            for case in cases {
                let whole = latin(case);
                let cut: Vec<String> = case.iter().map(|l| cut_as_before(l)).collect();
                let cut = latin(&cut.iter().map(String::as_str).collect::<Vec<_>>());
                let drawn = render(&whole, &whole, Some(&f)).unwrap();
                let shortened = render(&cut, &cut, Some(&f)).unwrap();
                assert!(
                    drawn.png != shortened.png,
                    "{case:?} in {}: the labels are drawn as cut",
                    f.path.display()
                );
            }
        }
    }

    #[test]
    fn the_picture_is_as_wide_as_its_bars_need() {
        let articles = |n: usize| {
            let labels: Vec<String> = (1..=n).map(|i| format!("Art. {i}")).collect();
            latin(&labels.iter().map(String::as_str).collect::<Vec<_>>())
        };
        let fonts = fonts();
        for f in std::iter::once(None).chain(fonts.iter().map(|f| Some(&**f))) {
            let width = |n: usize| render(&articles(n), &articles(n), f).unwrap().width;
            let (three, ten, twenty) = (width(3), width(10), width(20));
            // A few bars make a narrow picture, not a wide one with the bars at its left.
            assert!(three * 5 < ten * 3, "3 bars {three} px, 10 bars {ten} px");
            assert!(width(1) <= three && ten < twenty, "{ten} {twenty}");
        }
    }

    #[test]
    fn bars_fill_the_plot_and_labels_fit_without_overlapping() {
        let label_sets = |n: usize| -> Vec<Vec<String>> {
            let mut latin: Vec<String> = (1..n).map(|i| format!("Art. {i}-1")).collect();
            latin.insert(0, "Whole draft".into());
            let mut chinese: Vec<String> = (1..n).map(|i| format!("第{i}条")).collect();
            chinese.insert(0, "整部草案".into());
            vec![latin, chinese]
        };
        let fonts = fonts();
        for f in std::iter::once(None).chain(fonts.iter().map(|f| Some(&**f))) {
            for n in [1, 3, 12, 40] {
                for labels in label_sets(n) {
                    if f.is_some_and(|f| !f.covers(&labels.concat())) {
                        continue;
                    }
                    let what = latin(&labels.iter().map(String::as_str).collect::<Vec<_>>());
                    let l = layout(&what, &what.bars, f);
                    let at = format!("{n} bars, {:?}", f.map(|f| f.path.display()));
                    assert_eq!(l.bars.len(), n, "{at}");
                    assert_eq!(l.width, render(&what, &what, f).unwrap().width, "{at}");
                    // The bars spread over the whole plot, evenly.
                    let plot = f64::from(l.width as i32 - l.left - l.right);
                    assert!((l.slot * n as f64 - plot).abs() < 1.0, "{at}");
                    assert!(l.slot >= MIN_SLOT, "{at}");
                    let first = &l.bars[0];
                    let last = &l.bars[n - 1];
                    assert!((f64::from(first.centre - l.left) - l.slot / 2.0).abs() <= 1.0);
                    let end = l.width as i32 - l.right;
                    assert!((f64::from(end - last.centre) - l.slot / 2.0).abs() <= 1.0);
                    assert!(first.left > l.left && last.right < end, "{at}");
                    let Some(f) = f else {
                        assert!(l.bars.iter().all(|b| b.label.is_none()), "{at}");
                        continue;
                    };
                    // Every label whole, inside the picture, clear of its neighbours.
                    let drawn: Vec<&str> = l.bars.iter().flat_map(|b| b.label.as_deref()).collect();
                    assert_eq!(drawn, labels, "{at}");
                    let span = |b: &Placed| {
                        let w = text_width(f, LABEL_SIZE, b.label.as_deref().unwrap_or(""));
                        (f64::from(b.centre) - w / 2.0, f64::from(b.centre) + w / 2.0)
                    };
                    for (i, b) in l.bars.iter().enumerate() {
                        let (from, to) = span(b);
                        assert!(from >= 0.0 && to <= f64::from(l.width), "{at}: {b:?}");
                        for other in l.bars[i + 1..].iter().filter(|o| o.row == b.row) {
                            assert!(span(other).0 >= to, "{at}: {b:?} and {other:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn a_label_too_long_for_any_slot_is_cut_to_fit() {
        let long = "Art. 3 (the whole chapter on dogs kept in flats, as amended)";
        for f in fonts() {
            let what = latin(&[long, "Art. 4"]);
            let l = layout(&what, &what.bars, Some(&f));
            let drawn = l.bars[0].label.as_deref().unwrap_or("");
            assert!(drawn.ends_with('…') && long.starts_with(drawn.trim_end_matches('…')));
            assert!(text_width(&f, LABEL_SIZE, drawn) <= MAX_LABEL, "{drawn}");
            assert_eq!(l.bars[1].label.as_deref(), Some("Art. 4"));
        }
    }
}
