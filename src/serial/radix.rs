//! Decimal conversion, hand-written so that RFC 5280-sized values convert without heap
//! allocation and faster than a general big-integer library (see `benches/serial.rs` and
//! BENCHMARKS.md for the comparison with num-bigint).
//!
//! Numbers are held as little-endian `u64` limbs. Reading takes up to 57 digits eight at a
//! time in the lanes of a `u64` into three limbs in registers, longer texts nineteen digits at
//! a time (one `u128` product per limb). Writing works nineteen digits at a time, dividing by
//! 10^19 with a precomputed reciprocal (Möller and Granlund, "Improved division by invariant
//! integers", IEEE Trans. Computers 60(2), 2011, algorithm 4): 10^19 lies in [2^63, 2^64), so
//! it is already normalised and each step is two multiplications instead of a `u128` division.

use core::fmt;

use super::with_scratch;

/// Decimal digits per limb-sized chunk: 10^19 < 2^64.
const CHUNK_DIGITS: usize = 19;
/// 10^19, the base of the chunks.
const CHUNK: u64 = 10_000_000_000_000_000_000;
/// floor((2^128 − 1) / 10^19) − 2^64: the reciprocal Möller–Granlund division needs.
const RECIPROCAL: u64 = (u128::MAX / CHUNK as u128 - (1u128 << 64)) as u64;

/// Digits [`read_small_decimal`] takes: 10^57 < 2^192, so the value fits three limbs.
const SMALL_DECIMAL_DIGITS: usize = 57;
/// ASCII `0` in every byte of a word.
const ZEROS: u64 = 0x3030_3030_3030_3030;

/// Reads up to [`SMALL_DECIMAL_DIGITS`] ASCII decimal digits (leading zeros allowed) into
/// little-endian limbs, which [`SerialNumber::from_limbs`](super::SerialNumber::from_limbs)
/// stores in place. `None` when the text is empty, longer, or holds anything but digits: the
/// caller's general path then finds the error and its offset.
///
/// Checking and converting happen in one pass, eight digits at a time in the lanes of a `u64`
/// loaded straight from the text (copying the text into a padded buffer first made every load
/// wait for the copy's stores), and the value stays in registers: a `u64` up to 19 digits,
/// three limbs beyond. RFC 5280-sized serials (at most 49 digits) never take the
/// digit-by-digit route.
pub(super) fn read_small_decimal(digits: &[u8]) -> Option<[u64; 3]> {
    if digits.is_empty() || digits.len() > SMALL_DECIMAL_DIGITS {
        return None;
    }
    let word = |bytes: &[u8]| bytes.try_into().map_or(0, u64::from_le_bytes);
    // The digits before the first whole word: `head` of them, 0 to 7.
    let head = digits.len() % 8;
    let (head_word, words) = match digits.get(..8) {
        // The first eight bytes shifted so that the head digits end the word (the first
        // digit is in the lowest byte), behind `0` padding, which adds nothing to the value.
        // The bytes shifted out are the start of the first whole word, checked there.
        Some(first) if head > 0 => (
            (word(first) << (8 * (8 - head))) | (ZEROS >> (8 * head)),
            digits.get(head..)?,
        ),
        Some(_) => (ZEROS, digits),
        // Fewer than eight digits: assembled byte by byte, also behind `0` padding.
        None => (
            digits
                .iter()
                .fold(ZEROS, |acc, &d| (acc >> 8) | (u64::from(d) << 56)),
            &[][..],
        ),
    };
    let mut valid = all_digits(head_word);
    let mut value = eight_digit_value(head_word);
    // Up to 19 digits the value is a `u64`: no wide products.
    if digits.len() <= 19 {
        for block in words.chunks_exact(8) {
            let block = word(block);
            valid &= all_digits(block);
            value = value
                .wrapping_mul(100_000_000)
                .wrapping_add(eight_digit_value(block));
        }
        return valid.then_some([value, 0, 0]);
    }
    let mut limbs = [value, 0, 0];
    // One word alone when their count is odd, then two at a time: one pass over the limbs
    // per sixteen digits.
    let pairs = match words.split_at_checked(8) {
        Some((single, pairs)) if (words.len() / 8) % 2 == 1 => {
            let single = word(single);
            valid &= all_digits(single);
            multiply_add(&mut limbs, 100_000_000, eight_digit_value(single));
            pairs
        }
        _ => words,
    };
    for pair in pairs.chunks_exact(16) {
        let (high, low) = pair.split_at(8);
        let (high, low) = (word(high), word(low));
        valid &= all_digits(high) & all_digits(low);
        // Both words are converted whatever they hold (wrapping arithmetic keeps garbage
        // harmless); `valid` decides afterwards, which keeps the loop free of branches.
        let block = eight_digit_value(high)
            .wrapping_mul(100_000_000)
            .wrapping_add(eight_digit_value(low));
        multiply_add(&mut limbs, 10_000_000_000_000_000, block);
    }
    valid.then_some(limbs)
}

