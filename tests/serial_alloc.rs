//! Reading and writing serial numbers of up to 20 content octets (RFC 5280's limit, plus the sign
//! octet a 20-octet magnitude may need) performs no heap allocation, when the writers target a
//! `fmt::Write` or a caller's buffer. A counting global allocator shows it.

// A `GlobalAlloc` implementation cannot be written without `unsafe`. The library itself forbids
// unsafe code (src/lib.rs); this test target is the one place that allows it, for the allocator
// below and nothing else.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::collections::hash_map::DefaultHasher;
use std::fmt::Write as _;
use std::hash::{Hash, Hasher};
use std::hint::black_box;

use sote_certs::serial::{HexStyle, embedded_issuance_time};
use sote_certs::{SerialNumber, SerialReader};

/// Counts allocations made on the current thread while counting is on, and forwards every call
/// to the system allocator.
struct Counting;

thread_local! {
    // `const` initialisation and no destructor: touching these never allocates.
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

fn note_allocation() {
    // `try_with` cannot panic, even while the thread is being torn down.
    let _ = COUNTING.try_with(|on| {
        if on.get() {
            let _ = ALLOCATIONS.try_with(|count| count.set(count.get() + 1));
        }
    });
}

// SAFETY: every method forwards its arguments unchanged to `System`, which upholds the
// `GlobalAlloc` contract; the only addition is `note_allocation`, which neither allocates, nor
// unwinds, nor touches the memory being handed out.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note_allocation();
        // SAFETY: the caller's guarantees for `layout` are passed on unchanged.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note_allocation();
        // SAFETY: as for `alloc`.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note_allocation();
        // SAFETY: `ptr` was allocated by `System` (through this wrapper) with `layout`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by `System` (through this wrapper) with `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs `f` and returns its result with the number of heap allocations it made on this thread.
fn allocations<R>(f: impl FnOnce() -> R) -> (R, usize) {
    ALLOCATIONS.with(|count| count.set(0));
    COUNTING.with(|on| on.set(true));
    let result = f();
    COUNTING.with(|on| on.set(false));
    (result, ALLOCATIONS.with(Cell::get))
}

fn assert_no_allocation<R>(what: &str, f: impl FnOnce() -> R) -> R {
    let (result, count) = allocations(f);
    assert_eq!(count, 0, "{what} made {count} heap allocations");
    result
}

/// A `fmt::Write` into a fixed stack buffer, as a caller without an allocator uses it.
struct StackText {
    buf: [u8; 256],
    len: usize,
}

impl StackText {
    fn new() -> Self {
        Self {
            buf: [0; 256],
            len: 0,
        }
    }

    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or("<not utf-8>")
    }
}

