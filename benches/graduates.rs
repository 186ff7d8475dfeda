//! `graduates --year` over 50,000 generated graduates: target ≤ 0.5 s (median of 7 runs, release).
//! Times the library call (open + list with recommendations) and the CLI end to end (table to
//! /dev/null), on a temp database file.

// The binaries' allocator (src/main.rs), so that the figures are the program's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use xianjie::store::Store;
use xianjie_testdata::cohort as dev;

const GRADUATES: usize = 50_000;
const RUNS: usize = 7;
const TARGET: Duration = Duration::from_millis(500);

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // GRADUATES_DB=path keeps the generated database for profiling (made once).
    let dir = tempfile::tempdir()?;
    let path = std::env::var_os("GRADUATES_DB")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| dir.path().join("bench.db"));
    if !path.exists() {
        let t = Instant::now();
        let mut s = Store::open(&path)?;
        dev::generate_cohort(&mut s, 2026, GRADUATES, 30, "bench")?;
        println!("generated {GRADUATES} graduates in {:.2?}", t.elapsed());
    }
    let on = chrono::NaiveDate::from_ymd_opt(2026, 6, 15).ok_or("date")?;

    let mut lib = Vec::new();
    let mut count = 0;
    for _ in 0..RUNS {
        let t = Instant::now();
        let s = Store::open(&path)?;
        count = s.graduates(2026, on)?.len();
        lib.push(t.elapsed());
    }
    let lib = median(lib);
    println!("library  Store::open + graduates(2026): {count} rows, median {lib:.2?}");

    let exe = env!("CARGO_BIN_EXE_xianjie");
    let mut table = Vec::new();
    let mut json = Vec::new();
    for _ in 0..RUNS {
        for (json_flag, out) in [(false, &mut table), (true, &mut json)] {
            let mut cmd = Command::new(exe);
            cmd.args(["graduates", "--year", "2026", "--on", "2026-06-15", "--db"])
                .arg(&path);
            if json_flag {
                cmd.arg("--json");
            }
            let t = Instant::now();
            let status = cmd.stdout(Stdio::null()).status()?;
            out.push(t.elapsed());
            if !status.success() {
                return Err(format!("xianjie graduates failed: {status}").into());
            }
        }
    }
    let (table, json) = (median(table), median(json));
    println!("cli      xianjie graduates --year 2026: median {table:.2?} (target ≤ {TARGET:.2?})");
    println!("cli      xianjie graduates --year 2026 --json: median {json:.2?}");
    println!(
        "{}",
        if table <= TARGET {
            "PASS"
        } else {
            "FAIL: over target"
        }
    );
    Ok(())
}
