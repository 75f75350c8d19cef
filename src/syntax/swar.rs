//! Byte classes eight bytes at a time, in one 64-bit word ("SIMD within a register").
//!
//! A network's lines are short (twenty-odd bytes): a library search such as `memchr`
//! spends more setting up its vector loop than scanning them, and a line is searched
//! several times (its end, its braces, its carriage returns). Two or three word steps
//! do the same in a few dozen instructions, in safe code.

/// The high bit of every byte of a word.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// Every byte of a word one.
const ONES: u64 = 0x0101_0101_0101_0101;

/// Every byte but its high bit.
const LOW: u64 = !HIGH;

/// The bytes `b[i..i + 8]` as a little-endian word (byte `i` lowest), those at or past
/// `end` zero. `i` must be below `end`. Eight bytes are read whenever `b` holds them, even
/// past `end`, and masked: the last word of a line is then one read, not a loop.
#[inline(always)]
fn word_at(b: &[u8], i: usize, end: usize) -> u64 {
    let w = if i + 8 <= b.len() {
        word(b, i)
    } else {
        b[i..]
            .iter()
            .enumerate()
            .fold(0, |w, (k, &byte)| w | u64::from(byte) << (8 * k))
    };
    match end - i {
        n @ 0..8 => w & ((1u64 << (8 * n)) - 1),
        _ => w,
    }
}

/// The high bit set in each byte of `w` equal to `c`: exact, since no sum below carries
/// out of its byte.
#[inline(always)]
fn equal_bytes(w: u64, c: u8) -> u64 {
    let x = w ^ (ONES * u64::from(c));
    // A byte's high bit is set in `(x & LOW) + LOW` when its low seven bits are not all
    // zero, and in `x` when its own is: a byte is zero when neither is.
    !(((x & LOW) + LOW) | x) & HIGH
}

/// The high bit set in each byte of `w` that is an ASCII letter or digit. Every sum
/// below stays under 0x100 within its byte, so no carry crosses into the next.
#[inline(always)]
fn alnum_bytes(w: u64) -> u64 {
    let seven = w & LOW;
    // High bit set where the byte is at least `lo`, or greater than `hi`.
    let at_least = |x: u64, lo: u8| x + ONES * u64::from(0x80 - lo);
    let above = |x: u64, hi: u8| x + ONES * u64::from(0x7F - hi);
    let digit = at_least(seven, b'0') & !above(seven, b'9');
    // Setting bit 5 lowercases the letters and takes nothing else into `a`..=`z`.
    let lower = seven | (ONES * 0x20);
    let letter = at_least(lower, b'a') & !above(lower, b'z');
    (digit | letter) & !w & HIGH
}

/// The high bit set in each byte of `w` that is one of `set`.
#[inline(always)]
fn any_bytes<const N: usize>(w: u64, set: [u8; N]) -> u64 {
    set.iter().fold(0, |found, &c| found | equal_bytes(w, c))
}

/// The first place in `b[from..end]` holding one of `set`, or `end`. No byte of `set`
/// may be zero (the last word is zero from `end` on).
#[inline(always)]
pub fn find_any<const N: usize>(b: &[u8], mut from: usize, end: usize, set: [u8; N]) -> usize {
    let end = end.min(b.len());
    while from + 8 <= end {
        let found = any_bytes(word(b, from), set);
        if found != 0 {
            return from + (found.trailing_zeros() / 8) as usize;
        }
        from += 8;
    }
    if from < end {
        let found = any_bytes(word_at(b, from, end), set);
        if found != 0 {
            return from + (found.trailing_zeros() / 8) as usize;
        }
    }
    end
}

/// Where the ASCII letters and digits starting at byte `i` end: names are most of a
/// network's bytes, so eight at a time while eight remain, then one by one.
#[inline(always)]
pub fn alnum_end(b: &[u8], mut i: usize, end: usize) -> usize {
    while i + 8 <= end {
        let other = !alnum_bytes(word(b, i)) & HIGH;
        if other != 0 {
            return i + (other.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < end && b[i].is_ascii_alphanumeric() {
        i += 1;
    }
    i
}

/// The eight bytes at `i`, which `b` must hold, as a little-endian word.
#[inline(always)]
fn word(b: &[u8], i: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&b[i..i + 8]);
    u64::from_le_bytes(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every byte value in every position, among others of several kinds, answers what
    /// comparing one byte at a time does.
    #[test]
    fn equal_bytes_is_byte_equality() {
        for fill in [0u8, b'a', b'\n', 0x80, 0xFF] {
            for at in 0..8 {
                for v in 0..=255u8 {
                    let mut word = [fill; 8];
                    word[at] = v;
                    let w = u64::from_le_bytes(word);
                    for c in [b'\n', b'{', b'}', b'\\', b'\r', 0x80, 0xFF, 1] {
                        let mask = equal_bytes(w, c);
                        assert_eq!(mask & !HIGH, 0);
                        for (k, &b) in word.iter().enumerate() {
                            let set = mask >> (8 * k + 7) & 1 == 1;
                            assert_eq!(set, b == c, "byte {b:#x} at {k}, looking for {c:#x}");
                        }
                    }
                }
            }
        }
    }

    /// Eight bytes at a time answer what one at a time does, for every byte value in
    /// every position, among letters and among separators.
    #[test]
    fn alnum_bytes_is_ascii_alphanumeric() {
        for fill in [b'a', b'Z', b'7', b' ', 0xC3] {
            for at in 0..8 {
                for v in 0..=255u8 {
                    let mut word = [fill; 8];
                    word[at] = v;
                    let mask = alnum_bytes(u64::from_le_bytes(word));
                    for (k, &b) in word.iter().enumerate() {
                        let set = mask >> (8 * k + 7) & 1 == 1;
                        assert_eq!(set, b.is_ascii_alphanumeric(), "byte {b:#x} at {k}");
                    }
                    assert_eq!(mask & !HIGH, 0);
                }
            }
        }
    }

    /// The name scan agrees with a byte loop from every start to every end.
    #[test]
    fn alnum_end_is_the_first_other_byte() {
        let text = b"abcdefgh12345678-xyz";
        for start in 0..text.len() {
            for end in start..=text.len() {
                let slow = (start..end)
                    .find(|&i| !text[i].is_ascii_alphanumeric())
                    .unwrap_or(end);
                assert_eq!(alnum_end(text, start, end), slow, "{start}..{end}");
            }
        }
    }

    /// The search agrees with a byte loop from every start to every end, on a text
    /// longer than a word with the sought bytes near word edges and past the end.
    #[test]
    fn find_any_is_the_first_match() {
        let text = b"abcdefg{hijklmnopqrs\\tuvwxyz0123456\n789}";
        let set = [b'\n', b'{', b'}', b'\\'];
        for from in 0..=text.len() {
            for end in from..=text.len() {
                let slow = (from..end).find(|&i| set.contains(&text[i])).unwrap_or(end);
                assert_eq!(find_any(text, from, end, set), slow, "{from}..{end}");
            }
        }
    }

    /// A word holds the bytes before `end` in order, and zeros from there, whether or not
    /// eight bytes remain in the slice.
    #[test]
    fn word_at_stops_at_the_end() {
        let text = b"0123456789ab";
        for i in 0..text.len() {
            for end in i + 1..=text.len() {
                let mut expected = [0u8; 8];
                let n = (end - i).min(8);
                expected[..n].copy_from_slice(&text[i..i + n]);
                assert_eq!(
                    word_at(text, i, end),
                    u64::from_le_bytes(expected),
                    "{i}..{end}"
                );
            }
        }
    }
}
