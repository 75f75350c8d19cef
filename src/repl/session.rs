//! A session: rules loaded once, the run being asked about, and what each line does.

use std::path::PathBuf;

use super::command::{self, Command};
use crate::answers::{QueryOptions, RunSpec, answer, perturb};
use crate::cli::Format;
use crate::commands::Output;
use crate::diagnostics::Diag;
use crate::engine::{Net, RunConfig, evaluate, net_effects};
use crate::program::{Loaded, State};
use crate::render::{json, text};
use crate::source::{SourceFile, Sources};
use crate::syntax::SegmentParser;

/// Whether to go on after a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Read the next line.
    Continue,
    /// End the session.
    Quit,
}

/// The session's state.
pub struct Session {
    paths: Vec<PathBuf>,
    /// The rules, as last loaded (`:reload` replaces them).
    pub loaded: Loaded,
    /// The run being asked about, as typed; it always builds against `loaded`.
    pub spec: RunSpec,
    config: RunConfig,
    scenario: Option<String>,
    /// How answers are printed (text or JSON).
    pub format: Format,
}

impl Session {
    /// A session over loaded rules, with the run `spec` (which must build).
    pub fn new(
        paths: Vec<PathBuf>,
        loaded: Loaded,
        spec: RunSpec,
        format: Format,
    ) -> Result<Session, Diag> {
        let (config, scenario) = spec.build(&loaded.program)?;
        Ok(Session {
            paths,
            loaded,
            spec,
            config,
            scenario,
            format,
        })
    }

    /// The scenario selected, for the prompt.
    pub fn scenario(&self) -> Option<&str> {
        self.scenario.as_deref()
    }

    /// Do what one line says.
    pub fn line(&mut self, line: &str, out: &Output) -> Flow {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            return Flow::Continue;
        }
        if line.starts_with(':') {
            return match command::parse(line) {
                Ok(c) => self.command(c, out),
                Err(message) => {
                    out.eprint(&format!("error: {message}\n"));
                    Flow::Continue
                }
            };
        }
        self.query(line, out);
        Flow::Continue
    }

    /// A query, through the dispatcher `marrow ask` uses.
    fn query(&self, line: &str, out: &Output) {
        let mut sources = Sources::default();
        let file = sources.add(SourceFile::new("query", line));
        let parsed = match SegmentParser::parse_query(file, line) {
            Ok(q) => q,
            Err(d) => return out.diags(&[d], &sources),
        };
        let program = &self.loaded.program;
        match answer(program, &self.config, &parsed, QueryOptions::default()) {
            Ok(a) => crate::commands::ask::print(program, &a, self.scenario(), self.format, out),
            Err(d) => out.diags(&[d], &program.sources),
        }
    }

    fn command(&mut self, c: Command, out: &Output) -> Flow {
        let mut spec = self.spec.clone();
        match c {
            Command::Quit => return Flow::Quit,
            Command::Help => out.print(&command::help()),
            Command::Show => out.print(&self.show()),
            Command::Run | Command::Effects(None) => self.effects(out),
            Command::Effects(Some((x, down))) => self.perturb(&x, down, out),
            Command::Format(f) => self.format = f,
            Command::MaxJoinRows(n) => {
                spec.max_join_rows = Some(n);
                self.set(spec, out);
            }
            Command::Reload => self.reload(out),
            Command::Reset => self.set(RunSpec::default(), out),
            Command::Scenario(s) => {
                spec.scenario = s;
                self.set(spec, out);
            }
            Command::Given(g) => {
                spec.given.push(g);
                self.set(spec, out);
            }
            Command::Knockout(x) => {
                spec.knockout.push(x);
                self.set(spec, out);
            }
            Command::Overexpress(x) => {
                spec.overexpress.push(x);
                self.set(spec, out);
            }
            Command::Context(c) => {
                spec.context.push(c);
                self.set(spec, out);
            }
        }
        Flow::Continue
    }

    /// Take a new run if it builds; otherwise say why and keep the old one.
    fn set(&mut self, spec: RunSpec, out: &Output) {
        match spec.build(&self.loaded.program) {
            Ok((config, scenario)) => {
                self.spec = spec;
                self.config = config;
                self.scenario = scenario;
                out.print(&self.show());
            }
            Err(d) => out.diags(&[d], &self.loaded.program.sources),
        }
    }

    /// The current run in words.
    fn show(&self) -> String {
        let s = &self.spec;
        let mut parts = Vec::new();
        if let Some(sc) = &self.scenario {
            parts.push(format!("scenario {sc}"));
        }
        parts.extend(s.given.iter().map(|g| format!("given {g}")));
        parts.extend(s.knockout.iter().map(|x| format!("knockout {x}")));
        parts.extend(s.overexpress.iter().map(|x| format!("overexpress {x}")));
        parts.extend(s.context.iter().map(|c| format!("context {c}")));
        if parts.is_empty() {
            "run: nothing given\n".to_string()
        } else {
            format!("run: {}\n", parts.join(", "))
        }
    }

    /// `:run`: the net effects of the current run.
    fn effects(&self, out: &Output) {
        let program = &self.loaded.program;
        let ev = evaluate(program, &self.config);
        let effects = net_effects(program, &ev, false);
        let view = out.view(program);
        match self.format {
            Format::Json => {
                out.write_with(|w| json::write_run_json(w, &view, &ev, self.scenario(), &effects))
            }
            // A net-effects table has no picture: drawing formats print it as text.
            Format::Text | Format::Dot | Format::Svg => {
                out.print(&crate::commands::run::header(program, self.scenario()));
                out.print(&text::effects_table(&view, &effects));
                if self.config.clamps.is_empty() {
                    out.print("(nothing is given: :scenario S or :given \"X up\")\n");
                }
            }
        }
    }

    /// `:effects X [down]`: what raising or lowering X moves.
    fn perturb(&self, typed: &str, down: bool, out: &Output) {
        let program = &self.loaded.program;
        let e = match crate::answers::resolve_entity(program, typed) {
            Ok(e) => e,
            Err(d) => return out.diags(&[d], &program.sources),
        };
        let state = if down { State::Down } else { State::Up };
        let mut p = perturb(program, &self.config, e, state, &[]);
        p.moved.retain(|m| m.after.net != Net::Unaffected);
        crate::commands::effects::print(program, &p, None, self.scenario(), self.format, out);
    }

    /// `:reload`: read the files again; keep the run when its names still resolve.
    fn reload(&mut self, out: &Output) {
        let Ok(loaded) = crate::commands::setup::load(&self.paths, out) else {
            out.eprint("the rules were not reloaded; the session keeps the previous ones\n");
            return;
        };
        match self.spec.build(&loaded.program) {
            Ok((config, scenario)) => {
                self.config = config;
                self.scenario = scenario;
            }
            Err(d) => {
                out.diags(&[d], &loaded.program.sources);
                out.eprint("the run was cleared\n");
                self.spec = RunSpec::default();
                self.config = RunConfig::default();
                self.scenario = None;
            }
        }
        let n = loaded.program.statements.len();
        self.loaded = loaded;
        out.print(&format!("reloaded: {n} statements\n"));
    }
}
