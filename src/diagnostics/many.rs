//! Writing many diagnostics at once.
//!
//! `check` on a literature-scale network prints hundreds of warnings, each a source
//! excerpt that miette lays out (a few hundred thousand instructions apiece): the other
//! core lays out the second half while this one lays out and writes the first, and the
//! text is the same, in the same order, as writing them one by one.

use std::io::Write;

use super::Diag;
use crate::source::Sources;

/// Fewer diagnostics than this are written on one core: a thread costs more than it saves.
const PARALLEL_MIN: usize = 64;

/// Write each diagnostic of `diags`, rendered, and a blank line after it, in order.
pub fn write_all(w: &mut impl Write, diags: &[Diag], sources: &Sources, colour: bool) {
    write_all_from(w, diags, sources, colour, PARALLEL_MIN);
}

/// [`write_all`], on two cores from `parallel_min` diagnostics on. Writing stops at the
/// first error (a closed pipe): nothing more could be read.
fn write_all_from(
    out: &mut impl Write,
    diags: &[Diag],
    sources: &Sources,
    colour: bool,
    parallel_min: usize,
) {
    // Standard error is unbuffered: two system calls a diagnostic, hundreds of them,
    // where a few writes of 64 KiB say the same.
    let mut w = std::io::BufWriter::with_capacity(1 << 16, out);
    write_each(&mut w, diags, sources, colour, parallel_min);
    // A failed flush is a closed pipe, as for any write: nothing more could be read.
    let _ = w.flush();
}

/// [`write_all_from`] into its buffer.
fn write_each(
    w: &mut impl Write,
    diags: &[Diag],
    sources: &Sources,
    colour: bool,
    parallel_min: usize,
) {
    let write = |w: &mut dyn Write, text: &str| {
        w.write_all(text.as_bytes())
            .and_then(|()| w.write_all(b"\n"))
    };
    if diags.len() < parallel_min.max(2) {
        for d in diags {
            if write(w, &d.render(sources, colour)).is_err() {
                return;
            }
        }
        return;
    }
    let (first, second) = diags.split_at(diags.len() / 2);
    std::thread::scope(|scope| {
        let later = scope.spawn(|| {
            second
                .iter()
                .map(|d| d.render(sources, colour))
                .collect::<Vec<_>>()
        });
        let mut failed = false;
        for d in first {
            if write(w, &d.render(sources, colour)).is_err() {
                failed = true;
                break;
            }
        }
        let texts = crate::threads::join(later);
        if !failed {
            for text in &texts {
                if write(w, text).is_err() {
                    break;
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use crate::program::load_text;

    /// On two cores the text is byte for byte the one written on one, whatever the
    /// count, odd or even.
    #[test]
    fn two_cores_write_what_one_writes() {
        let text: String = (0..41)
            .map(|i| format!("g{i} activates h{i}\ng{i} activates h{i}\n"))
            .collect();
        let loaded = load_text("many.rules", &text);
        assert!(
            loaded.diags.len() >= 41,
            "{} diagnostics",
            loaded.diags.len()
        );
        for n in [0, 1, 2, 3, 40, 41] {
            let diags = &loaded.diags[..n];
            let write = |parallel_min| {
                let mut out = Vec::new();
                super::write_all_from(
                    &mut out,
                    diags,
                    &loaded.program.sources,
                    false,
                    parallel_min,
                );
                out
            };
            let one = write(usize::MAX);
            assert_eq!(write(0), one, "{n} diagnostics");
            assert_eq!(one.iter().filter(|&&b| b == b'\n').count() > n, n > 0);
        }
    }
}
