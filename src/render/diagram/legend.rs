//! The key under an SVG picture: only the colours, borders and edge heads it uses.

use std::fmt::Write;

use super::metrics::text_width;
use super::style::{self, MUTED, SUBLABEL_SIZE};
use super::svg::{esc, num};
use super::{Diagram, NodeClass, Pin, Sign};

/// One entry of the key.
pub(super) enum Item {
    Class(NodeClass),
    Pin(Pin),
    Sign(Sign),
    Dashed,
}

/// The key lists only what the picture uses, in a fixed order.
pub(super) fn legend_items(d: &Diagram) -> Vec<Item> {
    let mut items = Vec::new();
    for class in [
        NodeClass::Up,
        NodeClass::Down,
        NodeClass::Conflicting,
        NodeClass::Unaffected,
    ] {
        if d.nodes.iter().any(|n| n.class == class) {
            items.push(Item::Class(class));
        }
    }
    for pin in [Pin::Given, Pin::Clamped] {
        if d.nodes.iter().any(|n| n.pin == Some(pin)) {
            items.push(Item::Pin(pin));
        }
    }
    for sign in [
        Sign::Activation,
        Sign::Inhibition,
        Sign::Delivery,
        Sign::Null,
    ] {
        if d.edges.iter().any(|e| e.sign == sign) {
            items.push(Item::Sign(sign));
        }
    }
    if d.edges.iter().any(|e| e.dashed && e.sign != Sign::Null) {
        items.push(Item::Dashed);
    }
    items
}

fn item_word(item: &Item) -> &'static str {
    match item {
        Item::Class(c) => style::class_word(*c),
        Item::Pin(p) => style::pin_word(*p),
        Item::Sign(s) => style::sign_word(*s),
        Item::Dashed => "conditional / disputed",
    }
}

/// The key, flowed in rows no wider than `width`; returns the SVG and its height.
pub(super) fn draw_legend(p: &str, items: &[Item], width: f64) -> (String, f64) {
    if items.is_empty() {
        return (String::new(), 0.0);
    }
    const ROW: f64 = 22.0;
    let mut s = String::new();
    let (mut x, mut y) = (0.0, 0.0);
    for item in items {
        let word = item_word(item);
        let w = 34.0 + text_width(word, SUBLABEL_SIZE) + 18.0;
        if x > 0.0 && x + w > width {
            x = 0.0;
            y += ROW;
        }
        match item {
            Item::Class(c) => {
                let col = style::node_colours(*c);
                let _ = write!(
                    s,
                    "<rect x=\"{}\" y=\"{}\" width=\"26\" height=\"14\" rx=\"4\" fill=\"{}\" stroke=\"{}\"/>",
                    num(x),
                    num(y),
                    col.fill,
                    col.stroke
                );
            }
            Item::Pin(_) => {
                let col = style::node_colours(NodeClass::Unaffected);
                let _ = write!(
                    s,
                    "<rect x=\"{}\" y=\"{}\" width=\"26\" height=\"14\" rx=\"4\" fill=\"{}\" stroke=\"{}\"/>\
                     <rect x=\"{}\" y=\"{}\" width=\"20\" height=\"8\" rx=\"2\" fill=\"none\" stroke=\"{}\"/>",
                    num(x),
                    num(y),
                    col.fill,
                    col.stroke,
                    num(x + 3.0),
                    num(y + 3.0),
                    col.stroke
                );
            }
            Item::Sign(sign) => {
                let dash = if *sign == Sign::Null {
                    " stroke-dasharray=\"1.5 3.5\" stroke-linecap=\"round\""
                } else {
                    ""
                };
                let _ = write!(
                    s,
                    "<path d=\"M{},{} H{}\" stroke=\"{}\" stroke-width=\"1.5\"{dash} marker-end=\"url(#{p}head-{})\"/>",
                    num(x),
                    num(y + 7.0),
                    num(x + 26.0),
                    style::edge_colour(*sign),
                    style::sign_class(*sign)
                );
            }
            Item::Dashed => {
                let _ = write!(
                    s,
                    "<path d=\"M{},{} H{}\" stroke=\"{MUTED}\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>",
                    num(x),
                    num(y + 7.0),
                    num(x + 26.0)
                );
            }
        }
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"{}\" font-size=\"{SUBLABEL_SIZE}\" fill=\"{MUTED}\">{}</text>",
            num(x + 34.0),
            num(y + 11.0),
            esc(word)
        );
        x += w;
    }
    (s, y + ROW - 6.0)
}
