//! PEM as people have it (RFC 7468, read leniently): base64 at any line width, CRLF, trailing
//! spaces and indented lines, explanatory text around blocks, and RFC 1421 headers
//! (`Proc-Type:`, `DEK-Info:`) at the start of a block.
//!
//! Certificates, requests and CRLs are public, so their base64 is decoded with a plain lookup
//! table, four characters at a time, instead of `der::pem`'s constant-time decoder (which
//! private keys keep): the inspection benchmark's PEM row must stay within 1.2× of its DER row.

use core::fmt;

const BEGIN: &[u8] = b"-----BEGIN ";
const END: &[u8] = b"-----END ";
const DASHES: &[u8] = b"-----";

/// Table entry of a byte that is not base64.
const INVALID: u8 = 0xff;
/// Table entry of white space, which may stand anywhere in the base64.
const SPACE: u8 = 0xfe;
/// Table entry of `=`, the padding.
const PAD: u8 = 0xfd;

/// The base64 alphabet of RFC 4648 §4 as a 256-entry table: the 6-bit value of each letter.
// Evaluated at compile time: an index out of bounds would fail the build, not panic.
#[allow(clippy::indexing_slicing)]
static DECODE: [u8; 256] = {
    let mut table = [INVALID; 256];
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut i = 0;
    while i < alphabet.len() {
        table[alphabet[i] as usize] = i as u8;
        i += 1;
    }
    table[b' ' as usize] = SPACE;
    table[b'\t' as usize] = SPACE;
    table[b'\r' as usize] = SPACE;
    table[b'\n' as usize] = SPACE;
    table[0x0b] = SPACE;
    table[0x0c] = SPACE;
    table[b'=' as usize] = PAD;
    table
};

/// The fast path's tables (as in modp_b64): `LANES[i][byte]` is the letter's 6-bit value
/// already shifted to its place in a group of four, or `NOT_LETTER` for any other byte, so a
/// group decodes with four loads and three ORs and one comparison tells whether all four were
/// letters.
// Evaluated at compile time: an index out of bounds would fail the build, not panic.
#[allow(clippy::indexing_slicing)]
static LANES: [[u32; 256]; 4] = {
    let mut lanes = [[NOT_LETTER; 256]; 4];
    let mut byte = 0;
    while byte < 256 {
        let value = DECODE[byte];
        if value < 64 {
            let mut lane = 0;
            while lane < 4 {
                lanes[lane][byte] = (value as u32) << (18 - 6 * lane);
                lane += 1;
            }
        }
        byte += 1;
    }
    lanes
};

/// Above any 24-bit group: marks a byte that is not a base64 letter.
const NOT_LETTER: u32 = 1 << 24;

/// The 24 bits of four letters, or a value of at least `NOT_LETTER` if one is not a letter.
#[allow(clippy::indexing_slicing)] // u8 indexes into 256-entry tables: always in bounds
fn group(chars: [u8; 4]) -> u32 {
    let [a, b, c, d] = chars.map(usize::from);
    LANES[0][a] | LANES[1][b] | LANES[2][c] | LANES[3][d]
}

/// The table entry of `byte`.
#[allow(clippy::indexing_slicing)] // a u8 indexes a 256-entry table: always in bounds
fn class(byte: u8) -> u8 {
    DECODE[usize::from(byte)]
}

/// A `-----BEGIN …-----` line found in the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Begin<'a> {
    /// The label between `BEGIN ` and the closing dashes.
    pub label: &'a str,
    /// The 1-based line of the BEGIN line.
    pub line: usize,
    /// Where the block's body starts (the byte after the BEGIN line).
    body: usize,
    /// The 1-based line of `body`.
    body_line: usize,
}

/// A block's body, decoded.
#[derive(Debug)]
pub(crate) struct Decoded {
    pub der: Vec<u8>,
}