/// limbs · factor + addend, for little-endian limbs and a factor of at most 10^16:
/// (2^64 − 1) · 10^16 + 2^64 − 1 < 2^128, so no product overflows; the callers' values of at
/// most 57 digits never carry out of the top limb.
fn multiply_add(limbs: &mut [u64; 3], factor: u64, addend: u64) {
    let mut carry = addend;
    for limb in limbs {
        let t = u128::from(*limb) * u128::from(factor) + u128::from(carry);
        *limb = t as u64;
        carry = (t >> 64) as u64;
    }
}

/// Whether all eight bytes of `word` are ASCII digits: each has the high nibble 3, and adding
/// 6 keeps it there (0x3a–0x3f would carry into 0x4_). Once every high nibble is 3, the
/// addition cannot carry from one byte into the next.
fn all_digits(word: u64) -> bool {
    const LANES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0xf0 * LANES;
    let threes = 0x30 * LANES;
    (word & HIGH == threes) & (word.wrapping_add(6 * LANES) & HIGH == threes)
}

/// The value of eight ASCII digits, the first in the lowest byte (a little-endian load): pairs
/// in 16-bit lanes, then quadruples in 32-bit lanes, then the whole (a SWAR technique; each
/// step is one multiplication, a shift and a mask). Meaningful only when [`all_digits`] holds.
fn eight_digit_value(word: u64) -> u64 {
    let digits = word.wrapping_sub(ZEROS);
    let pairs = (digits.wrapping_mul(10).wrapping_add(digits >> 8)) & 0x00ff_00ff_00ff_00ff;
    let quads = (pairs.wrapping_mul(100).wrapping_add(pairs >> 16)) & 0x0000_ffff_0000_ffff;
    (quads.wrapping_mul(10_000).wrapping_add(quads >> 32)) & 0xffff_ffff
}

/// Converts ASCII decimal digits (already validated) to big-endian magnitude octets, which may
/// carry leading zeros, and hands them to `f`.
pub(super) fn decimal_to_be<R>(digits: &[u8], f: impl FnOnce(&[u8]) -> R) -> R {
    // Each chunk of nineteen digits adds at most one limb.
    let max_limbs = digits.len() / CHUNK_DIGITS + 1;
    with_scratch(max_limbs, |limbs: &mut [u64]| {
        let mut used = 0usize;
        let head = digits.len() % CHUNK_DIGITS;
        let (first, rest) = digits.split_at(head);
        for chunk in core::iter::once(first)
            .filter(|c| !c.is_empty())
            .chain(rest.chunks(CHUNK_DIGITS))
        {
            // At most 19 digits: 10^19 and the chunk's value both fit in a u64.
            let scale = 10u64.pow(chunk.len() as u32);
            let mut carry = chunk
                .iter()
                .fold(0u64, |acc, d| acc * 10 + u64::from(d - b'0'));
            for limb in limbs.iter_mut().take(used) {
                let t = u128::from(*limb) * u128::from(scale) + u128::from(carry);
                *limb = t as u64;
                carry = (t >> 64) as u64;
            }
            if let (true, Some(limb)) = (carry != 0, limbs.get_mut(used)) {
                *limb = carry;
                used += 1;
            }
        }
        with_scratch(used * 8, |bytes: &mut [u8]| {
            for (dst, limb) in bytes.chunks_exact_mut(8).zip(limbs.iter().take(used).rev()) {
                dst.copy_from_slice(&limb.to_be_bytes());
            }
            f(bytes)
        })
    })
}

