//! Slow work on background threads, so the window stays live: loading a chart file,
//! importing data files, and making animations and web pages, with progress; their results
//! are polled once a frame.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Instant;

use crate::date::{Day, PartialDate};
use crate::io::{LoadError, Loaded};

/// The problems of a file that could not be opened, as a copyable report.
pub struct Problems {
    /// The window's title: "Cannot open x.ron".
    pub title: String,
    /// The sentence above the list.
    pub summary: String,
    /// The file.
    pub path: PathBuf,
    /// Every problem, one per line, with line and column.
    pub report: String,
    /// How many problems.
    pub count: usize,
}

/// What a job that finished reports.
pub enum Done {
    /// A chart loaded, with the file's stamp as it was just before it was read.
    Loaded(PathBuf, Box<(Loaded, Option<crate::session::Stamp>)>),
    /// A chart could not be loaded.
    Failed(Problems),
    /// An import made a chart.
    Imported(String, Box<crate::import::Imported>),
    /// An import made no chart.
    ImportFailed(Problems),
    /// An export ended.
    Export(ExportEnd),
}

/// What an export makes.
pub enum Making {
    /// An animation through time.
    Animation(crate::animate::Request, crate::animate::Format),
    /// The web page with its own slider.
    Page(crate::export::html::Page),
}

/// How an export ended.
#[derive(Debug)]
pub enum ExportEnd {
    /// The file was written: its path and size in bytes.
    Written(PathBuf, usize),
    /// The user stopped it; nothing was written.
    Stopped(PathBuf),
    /// It failed, for the reason given; nothing was written.
    Failed(PathBuf, String),
}

/// How far an export is, shared with its thread.
#[derive(Default)]
struct ExportProgress {
    done: AtomicUsize,
    total: AtomicUsize,
    stop: AtomicBool,
}

/// An export under way.
struct Exporting {
    name: String,
    progress: Arc<ExportProgress>,
    started: Instant,
}

/// The jobs under way.
pub struct Jobs {
    sender: Sender<Done>,
    receiver: Receiver<Done>,
    /// Jobs finished while waiting, for the next poll.
    pending: Vec<Done>,
    loading: Vec<(PathBuf, Instant, u64)>,
    /// An import under way: what, its progress, and since when.
    importing: Option<(String, std::sync::Arc<crate::import::Progress>, Instant)>,
    /// An export under way.
    exporting: Option<Exporting>,
}

impl Default for Jobs {
    fn default() -> Self {
        Jobs::new()
    }
}

impl Jobs {
    /// No jobs yet.
    pub fn new() -> Jobs {
        let (sender, receiver) = channel();
        Jobs {
            sender,
            receiver,
            pending: Vec::new(),
            loading: Vec::new(),
            importing: None,
            exporting: None,
        }
    }

    /// Starts loading a chart file on a background thread.
    pub fn load(&mut self, path: PathBuf) {
        let size = std::fs::metadata(&path).map_or(0, |m| m.len());
        self.loading.push((path.clone(), Instant::now(), size));
        let sender = self.sender.clone();
        std::thread::spawn(move || {
            // Stamped before reading: a change made while it is read is noticed.
            let stamp = crate::session::Stamp::of(&path);
            let loaded = std::panic::catch_unwind(|| crate::io::load_file(&path));
            let event = match loaded {
                Ok(Ok(loaded)) => Done::Loaded(path, Box::new((loaded, stamp))),
                Ok(Err(err)) => Done::Failed(problems(&path, &err)),
                Err(_) => Done::Failed(Problems {
                    title: format!("Cannot open {}", path.display()),
                    summary: "govchart failed while reading this file. The chart that was open stays open.".into(),
                    report: format!(
                        "{}: govchart failed while reading this file (a defect; please report it)",
                        path.display()
                    ),
                    path,
                    count: 1,
                }),
            };
            // The window may have closed; then nobody needs the result.
            let _ = sender.send(event);
        });
    }