/// What is wrong with a PEM block, with the 1-based line and column where it was found.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PemError {
    /// A byte that is neither base64, white space nor padding.
    InvalidCharacter {
        /// The byte found.
        byte: u8,
        /// Its line in the input.
        line: usize,
        /// Its column in that line.
        column: usize,
    },
    /// `=` where no padding may stand, or base64 after the padding.
    BadPadding {
        /// The line in the input.
        line: usize,
        /// The column in that line.
        column: usize,
    },
    /// The block's base64 ends one character into a group of four, which cannot be.
    Truncated {
        /// The line of the END line (or of the input's end).
        line: usize,
    },
    /// The block has no `-----END …-----` line.
    MissingEnd {
        /// The label of its BEGIN line.
        label: String,
    },
    /// The END line names another label than the BEGIN line.
    MismatchedEnd {
        /// The label of the BEGIN line.
        begin: String,
        /// The label of the END line.
        end: String,
        /// The line of the END line.
        line: usize,
    },
}

impl fmt::Display for PemError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PemError::InvalidCharacter { byte, line, column } => {
                let shown = match char::from(*byte) {
                    c if c.is_ascii_graphic() => format!("'{c}'"),
                    _ => format!("byte 0x{byte:02x}"),
                };
                write!(
                    f,
                    "invalid base64 character {shown} at line {line}, column {column}"
                )
            }
            PemError::BadPadding { line, column } => write!(
                f,
                "misplaced base64 padding '=' at line {line}, column {column}"
            ),
            PemError::Truncated { line } => write!(
                f,
                "base64 ends in the middle of a group of four characters before line {line}"
            ),
            PemError::MissingEnd { label } => {
                write!(f, "no \"-----END {label}-----\" line before the input ends")
            }
            PemError::MismatchedEnd { begin, end, line } => write!(
                f,
                "the block begins as {begin:?} but line {line} ends it as {end:?}"
            ),
        }
    }
}

/// Walks the PEM blocks of a text, in order.
pub(crate) struct Scanner<'a> {
    input: &'a [u8],
    /// Where the search for the next BEGIN line starts.
    pos: usize,
    /// The 1-based line of `pos`.
    line: usize,
}

impl<'a> Scanner<'a> {
    pub fn new(input: &'a [u8]) -> Self {
        Self {
            input,
            pos: 0,
            line: 1,
        }
    }

    /// The next BEGIN line, if there is one. A line that starts like one but does not close
    /// with dashes, or whose label is not text, is explanatory text and is passed over.
    pub fn next_begin(&mut self) -> Option<Begin<'a>> {
        loop {
            let found = find(self.input, BEGIN, self.pos)?;
            self.line += count_lines(self.input, self.pos, found);
            let line = self.line;
            let after = found + BEGIN.len();
            // The line ends at LF, CRLF or a lone CR (old Mac files; der::pem reads them too).
            let eol = self
                .input
                .get(after..)
                .and_then(|rest| rest.iter().position(|&b| b == b'\n' || b == b'\r'))
                .map_or(self.input.len(), |i| after + i);
            let header = trim(self.input.get(after..eol).unwrap_or_default());
            self.pos = after;
            if let Some(label) = header.strip_suffix(DASHES)
                && let Ok(label) = core::str::from_utf8(label)
            {
                let terminator = match self.input.get(eol..eol + 2) {
                    Some(b"\r\n") => 2,
                    _ => usize::from(eol < self.input.len()),
                };
                let body = eol + terminator;
                self.line += usize::from(self.input.get(body.saturating_sub(1)) == Some(&b'\n'));
                self.pos = body;
                return Some(Begin {
                    label: label.trim(),
                    line,
                    body,
                    body_line: self.line,
                });
            }
        }
    }

    /// Passes over the body of `begin` (a block of a kind not being read). Returns false when
    /// the block has no END line (the rest of the input is then the block's).
    pub fn skip(&mut self, begin: &Begin<'a>) -> bool {
        match find(self.input, END, begin.body) {
            Some(end) => {
                let eol = find_byte(self.input, b'\n', end).unwrap_or(self.input.len());
                self.line += count_lines(self.input, begin.body, eol);
                self.pos = eol;
                true
            }
            None => {
                self.pos = self.input.len();
                false
            }
        }
    }

    /// Decodes the body of `begin` through its END line: RFC 1421 headers are passed over,
    /// white space anywhere is ignored, padding is optional.
    pub fn decode(&mut self, begin: &Begin<'a>) -> Result<Decoded, PemError> {
        let mut decoder = Decoder {
            input: self.input,
            pos: begin.body,
            line: self.line,
            line_start: begin.body,
        };
        decoder.skip_headers();
        // Sized for the certificates DVV sends (about 1.5 KiB); a larger object grows it.
        let mut der = Vec::with_capacity(2048.min(self.input.len()));
        let end = decoder.body(begin.label, &mut der)?;
        self.line = decoder.line;
        self.pos = end;
        Ok(Decoded { der })
    }

    /// The 1-based line of the base64 text that holds byte `offset` of the DER decoded from
    /// `begin`'s body (for errors found in the DER after decoding).
    pub fn line_of(&self, begin: &Begin<'a>, offset: usize) -> usize {
        let mut decoder = Decoder {
            input: self.input,
            pos: begin.body,
            line: begin.body_line,
            line_start: begin.body,
        };
        decoder.skip_headers();
        // Character 4k of the base64 starts DER byte 3k.
        let wanted = offset / 3 * 4 + offset % 3;
        let mut seen = 0;
        while let Some(&byte) = self.input.get(decoder.pos) {
            match class(byte) {
                SPACE if byte == b'\n' => decoder.line += 1,
                SPACE => {}
                INVALID | PAD => break,
                _ if seen == wanted => break,
                _ => seen += 1,
            }
            decoder.pos += 1;
        }
        decoder.line
    }
}

