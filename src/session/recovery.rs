//! Recovery files: unsaved edits written after every edit, so that a crash or a kill loses
//! nothing. A chart with a file is recovered beside it (`.budget.ron.govchart-recovery.ron`
//! next to `budget.ron`); one without (the built-in chart, a new or imported one), or one
//! whose folder cannot be written, in govchart's data folder. An index in the data folder
//! lists them with the window that writes each, so the next start finds them wherever they
//! are, and does not offer those of a window still open.

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

/// A recovery file's chart file as it is, errors and all.
pub fn read_file(recovery: &Path) -> Result<crate::io::format::ChartFile<'static>, String> {
    use crate::io::IntoOwned;
    let bytes = crate::io::read_capped(recovery, crate::io::MAX_FILE_BYTES)
        .map_err(|_| format!("{}: cannot read the recovery file", recovery.display()))?;
    let text = String::from_utf8_lossy(&bytes);
    let mut file: crate::io::format::ChartFile<'_> = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(&text)
        .map_err(|e| format!("{}: {e}", recovery.display()))?;
    file.view = None;
    Ok(file.into_owned())
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
    let taken = |path: &Path| {
        path.exists()
            || index_path(data).is_some_and(|i| read_index(&i).iter().any(|e| e.file == path))
    };
    let unique = |folder: &Path, stem: &str| {
        (1..1000)
            .map(|n| match n {
                1 => folder.join(format!("{stem}.ron")),
                n => folder.join(format!("{stem}-{n}.ron")),
            })
            .find(|p| !taken(p))
    };
    if let Some(chart) = chart {
        let file = crate::session::file_name(chart);
        let folder = chart.parent().filter(|p| !p.as_os_str().is_empty());
        let folder = folder.map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        if writable(&folder) {
            return unique(&folder, &format!(".{file}.govchart-recovery"));
        }
    }
    let slug = crate::import::slug(name);
    unique(&data?.join("recovery"), &slug)
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
    owner: &str,
    text: &str,
) -> std::io::Result<()> {
    if let Some(dir) = recovery.parent() {
        std::fs::create_dir_all(dir)?;
    }
    crate::io::write_atomically(recovery, text.as_bytes())?;
    register(data, recovery, chart, owner)
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
    let kept: Vec<Entry> = read_index(&index)
        .into_iter()
        .filter(|e| e.file != recovery)
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
        .filter(|e| !still_running(&e.owner))
        .filter_map(|e| {
            let meta = std::fs::metadata(&e.file).ok()?;
            meta.is_file().then(|| Recovery {
                written: meta.modified().ok(),
                file: e.file,
                chart: e.chart,
            })
        })
        .collect();
    found.sort_by_key(|r| std::cmp::Reverse(r.written));
    found
}

/// Whether the window that writes a recovery file is still open: a writer of this process
/// that is alive, or another process that is running (as far as this system can tell).
fn still_running(owner: &str) -> bool {
    if live_writers().iter().any(|w| w == owner) {
        return true;
    }
    let pid = owner.split('-').next().and_then(|p| p.parse::<u32>().ok());
    match pid {
        Some(pid) if pid != std::process::id() => {
            cfg!(target_os = "linux") && Path::new(&format!("/proc/{pid}")).exists()
        }
        _ => false,
    }
}

/// The owners of this process's writers that have not been dropped.
fn live_writers() -> std::sync::MutexGuard<'static, Vec<String>> {
    static LIVE: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());
    LIVE.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn register(
    data: Option<&Path>,
    recovery: &Path,
    chart: Option<&Path>,
    owner: &str,
) -> std::io::Result<()> {
    let Some(index) = index_path(data) else {
        return Ok(());
    };
    let mut entries = read_index(&index);
    if entries
        .iter()
        .any(|e| e.file == recovery && e.owner == owner)
    {
        return Ok(());
    }
    entries.retain(|e| e.file != recovery);
    entries.push(Entry {
        file: recovery.to_path_buf(),
        chart: chart.map(Path::to_path_buf),
        owner: owner.to_owned(),
    });
    write_index(&index, &entries)
}

/// A line of the index.
struct Entry {
    /// The recovery file.
    file: PathBuf,
    /// The chart's own file, if it has one.
    chart: Option<PathBuf>,
    /// Which window writes it: the process id, a hyphen and the writer's number in it.
    owner: String,
}

/// Index lines: the recovery file, a tab, and the chart's file (or nothing).
fn read_index(index: &Path) -> Vec<Entry> {
    let Ok(text) = std::fs::read_to_string(index) else {
        return Vec::new();
    };
    text.lines()
        .filter_map(|line| {
            let mut fields = line.split('\t');
            let file = PathBuf::from(fields.next().filter(|f| !f.is_empty())?);
            let chart = fields.next().filter(|c| !c.is_empty()).map(PathBuf::from);
            let owner = fields.next().unwrap_or_default().to_owned();
            Some(Entry { file, chart, owner })
        })
        .collect()
}

fn write_index(index: &Path, entries: &[Entry]) -> std::io::Result<()> {
    if let Some(dir) = index.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut text = Vec::new();
    for e in entries {
        let chart = (e.chart.as_ref()).map_or_else(String::new, |c| c.display().to_string());
        writeln!(text, "{}\t{chart}\t{}", e.file.display(), e.owner)?;
    }
    crate::io::write_atomically(index, &text)
}