impl std::fmt::Write for StackText {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let end = self.len + s.len();
        self.buf
            .get_mut(self.len..end)
            .ok_or(std::fmt::Error)?
            .copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// Values from 1 to 21 content octets, both signs: DVV's two examples, the largest and smallest
/// 20-octet values and the 20-octet magnitudes that need a 21st (sign) octet.
fn samples() -> Vec<SerialNumber> {
    let hex = [
        "00",
        "01",
        "7f",
        "80",
        "0bf4eab0",
        "017dd7810fc3030e71245bda512189",
        "0100000168f0a805c366b43b5de968c691fb",
        "7fffffffffffffffffffffffffffffffffffffff",
        "8000000000000000000000000000000000000000",
        "ffffffffffffffffffffffffffffffffffffffff",
        "-01",
        "-80",
        "-81",
        "-0100000168f0a805c366b43b5de968c691fb",
        "-8000000000000000000000000000000000000000",
        "-ffffffffffffffffffffffffffffffffffffffff",
    ];
    hex.iter()
        .map(|h| SerialNumber::from_hex(h).unwrap_or_else(|e| panic!("{h}: {e}")))
        .collect()
}

#[test]
fn the_counter_sees_allocations() {
    let (_, count) = allocations(|| black_box(vec![1u8; 16]));
    assert_eq!(count, 1);
    // And a serial number longer than the inline storage is on the heap, so it is counted.
    let long = "01".repeat(40);
    let (_, count) = allocations(|| SerialNumber::from_hex(black_box(&long)));
    assert!(count >= 1);
}

#[test]
fn samples_cover_up_to_21_content_octets() {
    let octets: Vec<usize> = samples().iter().map(|s| s.as_der_content().len()).collect();
    assert_eq!(octets.iter().max(), Some(&21));
    assert!(octets.contains(&20) && octets.contains(&1));
}

/// `to_hex_string` and `to_decimal_string` build a `Box<str>` and hand it over as the `String`:
/// for every RFC 5280-sized value one allocation, of exactly the text's length (a larger one
/// would be reallocated by the `Box`, a smaller one grown by the writer; either counts twice
/// here). Longer values may use heap scratch space, but their text is exact too. `to_der` is
/// built the same way.
#[test]
fn writing_a_string_allocates_once_at_its_length() {
    let writers = [
        (
            "hex",
            SerialNumber::to_hex_string as fn(&SerialNumber) -> String,
        ),
        ("decimal", SerialNumber::to_decimal_string),
    ];
    for serial in samples() {
        for (what, write) in writers {
            let (text, count) = allocations(|| write(black_box(&serial)));
            assert_eq!(count, 1, "{what} of {serial} made {count} allocations");
            assert_eq!(text.capacity(), text.len(), "{what} of {serial}");
        }
        // The DER TLV is built the same way.
        let (der, count) = allocations(|| black_box(&serial).to_der());
        assert_eq!(count, 1, "DER of {serial} made {count} allocations");
        assert_eq!(der.capacity(), der.len(), "DER of {serial}");
    }
    for hex in [
        "0123456789abcdef".repeat(4),
        format!("-{}", "ff".repeat(30)),
    ] {
        let serial = SerialNumber::from_hex(&hex).unwrap_or_else(|e| panic!("{hex}: {e}"));
        for (what, write) in writers {
            let text = write(&serial);
            assert_eq!(text.capacity(), text.len(), "{what} of {serial}");
        }
    }
}

#[test]
fn reading_hex_does_not_allocate() {
    let reader = SerialReader::new();
    for serial in samples() {
        let lower = serial.to_hex_string();
        let upper = format!("{serial:#X}");
        let colon = serial.hex(HexStyle::Colon).to_string();
        let padded = format!("{}0x000{}", if serial.is_negative() { "-" } else { "" }, {
            lower.trim_start_matches('-')
        });
        for text in [&lower, &upper, &colon, &padded] {
            let read = assert_no_allocation(text, || reader.hex(black_box(text)));
            assert_eq!(read.as_ref(), Ok(&serial), "{text}");
            let read = assert_no_allocation(text, || SerialNumber::from_hex(black_box(text)));
            assert_eq!(read.as_ref(), Ok(&serial), "{text}");
        }
    }
}

#[test]
fn reading_decimal_does_not_allocate() {
    let reader = SerialReader::new();
    for serial in samples() {
        let text = serial.to_decimal_string();
        let read = assert_no_allocation(&text, || reader.decimal(black_box(&text)));
        assert_eq!(read, Ok(serial.clone()), "{text}");
        let read = assert_no_allocation(&text, || SerialNumber::from_decimal(black_box(&text)));
        assert_eq!(read, Ok(serial), "{text}");
    }
}

#[test]
fn reading_der_does_not_allocate() {
    let reader = SerialReader::new();
    for serial in samples() {
        let der = serial.to_der();
        let content = serial.as_der_content().to_vec();
        let read = assert_no_allocation("der", || reader.der(black_box(&der)));
        assert_eq!(read.as_ref(), Ok(&serial));
        let read = assert_no_allocation("from_der", || SerialNumber::from_der(black_box(&der)));
        assert_eq!(read.as_ref(), Ok(&serial));
        let read = assert_no_allocation("der_content", || reader.der_content(black_box(&content)));
        assert_eq!(read.as_ref(), Ok(&serial));
        let read = assert_no_allocation("der crate", || {
            <SerialNumber as der::Decode>::from_der(black_box(&der))
        });
        assert_eq!(read.ok().as_ref(), Some(&serial));
    }
}

#[test]
fn reading_der_errors_does_not_allocate() {
    for bad in [
        &[][..],
        &[0x03, 0x01, 0x00],
        &[0x02, 0x04, 0x0b],
        &[0x02, 0x80, 0x01, 0x00, 0x00],
        &[0x02, 0x81, 0x01, 0x05],
        &[0x02, 0x00],
        &[0x02, 0x02, 0x00, 0x7f],
        &[0x02, 0x02, 0xff, 0x80],
        &[0x02, 0x01, 0x05, 0x00],
    ] {
        let read = assert_no_allocation("bad der", || SerialNumber::from_der(black_box(bad)));
        assert!(read.is_err(), "{bad:02x?}");
    }
}

#[test]
fn reading_bytes_does_not_allocate() {
    let reader = SerialReader::new();
    for serial in samples() {
        let expected = serial.abs();
        let be = serial.to_be_bytes();
        let le = serial.to_le_bytes();
        let read = assert_no_allocation("be_bytes", || reader.be_bytes(black_box(&be)));
        assert_eq!(read.as_ref(), Ok(&expected));
        let read = assert_no_allocation("le_bytes", || reader.le_bytes(black_box(&le)));
        assert_eq!(read.as_ref(), Ok(&expected));
        let read = assert_no_allocation("from_be", || SerialNumber::from_be_bytes(black_box(&be)));
        assert_eq!(read.as_ref(), Ok(&expected));
        let read = assert_no_allocation("from_le", || SerialNumber::from_le_bytes(black_box(&le)));
        assert_eq!(read.as_ref(), Ok(&expected));
    }
}

#[test]
fn reading_declared_notations_does_not_allocate() {
    let reader = SerialReader::new();
    for serial in samples() {
        let der: String = serial.to_der().iter().map(|b| format!("{b:02x}")).collect();
        let texts = [
            format!("hex:{}", serial.to_hex_string()),
            format!("dec:{}", serial.decimal()),
            format!("der:{der}"),
            format!("{serial}"),
        ];
        for text in &texts {
            let read = assert_no_allocation(text, || reader.parse(black_box(text)));
            assert_eq!(read.as_ref(), Ok(&serial), "{text}");
            let read = assert_no_allocation(text, || black_box(text).parse::<SerialNumber>());
            assert_eq!(read.as_ref(), Ok(&serial), "{text}");
        }
    }
    // Guessing a bare digit string builds both readings without allocating.
    let guess = assert_no_allocation("guess", || reader.guess(black_box("200600240")));
    assert!(guess.is_ok_and(|g| g.is_ambiguous()));
}

#[test]
fn writing_text_into_a_stack_buffer_does_not_allocate() {
    for serial in samples() {
        for style in [HexStyle::Lower, HexStyle::Upper, HexStyle::Colon] {
            let expected = serial.hex(style).to_string();
            let out = assert_no_allocation("hex", || {
                let mut out = StackText::new();
                write!(out, "{}", serial.hex(style)).map(|()| out)
            });
            assert_eq!(out.map(|o| o.as_str().to_owned()), Ok(expected));
        }
        let expected = serial.to_decimal_string();
        let out = assert_no_allocation("decimal", || {
            let mut out = StackText::new();
            write!(out, "{}", serial.decimal()).map(|()| out)
        });
        assert_eq!(out.map(|o| o.as_str().to_owned()), Ok(expected));

        let expected = format!("{serial} {serial:x} {serial:X} {serial:#X}");
        let out = assert_no_allocation("Display and hex formatting", || {
            let mut out = StackText::new();
            write!(out, "{serial} {serial:x} {serial:X} {serial:#X}").map(|()| out)
        });
        assert_eq!(out.map(|o| o.as_str().to_owned()), Ok(expected));
    }
}

#[test]
fn writing_bytes_into_a_caller_buffer_does_not_allocate() {
    for serial in samples() {
        let mut buf = [0u8; 32];
        let written = assert_no_allocation("write_der", || serial.write_der(black_box(&mut buf)));
        assert_eq!(written.map(|n| buf[..n].to_vec()), Ok(serial.to_der()));
        let written = assert_no_allocation("write_be_bytes", || {
            serial.write_be_bytes(black_box(&mut buf))
        });
        assert_eq!(written.map(|n| buf[..n].to_vec()), Ok(serial.to_be_bytes()));
        let written = assert_no_allocation("write_le_bytes", || {
            serial.write_le_bytes(black_box(&mut buf))
        });
        assert_eq!(written.map(|n| buf[..n].to_vec()), Ok(serial.to_le_bytes()));
        // A buffer too small is an error, not an allocation.
        let mut small = [0u8; 1];
        let written = assert_no_allocation("small buffer", || serial.write_der(&mut small));
        assert!(written.is_err());
    }
}

#[test]
fn the_interop_report_and_comparisons_do_not_allocate() {
    let samples = samples();
    for serial in &samples {
        let expected = serial.interop();
        let report = assert_no_allocation("interop", || black_box(serial).interop());
        assert_eq!(report, expected);
        let time = assert_no_allocation("embedded time", || embedded_issuance_time(serial));
        assert_eq!(time, expected.embedded_time);
        assert_no_allocation("sizes and sign", || {
            black_box((
                serial.bit_length(),
                serial.der_len(),
                serial.is_negative(),
                serial.is_zero(),
                serial.with_magnitude(<[u8]>::len),
            ))
        });
        assert_no_allocation("abs and clone", || {
            black_box((serial.abs(), serial.clone()))
        });
        if expected.fits.i128 {
            // (A failed conversion builds an error message, which allocates.)
            let value = assert_no_allocation("native conversion", || i128::try_from(serial));
            assert!(value.is_ok());
        }
        for other in &samples {
            assert_no_allocation("comparison", || {
                let mut hasher = DefaultHasher::new();
                serial.hash(&mut hasher);
                black_box((serial.cmp(other), serial == other, hasher.finish()))
            });
        }
    }
}
