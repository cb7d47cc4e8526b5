//! Every file in `tests/bad_charts/` must be refused with exit code 1, and stderr must carry
//! each line of its `.expect` file (lines starting with `#` are comments).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test that cannot unwrap has failed, which is what the panic reports"
)]

use std::path::Path;
use std::process::Command;

#[test]
fn every_bad_chart_is_refused_with_its_messages() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_charts");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("the corpus folder")
        .map(|e| e.expect("a folder entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    assert!(files.len() >= 40, "the corpus has {} files", files.len());
    let mut failures = Vec::new();
    for file in &files {
        let expect = std::fs::read_to_string(file.with_extension("expect"))
            .unwrap_or_else(|_| panic!("{} has an .expect file", file.display()));
        let out = Command::new(env!("CARGO_BIN_EXE_govchart"))
            .arg("check")
            .arg(file)
            .output()
            .expect("govchart runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        if out.status.code() != Some(1) {
            failures.push(format!(
                "{name}: exit code {:?}, not 1\n{stderr}",
                out.status.code()
            ));
            continue;
        }
        for line in expect
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            if !stderr.contains(line) {
                failures.push(format!("{name}: stderr lacks {line:?}\n{stderr}"));
            }
        }
        if !stderr.contains(&*file.to_string_lossy()) {
            failures.push(format!("{name}: messages do not name the file\n{stderr}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
