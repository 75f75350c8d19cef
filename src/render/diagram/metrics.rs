//! Text widths without a font file: an estimate per character class, tuned on the
//! widths of Helvetica/Arial (and a little wider, for Inter), so boxes fit their names
//! whichever font of the stack the viewer has.

/// Estimated advance width of `text` in pixels at `size` px.
pub fn text_width(text: &str, size: f64) -> f64 {
    let em: f64 = text.chars().map(char_em).sum();
    em * size * 1.04
}

/// Advance width of one character in em.
fn char_em(c: char) -> f64 {
    match c {
        'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | 'I' => 0.26,
        ' ' | 'f' | 't' | 'r' | '/' | '(' | ')' | '[' | ']' | '-' => 0.34,
        'm' | 'w' => 0.84,
        'M' | 'W' => 0.88,
        '0'..='9' => 0.56,
        'a'..='z' => 0.54,
        'A'..='Z' => 0.68,
        '_' | '+' | '=' | '<' | '>' | '~' | '×' | '·' => 0.58,
        // Greek: lower case about as wide as Latin, capitals a little wider.
        'α'..='ω' => 0.56,
        'Α'..='Ω' => 0.68,
        '→' | '⊣' | '…' => 0.9,
        c if is_wide(c) => 1.0,
        c if c.is_ascii() => 0.5,
        _ => 0.62,
    }
}

/// East Asian wide characters take a full em.
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x1F300..=0x1FAFF
        | 0x20000..=0x3FFFD)
}

#[cfg(test)]
mod tests {
    use super::text_width;

    #[test]
    fn wider_names_measure_wider() {
        assert!(text_width("IL-1β", 13.0) < text_width("Wnt/β-catenin", 13.0));
        assert!(text_width("iii", 13.0) < text_width("MMM", 13.0));
        assert!(text_width("骨", 13.0) >= 13.0);
        assert_eq!(text_width("", 13.0), 0.0);
    }
}
