//! Plain-text tables that fit a width: columns two spaces apart, the widest cut first, cut
//! cells ending in `…`.

use console::{measure_text_width, truncate_str};

/// The narrowest a column is cut to (or its natural width, when narrower).
const MIN_WIDTH: usize = 4;
const GAP: &str = "  ";

/// Lays out `headers` and `rows` (cells already sanitised) within `width` columns of text
/// (`None`: no limit). Every line ends with a newline.
pub fn render(headers: &[String], rows: &[Vec<String>], width: Option<usize>) -> String {
    let mut widths: Vec<usize> = headers.iter().map(|h| measure_text_width(h)).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(measure_text_width(cell));
        }
    }
    if let Some(width) = width {
        fit(
            &mut widths,
            width.saturating_sub(GAP.len() * headers.len().saturating_sub(1)),
        );
    }
    let mut text = String::new();
    for row in std::iter::once(headers).chain(rows.iter().map(Vec::as_slice)) {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, &w)| {
                let cut = truncate_str(cell, w, "…");
                let pad = w.saturating_sub(measure_text_width(&cut));
                format!("{cut}{}", " ".repeat(pad))
            })
            .collect();
        text.push_str(cells.join(GAP).trim_end());
        text.push('\n');
    }
    text
}

/// Narrows the widest columns, one character at a time, until they fit `room` or none can
/// be narrowed further.
fn fit(widths: &mut [usize], room: usize) {
    while widths.iter().sum::<usize>() > room {
        let Some(widest) = widths
            .iter_mut()
            .filter(|w| **w > MIN_WIDTH)
            .max_by_key(|w| **w)
        else {
            return;
        };
        *widest -= 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| (*c).to_owned()).collect()
    }

    #[test]
    fn columns_align_and_the_widest_is_cut_to_fit() {
        let headers = strings(&["id", "subject", "status"]);
        let rows = vec![
            strings(&["1", "Printer on fire in the basement", "New"]),
            strings(&["22", "Short", "In Progress"]),
        ];
        assert_eq!(
            render(&headers, &rows, None),
            "id  subject                          status\n\
             1   Printer on fire in the basement  New\n\
             22  Short                            In Progress\n"
        );
        let narrow = render(&headers, &rows, Some(30));
        assert!(
            narrow.lines().all(|l| measure_text_width(l) <= 30),
            "{narrow}"
        );
        assert!(narrow.contains("1   Printer on f…  New"), "{narrow}");
    }
}
