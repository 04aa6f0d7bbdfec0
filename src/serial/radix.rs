//! Decimal conversion, hand-written so that RFC 5280-sized values convert without heap
//! allocation and several times faster than a general big-integer library (see
//! `benches/serial.rs` and BENCHMARKS.md for the comparison with num-bigint).
//!
//! Numbers are held as little-endian `u64` limbs and converted nineteen decimal digits at a
//! time. Reading multiplies by 10^19 (one `u128` product per limb). Writing divides by 10^19
//! with a precomputed reciprocal (Möller and Granlund, "Improved division by invariant
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
    // Up to 16 octets the standard library's integer formatting is the fastest route.
    if let Some(value) = native(magnitude) {
        return match u64::try_from(value) {
            Ok(value) => write!(w, "{value}"),
            Err(_) => write!(w, "{value}"),
        };
    }
    with_decimal_digits(magnitude, |digits| w.write_str(digits))
}

/// The magnitude as a `u128`, if it has at most 16 octets.
fn native(magnitude: &[u8]) -> Option<u128> {
    let mut buf = [0u8; 16];
    let start = buf.len().checked_sub(magnitude.len())?;
    buf.get_mut(start..)?.copy_from_slice(magnitude);
    Some(u128::from_be_bytes(buf))
}

/// Calls `f` with the decimal digits of big-endian magnitude octets (`"0"` for zero or empty
/// input), built on the stack for magnitudes of up to 24 octets.
pub(super) fn with_decimal_digits<R>(magnitude: &[u8], f: impl FnOnce(&str) -> R) -> R {
    if let Some((chunks, count)) = small_chunks(magnitude) {
        let mut out = [0u8; SMALL_CHUNKS * CHUNK_DIGITS];
        return write_chunks(chunks.get(..count).unwrap_or(&[]), &mut out, f);
    }
    // A value below 2^(8n) has floor(8n · log10 2) + 1 <= floor(2.41 n) + 1 digits.
    let max_chunks = (magnitude.len() * 241 / 100 + 1).div_ceil(CHUNK_DIGITS);
    with_scratch(magnitude.len().div_ceil(8), |limbs: &mut [u64]| {
        // Little-endian limbs from the big-endian octets, least significant first.
        for (limb, bytes) in limbs.iter_mut().zip(magnitude.rchunks(8)) {
            *limb = bytes.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b));
        }
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

/// Chunks [`small_chunks`] can return: a 24-octet value has at most 58 digits.
const SMALL_CHUNKS: usize = 4;

/// The base-10^19 chunks (least significant first) and their count, for a magnitude of at most
/// 24 octets: three limbs held in registers, so RFC 5280-sized values take the fast path.
// Inlined so that the chunks stay in registers instead of a returned array in memory.
#[inline(always)]
fn small_chunks(magnitude: &[u8]) -> Option<([u64; SMALL_CHUNKS], usize)> {
    if magnitude.len() > 24 {
        return None;
    }
    // Whole 8-octet limbs load straight from the input; only the leading partial one is
    // assembled octet by octet.
    let mut limbs = [0u64; 3];
    let whole = magnitude.rchunks_exact(8);
    let partial = whole.remainder();
    let mut slots = limbs.iter_mut();
    // `whole` first: `zip` then stops without taking the slot of the partial limb.
    for (bytes, limb) in whole.zip(slots.by_ref()) {
        *limb = bytes.try_into().map_or(0, u64::from_be_bytes);
    }
    if let Some(limb) = slots.next() {
        *limb = partial.iter().fold(0, |acc, &b| (acc << 8) | u64::from(b));
    }
    let [mut low, mut middle, mut high] = limbs;
    let mut chunks = [0u64; SMALL_CHUNKS];
    let mut count = 0;
    for chunk in &mut chunks {
        let (q_high, rem) = div_rem_chunk(0, high);
        let (q_middle, rem) = div_rem_chunk(rem, middle);
        let (q_low, rem) = div_rem_chunk(rem, low);
        *chunk = rem;
        count += 1;
        (high, middle, low) = (q_high, q_middle, q_low);
        if high | middle | low == 0 {
            break;
        }
    }
    Some((chunks, count))
}

/// Writes base-10^19 chunks (least significant first) into `out`, which holds nineteen digits
/// per chunk, and calls `f` with the digits without leading zeros (`"0"` for none).
fn write_chunks<R>(chunks: &[u64], out: &mut [u8], f: impl FnOnce(&str) -> R) -> R {
    let mut start = out.len();
    for &chunk in chunks {
        if let Some(slot) = start
            .checked_sub(CHUNK_DIGITS)
            .and_then(|s| out.get_mut(s..s + CHUNK_DIGITS))
        {
            write_chunk(chunk, slot);
            start -= CHUNK_DIGITS;
        }
    }
    let digits = out.get(start..).unwrap_or(&[]);
    let digits = match digits.iter().position(|&d| d != b'0') {
        Some(first) => digits.get(first..).unwrap_or(&[]),
        None => b"0",
    };
    // Only ASCII digits were written, so `from_utf8` never fails.
    f(core::str::from_utf8(digits).unwrap_or("0"))
}

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

/// Writes a chunk below 10^19 as exactly nineteen digits, zero-padded, into `out`.
fn write_chunk(chunk: u64, out: &mut [u8]) {
    // 3 + 8 + 8 digits; the parts are independent, so they convert in parallel.
    let high = (chunk / 10_000_000_000_000_000) as u32;
    let rest = chunk % 10_000_000_000_000_000;
    let digits = [
        b'0' + (high / 100) as u8,
        b'0' + (high / 10 % 10) as u8,
        b'0' + (high % 10) as u8,
    ];
    let (head, tail) = out.split_at_mut(out.len().min(3));
    let (middle, low) = tail.split_at_mut(tail.len().min(8));
    head.copy_from_slice(digits.get(..head.len()).unwrap_or(&[]));
    for (slot, part) in [(middle, rest / 100_000_000), (low, rest % 100_000_000)] {
        let ascii = eight_digits(part as u32);
        slot.copy_from_slice(ascii.get(..slot.len()).unwrap_or(&[]));
    }
}

/// The eight ASCII digits of a value below 10^8, computed in the lanes of one `u64` (a SWAR
/// technique: 4-digit halves in 32-bit lanes, then 2-digit quarters in 16-bit lanes, then
/// digits in bytes; each division by 100 or 10 is a multiplication and a shift, exact for the
/// lane's range).
fn eight_digits(value: u32) -> [u8; 8] {
    let value = u64::from(value);
    // Lane 0 (bits 0..32): the high four digits; lane 1 (bits 32..64): the low four.
    let halves = (value / 10_000) | ((value % 10_000) << 32);
    // x / 100 == (x * 10486) >> 20 for x < 10^4.
    let hundreds = ((halves * 10_486) >> 20) & 0x0000_007f_0000_007f;
    let below_hundred = halves - 100 * hundreds;
    // 16-bit lanes, most significant pair first: d7d6, d5d4, d3d2, d1d0.
    let pairs = (below_hundred << 16) | hundreds;
    // x / 10 == (x * 103) >> 10 for x < 100.
    let tens = ((pairs * 103) >> 10) & 0x000f_000f_000f_000f;
    let ones = pairs - 10 * tens;
    // Bytes, least significant first in memory: d7, d6, …, d0.
    (tens | (ones << 8) | 0x3030_3030_3030_3030).to_le_bytes()
}

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
    fn eight_digits_match_formatting_across_the_range() {
        let mut value = 0u32;
        while value < 100_000_000 {
            assert_eq!(
                eight_digits(value),
                *format!("{value:08}").as_bytes(),
                "{value}"
            );
            value += 9_973;
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
