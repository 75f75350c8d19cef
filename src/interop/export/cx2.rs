//! CX2, the network exchange JSON of Cytoscape and NDEx: a list of aspects — descriptor,
//! `metaData`, `attributeDeclarations`, `networkAttributes`, `nodes`, `edges`, `status` —
//! with every attribute declared and typed.

use serde::{Serialize, Serializer};
use serde_json::json;

use super::walked::Walked;
use super::{Edge, Export, NodeEffect};
use crate::program::EntityId;

/// The CX2 document of the export.
pub fn write<'a>(x: &'a Export<'a>) -> impl Serialize + 'a {
    let edges = x.edges();
    let nodes = x.nodes(&edges);
    Document { x, edges, nodes }
}

/// The nodes and edges, a million each on a big network, are written as records
/// borrowed from the program as they are walked, not as trees of values (which took
/// gigabytes); the small aspects around them are values.
struct Document<'a> {
    x: &'a Export<'a>,
    edges: Vec<Edge<'a>>,
    nodes: Vec<EntityId>,
}

#[derive(Serialize)]
struct NodesAspect<'a> {
    nodes: Walked<'a, NodeDoc<'a>>,
}

#[derive(Serialize)]
struct EdgesAspect<'a> {
    edges: Walked<'a, EdgeDoc<'a>>,
}

#[derive(Serialize)]
struct NodeDoc<'a> {
    id: u32,
    v: NodeAttributes<'a>,
}

/// A node's attributes; those it lacks are left out, as CX2 allows.
#[derive(Serialize)]
struct NodeAttributes<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'a str>,
    outcome: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    net: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lean: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    margin: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    up_strength: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    down_strength: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    clamp: Option<&'static str>,
}

#[derive(Serialize)]
struct EdgeDoc<'e> {
    id: usize,
    s: u32,
    t: u32,
    v: EdgeAttributes<'e>,
}

#[derive(Serialize)]
struct EdgeAttributes<'e> {
    interaction: &'e str,
    relation: &'static str,
    sign: i8,
    confidence: f64,
    citations: &'e [&'e str],
    contexts: &'e [&'e str],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    conditions: &'e [String],
    location: &'e str,
}

fn edge<'e>(i: usize, e: &'e Edge<'_>) -> EdgeDoc<'e> {
    EdgeDoc {
        id: i,
        s: e.source.0,
        t: e.target.0,
        v: EdgeAttributes {
            interaction: &e.verb,
            relation: e.relation,
            sign: e.sign,
            confidence: e.confidence,
            citations: &e.citations,
            contexts: &e.contexts,
            conditions: &e.conditions,
            location: &e.location,
        },
    }
}

fn node<'a>(x: &'a Export<'a>, id: EntityId) -> NodeDoc<'a> {
    let p = x.program;
    let effect = x.effect(id).map(NodeEffect::of);
    let effect = effect.as_ref();
    NodeDoc {
        id: id.0,
        v: NodeAttributes {
            name: p.entity_name(id),
            kind: p.entity(id).kind.as_deref(),
            outcome: p.outcomes.contains(&id),
            net: effect.map(|e| e.net),
            lean: effect.and_then(|e| e.lean),
            margin: effect.and_then(|e| e.margin).filter(|m| m.is_finite()),
            up_strength: effect.and_then(|e| e.up),
            down_strength: effect.and_then(|e| e.down),
            clamp: effect.and_then(|e| e.clamp),
        },
    }
}

impl Serialize for Document<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let x = self.x;
        let name = x.scenario.as_deref().unwrap_or("marrow network");
        (
            json!({"CXVersion": "2.0", "hasFragments": false}),
            json!({"metaData": [
                {"name": "attributeDeclarations", "elementCount": 1},
                {"name": "networkAttributes", "elementCount": 1},
                {"name": "nodes", "elementCount": self.nodes.len()},
                {"name": "edges", "elementCount": self.edges.len()},
            ]}),
            json!({"attributeDeclarations": [{
                "networkAttributes": {"name": {"d": "string"}, "description": {"d": "string"}},
                "nodes": {
                    "name": {"d": "string"}, "kind": {"d": "string"}, "outcome": {"d": "boolean"},
                    "net": {"d": "string"}, "lean": {"d": "string"}, "margin": {"d": "double"},
                    "up_strength": {"d": "double"}, "down_strength": {"d": "double"},
                    "clamp": {"d": "string"},
                },
                "edges": {
                    "interaction": {"d": "string"}, "relation": {"d": "string"},
                    "sign": {"d": "integer"}, "confidence": {"d": "double"},
                    "citations": {"d": "list_of_string"}, "contexts": {"d": "list_of_string"},
                    "conditions": {"d": "list_of_string"}, "location": {"d": "string"},
                },
            }]}),
            json!({"networkAttributes": [{
                "name": name,
                "description": "exported by marrow: signed causal statements with citations",
            }]}),
            NodesAspect {
                nodes: Walked::new(|| self.nodes.iter().map(move |&id| node(x, id))),
            },
            EdgesAspect {
                edges: Walked::new(|| self.edges.iter().enumerate().map(|(i, e)| edge(i, e))),
            },
            json!({"status": [{"error": "", "success": true}]}),
        )
            .serialize(s)
    }
}
