//! QR codes for posters (线下 → 线上: "scan, submit, hear back"): the module matrix
//! of a link, drawn as SVG (for the printable web poster, sharp at any size) and as
//! PNG (to download, or to draw into the poster picture sent in chat). Both channels
//! need the same code for the same link, so it is built here, once.

use std::fmt::Write as _;

use qrcode::{Color, EcLevel, QrCode};

/// The longest text a poster's code carries. Links are a few dozen bytes; a limit
/// keeps a configured `--web-url` of absurd length from making an unscannable code.
pub const MAX_BYTES: usize = 512;

/// Modules of light margin around the code, as the QR standard asks (scanners need it).
pub const QUIET_ZONE: usize = 4;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum QrError {
    #[error("the text is {0} bytes; a poster's QR code holds at most {MAX_BYTES}")]
    TooLong(usize),
    #[error("the text cannot be encoded as a QR code: {0}")]
    Encode(String),
}

/// A QR code's modules: `width` × `width`, true for dark, without the quiet zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrMatrix {
    width: usize,
    dark: Vec<bool>,
}

impl QrMatrix {
    /// The code for `text`, at error correction level M (15 %): posters get creased
    /// and stained, and M keeps a link's code small enough to scan from a metre away.
    pub fn encode(text: &str) -> Result<QrMatrix, QrError> {
        if text.len() > MAX_BYTES {
            return Err(QrError::TooLong(text.len()));
        }
        let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
            .map_err(|e| QrError::Encode(e.to_string()))?;
        let width = code.width();
        let dark = code
            .into_colors()
            .into_iter()
            .map(|c| c == Color::Dark)
            .collect();
        Ok(QrMatrix { width, dark })
    }

    /// Modules per side, without the quiet zone.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Whether the module at column `x`, row `y` is dark (false outside the code).
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.width && y < self.width && self.dark[y * self.width + x]
    }

    /// Modules per side with the quiet zone on both sides.
    pub fn side(&self) -> usize {
        self.width + 2 * QUIET_ZONE
    }

    /// A standalone SVG document: one path of unit squares in a viewBox of
    /// [`QrMatrix::side`] units (so it scales to any size), on white, with `title`
    /// as its accessible name.
    pub fn to_svg(&self, title: &str) -> String {
        let side = self.side();
        let mut path = String::with_capacity(self.dark.len() * 4);
        for y in 0..self.width {
            for x in 0..self.width {
                if self.is_dark(x, y) {
                    let _ = write!(path, "M{} {}h1v1h-1z", x + QUIET_ZONE, y + QUIET_ZONE);
                }
            }
        }
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {side} {side}\" \
             shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"{label}\">\
             <title>{label}</title>\
             <rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/>\
             <path fill=\"#000\" d=\"{path}\"/></svg>",
            label = xml_escape(title),
        )
    }

    /// A greyscale PNG with `scale` pixels per module and the quiet zone.
    pub fn to_png(&self, scale: usize) -> Vec<u8> {
        let scale = scale.clamp(1, 64);
        let px = self.side() * scale;
        let mut pixels = vec![255u8; px * px];
        for y in 0..self.width {
            for x in 0..self.width {
                if self.is_dark(x, y) {
                    for row in 0..scale {
                        let start =
                            ((y + QUIET_ZONE) * scale + row) * px + (x + QUIET_ZONE) * scale;
                        pixels[start..start + scale].fill(0);
                    }
                }
            }
        }
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, px as u32, px as u32);
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::Eight);
        // Writing to a Vec cannot fail, and the size matches the header.
        if let Ok(mut writer) = encoder.write_header() {
            let _ = writer.write_image_data(&pixels);
        }
        out
    }
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_encodes_to_a_square_code() {
        let m = QrMatrix::encode("https://example.org/c/12?p=hongqiao").unwrap();
        assert!(
            m.width() >= 21 && (m.width() - 21).is_multiple_of(4),
            "{}",
            m.width()
        );
        // Finder pattern: the top-left corner is dark, the quiet zone is not drawn.
        assert!(m.is_dark(0, 0));
        assert!(!m.is_dark(m.width(), 0));
    }

    #[test]
    fn svg_and_png_have_the_quiet_zone() {
        let m = QrMatrix::encode("https://example.org/").unwrap();
        let svg = m.to_svg("<扫码>");
        assert!(svg.contains(&format!("viewBox=\"0 0 {0} {0}\"", m.side())));
        assert!(
            svg.contains("M4 4h1v1h-1z"),
            "the first dark module is after the margin"
        );
        assert!(svg.contains("&lt;扫码&gt;"));
        let png_bytes = m.to_png(3);
        let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
        let reader = decoder.read_info().unwrap();
        assert_eq!(reader.info().width as usize, m.side() * 3);
    }

    #[test]
    fn overlong_text_is_refused() {
        let long = "x".repeat(MAX_BYTES + 1);
        assert_eq!(
            QrMatrix::encode(&long),
            Err(QrError::TooLong(MAX_BYTES + 1))
        );
    }
}