/// Writes the decimal digits of big-endian magnitude octets (`0` for zero or empty input).
pub(super) fn write_decimal(magnitude: &[u8], w: &mut impl fmt::Write) -> fmt::Result {
    // Our own digits beat `write!(w, "{value}")` even for a `u64`: that goes through
    // `fmt::Formatter` and dynamic dispatch for every call.
    with_decimal_digits(magnitude, |digits| w.write_str(digits))
}

/// Calls `f` with the decimal digits of big-endian magnitude octets (`"0"` for zero or empty
/// input), built on the stack for magnitudes of up to 23 octets (below 10^57: three chunks).
pub(super) fn with_decimal_digits<R>(magnitude: &[u8], f: impl FnOnce(&str) -> R) -> R {
    if let Some((chunks, count)) = small_limbs(magnitude).and_then(small_chunks) {
        return write_small_chunks(chunks, count, f);
    }
    // A value below 2^(8n) has floor(8n · log10 2) + 1 <= floor(2.41 n) + 1 digits.
    let max_chunks = (magnitude.len() * 241 / 100 + 1).div_ceil(CHUNK_DIGITS);
    with_scratch(magnitude.len().div_ceil(8), |limbs: &mut [u64]| {
        fill_limbs(limbs, magnitude);
        with_scratch(max_chunks, |chunks: &mut [u64]| {
            let mut count = 0usize;
            let mut used = significant_len(limbs);
            while used > 0 {
                let mut rem = 0u64;
                for limb in limbs.iter_mut().take(used).rev() {
                    let (q, r) = div_rem_chunk(rem, *limb);
                    *limb = q;
                    rem = r;
                }
                used = significant_len(limbs.get(..used).unwrap_or(&[]));
                if let Some(chunk) = chunks.get_mut(count) {
                    *chunk = rem;
                    count += 1;
                }
            }
            with_scratch(count.max(1) * CHUNK_DIGITS, |out: &mut [u8]| {
                write_chunks(chunks.get(..count).unwrap_or(&[]), out, f)
            })
        })
    })
}

/// Chunks [`small_chunks`] can return: a 20-octet value has at most 49 digits.
const SMALL_CHUNKS: usize = 3;

/// 2^64 mod 10^19 and 2^128 mod 10^19: the weights that fold the upper limbs into one residue.
const LIMB_WEIGHT: u64 = ((1u128 << 64) % CHUNK as u128) as u64;
const TWO_LIMB_WEIGHT: u64 = (LIMB_WEIGHT as u128 * LIMB_WEIGHT as u128 % CHUNK as u128) as u64;
/// 10^19 = 2^19 · 5^19.
const CHUNK_TWOS: u32 = 19;
/// The inverse of 5^19 modulo 2^128, by Newton's iteration x ← x · (2 − a · x), which doubles
/// the correct low bits each step: an odd `a` is its own inverse modulo 8, so six steps give
/// 3 · 2^6 > 128 bits (Granlund and Montgomery, "Division by invariant integers using
/// multiplication", PLDI 1994, §9).
const FIVES_INVERSE: u128 = {
    let five_pow = (CHUNK >> CHUNK_TWOS) as u128;
    let mut inverse = five_pow;
    let mut step = 0;
    while step < 6 {
        inverse = inverse.wrapping_mul(2u128.wrapping_sub(five_pow.wrapping_mul(inverse)));
        step += 1;
    }
    inverse
};

