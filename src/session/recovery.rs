//! Recovery files: unsaved edits written after every edit, so that a crash or a kill loses
//! nothing. A chart with a file is recovered beside it (`.budget.ron.govchart-recovery.ron`
//! next to `budget.ron`); one without (the built-in chart, a new or imported one), or one
//! whose folder cannot be written, in govchart's data folder. An index in the data folder
//! lists them, so the next start finds them wherever they are.

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// A recovery file found at start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recovery {
    /// The recovery file: a chart file, as Save would write it.
    pub file: PathBuf,
    /// The chart it holds edits of, if it has a file.
    pub chart: Option<PathBuf>,
    /// When it was written.
    pub written: Option<std::time::SystemTime>,
}

impl Recovery {
    /// A name for the dialog: the chart's file name, or what the recovery is of.
    pub fn name(&self) -> String {
        match &self.chart {
            Some(chart) => crate::session::file_name(chart),
            None => "a chart with no file (the built-in chart, a new or an imported one)".into(),
        }
    }
}

/// govchart's own data folder: `$GOVCHART_DATA_DIR`, else the platform's (on Linux
/// `$XDG_DATA_HOME/govchart` or `~/.local/share/govchart`).
pub fn data_dir() -> Option<PathBuf> {
    use std::env::var_os;
    if let Some(dir) = var_os("GOVCHART_DATA_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    let home = var_os("HOME").map(PathBuf::from);
    if cfg!(target_os = "macos") {
        return home.map(|h| h.join("Library/Application Support/govchart"));
    }
    if cfg!(windows) {
        return var_os("APPDATA").map(|d| PathBuf::from(d).join("govchart"));
    }
    var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| home.map(|h| h.join(".local/share")))
        .map(|d| d.join("govchart"))
}

fn index_path(data: Option<&Path>) -> Option<PathBuf> {
    data.map(|d| d.join("recovery").join("index"))
}

/// Where the edits of a chart are recovered: beside its file when its folder can be written,
/// else in the data folder `data` under a name made from `name` and this process.
pub fn path_for(data: Option<&Path>, chart: Option<&Path>, name: &str) -> Option<PathBuf> {
    if let Some(chart) = chart {
        let file = crate::session::file_name(chart);
        let folder = chart.parent().filter(|p| !p.as_os_str().is_empty());
        let folder = folder.map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        if writable(&folder) {
            return Some(folder.join(format!(".{file}.govchart-recovery.ron")));
        }
    }
    let slug = crate::import::slug(name);
    let dir = data?.join("recovery");
    Some(dir.join(format!("{slug}-{}.ron", std::process::id())))
}

/// Whether a file can be made in a folder (tried, as permissions alone do not say).
fn writable(folder: &Path) -> bool {
    let probe = folder.join(format!(".govchart-probe-{}", std::process::id()));
    let made = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
        .is_ok();
    if made {
        let _ = std::fs::remove_file(&probe);
    }
    made
}

/// Writes a recovery file atomically and lists it in the index of the data folder `data`.
pub fn write(
    data: Option<&Path>,
    recovery: &Path,
    chart: Option<&Path>,
    text: &str,
) -> std::io::Result<()> {
    if let Some(dir) = recovery.parent() {
        std::fs::create_dir_all(dir)?;
    }
    crate::io::write_atomically(recovery, text.as_bytes())?;
    register(data, recovery, chart)
}

/// Removes a recovery file (its edits were saved or discarded) and its line in the index.
pub fn remove(data: Option<&Path>, recovery: &Path) {
    match std::fs::remove_file(recovery) {
        Ok(()) => {}
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
        Err(err) => log::warn!("cannot remove {}: {err}", recovery.display()),
    }
    let Some(index) = index_path(data) else {
        return;
    };
    let kept: Vec<(PathBuf, Option<PathBuf>)> = read_index(&index)
        .into_iter()
        .filter(|(file, _)| file != recovery)
        .collect();
    if let Err(err) = write_index(&index, &kept) {
        log::warn!("cannot update {}: {err}", index.display());
    }
}

/// The recovery files listed in the index of the data folder `data` that still exist,
/// newest first.
pub fn pending(data: Option<&Path>) -> Vec<Recovery> {
    let Some(index) = index_path(data) else {
        return Vec::new();
    };
    let mut found: Vec<Recovery> = read_index(&index)
        .into_iter()
        .filter_map(|(file, chart)| {
            let meta = std::fs::metadata(&file).ok()?;
            meta.is_file().then(|| Recovery {
                written: meta.modified().ok(),
                file,
                chart,
            })
        })
        .collect();
    found.sort_by_key(|r| std::cmp::Reverse(r.written));
    found
}

fn register(data: Option<&Path>, recovery: &Path, chart: Option<&Path>) -> std::io::Result<()> {
    let Some(index) = index_path(data) else {
        return Ok(());
    };
    let mut entries = read_index(&index);
    if entries.iter().any(|(file, _)| file == recovery) {
        return Ok(());
    }
    entries.push((recovery.to_path_buf(), chart.map(Path::to_path_buf)));
    write_index(&index, &entries)
}

/// Index lines: the recovery file, a tab, and the chart's file (or nothing).
fn read_index(index: &Path) -> Vec<(PathBuf, Option<PathBuf>)> {
    let Ok(text) = std::fs::read_to_string(index) else {
        return Vec::new();
    };
    text.lines()
        .filter_map(|line| {
            let (file, chart) = line.split_once('\t')?;
            let chart = (!chart.is_empty()).then(|| PathBuf::from(chart));
            Some((PathBuf::from(file), chart))
        })
        .collect()
}

fn write_index(index: &Path, entries: &[(PathBuf, Option<PathBuf>)]) -> std::io::Result<()> {
    if let Some(dir) = index.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut text = Vec::new();
    for (file, chart) in entries {
        let chart = chart
            .as_ref()
            .map_or_else(String::new, |c| c.display().to_string());
        writeln!(text, "{}\t{chart}", file.display())?;
    }
    crate::io::write_atomically(index, &text)
}
