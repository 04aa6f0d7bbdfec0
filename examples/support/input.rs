//! Reading an input file within the reader's bound: a file over it is refused from its size,
//! before any of it is read into memory.

use std::io::Read;
use std::path::Path;

use sote_certs::ReadError;
use sote_certs::certificate::{CertificateReader, Read as ReadObjects};
use sote_certs::json::FileError;

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

/// Reads `path` within `reader`'s bound and parses it with `parse` (`read_all`,
/// `read_requests`). The reader's notices go to standard error; on failure the error is printed
/// (a `{file, error}` JSON line with `json`) and the result is `None`.
pub fn read_objects<T>(
    path: &Path,
    reader: &CertificateReader,
    json: bool,
    parse: impl FnOnce(&CertificateReader, &[u8]) -> Result<ReadObjects<T>, ReadError>,
) -> Option<Vec<T>> {
    let shown = path.display().to_string();
    let read = read_bounded(path, reader.max_input())
        .and_then(|bytes| parse(reader, &bytes).map_err(|e| e.to_string()));
    match read {
        Ok(read) => {
            for notice in &read.notices {
                eprintln!("{shown}: notice: {notice}");
            }
            Some(read.objects)
        }
        Err(error) => {
            if json {
                crate::cli::print_json(&FileError::new(&shown, &error));
            } else {
                println!("{shown}: error: {error}\n");
            }
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::read_bounded;

    #[test]
    fn a_file_over_the_bound_is_refused_from_its_size() {
        let dir = std::env::temp_dir().join(format!("sote-certs-bound-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let big = dir.join("50mb.pem");
        // A sparse 50 MB file: refused from its size, without being read into memory.
        std::fs::File::create(&big)
            .unwrap()
            .set_len(50_000_000)
            .unwrap();
        let max = sote_certs::certificate::CertificateReader::DEFAULT_MAX_INPUT;
        assert_eq!(
            read_bounded(&big, max),
            Err(format!(
                "file of 50000000 bytes is over the limit of {max} (raise it with --max-input BYTES)"
            ))
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_file_of_exactly_the_bound_is_read_and_one_byte_less_is_not() {
        let pem = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/real/kela-dcc-dsc-prod-2021-12-20-dvv-g3e.pem"
        );
        let len = std::fs::metadata(pem).unwrap().len() as usize;
        let path = std::path::Path::new(pem);
        assert_eq!(read_bounded(path, len).map(|b| b.len()), Ok(len));
        assert_eq!(
            read_bounded(path, len - 1),
            Err(format!(
                "file of {len} bytes is over the limit of {} (raise it with --max-input BYTES)",
                len - 1
            ))
        );
    }
}
