//! Bar charts drawn on the server as SVG inside the page: no script, no image request,
//! no font to ship (the text is the page's own, in the browser's CJK font and the
//! page's language). The numbers are the domain's, as chat's PNG charts draw them.
//!
//! Bars lie across the page, each under its own label, as wide as their share of the
//! largest: the drawing has no `viewBox`, so one unit is one CSS pixel and the text
//! keeps its size on any screen, while the bars' lengths are percentages of the
//! width the page gives the chart. A label never shares its line with another, so a
//! long one (「第一百二十三条」, 「Whole draft」) is read whole at 320 pixels.
//!
//! Every element is closed explicitly (`<rect …></rect>`): in an HTML page an SVG
//! element left open would swallow the elements after it.

use maud::{Markup, html};

/// Text size of labels and numbers, in CSS pixels (the page's body text is 18, its
/// hints about 16).
const TEXT: u32 = 16;
/// Height of one bar, and of one row (its label, its bar and the space after).
const BAR: u32 = 16;
const ROW: u32 = 48;
/// The longest bar's share of the width; the rest keeps room for its number.
const LONGEST: f64 = 82.0;
/// The bar colour: the pages' accent, 7.6:1 against white.
const FILL: &str = "#a3161b";

/// A chart of `bars` (label and value each, drawn in order) under its caption
/// `title`, which also names the picture for screen readers; `id` makes the
/// caption's id unique on the page.
pub fn bars(id: &str, title: &str, bars: &[(String, i64)]) -> Markup {
    let max = bars.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1) as f64;
    let height = ROW * bars.len() as u32;
    let title_id = format!("{id}-title");
    html! {
        figure.chart {
            figcaption id=(title_id) { (title) }
            svg xmlns="http://www.w3.org/2000/svg" width="100%" height=(height)
                role="img" aria-labelledby=(title_id) font-size=(TEXT) {
                @for (i, (label, value)) in bars.iter().enumerate() {
                    @let top = ROW * i as u32;
                    @let share = if *value > 0 { (*value as f64 / max * LONGEST).max(0.5) } else { 0.0 };
                    g {
                        text x="0" y=(top + TEXT + 1) fill="currentColor" { (label) }
                        @if share > 0.0 {
                            rect x="0" y=(top + TEXT + 6) width=(format!("{share:.1}%")) height=(BAR) fill=(FILL) {}
                        }
                        text x=(format!("{share:.1}%")) dx="6" y=(top + TEXT + 6 + BAR - 3)
                            fill="currentColor" { (value) }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_shares_of_the_largest_and_every_element_is_closed() {
        let svg = bars(
            "a",
            "各条文意见数",
            &[
                ("第一条".into(), 4),
                ("第二条".into(), 1),
                ("<整部>".into(), 0),
            ],
        )
        .into_string();
        assert!(svg.contains(r#"width="82.0%""#), "{svg}");
        assert!(svg.contains(r#"width="20.5%""#), "{svg}");
        // A bar of nothing is not drawn; its number still is.
        assert_eq!(svg.matches("<rect").count(), 2);
        assert_eq!(svg.matches("<rect").count(), svg.matches("</rect>").count());
        assert!(svg.contains("&lt;整部&gt;"), "labels are escaped: {svg}");
        assert!(svg.contains(r#"height="144""#), "three rows: {svg}");
        assert!(svg.contains(r#"aria-labelledby="a-title""#));
    }
}
