//! Reading an input file within the reader's bound: a file over it is refused from its size,
//! before any of it is read into memory.

use std::io::Read;
use std::path::Path;

/// The bytes of `path`, or an error naming the file's size and the bound when it is larger than
/// `max` bytes (`--max-input` raises it).
pub fn read_bounded(path: &Path, max: usize) -> Result<Vec<u8>, String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let len = file.metadata().map_err(|e| e.to_string())?.len();
    let limit = u64::try_from(max).unwrap_or(u64::MAX);
    let over = |len: u64| {
        format!("file of {len} bytes is over the limit of {max} (raise it with --max-input BYTES)")
    };
    if len > limit {
        return Err(over(len));
    }
    // The file may grow between the size check and the read: never read past the bound.
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() > max {
        return Err(over(bytes.len() as u64));
    }
    Ok(bytes)
}

/// The value of `--max-input`: a number of bytes.
pub fn parse_max_input(value: Option<String>) -> Result<usize, String> {
    let value = value.ok_or("--max-input needs a number of bytes")?;
    value
        .parse()
        .map_err(|_| format!("--max-input {value:?}: expected a number of bytes"))
}
