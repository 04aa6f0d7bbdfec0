//! Serial number codecs beside their peers, in one run so that the results read as ratios:
//! num-bigint (`BigInt::parse_bytes`, `to_str_radix`) for text, x509-cert's `SerialNumber` for
//! DER. Ids are `<crate>/<operation>/<size>`, e.g. `serial/parse_hex/18_octets` and
//! `num-bigint/parse_hex/18_octets`.
//!
//! Run with `cargo bench --bench serial`; results and ratios are in BENCHMARKS.md.

use std::fmt::{self, Write as _};
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use der::{Decode, Encode};
use num_bigint::BigInt;
use sote_certs::SerialNumber;
use x509_cert::certificate::Rfc5280;

type X509Serial = x509_cert::serial_number::SerialNumber<Rfc5280>;

/// DVV's legacy example, DVV's long example, and a 20-octet value (RFC 5280's largest).
const SIZES: [(&str, &str); 3] = [
    ("4_octets", "0bf4eab0"),
    ("18_octets", "0100000168f0a805c366b43b5de968c691fb"),
    ("20_octets", "5c0ffee15badc0de1234567890abcdef0fedcba9"),
];

struct Input {
    size: &'static str,
    hex: &'static str,
    decimal: String,
    der: Vec<u8>,
    serial: SerialNumber,
    bigint: BigInt,
    x509: X509Serial,
}

fn inputs() -> Vec<Input> {
    SIZES
        .iter()
        .map(|&(size, hex)| {
            let serial = SerialNumber::from_hex(hex).expect("benchmark input");
            let x509 = X509Serial::try_from(&serial).expect("RFC 5280 sized");
            Input {
                size,
                hex,
                decimal: serial.to_decimal_string(),
                der: serial.to_der(),
                bigint: BigInt::from(&serial),
                serial,
                x509,
            }
        })
        .collect()
}

/// A `fmt::Write` into a fixed stack buffer.
struct StackText {
    buf: [u8; 64],
    len: usize,
}

impl Default for StackText {
    fn default() -> Self {
        Self {
            buf: [0; 64],
            len: 0,
        }
    }
}

impl fmt::Write for StackText {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        self.buf
            .get_mut(self.len..end)
            .ok_or(fmt::Error)?
            .copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

fn text(c: &mut Criterion) {
    let inputs = inputs();

    let mut group = c.benchmark_group("serial/parse_hex");
    for i in &inputs {
        group.bench_function(i.size, |b| {
            b.iter(|| SerialNumber::from_hex(black_box(i.hex)))
        });
    }
    group.finish();
    let mut group = c.benchmark_group("num-bigint/parse_hex");
    for i in &inputs {
        group.bench_function(i.size, |b| {
            b.iter(|| BigInt::parse_bytes(black_box(i.hex.as_bytes()), 16))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("serial/parse_decimal");
    for i in &inputs {
        group.bench_function(i.size, |b| {
            b.iter(|| SerialNumber::from_decimal(black_box(&i.decimal)))
        });
    }
    group.finish();
    let mut group = c.benchmark_group("num-bigint/parse_decimal");
    for i in &inputs {
        group.bench_function(i.size, |b| {
            b.iter(|| BigInt::parse_bytes(black_box(i.decimal.as_bytes()), 10))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("serial/to_decimal");
    for i in &inputs {
        group.bench_function(i.size, |b| {
            b.iter(|| black_box(&i.serial).to_decimal_string())
        });
    }
    group.finish();
    let mut group = c.benchmark_group("num-bigint/to_decimal");
    for i in &inputs {
        group.bench_function(i.size, |b| b.iter(|| black_box(&i.bigint).to_str_radix(10)));
    }
    group.finish();

    // The floor under every row that returns a fresh `String`: allocating one of a 4-octet
    // value's eight hex digits, copying them in, and freeing it.
    c.bench_function("std/string_from/8_bytes", |b| {
        b.iter(|| String::from(black_box("0bf4eab0")))
    });

    let mut group = c.benchmark_group("serial/to_hex");
    for i in &inputs {
        group.bench_function(i.size, |b| b.iter(|| black_box(&i.serial).to_hex_string()));
    }
    group.finish();
    let mut group = c.benchmark_group("num-bigint/to_hex");
    for i in &inputs {
        group.bench_function(i.size, |b| b.iter(|| black_box(&i.bigint).to_str_radix(16)));
    }
    group.finish();

    // The conversion integrators ask for: DVV's hex to the decimal a database column holds.
    let dvv = &inputs[1];
    c.bench_function("serial/hex_to_decimal/18_octets", |b| {
        b.iter(|| {
            SerialNumber::from_hex(black_box(dvv.hex)).map(|serial| serial.to_decimal_string())
        })
    });
    // The same into a caller's stack buffer: no allocation at all on our side.
    c.bench_function("serial/hex_to_decimal_into/18_octets", |b| {
        b.iter(|| {
            SerialNumber::from_hex(black_box(dvv.hex)).map(|serial| {
                let mut out = StackText::default();
                // The buffer holds any 18-octet value's digits.
                let _ = write!(out, "{}", serial.decimal());
                out.len
            })
        })
    });
    // The same without moving the value out of the `Result` (`as_ref`): beside the row above,
    // what the move costs. It once copied the freshly written value with wide loads that
    // waited on the narrower stores that wrote it (BENCHMARKS.md, "The copy after the parse").
    c.bench_function("serial/hex_to_decimal_by_ref/18_octets", |b| {
        b.iter(|| {
            SerialNumber::from_hex(black_box(dvv.hex))
                .as_ref()
                .map(SerialNumber::to_decimal_string)
                .ok()
        })
    });
    c.bench_function("num-bigint/hex_to_decimal/18_octets", |b| {
        b.iter(|| {
            BigInt::parse_bytes(black_box(dvv.hex.as_bytes()), 16).map(|n| n.to_str_radix(10))
        })
    });
}

fn der(c: &mut Criterion) {
    let inputs = inputs();

    let mut group = c.benchmark_group("serial/der_decode");
    for i in &inputs {
        group.bench_function(i.size, |b| {
            b.iter(|| SerialNumber::from_der(black_box(&i.der)))
        });
    }
    group.finish();
    let mut group = c.benchmark_group("x509-cert/der_decode");
    for i in &inputs {
        group.bench_function(i.size, |b| {
            b.iter(|| X509Serial::from_der(black_box(&i.der)))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("serial/der_encode");
    for i in &inputs {
        group.bench_function(i.size, |b| b.iter(|| black_box(&i.serial).to_der()));
    }
    group.finish();
    let mut group = c.benchmark_group("x509-cert/der_encode");
    for i in &inputs {
        group.bench_function(i.size, |b| b.iter(|| black_box(&i.x509).to_der()));
    }
    group.finish();

    // Into a caller's buffer, without allocation, on both sides.
    let mut group = c.benchmark_group("serial/der_encode_into");
    for i in &inputs {
        let mut buf = [0u8; 32];
        group.bench_function(i.size, |b| {
            b.iter(|| black_box(&i.serial).write_der(black_box(&mut buf)))
        });
    }
    group.finish();
    let mut group = c.benchmark_group("x509-cert/der_encode_into");
    for i in &inputs {
        let mut buf = [0u8; 32];
        group.bench_function(i.size, |b| {
            b.iter(|| {
                black_box(&i.x509)
                    .encode_to_slice(black_box(&mut buf))
                    .map(<[u8]>::len)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, text, der);
criterion_main!(benches);