/// Calls `f` with the decimal digits of a value below 2^160 (RFC 5280's 20 octets) given as
/// little-endian limbs; `None`, without calling `f`, for a larger value.
pub(super) fn with_small_decimal_digits<R>(
    limbs: [u64; 3],
    f: impl FnOnce(&str) -> R,
) -> Option<R> {
    small_chunks(limbs).map(|(chunks, count)| write_small_chunks(chunks, count, f))
}

/// [`write_chunks`] for [`small_chunks`], into a stack buffer.
fn write_small_chunks<R>(
    chunks: [u64; SMALL_CHUNKS],
    count: usize,
    f: impl FnOnce(&str) -> R,
) -> R {
    let mut out: DigitBuffer = AsciiBuffer([0; _]);
    write_chunks(chunks.get(..count).unwrap_or(&[]), &mut out.0, f)
}

/// The little-endian limbs of a magnitude of at most 20 octets.
fn small_limbs(magnitude: &[u8]) -> Option<[u64; 3]> {
    if magnitude.len() > 20 {
        return None;
    }
    let mut limbs = [0u64; 3];
    fill_limbs(&mut limbs, magnitude);
    Some(limbs)
}

/// Fills `limbs`, least significant first, from big-endian magnitude octets (as many as fit).
/// Whole 8-octet limbs load straight from the input; only the leading partial one is assembled
/// octet by octet.
fn fill_limbs(limbs: &mut [u64], magnitude: &[u8]) {
    for (limb, bytes) in limbs.iter_mut().zip(magnitude.rchunks(8)) {
        *limb = bytes.try_into().map_or_else(
            |_| bytes.iter().fold(0, |acc, &b| (acc << 8) | u64::from(b)),
            u64::from_be_bytes,
        );
    }
}

/// The base-10^19 chunks (least significant first) and their count, for a value below 2^160
/// (RFC 5280's 20 octets) given as little-endian limbs, `None` for a larger one; computed in
/// registers with a short chain of dependent steps instead of a long division per chunk:
///
/// - r0 = v mod 10^19: the limbs folded with their weights 2^64 mod 10^19 and 2^128 mod 10^19
///   into one `u128` below 2^128 whose upper half is below 10^19, then one Möller–Granlund step;
/// - q = (v − r0) / 10^19, an exact division: shifting out 2^19, then multiplying by the inverse
///   of 5^19 modulo 2^128 (Granlund and Montgomery, §9), exact because q < 2^160 / 10^19 < 2^97;
/// - r1 and r2 = q mod 10^19 and q / 10^19: one more Möller–Granlund step (q / 2^64 < 10^19).
// Inlined so that the chunks stay in registers instead of a returned array in memory.
#[inline(always)]
fn small_chunks(limbs: [u64; 3]) -> Option<([u64; SMALL_CHUNKS], usize)> {
    let [low, middle, high] = limbs;
    if high >> 32 != 0 {
        return None;
    }
    // Below 2^64 + (2^64 − 1) · LIMB_WEIGHT + (2^32 − 1) · TWO_LIMB_WEIGHT < 2^128, and the
    // weights are below 2^63, so the upper half is below 2^63 + 2^32 < 10^19.
    let folded = u128::from(low)
        + u128::from(middle) * u128::from(LIMB_WEIGHT)
        + u128::from(high) * u128::from(TWO_LIMB_WEIGHT);
    let (_, r0) = div_rem_chunk((folded >> 64) as u64, folded as u64);
    // The low 128 bits of (v − r0) / 2^19; the bits beyond only change q by multiples of
    // 2^128, and q < 2^97.
    let (rest, borrow) =
        ((u128::from(middle) << 64) | u128::from(low)).overflowing_sub(u128::from(r0));
    let shifted = (rest >> CHUNK_TWOS)
        | (u128::from(high.wrapping_sub(u64::from(borrow))) << (128 - CHUNK_TWOS));
    let q = shifted.wrapping_mul(FIVES_INVERSE);
    let (r2, r1) = div_rem_chunk((q >> 64) as u64, q as u64);
    let count = if r2 != 0 {
        3
    } else if r1 != 0 {
        2
    } else {
        1
    };
    Some(([r0, r1, r2], count))
}

