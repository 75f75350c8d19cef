//! Session commands (`:scenario S`, `:given X up`, …) as data.

use crate::cli::Format;
use crate::program::names::did_you_mean;

/// Every command with its argument and what it does, for `:help` and completion.
pub const COMMANDS: &[(&str, &str, &str)] = &[
    (":scenario", "[S]", "run scenario S (no name: none)"),
    (":given", "X [up|down]", "add a given state"),
    (":knockout", "X", "clamp X down"),
    (":overexpress", "X", "clamp X up"),
    (
        ":context",
        "C",
        "select context C (statements of other contexts switch off)",
    ),
    (":format", "text|json", "how answers are printed"),
    (
        ":max-join-rows",
        "N",
        "stop a variable rule's join step past N rows",
    ),
    (
        ":reset",
        "",
        "clear the scenario, givens, clamps and contexts",
    ),
    (":show", "", "the current run"),
    (":run", "", "net effects of the current run"),
    (
        ":effects",
        "[X [up|down]]",
        "raise (or lower) X on top of the run: what moved; alone, as :run",
    ),
    (":reload", "", "read the rule files again, keeping the run"),
    (":help", "", "this list"),
    (":quit", "", "leave (also :q, :exit, Ctrl-D)"),
];

/// A parsed session command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Scenario(Option<String>),
    Given(String),
    Knockout(String),
    Overexpress(String),
    Context(String),
    Format(Format),
    MaxJoinRows(u64),
    Reset,
    Show,
    Run,
    Effects(Option<(String, bool)>),
    Reload,
    Help,
    Quit,
}

/// Parse a line starting with `:`; the error is a message for the user.
pub fn parse(line: &str) -> Result<Command, String> {
    let line = line.trim();
    let (word, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
    let arg = rest.trim();
    let need = |what: &str| -> Result<String, String> {
        if arg.is_empty() {
            Err(format!(
                "{word} needs {what}, e.g. `{word} {}`",
                example(word)
            ))
        } else {
            Ok(unquote(arg))
        }
    };
    let none = |c: Command| -> Result<Command, String> {
        if arg.is_empty() {
            Ok(c)
        } else {
            Err(format!("{word} takes no argument"))
        }
    };
    match word {
        ":scenario" => Ok(Command::Scenario((!arg.is_empty()).then(|| unquote(arg)))),
        ":given" => need("a state").map(Command::Given),
        ":knockout" => need("an entity").map(Command::Knockout),
        ":overexpress" => need("an entity").map(Command::Overexpress),
        ":context" => need("a context").map(Command::Context),
        ":format" => match arg {
            "text" => Ok(Command::Format(Format::Text)),
            "json" => Ok(Command::Format(Format::Json)),
            _ => Err(":format takes `text` or `json`".to_string()),
        },
        ":max-join-rows" => match arg.parse() {
            Ok(n) if n > 0 => Ok(Command::MaxJoinRows(n)),
            _ => Err(":max-join-rows takes a whole number above 0".to_string()),
        },
        ":reset" => none(Command::Reset),
        ":show" => none(Command::Show),
        ":run" => none(Command::Run),
        ":effects" => Ok(Command::Effects(effects_arg(arg))),
        ":reload" => none(Command::Reload),
        ":help" | ":h" | ":?" => Ok(Command::Help),
        ":quit" | ":q" | ":exit" => Ok(Command::Quit),
        _ => {
            let names = COMMANDS.iter().map(|(c, _, _)| *c);
            let hint =
                did_you_mean(word, names).unwrap_or_else(|| ":help lists the commands".into());
            Err(format!("unknown command `{word}`; {hint}"))
        }
    }
}

/// `X`, `X up` or `X down` (down: lower it).
fn effects_arg(arg: &str) -> Option<(String, bool)> {
    if arg.is_empty() {
        return None;
    }
    if let Some(x) = arg.strip_suffix(" down") {
        return Some((unquote(x.trim()), true));
    }
    let x = arg.strip_suffix(" up").unwrap_or(arg);
    Some((unquote(x.trim()), false))
}

/// A name typed with or without quotes.
fn unquote(s: &str) -> String {
    s.strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .unwrap_or(s)
        .to_string()
}

fn example(word: &str) -> &'static str {
    match word {
        ":given" => "hypoxia up",
        ":context" => "macrophage",
        _ => "PKNOX1",
    }
}

/// The `:help` text.
pub fn help() -> String {
    let mut s = String::from(
        "Ask a query:\n  why X up|down\n  why not X up|down\n  effect of X [up|down] on Y\n  path from X to Y\n\nCommands:\n",
    );
    for (c, arg, what) in COMMANDS {
        let left = if arg.is_empty() {
            c.to_string()
        } else {
            format!("{c} {arg}")
        };
        s.push_str(&format!("  {left:<28} {what}\n"));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_parse() {
        assert_eq!(
            parse(":given hypoxia up"),
            Ok(Command::Given("hypoxia up".into()))
        );
        assert_eq!(parse(":scenario"), Ok(Command::Scenario(None)));
        assert_eq!(
            parse(":effects PKNOX1 down"),
            Ok(Command::Effects(Some(("PKNOX1".into(), true))))
        );
        assert!(parse(":knockout").is_err());
        assert!(parse(":scenaro x").unwrap_err().contains(":scenario"));
        assert!(parse(":run now").is_err());
        assert_eq!(parse(":max-join-rows 1000"), Ok(Command::MaxJoinRows(1000)));
        assert!(parse(":max-join-rows 0").is_err());
    }
}
