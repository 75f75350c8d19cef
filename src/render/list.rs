//! `marrow list`: what the loaded rules declare, as aligned text or JSON.

use serde_json::{Value, json};

use crate::cli::ListWhat;
use crate::program::{EntityId, Program};

use super::{View, json as doc};

fn what_key(what: ListWhat) -> &'static str {
    match what {
        ListWhat::Scenarios => "scenarios",
        ListWhat::Entities => "entities",
        ListWhat::Contexts => "contexts",
        ListWhat::Outcomes => "outcomes",
        ListWhat::Verbs => "verbs",
    }
}

/// The items as JSON objects (the first key is always `name`).
fn items(view: &View, what: ListWhat) -> Vec<Value> {
    let p: &Program = view.program;
    let entity = |id: EntityId| {
        let e = p.entity(id);
        json!({
            "name": p.entity_name(id),
            "kind": e.kind,
            "aliases": &e.aliases[..],
            "declared": e.declared,
            "outcome": p.outcomes.contains(&id),
        })
    };
    match what {
        ListWhat::Scenarios => p
            .scenarios
            .values()
            .map(|s| {
                let (file, line, _) = view.location(s.span);
                json!({
                    "name": s.name,
                    "title": s.title,
                    "file": file,
                    "line": line,
                    "expectations": s.expects.len(),
                })
            })
            .collect(),
        ListWhat::Entities => (0..p.entities.len() as u32)
            .map(|i| entity(EntityId(i)))
            .collect(),
        ListWhat::Outcomes => p.outcomes.iter().map(|&id| entity(id)).collect(),
        ListWhat::Contexts => p.contexts.keys().map(|c| json!({ "name": c })).collect(),
        ListWhat::Verbs => p
            .verbs
            .iter()
            .map(|(w, r)| json!({ "name": w, "relation": r.as_str() }))
            .collect(),
    }
}

/// The `list` JSON document.
pub fn list_json(view: &View, what: ListWhat) -> String {
    doc::list_json(what_key(what), items(view, what))
}

/// One line per item: the name, then what describes it.
pub fn list_text(view: &View, what: ListWhat) -> String {
    let items = items(view, what);
    if items.is_empty() {
        return format!("no {}\n", what_key(what));
    }
    let name = |v: &Value| v["name"].as_str().unwrap_or_default().to_string();
    let width = items
        .iter()
        .map(|v| name(v).chars().count())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for v in &items {
        let detail = match what {
            ListWhat::Scenarios => {
                let title = v["title"]
                    .as_str()
                    .map(|t| format!("{t} — "))
                    .unwrap_or_default();
                format!(
                    "{title}{}:{}, {} expectations",
                    v["file"].as_str().unwrap_or_default(),
                    v["line"],
                    v["expectations"]
                )
            }
            ListWhat::Entities | ListWhat::Outcomes => {
                let mut parts = Vec::new();
                if let Some(k) = v["kind"].as_str() {
                    parts.push(k.to_string());
                }
                let aliases: Vec<&str> = v["aliases"]
                    .as_array()
                    .map(|a| a.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                if !aliases.is_empty() {
                    parts.push(format!("aka {}", aliases.join(", ")));
                }
                if v["outcome"] == true && what == ListWhat::Entities {
                    parts.push("outcome".to_string());
                }
                parts.join("  ")
            }
            ListWhat::Contexts => String::new(),
            ListWhat::Verbs => format!("= {}", v["relation"].as_str().unwrap_or_default()),
        };
        let line = format!("{:<width$}  {detail}", name(v));
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