/// Writes base-10^19 chunks (least significant first) into `out`, which holds nineteen digits
/// per chunk, and calls `f` with the digits without leading zeros (`"0"` for none).
fn write_chunks<R>(chunks: &[u64], out: &mut [u8], f: impl FnOnce(&str) -> R) -> R {
    // Only the most significant chunk has leading zeros: its digit count says how many,
    // without scanning for them, and spares formatting the zeros.
    let top = chunks.last().copied().unwrap_or(0);
    let top_digits = top.checked_ilog10().map_or(1, |log| log as usize + 1);
    let mut start = out.len();
    let mut remaining = chunks.len();
    for &chunk in chunks {
        remaining -= 1;
        if let Some(slot) = start
            .checked_sub(CHUNK_DIGITS)
            .and_then(|s| out.get_mut(s..s + CHUNK_DIGITS))
        {
            let needed = if remaining == 0 {
                top_digits
            } else {
                CHUNK_DIGITS
            };
            write_chunk(chunk, slot, needed);
            start -= CHUNK_DIGITS;
        }
    }
    // Everything before the digits is zeros or digits too.
    let digits = ascii_from(out, start + CHUNK_DIGITS - top_digits);
    f(if digits.is_empty() { "0" } else { digits })
}

/// `bytes[first..]` as a `str`, when `bytes` holds only ASCII from the 16-aligned offset before
/// `first` on (empty otherwise). Only ASCII was written, so `from_utf8` never fails; its check
/// is the price of staying free of `unsafe`. It checks sixteen bytes at a time from a
/// 16-aligned address but the bytes after the last whole block one at a time: checking from the
/// aligned offset to the end of an [`AsciiBuffer`] leaves no such tail, and slicing off the
/// head costs one comparison.
pub(super) fn ascii_from(bytes: &[u8], first: usize) -> &str {
    core::str::from_utf8(bytes.get(first & !15..).unwrap_or(&[]))
        .ok()
        .and_then(|checked| checked.get(first % 16..))
        .unwrap_or("")
}

/// A stack buffer for ASCII text, 16-aligned; `N`, a multiple of 16, makes
/// [`ascii_from`]'s check run in whole aligned blocks.
#[repr(align(16))]
pub(super) struct AsciiBuffer<const N: usize>(pub(super) [u8; N]);

/// The digits of up to [`SMALL_CHUNKS`] chunks.
type DigitBuffer = AsciiBuffer<{ (SMALL_CHUNKS * CHUNK_DIGITS).next_multiple_of(16) }>;

/// `(hi · 2^64 + lo) / 10^19` and the remainder, for `hi < 10^19`.
fn div_rem_chunk(hi: u64, lo: u64) -> (u64, u64) {
    if hi == 0 {
        // Leading limbs of small values: a division by a constant, which is a multiplication.
        return (lo / CHUNK, lo % CHUNK);
    }
    let product = u128::from(RECIPROCAL) * u128::from(hi);
    let q = product.wrapping_add((u128::from(hi) << 64) | u128::from(lo));
    let mut q1 = ((q >> 64) as u64).wrapping_add(1);
    let q0 = q as u64;
    let mut r = lo.wrapping_sub(q1.wrapping_mul(CHUNK));
    if r > q0 {
        q1 = q1.wrapping_sub(1);
        r = r.wrapping_add(CHUNK);
    }
    if r >= CHUNK {
        q1 = q1.wrapping_add(1);
        r -= CHUNK;
    }
    (q1, r)
}

fn significant_len(limbs: &[u64]) -> usize {
    limbs.iter().rposition(|&l| l != 0).map_or(0, |i| i + 1)
}

