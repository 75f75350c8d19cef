//! CX2, the network exchange JSON of Cytoscape and NDEx: a list of aspects — descriptor,
//! `metaData`, `attributeDeclarations`, `networkAttributes`, `nodes`, `edges`, `status` —
//! with every attribute declared and typed.

use serde_json::{Map, Value, json};

use super::{Export, NodeEffect};

/// The CX2 document of the export.
pub fn write(x: &Export<'_>) -> Value {
    let p = x.program;
    let edges = x.edges();
    let nodes = x.nodes(&edges);
    let node_values: Vec<Value> = nodes
        .iter()
        .map(|id| {
            let e = p.entity(*id);
            let mut v = Map::new();
            v.insert("name".into(), json!(p.entity_name(*id)));
            if let Some(k) = &e.kind {
                v.insert("kind".into(), json!(k));
            }
            v.insert("outcome".into(), json!(p.outcomes.contains(id)));
            if let Some(effect) = x.effect(*id).map(NodeEffect::of) {
                v.insert("net".into(), json!(effect.net));
                if let Some(l) = effect.lean {
                    v.insert("lean".into(), json!(l));
                }
                if let Some(m) = effect.margin.filter(|m| m.is_finite()) {
                    v.insert("margin".into(), json!(m));
                }
                if let Some(u) = effect.up {
                    v.insert("up_strength".into(), json!(u));
                }
                if let Some(d) = effect.down {
                    v.insert("down_strength".into(), json!(d));
                }
                if let Some(c) = effect.clamp {
                    v.insert("clamp".into(), json!(c));
                }
            }
            json!({"id": id.0, "v": v})
        })
        .collect();
    let edge_values: Vec<Value> = edges
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let mut v = Map::new();
            v.insert("interaction".into(), json!(e.verb));
            v.insert("relation".into(), json!(e.relation));
            v.insert("sign".into(), json!(e.sign));
            v.insert("confidence".into(), json!(e.confidence));
            v.insert("citations".into(), json!(e.citations));
            v.insert("contexts".into(), json!(e.contexts));
            if !e.conditions.is_empty() {
                v.insert("conditions".into(), json!(e.conditions));
            }
            v.insert("location".into(), json!(e.location));
            json!({"id": i, "s": e.source.0, "t": e.target.0, "v": v})
        })
        .collect();
    let name = x.scenario.as_deref().unwrap_or("marrow network");
    json!([
        {"CXVersion": "2.0", "hasFragments": false},
        {"metaData": [
            {"name": "attributeDeclarations", "elementCount": 1},
            {"name": "networkAttributes", "elementCount": 1},
            {"name": "nodes", "elementCount": node_values.len()},
            {"name": "edges", "elementCount": edge_values.len()},
        ]},
        {"attributeDeclarations": [{
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
        }]},
        {"networkAttributes": [{
            "name": name,
            "description": "exported by marrow: signed causal statements with citations",
        }]},
        {"nodes": node_values},
        {"edges": edge_values},
        {"status": [{"error": "", "success": true}]},
    ])
}