    /// Starts an import of `paths` on a background thread; says why not if it cannot start.
    pub fn import(
        &mut self,
        format: crate::import::Format,
        paths: Vec<PathBuf>,
    ) -> Result<(), String> {
        if self.importing.is_some() {
            return Err("An import is already under way; wait for it to finish.".into());
        }
        let request = crate::import::request_for_files(format, &paths, today())?;
        let names: Vec<String> = paths.iter().map(|p| crate::session::file_name(p)).collect();
        let label = match &names[..] {
            [one] => one.clone(),
            [first, rest @ ..] => format!("{first} and {} more", rest.len()),
            [] => return Ok(()),
        };
        let progress = crate::import::Progress::new();
        self.importing = Some((label.clone(), progress.clone(), Instant::now()));
        let sender = self.sender.clone();
        let first = paths[0].clone();
        std::thread::spawn(move || {
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                crate::import::import(format, &request, &progress)
            }));
            let _ = sender.send(import_done(result, label, first));
        });
        Ok(())
    }

    /// Whether an import is under way.
    pub fn importing(&self) -> bool {
        self.importing.is_some()
    }

    /// Stops the import under way.
    pub fn cancel_import(&mut self) {
        if let Some((_, progress, _)) = &self.importing {
            progress.cancel();
        }
    }

    /// Starts making `making` of `chart` into `path` on a background thread; says why not
    /// if it cannot start.
    pub fn export(
        &mut self,
        making: Making,
        chart: Arc<crate::model::Chart>,
        path: PathBuf,
    ) -> Result<(), String> {
        if let Some(exporting) = &self.exporting {
            return Err(format!(
                "{} is still being made; wait for it to finish, or stop it (File menu).",
                exporting.name
            ));
        }
        let name = crate::session::file_name(&path);
        let progress = Arc::new(ExportProgress::default());
        self.exporting = Some(Exporting {
            name,
            progress: progress.clone(),
            started: Instant::now(),
        });
        let sender = self.sender.clone();
        std::thread::spawn(move || {
            let mut report = |done: usize, total: usize| {
                progress.done.store(done, Ordering::Relaxed);
                progress.total.store(total, Ordering::Relaxed);
                !progress.stop.load(Ordering::Relaxed)
            };
            let made = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match &making {
                Making::Animation(request, format) => {
                    crate::animate::make(&chart, request, *format, &mut report)
                }
                Making::Page(page) => {
                    crate::export::html::to_html(&chart, page, &mut report).map(String::into_bytes)
                }
            }));
            let end = match made {
                Ok(Ok(bytes)) => match crate::io::write_atomically(&path, &bytes) {
                    Ok(()) => ExportEnd::Written(path, bytes.len()),
                    Err(err) => ExportEnd::Failed(path, err.to_string()),
                },
                Ok(Err(crate::render::RenderError::Cancelled)) => ExportEnd::Stopped(path),
                Ok(Err(err)) => ExportEnd::Failed(path, err.to_string()),
                Err(_) => ExportEnd::Failed(
                    path,
                    "govchart failed while making it (a defect; please report it)".into(),
                ),
            };
            let _ = sender.send(Done::Export(end));
        });
        Ok(())
    }

    /// The name of the file an export under way is making.
    pub fn exporting(&self) -> Option<&str> {
        self.exporting.as_ref().map(|e| e.name.as_str())
    }

    /// Stops the export under way; nothing is written.
    pub fn stop_export(&mut self) {
        if let Some(exporting) = &self.exporting {
            exporting.progress.stop.store(true, Ordering::Relaxed);
        }
    }

    /// Whether any job is under way.
    pub fn busy(&self) -> bool {
        !self.loading.is_empty() || self.importing.is_some() || self.exporting.is_some()
    }

    /// Waits until every job has finished (for tests and scripts).
    pub fn wait(&mut self) {
        while self.busy() {
            let Ok(done) = self.receiver.recv() else {
                break;
            };
            self.finished(&done);
            self.pending.push(done);
        }
    }

    /// Notes that a job is over.
    fn finished(&mut self, done: &Done) {
        let path = match done {
            Done::Loaded(path, _) => path,
            Done::Failed(problems) => &problems.path,
            Done::Imported(..) | Done::ImportFailed(_) => {
                self.importing = None;
                return;
            }
            Done::Export(_) => {
                self.exporting = None;
                return;
            }
        };
        if let Some(i) = self.loading.iter().position(|(p, _, _)| p == path) {
            self.loading.remove(i);
        }
    }

    /// What has finished since the last poll.
    pub fn poll(&mut self) -> Vec<Done> {
        let mut done = std::mem::take(&mut self.pending);
        while let Ok(d) = self.receiver.try_recv() {
            self.finished(&d);
            done.push(d);
        }
        done
    }

    /// "Opening big.ron (558 MB)…" while a chart loads, "Importing staff.csv… 40%" while an
    /// import runs, "Making story.gif… 40%" while an export runs.
    pub fn label(&self) -> Option<String> {
        if let Some(exporting) = &self.exporting {
            let done = exporting.progress.done.load(Ordering::Relaxed);
            let total = exporting.progress.total.load(Ordering::Relaxed);
            let share = (done * 100).checked_div(total).unwrap_or(0);
            return Some(format!(
                "Making {}… {share}%, {:.0} s",
                exporting.name,
                exporting.started.elapsed().as_secs_f32()
            ));
        }
        if let Some((label, progress, started)) = &self.importing {
            return Some(format!(
                "Importing {label}… {:.0}%, {:.0} s",
                progress.fraction() * 100.0,
                started.elapsed().as_secs_f32()
            ));
        }
        let (path, started, size) = self.loading.last()?;
        let name = crate::session::file_name(path);
        let size = if *size >= 1 << 20 {
            format!(" ({} MB)", size >> 20)
        } else {
            String::new()
        };
        Some(format!(
            "Opening {name}{size}… {:.0} s",
            started.elapsed().as_secs_f32()
        ))
    }
}