/// Writes a chunk below 10^19 as nineteen digits, zero-padded, into `out`; only the last
/// `needed` digits are sure to be written (the rest may be left as they were), which spares
/// the most significant chunk formatting its leading zeros.
fn write_chunk(chunk: u64, out: &mut [u8], needed: usize) {
    let Some(out) = out.get_mut(..CHUNK_DIGITS) else {
        return;
    };
    let (head, tail) = out.split_at_mut(CHUNK_DIGITS - 16);
    let (middle, low) = tail.split_at_mut(8);
    if needed <= 8 {
        // The chunk is below 10^8.
        low.copy_from_slice(&eight_digits(chunk as u32));
        return;
    }
    // 3 + 8 + 8 digits; the parts are independent, so they convert in parallel.
    let rest = chunk % 10_000_000_000_000_000;
    middle.copy_from_slice(&eight_digits((rest / 100_000_000) as u32));
    low.copy_from_slice(&eight_digits((rest % 100_000_000) as u32));
    if needed > 16 {
        let [_, a, b, c] = four_digits((chunk / 10_000_000_000_000_000) as u32);
        head.copy_from_slice(&[a, b, c]);
    }
}

/// The four ASCII digits of a value below 10^4.
fn four_digits(value: u32) -> [u8; 4] {
    let [a, b] = two_digits(value / 100);
    let [c, d] = two_digits(value % 100);
    [a, b, c, d]
}

/// The eight ASCII digits of a value below 10^8, two at a time without a division: `value`
/// becomes the fraction value / 10^6 in 57-bit fixed point (rounded up), whose integer part is
/// the first pair; each multiplication of the remaining fraction by 100 brings up the next
/// pair (James Anhalt's method). Rounding up by less than 10^8 units of 2^-57 never reaches
/// the next integer in four steps, and the unit test checks every value below 10^8 agrees with
/// the standard library, in release builds. Four multiplications in a chain, where dividing
/// by 10 per digit would take eight.
fn eight_digits(value: u32) -> [u8; 8] {
    const FRACTION: u64 = (1 << 57) - 1;
    // ceil(2^57 / 10^6); 10^8 times it is below 2^64, and so is 100 times a fraction.
    const SCALE: u64 = (1 << 57) / 1_000_000 + 1;
    let mut fixed = u64::from(value) * SCALE;
    let mut pairs = [[0u8; 2]; 4];
    for (i, pair) in pairs.iter_mut().enumerate() {
        if i > 0 {
            fixed = (fixed & FRACTION) * 100;
        }
        *pair = two_digits((fixed >> 57) as u32);
    }
    let [[a, b], [c, d], [e, f], [g, h]] = pairs;
    [a, b, c, d, e, f, g, h]
}

/// The two ASCII digits of a value below 100, from a table ("00" for anything larger).
fn two_digits(value: u32) -> [u8; 2] {
    DIGIT_PAIRS.get(value as usize).copied().unwrap_or(*b"00")
}

