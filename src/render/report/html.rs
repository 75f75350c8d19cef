//! Small HTML helpers: escaping and the page's inline style sheet.

/// Escape text for HTML content and attribute values.
pub fn esc(text: &str) -> String {
    crate::render::diagram::svg::esc(text)
}

/// An `id` fragment from a name: letters and digits kept, anything else `-`.
pub fn slug(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect()
}

/// The inline style sheet: screen and print, no external fonts or images.
pub const CSS: &str = include_str!("style.css");
