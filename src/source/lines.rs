//! Where a file's lines start, kept sparse: how many line breaks come before each
//! kilobyte of the text. A line is found from its kilobyte with a scan of at most one
//! more. Building the index only counts line breaks, several times faster than listing
//! them, and a million-line file's index is 100 KB where a list of line starts is 4 MB,
//! whose first touch alone cost more than finding the breaks.

/// Bytes of text per entry of the index: every lookup scans at most this much.
const BLOCK: usize = 1024;

/// The line breaks before each block of a text.
#[derive(Debug, Clone)]
pub(super) struct LineIndex {
    /// `before[b]`: line breaks in the text before byte `b * BLOCK`. The first is 0.
    before: Vec<u32>,
    /// Line breaks in the whole text.
    total: u32,
}

impl LineIndex {
    /// The index of `text`, which is at most [`super::MAX_FILE_LEN`] long.
    pub fn of(text: &[u8]) -> LineIndex {
        let mut before = Vec::with_capacity(text.len() / BLOCK + 1);
        let mut total = 0u32;
        for block in text.chunks(BLOCK) {
            before.push(total);
            total += breaks(block);
        }
        if before.is_empty() {
            before.push(0);
        }
        LineIndex { before, total }
    }

    /// Lines in the text (a final line without a line break counts).
    pub fn lines(&self) -> usize {
        self.total as usize + 1
    }

    /// The 0-based line holding byte `offset` (the last line past the end).
    pub fn line_of(&self, text: &[u8], offset: usize) -> usize {
        let offset = offset.min(text.len());
        let block = (offset / BLOCK).min(self.before.len() - 1);
        let from = block * BLOCK;
        (self.before[block] + breaks(&text[from..offset])) as usize
    }

    /// The byte offset where 0-based `line` starts (the text's length past the last line).
    pub fn start_of(&self, text: &[u8], line: usize) -> usize {
        if line == 0 {
            return 0;
        }
        if line > self.total as usize {
            return text.len();
        }
        // The line starts after the text's `line`-th break, which is in the last block
        // with fewer breaks before it.
        let nth = line as u32;
        let block = self.before.partition_point(|&n| n < nth) - 1;
        let from = block * BLOCK;
        let skip = (nth - self.before[block] - 1) as usize;
        memchr::memchr_iter(b'\n', &text[from..])
            .nth(skip)
            .map_or(text.len(), |i| from + i + 1)
    }

    /// The 0-based line holding byte `offset`, and where that line starts: the start is
    /// looked for back to the block's start, and only a line longer than that asks the
    /// index.
    pub fn line_and_start(&self, text: &[u8], offset: usize) -> (usize, usize) {
        let line = self.line_of(text, offset);
        let offset = offset.min(text.len());
        let from = offset - offset % BLOCK;
        let start = match memchr::memrchr(b'\n', &text[from..offset]) {
            Some(i) => from + i + 1,
            None => self.start_of(text, line),
        };
        (line, start)
    }
}

fn breaks(bytes: &[u8]) -> u32 {
    memchr::memchr_iter(b'\n', bytes).count() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain list of line starts the index stands for.
    fn starts(text: &[u8]) -> Vec<usize> {
        std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text).map(|i| i + 1))
            .collect()
    }

    fn agrees(text: &[u8]) {
        let index = LineIndex::of(text);
        let starts = starts(text);
        assert_eq!(index.lines(), starts.len());
        for line in 0..starts.len() + 2 {
            let plain = starts.get(line).copied().unwrap_or(text.len());
            assert_eq!(index.start_of(text, line), plain, "start of line {line}");
        }
        for offset in 0..text.len() + 3 {
            let plain = starts.partition_point(|&s| s <= offset) - 1;
            assert_eq!(index.line_of(text, offset), plain, "line of {offset}");
            let start = starts[plain];
            assert_eq!(
                index.line_and_start(text, offset),
                (plain, start),
                "{offset}"
            );
        }
    }

    #[test]
    fn edges_of_blocks() {
        agrees(b"");
        agrees(b"\n");
        agrees(b"no break");
        agrees(&vec![b'\n'; 3 * BLOCK]);
        agrees(&vec![b'a'; 3 * BLOCK]);
        let mut text = vec![b'a'; BLOCK - 1];
        text.push(b'\n');
        text.extend(vec![b'b'; BLOCK]);
        text.push(b'\n');
        agrees(&text);
    }

    proptest::proptest! {
        /// Lines of any lengths, across and within blocks, are found as a plain list of
        /// line starts finds them.
        #[test]
        fn finds_lines_as_a_list_of_starts_does(
            lines in proptest::collection::vec((0usize..2500, proptest::bool::ANY), 0..8),
        ) {
            let mut text = Vec::new();
            for (len, crlf) in lines {
                text.extend(std::iter::repeat_n(b'x', len));
                text.extend_from_slice(if crlf { b"\r\n" } else { b"\n" });
            }
            text.extend_from_slice(b"tail");
            agrees(&text);
        }
    }
}