struct Decoder<'a> {
    input: &'a [u8],
    pos: usize,
    line: usize,
    line_start: usize,
}

impl Decoder<'_> {
    /// Passes over RFC 1421 headers (`Name: value` lines, continued by indented lines) and the
    /// blank line after them. Base64 has no `:`, so a line with one is a header.
    fn skip_headers(&mut self) {
        let mut in_headers = false;
        loop {
            let eol = find_byte(self.input, b'\n', self.pos).unwrap_or(self.input.len());
            let line = self.input.get(self.pos..eol).unwrap_or_default();
            let is_header = line.contains(&b':')
                || (in_headers && line.first().is_some_and(|&b| b == b' ' || b == b'\t'));
            let blank = trim(line).is_empty();
            if !(is_header || (in_headers && blank)) || eol == self.input.len() {
                return;
            }
            in_headers = is_header;
            self.pos = eol + 1;
            self.line += 1;
            self.line_start = self.pos;
            if blank {
                return;
            }
        }
    }

    /// Decodes base64 into `out` up to the END line of `label`; returns the position after it.
    fn body(&mut self, label: &str, out: &mut Vec<u8>) -> Result<usize, PemError> {
        let mut quad = 0u32;
        let mut count = 0u8;
        let mut padding = 0u8;
        loop {
            // The fast paths, when no group is half read: whole runs of letters, and the line
            // break after them; white space elsewhere, padding and the END line take the
            // byte-at-a-time path below.
            if count == 0 && padding == 0 {
                let done = letters(self.input.get(self.pos..).unwrap_or_default(), out);
                if done > 0 {
                    self.pos += done;
                    self.line_break();
                    continue;
                }
            }
            let Some(&byte) = self.input.get(self.pos) else {
                return Err(PemError::MissingEnd {
                    label: label.to_owned(),
                });
            };
            match class(byte) {
                SPACE => {
                    if byte == b'\n' {
                        self.line += 1;
                        self.line_start = self.pos + 1;
                    }
                }
                PAD if count >= 2 && count + padding < 4 => padding += 1,
                PAD => return Err(self.bad_padding()),
                INVALID
                    if byte == b'-'
                        && self
                            .input
                            .get(self.pos..)
                            .is_some_and(|rest| rest.starts_with(END)) =>
                {
                    return self.end(label, quad, count, out);
                }
                INVALID => {
                    return Err(PemError::InvalidCharacter {
                        byte,
                        line: self.line,
                        column: self.column(),
                    });
                }
                _ if padding > 0 => return Err(self.bad_padding()),
                value => {
                    quad = quad << 6 | u32::from(value);
                    count += 1;
                    if count == 4 {
                        let [_, x, y, z] = quad.to_be_bytes();
                        out.extend_from_slice(&[x, y, z]);
                        (quad, count) = (0, 0);
                    }
                }
            }
            self.pos += 1;
        }
    }

    /// Passes over a line break (LF or CRLF) at the current position, if there is one.
    fn line_break(&mut self) {
        if self.input.get(self.pos) == Some(&b'\r') {
            self.pos += 1;
        }
        if self.input.get(self.pos) == Some(&b'\n') {
            self.pos += 1;
            self.line += 1;
            self.line_start = self.pos;
        }
    }

    /// Finishes at an END line: flushes a last group of two or three letters (with or without
    /// its padding) and checks the label.
    fn end(
        &mut self,
        label: &str,
        quad: u32,
        count: u8,
        out: &mut Vec<u8>,
    ) -> Result<usize, PemError> {
        match count {
            0 => {}
            2 => out.push((quad >> 4) as u8),
            3 => out.extend_from_slice(&((quad >> 2) as u16).to_be_bytes()),
            _ => return Err(PemError::Truncated { line: self.line }),
        }
        let after = self.pos + END.len();
        let eol = find_byte(self.input, b'\n', after).unwrap_or(self.input.len());
        let found = trim(self.input.get(after..eol).unwrap_or_default());
        let found = found.strip_suffix(DASHES).unwrap_or(found);
        if trim(found) != label.as_bytes() {
            return Err(PemError::MismatchedEnd {
                begin: label.to_owned(),
                end: String::from_utf8_lossy(found).trim().to_owned(),
                line: self.line,
            });
        }
        Ok(eol)
    }

    fn column(&self) -> usize {
        self.pos - self.line_start + 1
    }

    fn bad_padding(&self) -> PemError {
        PemError::BadPadding {
            line: self.line,
            column: self.column(),
        }
    }
}

