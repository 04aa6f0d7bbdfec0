//! Decimal conversion, hand-written so that RFC 5280-sized values convert without heap
//! allocation (see `benches/serial.rs` for the comparison with num-bigint).
//!
//! Numbers are held as little-endian `u32` limbs and converted nine decimal digits at a time:
//! 10^9 < 2^32, so every step is a `u64` multiply or a division by a constant, which the compiler
//! turns into a multiplication.

use core::fmt;

use super::with_scratch;

const CHUNK_DIGITS: usize = 9;
const CHUNK: u64 = 1_000_000_000;

/// Converts ASCII decimal digits (already validated) to big-endian magnitude octets, which may
/// carry leading zeros, and hands them to `f`.
pub(super) fn decimal_to_be<R>(digits: &[u8], f: impl FnOnce(&[u8]) -> R) -> R {
    // Each chunk of nine digits adds at most one limb.
    let max_limbs = digits.len() / CHUNK_DIGITS + 2;
    with_scratch(max_limbs, |limbs: &mut [u32]| {
        let mut used = 0usize;
        let head = digits.len() % CHUNK_DIGITS;
        let (first, rest) = digits.split_at(head);
        for chunk in core::iter::once(first)
            .filter(|c| !c.is_empty())
            .chain(rest.chunks(CHUNK_DIGITS))
        {
            let scale = 10u64.pow(chunk.len() as u32);
            let mut carry = chunk
                .iter()
                .fold(0u64, |acc, d| acc * 10 + u64::from(d - b'0'));
            for limb in limbs.iter_mut().take(used) {
                let t = u64::from(*limb) * scale + carry;
                *limb = t as u32;
                carry = t >> 32;
            }
            if let (true, Some(limb)) = (carry != 0, limbs.get_mut(used)) {
                *limb = carry as u32;
                used += 1;
            }
        }
        with_scratch(used * 4, |bytes: &mut [u8]| {
            for (dst, limb) in bytes.chunks_exact_mut(4).zip(limbs.iter().take(used).rev()) {
                dst.copy_from_slice(&limb.to_be_bytes());
            }
            f(bytes)
        })
    })
}

/// Writes the decimal digits of big-endian magnitude octets (`0` for zero or empty input).
pub(super) fn write_decimal(magnitude: &[u8], w: &mut impl fmt::Write) -> fmt::Result {
    let n_limbs = magnitude.len().div_ceil(4);
    with_scratch(n_limbs, |limbs: &mut [u32]| {
        // Fill little-endian limbs from the big-endian octets, least significant first.
        for (limb, bytes) in limbs.iter_mut().zip(magnitude.rchunks(4)) {
            *limb = bytes.iter().fold(0u32, |acc, b| (acc << 8) | u32::from(*b));
        }
        // 8 bits hold at most 2.41 digits; one chunk of slack for the rounding.
        let max_chunks = magnitude.len() * 241 / 100 / CHUNK_DIGITS + 2;
        with_scratch(max_chunks, |chunks: &mut [u32]| {
            let mut used_limbs = significant_len(limbs);
            let mut used_chunks = 0usize;
            while used_limbs > 0 {
                let mut rem = 0u64;
                for limb in limbs.iter_mut().take(used_limbs).rev() {
                    let t = (rem << 32) | u64::from(*limb);
                    *limb = (t / CHUNK) as u32;
                    rem = t % CHUNK;
                }
                if let Some(chunk) = chunks.get_mut(used_chunks) {
                    *chunk = rem as u32;
                    used_chunks += 1;
                }
                used_limbs = significant_len(limbs.get(..used_limbs).unwrap_or(&[]));
            }
            let mut chunks = chunks.iter().take(used_chunks).rev();
            match chunks.next() {
                None => w.write_str("0"),
                Some(&top) => {
                    write_chunk(w, top, false)?;
                    chunks.try_for_each(|&c| write_chunk(w, c, true))
                }
            }
        })
    })
}

fn significant_len(limbs: &[u32]) -> usize {
    limbs.iter().rposition(|&l| l != 0).map_or(0, |i| i + 1)
}

/// Writes one base-10^9 chunk, zero-padded to nine digits unless it is the leading one.
fn write_chunk(w: &mut impl fmt::Write, mut value: u32, pad: bool) -> fmt::Result {
    let mut buf = [b'0'; CHUNK_DIGITS];
    let mut start = CHUNK_DIGITS;
    for slot in buf.iter_mut().rev() {
        *slot = b'0' + (value % 10) as u8;
        value /= 10;
        start -= 1;
        if value == 0 && !pad {
            break;
        }
    }
    let digits = buf.get(start..).unwrap_or(&[]);
    // Only ASCII digits were written, so this never fails.
    w.write_str(core::str::from_utf8(digits).map_err(|_| fmt::Error)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decimal(magnitude: &[u8]) -> String {
        let mut out = String::new();
        write_decimal(magnitude, &mut out)
            .map(|()| out)
            .unwrap_or_default()
    }

    #[test]
    fn writes_chunk_boundaries() {
        assert_eq!(decimal(&[]), "0");
        assert_eq!(decimal(&[0]), "0");
        assert_eq!(decimal(&1_000_000_000u64.to_be_bytes()), "1000000000");
        assert_eq!(decimal(&999_999_999u32.to_be_bytes()), "999999999");
        assert_eq!(decimal(&u64::MAX.to_be_bytes()), u64::MAX.to_string());
        assert_eq!(decimal(&u128::MAX.to_be_bytes()), u128::MAX.to_string());
    }

    #[test]
    fn reads_chunk_boundaries() {
        for text in ["1", "999999999", "1000000000", "18446744073709551616"] {
            let value = decimal_to_be(text.as_bytes(), decimal);
            assert_eq!(value, text);
        }
    }
}
