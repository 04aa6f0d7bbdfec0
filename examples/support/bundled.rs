//! The fixture files the examples read when given no FILE.

use std::path::{Path, PathBuf};

/// The files of `tests/fixtures/<folder>` whose extension is one of `extensions`, sorted.
pub fn bundled(folder: &str, extensions: &[&str]) -> std::io::Result<Vec<PathBuf>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(folder);
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            path.extension()
                .and_then(|ext| ext.to_str())
                .is_some_and(|ext| extensions.contains(&ext))
        })
        .collect();
    files.sort();
    Ok(files)
}