/// Decodes the base64 letters at the start of `rest` into `out`, as many whole groups of four
/// as there are, and returns how many characters it took (0 when `rest` does not start with
/// four letters).
fn letters(rest: &[u8], out: &mut Vec<u8>) -> usize {
    let mut done = 0;
    // A whole line of RFC 7468's 64 columns: eight steps into a stack buffer without a check
    // between them, then one copy (a `Vec` push per step cost a third of the decoding).
    if let Some(line) = rest.first_chunk::<64>() {
        let mut decoded = [0u8; 50];
        let mut letters = 0;
        for (i, &[a, b, c, d, e, f, g, h]) in line.as_chunks::<8>().0.iter().enumerate() {
            let (high, low) = (group([a, b, c, d]), group([e, f, g, h]));
            letters |= high | low;
            let bytes = (u64::from(high) << 40 | u64::from(low) << 16).to_be_bytes();
            // Eight bytes written, six kept: the next step overwrites the last two.
            if let Some(slot) = decoded.get_mut(i * 6..i * 6 + 8) {
                slot.copy_from_slice(&bytes);
            }
        }
        if letters < NOT_LETTER {
            out.extend_from_slice(decoded.get(..48).unwrap_or_default());
            // The line usually ends here; a wider one (MIME's 76) goes on below.
            match rest.get(64) {
                Some(&next) if class(next) < 64 => done = 64,
                _ => return 64,
            }
        }
    }
    // Runs of eight letters, then four.
    for &[a, b, c, d, e, f, g, h] in rest.get(done..).unwrap_or_default().as_chunks::<8>().0 {
        let (high, low) = (group([a, b, c, d]), group([e, f, g, h]));
        if high | low >= NOT_LETTER {
            break;
        }
        let [_, _, bytes @ ..] = (u64::from(high) << 24 | u64::from(low)).to_be_bytes();
        out.extend_from_slice(&bytes);
        done += 8;
    }
    if let Some(&[a, b, c, d]) = rest.get(done..done + 4) {
        let n = group([a, b, c, d]);
        if n < NOT_LETTER {
            let [_, bytes @ ..] = n.to_be_bytes();
            out.extend_from_slice(&bytes);
            done += 4;
        }
    }
    done
}