/// What the recovery writer is asked to do, in order.
enum Job {
    /// Write a chart's text to a recovery file.
    Write {
        data: Option<PathBuf>,
        recovery: PathBuf,
        chart: Option<PathBuf>,
        file: Box<crate::io::format::ChartFile<'static>>,
    },
    /// Remove a recovery file.
    Remove {
        data: Option<PathBuf>,
        recovery: PathBuf,
    },
}

/// Writes recovery files on a thread of its own, so that an edit of a large chart is not
/// held up by writing it out; of several writes of one file waiting, only the last is made.
pub struct Writer {
    /// Which window this is, in the index: the process id and a number.
    owner: String,
    jobs: std::sync::mpsc::Sender<Job>,
    errors: std::sync::mpsc::Receiver<String>,
    waiting: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

impl Default for Writer {
    fn default() -> Self {
        Writer::new()
    }
}

impl Writer {
    /// A writer with its thread.
    pub fn new() -> Writer {
        use std::sync::atomic::AtomicUsize;
        let (jobs, inbox) = std::sync::mpsc::channel::<Job>();
        let (report, errors) = std::sync::mpsc::channel();
        let waiting = std::sync::Arc::new(AtomicUsize::new(0));
        let left = waiting.clone();
        static NEXT: AtomicUsize = AtomicUsize::new(1);
        let owner = format!(
            "{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        );
        live_writers().push(owner.clone());
        let writes_as = owner.clone();
        let spawned = std::thread::Builder::new()
            .name("govchart-recovery".into())
            .spawn(move || work(&inbox, &report, &left, &writes_as));
        if let Err(err) = spawned {
            log::error!("cannot start the recovery writer: {err}");
        }
        Writer {
            owner,
            jobs,
            errors,
            waiting,
        }
    }

    fn send(&self, job: Job) {
        use std::sync::atomic::Ordering;
        self.waiting.fetch_add(1, Ordering::SeqCst);
        if self.jobs.send(job).is_err() {
            self.waiting.fetch_sub(1, Ordering::SeqCst);
            log::error!("the recovery writer has stopped");
        }
    }

    /// Writes `file` to `recovery` (listed in the index of `data`), after what is waiting.
    pub fn write(
        &self,
        data: Option<&Path>,
        recovery: &Path,
        chart: Option<&Path>,
        file: crate::io::format::ChartFile<'static>,
    ) {
        self.send(Job::Write {
            data: data.map(Path::to_path_buf),
            recovery: recovery.to_path_buf(),
            chart: chart.map(Path::to_path_buf),
            file: Box::new(file),
        });
    }

    /// Removes `recovery`, after what is waiting.
    pub fn remove(&self, data: Option<&Path>, recovery: &Path) {
        self.send(Job::Remove {
            data: data.map(Path::to_path_buf),
            recovery: recovery.to_path_buf(),
        });
    }

    /// Waits until everything asked is done (at most a minute).
    pub fn flush(&self) {
        use std::sync::atomic::Ordering;
        let started = std::time::Instant::now();
        while self.waiting.load(Ordering::SeqCst) > 0 && started.elapsed().as_secs() < 60 {
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
    }

    /// Why writes failed since last asked.
    pub fn errors(&self) -> Vec<String> {
        self.errors.try_iter().collect()
    }
}

impl Drop for Writer {
    /// Finishes what was asked, so that no write lands after the window has gone.
    fn drop(&mut self) {
        self.flush();
        live_writers().retain(|w| *w != self.owner);
    }
}

/// The writer's thread: jobs in order, writes of one file that wait behind a later one left
/// out.
fn work(
    inbox: &std::sync::mpsc::Receiver<Job>,
    report: &std::sync::mpsc::Sender<String>,
    waiting: &std::sync::atomic::AtomicUsize,
    owner: &str,
) {
    use std::sync::atomic::Ordering;
    while let Ok(first) = inbox.recv() {
        let mut jobs = vec![first];
        jobs.extend(inbox.try_iter());
        let count = jobs.len();
        let last_write = |path: &Path, from: usize, jobs: &[Job]| {
            !jobs[from + 1..].iter().any(|j| match j {
                Job::Write { recovery, .. } | Job::Remove { recovery, .. } => recovery == path,
            })
        };
        for i in 0..jobs.len() {
            let result = match &jobs[i] {
                Job::Write {
                    data,
                    recovery,
                    chart,
                    file,
                } if last_write(recovery, i, &jobs) => crate::io::file_to_ron(file)
                    .map_err(|e| e.to_string())
                    .and_then(|text| {
                        write(data.as_deref(), recovery, chart.as_deref(), owner, &text)
                            .map_err(|e| format!("{}: {e}", recovery.display()))
                    }),
                Job::Write { .. } => Ok(()),
                Job::Remove { data, recovery } => {
                    remove(data.as_deref(), recovery);
                    Ok(())
                }
            };
            if let Err(err) = result {
                log::warn!("cannot write the recovery file: {err}");
                let _ = report.send(err);
            }
        }
        waiting.fetch_sub(count, Ordering::SeqCst);
    }
}
