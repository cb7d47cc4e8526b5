//! Imports never panic or hang on what real files can hold: the test files cut, spliced and
//! sprinkled with random bytes, and random bytes alone, give a chart or located errors.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test that cannot unwrap has failed, which is what the panic reports"
)]

use std::path::Path;

use govchart::import::{Format, ImportError, Progress, Request, import};
use proptest::prelude::*;

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data")
            .join(path),
    )
    .unwrap()
}

/// Imports `bytes` as `format`; the outcome must be a chart that passed the checks, or
/// errors that each name the file.
fn well_behaved(format: Format, bytes: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("input");
    std::fs::write(&file, bytes).unwrap();
    let input = match format {
        Format::Organogram => format!("2011-03-31={}", file.display()),
        _ => file.display().to_string(),
    };
    let request = Request {
        inputs: vec![input],
        date: "2020-01-01".parse().ok(),
        ..Request::default()
    };
    match import(format, &request, &Progress::new()) {
        Ok(imported) => {
            // What was imported saves and loads back as the same chart.
            let text = imported.text().unwrap();
            let again = govchart::io::load_str(&text, Path::new("again.ron")).unwrap();
            assert_eq!(again.chart, imported.loaded.chart);
        }
        Err(ImportError::Invalid { problems }) => {
            assert!(!problems.is_empty());
            for problem in problems {
                assert!(problem.place.file.ends_with("input"), "{problem}");
            }
        }
        Err(ImportError::Unchecked { problems }) => {
            panic!("an import made a chart that fails its own checks: {problems:#?}")
        }
        Err(other) => panic!("unexpected: {other}"),
    }
}

/// A fixture with a slice cut out, another spliced in, and some bytes replaced.
fn mangled(base: Vec<u8>) -> impl Strategy<Value = Vec<u8>> {
    let len = base.len();
    (
        0..len,
        0..len,
        0..len,
        proptest::collection::vec((0..len, any::<u8>()), 0..8),
    )
        .prop_map(move |(a, b, c, flips)| {
            let (cut_from, cut_to) = (a.min(b), a.max(b).min(a.min(b) + 200));
            let mut out: Vec<u8> = base[..cut_from].to_vec();
            out.extend_from_slice(&base[cut_to..]);
            let at = c.min(out.len());
            let splice: Vec<u8> = base[c..(c + 80).min(len)].to_vec();
            out.splice(at..at, splice);
            for (i, byte) in flips {
                if let Some(slot) = out.get_mut(i) {
                    *slot = byte;
                }
            }
            out
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(120))]

    #[test]
    fn mangled_organogram_releases(bytes in mangled(fixture("organogram/esa-2011-03-31-senior.csv"))) {
        well_behaved(Format::Organogram, &bytes);
    }

    #[test]
    fn mangled_utf8_organogram_releases(bytes in mangled(fixture("organogram/esa-2011-09-30-senior.csv"))) {
        well_behaved(Format::Organogram, &bytes);
    }

    #[test]
    fn mangled_flat_csv(bytes in mangled(fixture("csv/d3-team.csv"))) {
        well_behaved(Format::Csv, &bytes);
    }

    #[test]
    fn mangled_hr_history(bytes in mangled(fixture("csv/hr-history.csv"))) {
        well_behaved(Format::Csv, &bytes);
    }

    #[test]
    fn mangled_popolo(bytes in mangled(fixture("popolo/senate.json"))) {
        well_behaved(Format::Popolo, &bytes);
    }

    #[test]
    fn mangled_wikidata(bytes in mangled(fixture("wikidata/health-ministers.srj"))) {
        well_behaved(Format::Wikidata, &bytes);
    }

    #[test]
    fn random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        for format in [Format::Organogram, Format::Csv, Format::Popolo, Format::Wikidata] {
            well_behaved(format, &bytes);
        }
    }
}
