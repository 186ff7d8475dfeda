//! The 毕业生 list's core side over 10,000 generated graduates (release, median of 7): the list
//! computed (store + engine + compact rows), the cached list (a later navigation), and its JSON
//! as it crosses IPC (size and time). The window's part is measured by ui/e2e/speed.e2e.mjs.

// The binaries' allocator (src/main.rs), so that the figures are the program's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::time::{Duration, Instant};
use xianjie::service::graduates;
use xianjie::service::{Clock, Context, Paths};
use xianjie_testdata::cohort as dev;

const GRADUATES: usize = 10_000;
const RUNS: usize = 7;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let paths = Paths::in_dir(dir.path(), None);
    let mut ctx = Context::open(paths, Some("bench"), Clock::System)?;
    dev::generate_cohort(ctx.testing_store_mut(), 2026, GRADUATES, 30, "bench")?;
    let (mut computed, mut cached, mut json) = (Vec::new(), Vec::new(), Vec::new());
    let mut bytes = 0;
    for day in 1..=RUNS as u32 {
        // Another date is another cache key: computed afresh.
        let on = chrono::NaiveDate::from_ymd_opt(2026, 6, day).ok_or("date")?;
        let t = Instant::now();
        let list = graduates::list(&mut ctx, 2026, on)?;
        computed.push(t.elapsed());
        let t = Instant::now();
        let again = graduates::list(&mut ctx, 2026, on)?;
        cached.push(t.elapsed());
        let t = Instant::now();
        bytes = serde_json::to_vec(&again)?.len();
        json.push(t.elapsed());
        assert_eq!(list.rows.len(), GRADUATES);
    }
    println!(
        "graduate list, {GRADUATES} rows: computed median {:.2?}, cached median {:.2?}, JSON {:.2?} ({:.2} MB)",
        median(computed),
        median(cached),
        median(json),
        bytes as f64 / 1e6
    );
    Ok(())
}
