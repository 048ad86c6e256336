//! The poster as a picture, for chat: a liaison forwards it to a WeChat group or
//! prints it from their phone. A4 proportions (827 × 1169 pixels, A4 at 100 dpi),
//! drawn with plotters and the chart font (a CJK font from the system, see
//! [`crate::chart`]): a red band with the heading, the title, the deadline, the QR
//! code, the link under it, and three lines of instructions in large type.
//!
//! A text the font cannot show is left out rather than drawn as boxes; the QR code
//! and the link (plain ASCII) are always there, and the chat message beside the
//! picture carries every word anyway.

use consult_domain::qr::QrMatrix;
use plotters::{
    prelude::*,
    style::text_anchor::{HPos, Pos, VPos},
};

use crate::chart::{ChartError, ChartFont};

pub const WIDTH: u32 = 827;
pub const HEIGHT: u32 = 1169;
const MARGIN: i32 = 60;
/// The red of the charts' bars: the colour of the people's congress' notices.
const RED: RGBColor = RGBColor(196, 30, 58);

/// Every word on the poster, already in the reader's language: the domain's, which
/// the web's poster pages show too.
pub use consult_domain::notice::PosterWords as PosterText;

/// Cuts `text` into lines no wider than `max` pixels at `size` (by character, which
/// suits Chinese; a long Latin word is cut too), at most `lines` lines, the last
/// ending in "…" when text was left out.
fn wrap(font: &ChartFont, text: &str, size: f32, max: f32, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    for c in text.chars() {
        let mut candidate = current.clone();
        candidate.push(c);
        if font.text_width(&candidate, size) > max && !current.is_empty() {
            out.push(std::mem::take(&mut current));
            current.push(c);
        } else {
            current = candidate;
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    if out.len() > lines {
        out.truncate(lines);
        if let Some(last) = out.last_mut() {
            last.pop();
            last.push('…');
        }
    }
    out
}

/// The poster as a PNG picture.
pub fn render(
    text: &PosterText,
    qr: &QrMatrix,
    font: Option<&ChartFont>,
) -> Result<Vec<u8>, ChartError> {
    let mut buffer = vec![0u8; WIDTH as usize * HEIGHT as usize * 3];
    draw(&mut buffer, text, qr, font).map_err(|e| ChartError(e.to_string()))?;
    crate::chart::encode_png(&buffer, WIDTH, HEIGHT)
}

type DrawResult = Result<(), Box<dyn std::error::Error>>;

fn draw(
    buffer: &mut [u8],
    text: &PosterText,
    qr: &QrMatrix,
    font: Option<&ChartFont>,
) -> DrawResult {
    let root = BitMapBackend::with_buffer(buffer, (WIDTH, HEIGHT)).into_drawing_area();
    root.fill(&WHITE)?;
    let (w, centre) = (WIDTH as i32, WIDTH as i32 / 2);
    let usable = (w - 2 * MARGIN) as f32;
    // A line of text, centred, if the font can show it; returns the y below it.
    let line =
        |s: &str, y: i32, size: f32, color: RGBColor| -> Result<i32, Box<dyn std::error::Error>> {
            if let Some(f) = font.filter(|f| f.covers(s)) {
                let style = TextStyle::from((f.family(), f64::from(size)).into_font())
                    .color(&color)
                    .pos(Pos::new(HPos::Center, VPos::Top));
                root.draw(&Text::new(s.to_owned(), (centre, y), style))?;
            }
            Ok(y + (size * 1.35) as i32)
        };

    root.draw(&Rectangle::new([(0, 0), (w, 130)], RED.filled()))?;
    line(&text.heading, 34, 56.0, WHITE)?;

    let mut y = 165;
    if let Some(f) = font {
        for l in wrap(f, &text.title, 42.0, usable, 3) {
            y = line(&l, y, 42.0, BLACK)?;
        }
    }
    y = line(&text.deadline, y + 6, 30.0, RGBColor(60, 60, 60))?;

    // The code, as large as the space left allows, in whole pixels per module.
    let side = qr.side() as i32;
    let scale = (500 / side).max(4);
    let size = side * scale;
    let (left, top) = (centre - size / 2, y + 10);
    let offset = consult_domain::qr::QUIET_ZONE as i32;
    for my in 0..qr.width() {
        for mx in 0..qr.width() {
            if qr.is_dark(mx, my) {
                let x0 = left + (mx as i32 + offset) * scale;
                let y0 = top + (my as i32 + offset) * scale;
                root.draw(&Rectangle::new(
                    [(x0, y0), (x0 + scale, y0 + scale)],
                    BLACK.filled(),
                ))?;
            }
        }
    }
    y = top + size;
    y = line(&text.link, y, 22.0, RGBColor(40, 40, 40))?;

    y += 24;
    for step in &text.steps {
        y = line(step, y, 36.0, BLACK)?;
    }
    if let Some(footer) = &text.footer {
        let bottom = HEIGHT as i32 - 70;
        root.draw(&PathElement::new(
            vec![(MARGIN, bottom - 16), (w - MARGIN, bottom - 16)],
            RGBColor(200, 200, 200),
        ))?;
        line(footer, bottom, 28.0, RGBColor(60, 60, 60))?;
    }
    root.present()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart;

    pub(super) fn sample() -> PosterText {
        PosterText {
            heading: "征求意见".into(),
            title: "某市物业管理条例（草案）征求意见稿，欢迎各位居民踊跃提出意见和建议".into(),
            deadline: "截止时间：2027年1月15日 23:59".into(),
            steps: [
                "① 用手机扫描二维码".into(),
                "② 阅读草案，写下意见".into(),
                "③ 记下收件编号，查看办理结果".into(),
            ],
            link: "https://example.org/c/12?p=hongqiao".into(),
            footer: Some("虹桥街道基层立法联系点".into()),
            notice: String::new(),
        }
    }

    #[test]
    fn the_poster_is_an_a4_picture_even_without_a_font() {
        let qr = QrMatrix::encode("https://example.org/c/12?p=hongqiao").unwrap();
        let png_bytes = render(&sample(), &qr, None).unwrap();
        let decoder = png::Decoder::new(std::io::Cursor::new(&png_bytes));
        let reader = decoder.read_info().unwrap();
        assert_eq!((reader.info().width, reader.info().height), (WIDTH, HEIGHT));
    }

    #[test]
    fn long_titles_wrap_within_the_margins() {
        let Some(f) = chart::font(None) else { return };
        let lines = wrap(&f, &sample().title, 42.0, 700.0, 3);
        assert!(lines.len() > 1);
        for l in &lines {
            assert!(f.text_width(l, 42.0) <= 700.0, "{l}");
        }
        let short = wrap(&f, &"很长的标题".repeat(40), 42.0, 700.0, 2);
        assert_eq!(short.len(), 2);
        assert!(short[1].ends_with('…'));
    }
}