/// "00" to "99": one load per two digits.
static DIGIT_PAIRS: [[u8; 2]; 100] = {
    let mut table = [[0u8; 2]; 100];
    let mut value = 0;
    while value < 100 {
        // Evaluated at compile time: an out-of-range index would fail the build, not panic.
        #[allow(clippy::indexing_slicing)]
        {
            table[value] = [b'0' + (value / 10) as u8, b'0' + (value % 10) as u8];
        }
        value += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    fn decimal(magnitude: &[u8]) -> String {
        with_decimal_digits(magnitude, str::to_owned)
    }

    #[test]
    fn reciprocal_is_the_moller_granlund_constant() {
        assert_eq!(
            u128::from(RECIPROCAL) + (1u128 << 64),
            u128::MAX / u128::from(CHUNK)
        );
    }

    #[test]
    fn division_by_the_chunk_base_matches_u128_division() {
        let cases = [
            (0, 0),
            (0, CHUNK - 1),
            (0, CHUNK),
            (0, u64::MAX),
            (1, 0),
            (CHUNK - 1, u64::MAX),
            (CHUNK - 1, 0),
            (0x0123_4567_89ab_cdef, 0xfedc_ba98_7654_3210),
        ];
        for (hi, lo) in cases {
            let n = (u128::from(hi) << 64) | u128::from(lo);
            let expected = (
                (n / u128::from(CHUNK)) as u64,
                (n % u128::from(CHUNK)) as u64,
            );
            assert_eq!(div_rem_chunk(hi, lo), expected, "{hi:#x} {lo:#x}");
        }
    }

    #[test]
    fn the_inverse_of_the_fives_is_exact() {
        assert_eq!(
            u128::from(CHUNK >> CHUNK_TWOS).wrapping_mul(FIVES_INVERSE),
            1
        );
        assert_eq!(CHUNK >> CHUNK_TWOS << CHUNK_TWOS, CHUNK);
    }

    #[test]
    fn small_chunks_match_num_bigint_at_the_edges() {
        use num_bigint::BigUint;
        let chunk = BigUint::from(CHUNK);
        let one = BigUint::from(1u8);
        let mut values = vec![BigUint::from(0u8), BigUint::from(7u8)];
        // Around 10^19 and 10^38, and around 2^64, 2^128 and 2^160 (the folded sum and the
        // borrow of v − r0 at their largest).
        for power in [
            chunk.clone(),
            chunk.pow(2),
            one.clone() << 64,
            one.clone() << 128,
        ] {
            values.extend([&power - 1u8, power.clone(), power + 1u8]);
        }
        values.push((one.clone() << 160) - 1u8);
        // Pseudo-random octets of every length up to 20.
        let mut seed = 0x0123_4567_89ab_cdefu64;
        for len in 1..=20 {
            let octets: Vec<u8> = (0..len)
                .map(|_| {
                    seed = seed.rotate_left(7) ^ seed.wrapping_mul(0x9e37_79b9_7f4a_7c15);
                    seed as u8
                })
                .collect();
            values.push(BigUint::from_bytes_be(&octets));
        }
        for value in values {
            let mut expected = Vec::new();
            let mut rest = value.clone();
            loop {
                expected.push(u64::try_from(&rest % &chunk).unwrap());
                rest /= &chunk;
                if rest == BigUint::from(0u8) {
                    break;
                }
            }
            let (chunks, count) = small_limbs(&value.to_bytes_be())
                .and_then(small_chunks)
                .unwrap();
            assert_eq!(chunks[..count], expected[..], "{value}");
            assert!(chunks[count..].iter().all(|&c| c == 0), "{value}");
            assert_eq!(decimal(&value.to_bytes_be()), value.to_string());
        }
        assert_eq!(small_limbs(&[1; 21]), None);
        assert_eq!(small_chunks([0, 0, 1 << 32]), None);
    }

    #[test]
    fn ascii_from_checks_from_the_aligned_offset() {
        let mut buffer = AsciiBuffer([b'a'; 32]);
        for first in [0, 1, 15, 16, 17, 31] {
            assert_eq!(ascii_from(&buffer.0, first), "a".repeat(32 - first));
        }
        assert_eq!(ascii_from(&buffer.0, 32), "");
        assert_eq!(ascii_from(&buffer.0, 40), "");
        // A byte that is not UTF-8 in the checked head empties the result.
        buffer.0[16] = 0xff;
        assert_eq!(ascii_from(&buffer.0, 17), "");
        assert_eq!(ascii_from(&buffer.0, 15), "");
        assert_eq!(ascii_from(&buffer.0, 3), "");
    }

    #[test]
    fn eight_digits_match_formatting_across_the_range() {
        // Every value in optimised builds (`cargo test --release`), a sample otherwise.
        let step = if cfg!(debug_assertions) { 9_973 } else { 1 };
        let mut value = 0u32;
        while value < 100_000_000 {
            assert_eq!(
                eight_digits(value),
                *format!("{value:08}").as_bytes(),
                "{value}"
            );
            value += step;
        }
        for value in [0, 9, 10, 99, 100, 9_999, 10_000, 12_345_678, 99_999_999] {
            assert_eq!(
                eight_digits(value),
                *format!("{value:08}").as_bytes(),
                "{value}"
            );
        }
    }

    #[test]
    fn writes_chunk_boundaries() {
        assert_eq!(decimal(&[]), "0");
        assert_eq!(decimal(&[0]), "0");
        assert_eq!(decimal(&[0, 0, 7]), "7");
        assert_eq!(decimal(&1_000_000_000u64.to_be_bytes()), "1000000000");
        assert_eq!(decimal(&999_999_999u32.to_be_bytes()), "999999999");
        assert_eq!(decimal(&(CHUNK - 1).to_be_bytes()), (CHUNK - 1).to_string());
        assert_eq!(decimal(&CHUNK.to_be_bytes()), CHUNK.to_string());
        assert_eq!(decimal(&u64::MAX.to_be_bytes()), u64::MAX.to_string());
        let chunk_squared = u128::from(CHUNK) * u128::from(CHUNK);
        assert_eq!(
            decimal(&chunk_squared.to_be_bytes()),
            chunk_squared.to_string()
        );
        assert_eq!(decimal(&u128::MAX.to_be_bytes()), u128::MAX.to_string());
    }

    #[test]
    fn eight_digit_words_read_their_value_and_refuse_non_digits() {
        for text in [
            *b"00000000",
            *b"12345678",
            *b"99999999",
            *b"00000001",
            *b"10000000",
        ] {
            let word = u64::from_le_bytes(text);
            assert!(all_digits(word));
            let expected: u64 = core::str::from_utf8(&text).unwrap().parse().unwrap();
            assert_eq!(eight_digit_value(word), expected);
        }
        for byte in (0..=u8::MAX).filter(|b| !b.is_ascii_digit()) {
            for position in 0..8 {
                let mut text = *b"12345678";
                text[position] = byte;
                assert!(!all_digits(u64::from_le_bytes(text)), "{text:?}");
            }
        }
    }

    #[test]
    fn the_small_reader_agrees_with_the_general_one() {
        let small = |digits: &str| {
            read_small_decimal(digits.as_bytes())
                .map(|limbs| super::super::SerialNumber::from_limbs(limbs).to_be_bytes())
        };
        let mut text = String::new();
        for length in 1..=SMALL_DECIMAL_DIGITS {
            // Digits cycling through 9..0 and all nines: every block position and the largest
            // value of each length.
            text.push(char::from(b'0' + (9 - length % 10) as u8));
            let nines = "9".repeat(length);
            for digits in [text.as_str(), nines.as_str()] {
                let general = decimal_to_be(digits.as_bytes(), <[u8]>::to_vec);
                let general = general
                    .iter()
                    .position(|&b| b != 0)
                    .map_or(&[0][..], |i| &general[i..]);
                assert_eq!(small(digits).as_deref(), Some(general), "{digits}");
                assert_eq!(
                    decimal(general),
                    Some(digits.trim_start_matches('0'))
                        .map(|d| { if d.is_empty() { "0" } else { d } })
                        .unwrap(),
                    "{digits}"
                );
            }
        }
        assert_eq!(read_small_decimal(b""), None);
        assert_eq!(read_small_decimal(b"12a4"), None);
        assert_eq!(read_small_decimal(b"0000"), Some([0, 0, 0]));
        assert_eq!(read_small_decimal("1".repeat(58).as_bytes()), None);
    }

    #[test]
    fn reads_chunk_boundaries() {
        for text in [
            "1",
            "999999999",
            "1000000000",
            "9999999999999999999",
            "10000000000000000000",
            "18446744073709551616",
            "100000000000000000000000000000000000000",
        ] {
            let value = decimal_to_be(text.as_bytes(), decimal);
            assert_eq!(value, text);
        }
    }
}