/// Whether `input` has a `-----BEGIN ` anywhere.
pub(crate) fn has_begin(input: &[u8]) -> bool {
    find(input, BEGIN, 0).is_some()
}

/// Leading and trailing white space removed.
fn trim(bytes: &[u8]) -> &[u8] {
    bytes.trim_ascii()
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    let first = *needle.first()?;
    let mut at = from;
    loop {
        at = find_byte(haystack, first, at)?;
        if haystack.get(at..)?.starts_with(needle) {
            return Some(at);
        }
        at += 1;
    }
}

fn find_byte(haystack: &[u8], byte: u8, from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .iter()
        .position(|&b| b == byte)
        .map(|i| i + from)
}

fn count_lines(input: &[u8], from: usize, to: usize) -> usize {
    input
        .get(from..to)
        .map_or(0, |part| part.iter().filter(|&&b| b == b'\n').count())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_all(text: &str) -> Vec<Result<(String, Vec<u8>), PemError>> {
        let mut scanner = Scanner::new(text.as_bytes());
        let mut out = Vec::new();
        while let Some(begin) = scanner.next_begin() {
            out.push(
                scanner
                    .decode(&begin)
                    .map(|d| (begin.label.to_owned(), d.der)),
            );
        }
        out
    }

    #[test]
    fn decodes_any_width_with_or_without_padding() {
        for body in [
            "aGVsbG8=",
            "aGVs\r\n  bG8=  \n",
            "aGVsbG8",
            "a G V s b G 8 =",
        ] {
            let text = format!("-----BEGIN X-----\n{body}\n-----END X-----\n");
            assert_eq!(
                decode_all(&text),
                [Ok(("X".into(), b"hello".to_vec()))],
                "{body}"
            );
        }
    }

    #[test]
    fn names_line_and_column_of_a_bad_character() {
        let text = "intro\n-----BEGIN X-----\naGVs\naG*s\n-----END X-----\n";
        assert_eq!(
            decode_all(text),
            [Err(PemError::InvalidCharacter {
                byte: b'*',
                line: 4,
                column: 3
            })]
        );
    }

    #[test]
    fn skips_rfc1421_headers() {
        let text = "-----BEGIN X-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES,00\n  more\n\naGVsbG8=\n-----END X-----\n";
        assert_eq!(decode_all(text), [Ok(("X".into(), b"hello".to_vec()))]);
    }

    #[test]
    fn padding_rules() {
        let bad = |body: &str| {
            decode_all(&format!("-----BEGIN X-----\n{body}\n-----END X-----"))
                .pop()
                .is_some_and(|r| r.is_err())
        };
        assert!(bad("a==="));
        assert!(bad("aGVsbG8=aGVs"));
        assert!(bad("=aGV"));
        assert!(bad("aGVsb"));
        assert!(!bad("aGVsbA=="));
    }

    #[test]
    fn end_must_match_begin() {
        let text = "-----BEGIN X-----\naGVsbG8=\n-----END Y-----\n";
        assert!(matches!(
            decode_all(text).as_slice(),
            [Err(PemError::MismatchedEnd { line: 3, .. })]
        ));
        assert!(matches!(
            decode_all("-----BEGIN X-----\naGVs\n").as_slice(),
            [Err(PemError::MissingEnd { .. })]
        ));
    }

    #[test]
    fn maps_der_offsets_to_lines() {
        let text = "-----BEGIN X-----\naGVs\nbG8g\nd29y\n-----END X-----\n";
        let mut scanner = Scanner::new(text.as_bytes());
        let begin = scanner.next_begin().unwrap();
        assert_eq!(scanner.line_of(&begin, 0), 2);
        assert_eq!(scanner.line_of(&begin, 2), 2);
        assert_eq!(scanner.line_of(&begin, 3), 3);
        assert_eq!(scanner.line_of(&begin, 8), 4);
    }

    #[test]
    fn maps_der_offsets_to_lines_across_odd_widths_spaces_and_padding() {
        // "hello world" in lines of six characters, indented, CRLF, padded.
        let text = "-----BEGIN X-----\r\n  aGVsbG\r\n  8gd29y\r\n  bGQ=\r\n-----END X-----\r\n";
        let mut scanner = Scanner::new(text.as_bytes());
        let begin = scanner.next_begin().unwrap();
        // Byte 4 is character 5 (line 2); byte 5 is character 6, the first of line 3.
        assert_eq!(scanner.line_of(&begin, 4), 2);
        assert_eq!(scanner.line_of(&begin, 5), 3);
        assert_eq!(scanner.line_of(&begin, 10), 4);
        // Past the data: the padding ends the search on the last base64 line.
        assert_eq!(scanner.line_of(&begin, 11), 4);
        assert_eq!(scanner.line_of(&begin, 100), 4);
    }

    #[test]
    fn whole_64_column_lines_take_the_fast_path_and_keep_lines_and_columns() {
        // 96 bytes: 128 letters, two full lines at 64 columns; 76 columns leaves 52 over.
        let der: Vec<u8> = (0..96u8).map(|i| i.wrapping_mul(37)).collect();
        let body = der::pem::encode_string("X", der::pem::LineEnding::LF, &der).unwrap();
        let letters: String = body.lines().filter(|l| !l.starts_with("-----")).collect();
        for width in [64, 76] {
            let lines: Vec<&str> = letters
                .as_bytes()
                .chunks(width)
                .map(|c| core::str::from_utf8(c).unwrap())
                .collect();
            let text = format!(
                "-----BEGIN X-----\r\n{}\r\n-----END X-----\r\n",
                lines.join("\r\n")
            );
            assert_eq!(
                decode_all(&text),
                [Ok(("X".to_owned(), der.clone()))],
                "{width}"
            );
        }
        // The error of the two lines (64 columns, then the rest) with `*` at `columns`.
        let error_with_stars_at = |columns: &[usize]| {
            let mut bad = letters.clone();
            for &column in columns {
                bad.replace_range(column - 1..column, "*");
            }
            let text = format!(
                "-----BEGIN X-----\n{}\n{}\n-----END X-----\n",
                &bad[..64],
                &bad[64..]
            );
            decode_all(&text).pop().unwrap().unwrap_err().to_string()
        };
        // A 64-column line whose last letter is wrong: found at its column, not skipped.
        assert_eq!(
            error_with_stars_at(&[64]),
            "invalid base64 character '*' at line 2, column 64"
        );
        // Two wrong letters in one eight-letter step (columns 1 and 5): still found.
        assert_eq!(
            error_with_stars_at(&[1, 5]),
            "invalid base64 character '*' at line 2, column 1"
        );
        // A line of zero octets ('A' is 0) with one wrong letter: the check must not depend
        // on the letters' values.
        let zeros = format!("{}*{}", "A".repeat(9), "A".repeat(54));
        let text = format!("-----BEGIN X-----\n{zeros}\n-----END X-----\n");
        let error = decode_all(&text).pop().unwrap().unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid base64 character '*' at line 2, column 10"
        );
        // Padding in the last of 64 columns ends the data there.
        let der = [1u8; 47];
        let body = der::pem::encode_string("X", der::pem::LineEnding::LF, &der).unwrap();
        assert!(
            body.lines()
                .nth(1)
                .is_some_and(|l| l.len() == 64 && l.ends_with('='))
        );
        assert_eq!(decode_all(&body), [Ok(("X".to_owned(), der.to_vec()))]);
    }

    #[test]
    fn a_byte_that_is_not_printable_is_shown_as_hex() {
        let text = "-----BEGIN X-----\naGV\x01\n-----END X-----\n";
        let error = decode_all(text).pop().unwrap().unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid base64 character byte 0x01 at line 2, column 4"
        );
        let text = "-----BEGIN X-----\naGV*\n-----END X-----\n";
        let error = decode_all(text).pop().unwrap().unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid base64 character '*' at line 2, column 4"
        );
    }

    #[test]
    fn lines_count_on_after_a_skipped_block() {
        // Three lines in the skipped block, so that counting them by adding and by multiplying
        // (2 + 3, 2 × 3) differ.
        let text = "-----BEGIN K-----\nAAAA\nAAAA\nAAAA\n-----END K-----\n\n-----BEGIN X-----\naG*s\n-----END X-----\n";
        let mut scanner = Scanner::new(text.as_bytes());
        let first = scanner.next_begin().unwrap();
        assert_eq!((first.label, first.line), ("K", 1));
        assert!(scanner.skip(&first));
        let second = scanner.next_begin().unwrap();
        assert_eq!((second.label, second.line), ("X", 7));
        assert_eq!(
            scanner.decode(&second).unwrap_err(),
            PemError::InvalidCharacter {
                byte: b'*',
                line: 8,
                column: 3
            }
        );
    }

    #[test]
    fn headers_continue_on_indented_lines_and_need_no_blank_line() {
        let text = "-----BEGIN X-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES,\n\tcontinued\n  more\naGVsbG8=\n-----END X-----\n";
        assert_eq!(decode_all(text), [Ok(("X".into(), b"hello".to_vec()))]);
        // Lines after the headers keep their numbers.
        let text = "-----BEGIN X-----\nA: b\n\naG*s\n-----END X-----\n";
        assert_eq!(
            decode_all(text),
            [Err(PemError::InvalidCharacter {
                byte: b'*',
                line: 4,
                column: 3
            })]
        );
    }

    #[test]
    fn padding_and_dashes_give_their_own_errors() {
        let first_error = |body: &str| {
            decode_all(&format!("-----BEGIN X-----\n{body}\n-----END X-----\n"))
                .pop()
                .unwrap()
                .unwrap_err()
        };
        let padding = |column| PemError::BadPadding { line: 2, column };
        assert_eq!(first_error("a==="), padding(2));
        assert_eq!(first_error("aGVsbA==="), padding(9));
        assert_eq!(first_error("aGVsbG8=="), padding(9));
        assert_eq!(
            first_error("aG-s"),
            PemError::InvalidCharacter {
                byte: b'-',
                line: 2,
                column: 3
            }
        );
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        /// `der` as a PEM block the way some tool might have written it: base64 (from der's own
        /// encoder, the printer) re-wrapped at `width`, with CRLF or LF, each line indented and
        /// followed by spaces, with text before and after.
        fn wrap(label: &str, der: &[u8], width: usize, crlf: bool, indent: usize) -> String {
            let strict = der::pem::encode_string(label, der::pem::LineEnding::LF, der).unwrap();
            let body: String = strict
                .lines()
                .filter(|line| !line.starts_with("-----"))
                .collect();
            let eol = if crlf { "\r\n" } else { "\n" };
            let pad = " ".repeat(indent);
            let mut text = format!("explanatory text{eol}{pad}-----BEGIN {label}-----{eol}");
            for chunk in body.as_bytes().chunks(width) {
                let line = std::str::from_utf8(chunk).unwrap();
                text.push_str(&format!("{pad}{line}{pad}{eol}"));
            }
            text.push_str(&format!(
                "{pad}-----END {label}-----{eol}trailing text{eol}"
            ));
            text
        }

        proptest! {
            #[test]
            fn reads_back_what_the_printer_wrote_at_any_width(
                der in proptest::collection::vec(any::<u8>(), 0..600),
                width in 1usize..200,
                crlf in any::<bool>(),
                indent in 0usize..4,
                label in "[A-Z]{1,8}( [A-Z]{1,8}){0,2}",
            ) {
                let text = wrap(&label, &der, width, crlf, indent);
                let mut scanner = Scanner::new(text.as_bytes());
                let begin = scanner.next_begin().unwrap();
                prop_assert_eq!(begin.label, label.as_str());
                prop_assert_eq!(begin.line, 2);
                prop_assert_eq!(scanner.decode(&begin).unwrap().der, der);
                prop_assert!(scanner.next_begin().is_none());
            }

            #[test]
            fn any_text_scans_without_panicking(text in proptest::collection::vec(any::<u8>(), 0..400)) {
                let mut scanner = Scanner::new(&text);
                while let Some(begin) = scanner.next_begin() {
                    if scanner.decode(&begin).is_err() {
                        break;
                    }
                }
            }
        }
    }
}