/// What an import that ended reports.
fn import_done(
    result: std::thread::Result<Result<crate::import::Imported, crate::import::ImportError>>,
    label: String,
    first: PathBuf,
) -> Done {
    match result {
        Ok(Ok(imported)) => Done::Imported(label, Box::new(imported)),
        Ok(Err(err)) => {
            let report = err.to_string();
            Done::ImportFailed(Problems {
                title: format!("Cannot import {label}"),
                summary: format!(
                    "{} problem(s) found; no chart was made. The chart that was open stays open.",
                    report.lines().count().max(1)
                ),
                count: report.lines().count().max(1),
                report,
                path: first,
            })
        }
        Err(_) => Done::ImportFailed(Problems {
            title: format!("Cannot import {label}"),
            summary: "govchart failed while importing (a defect; please report it). The chart that was open stays open.".into(),
            report: String::new(),
            path: first,
            count: 1,
        }),
    }
}

/// Today, from the system clock, as the date of rows a file gives no date for.
fn today() -> PartialDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    // Day 0 of the Unix clock is 1 Jan 1970.
    let epoch = Day::from_civil(1970, 1, 1);
    PartialDate::from_day(Day(epoch.0 + (secs / 86_400) as i32))
}

/// The report of a load error: every problem with its line and column.
fn problems(path: &Path, err: &LoadError) -> Problems {
    let count = err.problems().len().max(1);
    Problems {
        title: format!("Cannot open {}", path.display()),
        summary: format!(
            "{count} problem{} found. The chart that was open stays open.",
            if count == 1 { "" } else { "s" }
        ),
        path: path.to_owned(),
        report: err.report(),
        count: err.problems().len().max(1),
    }
}
