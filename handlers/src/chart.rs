//! Bar charts as PNG pictures (opinions per article for /stats), drawn with plotters
//! and its `ab_glyph` text backend.
//!
//! No font can be downloaded at run time (DESIGN), so the text comes from a font file
//! on the machine: `--chart-font`, else the usual places of a CJK font (Debian's
//! fonts-noto-cjk and others), else a Latin font. When the font cannot show the
//! Chinese labels, the chart uses the Latin ones ("Art. 3" for 第3条) and a warning
//! is logged once. Without any font the bars are drawn without text (the numbers are
//! in the message anyway).

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
    /// Under the bars (e.g. 条款).
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

/// At most this many bars; with more articles, the most commented ones are shown.
pub const MAX_BARS: usize = 40;

const HEIGHT: u32 = 480;
const MARGIN_LEFT: i32 = 64;
const MARGIN_RIGHT: i32 = 24;
const MARGIN_TOP: i32 = 56;
const MARGIN_BOTTOM: i32 = 72;

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

/// Keeps at most [`MAX_BARS`] bars: the largest, in their original order.
fn limit(bars: &[(String, u64)]) -> Vec<(String, u64)> {
    if bars.len() <= MAX_BARS {
        return bars.to_vec();
    }
    let mut order: Vec<usize> = (0..bars.len()).collect();
    order.sort_by(|a, b| bars[*b].1.cmp(&bars[*a].1).then(a.cmp(b)));
    let mut keep: Vec<usize> = order.into_iter().take(MAX_BARS).collect();
    keep.sort_unstable();
    keep.into_iter().map(|i| bars[i].clone()).collect()
}

/// Draws `native` (the person's labels) if the font shows them all, else `latin`.
pub fn render(
    native: &Bars,
    latin: &Bars,
    font: Option<&ChartFont>,
) -> Result<Rendered, ChartError> {
    let native_labels = font.is_some_and(|f| native.texts().all(|t| f.covers(t)));
    let chosen = if native_labels { native } else { latin };
    let bars = limit(&chosen.bars);
    let slot: i32 = 56;
    let width = (MARGIN_LEFT + MARGIN_RIGHT + slot * bars.len().max(1) as i32).max(640) as u32;
    let mut buffer = vec![0u8; width as usize * HEIGHT as usize * 3];
    draw(&mut buffer, width, chosen, &bars, font, slot).map_err(|e| ChartError(e.to_string()))?;
    let mut png_bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut png_bytes, width, HEIGHT);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder
            .write_header()
            .map_err(|e| ChartError(e.to_string()))?;
        writer
            .write_image_data(&buffer)
            .map_err(|e| ChartError(e.to_string()))?;
    }
    Ok(Rendered {
        png: png_bytes,
        width,
        height: HEIGHT,
        native_labels,
    })
}

type DrawResult = Result<(), Box<dyn std::error::Error>>;

fn draw(
    buffer: &mut [u8],
    width: u32,
    what: &Bars,
    bars: &[(String, u64)],
    font: Option<&ChartFont>,
    slot: i32,
) -> DrawResult {
    let root = BitMapBackend::with_buffer(buffer, (width, HEIGHT)).into_drawing_area();
    root.fill(&WHITE)?;
    let (w, h) = (width as i32, HEIGHT as i32);
    let plot_h = h - MARGIN_TOP - MARGIN_BOTTOM;
    let bottom = MARGIN_TOP + plot_h;
    let (top_value, step) = axis_max(bars.iter().map(|b| b.1).max().unwrap_or(0));
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
        root.draw(&PathElement::new(
            vec![(MARGIN_LEFT, y), (w - MARGIN_RIGHT, y)],
            grid,
        ))?;
        if let Some(style) = text(14.0, HPos::Right, VPos::Center) {
            root.draw(&Text::new(
                (step * k).to_string(),
                (MARGIN_LEFT - 8, y),
                style,
            ))?;
        }
    }
    root.draw(&PathElement::new(
        vec![
            (MARGIN_LEFT, MARGIN_TOP),
            (MARGIN_LEFT, bottom),
            (w - MARGIN_RIGHT, bottom),
        ],
        BLACK,
    ))?;
    let bar_color = RGBColor(196, 30, 58);
    for (i, (label, value)) in bars.iter().enumerate() {
        let x0 = MARGIN_LEFT + slot * i as i32;
        let (left, right) = (x0 + slot / 6, x0 + slot - slot / 6);
        root.draw(&Rectangle::new(
            [(left, y_of(*value)), (right, bottom)],
            bar_color.filled(),
        ))?;
        let centre = x0 + slot / 2;
        if let Some(style) = text(14.0, HPos::Center, VPos::Bottom) {
            root.draw(&Text::new(
                value.to_string(),
                (centre, y_of(*value) - 4),
                style,
            ))?;
        }
        if let Some(style) = text(13.0, HPos::Center, VPos::Top) {
            // Long labels are cut to what fits under a bar.
            let short: String = if label.chars().count() > 6 {
                label.chars().take(5).chain(['…']).collect()
            } else {
                label.clone()
            };
            let y = bottom
                + 6
                + if i % 2 == 1 && short.chars().count() > 4 {
                    18
                } else {
                    0
                };
            root.draw(&Text::new(short, (centre, y), style))?;
        }
    }
    if let Some(style) = text(22.0, HPos::Center, VPos::Center) {
        root.draw(&Text::new(
            what.title.clone(),
            (w / 2, MARGIN_TOP / 2),
            style,
        ))?;
    }
    if let Some(style) = text(15.0, HPos::Center, VPos::Bottom) {
        root.draw(&Text::new(what.axis.clone(), (w / 2, h - 8), style))?;
    }
    root.present()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(n: usize, chinese: bool) -> Bars {
        Bars {
            title: if chinese {
                "各条款意见数"
            } else {
                "Opinions per article"
            }
            .into(),
            axis: if chinese { "条款" } else { "Article" }.into(),
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
        assert_eq!((r.width, r.height), (640, HEIGHT));
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
        assert!(f.covers("第一百零一条 各条款意见数"));
        let native = sample(12, true);
        let latin = sample(12, false);
        let r = render(&native, &latin, Some(&f)).unwrap();
        assert!(r.native_labels);
        assert!(r.png.starts_with(b"\x89PNG\r\n\x1a\n"));
        assert_eq!(dimensions(&r.png), (r.width, HEIGHT));
        assert_eq!(r.width, (MARGIN_LEFT + MARGIN_RIGHT + 56 * 12) as u32);
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
    fn the_value_axis_is_round_and_bars_are_limited() {
        assert_eq!(axis_max(0), (5, 1));
        assert_eq!(axis_max(7), (10, 2));
        assert_eq!(axis_max(23), (25, 5));
        assert_eq!(axis_max(130), (250, 50));
        let many: Vec<(String, u64)> = (0..50).map(|i| (i.to_string(), i as u64)).collect();
        let kept = limit(&many);
        assert_eq!(kept.len(), MAX_BARS);
        assert_eq!(kept.first().unwrap().0, "10");
        assert_eq!(kept.last().unwrap().0, "49");
    }
}
