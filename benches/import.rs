//! Roster import benchmark (issue 3): a generated 50,000-row, 15-column roster.
//!
//! Times, in one run, the median of N runs of (a) calamine alone reading the sheet, (b) reading
//! and checking (no store), (c) the whole import into a fresh database (branches created under
//! a parent). Targets: (c) ≤ 2 s and ≤ 1.5 × (a). Prints the process's peak RSS at the end.
//! `cargo bench --bench import [-- ROWS RUNS]`.

use calamine::{open_workbook_auto, Reader};
use std::path::Path;
use std::time::{Duration, Instant};
use xianjie::org::OrgLevel;
use xianjie::roster::{self, synth, ImportOptions};
use xianjie::store::{NewOrg, Store};

const PARENT: &str = "共青团星河大学委员会";

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn secs(d: Duration) -> String {
    format!("{:.3} s", d.as_secs_f64())
}

fn calamine_only(path: &Path) -> usize {
    let mut book = open_workbook_auto(path).unwrap_or_else(|e| panic!("{e}"));
    let name = book.sheet_names()[0].clone();
    let range = book
        .worksheet_range(&name)
        .unwrap_or_else(|e| panic!("{e}"));
    range.height()
}

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let rows: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(50_000);
    let runs: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(5);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let file = dir.join(format!("roster-{rows}.xlsx"));
    if !file.exists() {
        let t = Instant::now();
        synth::large::sheet(rows, 1)
            .write_xlsx(&file)
            .unwrap_or_else(|e| panic!("{e}"));
        eprintln!("generated {} in {}", file.display(), secs(t.elapsed()));
    }
    let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
    println!(
        "roster: {rows} rows × 15 columns, {:.1} MB; {runs} runs each",
        size as f64 / 1e6
    );

    let mut read = Vec::new();
    let mut check = Vec::new();
    let mut full = Vec::new();
    for i in 0..runs {
        let t = Instant::now();
        let h = calamine_only(&file);
        read.push(t.elapsed());
        assert_eq!(h, rows + 1);

        let t = Instant::now();
        let table = roster::workbook::read(&file, None, &[]).unwrap_or_else(|e| panic!("{e}"));
        let c = roster::validate::check(&table);
        check.push(t.elapsed());
        assert_eq!(c.valid.len(), rows, "{:?}", c.errors.first());

        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut store = Store::open(&tmp.path().join("bench.db")).unwrap_or_else(|e| panic!("{e}"));
        store
            .create_org(&NewOrg::new(PARENT, OrgLevel::Committee, None), "bench")
            .unwrap_or_else(|e| panic!("{e}"));
        let opts = ImportOptions {
            create_branches_under: Some(PARENT.into()),
            ..ImportOptions::default()
        };
        let t = Instant::now();
        let rep =
            roster::import(&mut store, &file, &opts, "bench").unwrap_or_else(|e| panic!("{e}"));
        full.push(t.elapsed());
        assert_eq!(rep.inserted, rows);
        eprintln!(
            "run {}: calamine {}, read+check {}, import {}",
            i + 1,
            secs(read[i]),
            secs(check[i]),
            secs(full[i])
        );
    }
    let (r, c, f) = (median(read), median(check), median(full));
    println!("calamine read (median): {}", secs(r));
    println!("read + check  (median): {}", secs(c));
    println!("full import   (median): {}  (target ≤ 2 s)", secs(f));
    println!(
        "ratio import / calamine: {:.2}  (target ≤ 1.5)",
        f.as_secs_f64() / r.as_secs_f64()
    );
    if let Some(mb) = peak_rss_mb() {
        println!("peak RSS of this process: {mb:.0} MB (target ≤ 400 MB)");
    }
}
