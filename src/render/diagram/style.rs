//! The look shared by the SVG and DOT writers: colours, sizes, words of the legend.

use super::{NodeClass, Pin, Sign};

/// Fonts of every label, as a CSS `font-family` list.
pub const FONT_STACK: &str = "Inter, 'Helvetica Neue', Helvetica, Arial, sans-serif";
/// Font size of a node's label, in SVG user units (px).
pub const LABEL_SIZE: f64 = 13.0;
/// Font size of a node's sublabel, cluster labels, notes and the legend (px).
pub const SUBLABEL_SIZE: f64 = 10.5;
/// Font size of an edge's label (px).
pub const EDGE_LABEL_SIZE: f64 = 10.0;
/// Colour of ordinary text.
pub const TEXT: &str = "#1f2933";
/// Colour of secondary text and lines: sublabels, edge labels, notes, the legend.
pub const MUTED: &str = "#52606d";

/// Fill, border and text colour of a node.
pub struct NodeColours {
    /// Background.
    pub fill: &'static str,
    /// Border.
    pub stroke: &'static str,
    /// Label text.
    pub text: &'static str,
}

/// The colours of a node of this class.
pub fn node_colours(class: NodeClass) -> NodeColours {
    match class {
        NodeClass::Up => NodeColours {
            fill: "#e3f4e8",
            stroke: "#2f855a",
            text: "#1c4532",
        },
        NodeClass::Down => NodeColours {
            fill: "#fde8e6",
            stroke: "#c53030",
            text: "#63171b",
        },
        NodeClass::Conflicting => NodeColours {
            fill: "#fff3d6",
            stroke: "#b7791f",
            text: "#5f370e",
        },
        NodeClass::Unaffected => NodeColours {
            fill: "#f4f5f7",
            stroke: "#8a94a6",
            text: TEXT,
        },
    }
}

/// Stroke colour of an edge.
pub fn edge_colour(sign: Sign) -> &'static str {
    match sign {
        Sign::Activation => "#2f855a",
        Sign::Inhibition => "#c53030",
        Sign::Delivery => "#4c51bf",
        Sign::Null => "#7b8794",
    }
}

/// The legend's word for a node class.
pub fn class_word(class: NodeClass) -> &'static str {
    match class {
        NodeClass::Up => "up",
        NodeClass::Down => "down",
        NodeClass::Conflicting => "conflicting",
        NodeClass::Unaffected => "unaffected",
    }
}

/// The legend's word for a pin.
pub fn pin_word(pin: Pin) -> &'static str {
    match pin {
        Pin::Given => "given",
        Pin::Clamped => "clamped",
    }
}

/// The legend's word for an edge sign, also used in edge tooltips.
pub fn sign_word(sign: Sign) -> &'static str {
    match sign {
        Sign::Activation => "activates",
        Sign::Inhibition => "inhibits",
        Sign::Delivery => "carries",
        Sign::Null => "does not affect",
    }
}

/// Short class names used in SVG `class` attributes (for a page's CSS).
pub fn sign_class(sign: Sign) -> &'static str {
    match sign {
        Sign::Activation => "activation",
        Sign::Inhibition => "inhibition",
        Sign::Delivery => "delivery",
        Sign::Null => "null",
    }
}
