//! Benchmark (issue 16): the school imports a college's campaign package of 10,000 graduates
//! — the seal checked, the database inside verified (integrity, audit chain) and opened, the
//! school's snapshot taken, the package kept with its audit entry — target ≤ 1 s (median,
//! release). Also the college's export, and the school's rates over the package.
//!
//! Run: `cargo bench --bench packages`. Each run imports into a fresh copy of the school's
//! store (a second import of the same package changes nothing and would be free).
//!
//! Figures (release, medians of 7, the 2-core VM): export 0.062 s (16.5 MB), import 0.173 s,
//! school rates over the package 0.014 s (opened once, then kept by its SHA-256; 0.076 s when
//! every read opened it). A school of 12 colleges × 800 graduates: rates over every package
//! first 0.100 s (each opened), again 0.015 s (6.8×).

// The binaries' allocator (src/main.rs), so that the figures are the program's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use chrono::NaiveDate;
use std::time::Instant;
use xianjie::org::OrgLevel;
use xianjie::service::{package, Clock, Context, Paths};
use xianjie::store::NewOrg;
use xianjie_testdata::cohort::{generate, Shape};

const SCHOOL: &str = "共青团基准大学委员会";
const RUNS: usize = 7;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

fn main() {
    let n = 10_000;
    let on = NaiveDate::from_ymd_opt(2026, 6, 20).unwrap_or_default();
    let dir = std::env::temp_dir().join(format!("xianjie-bench-packages-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_default();
    let Ok(mut college) = Context::open(
        Paths::for_db(&dir.join("college.db")),
        Some("基准"),
        Clock::Fixed(on),
    ) else {
        return;
    };
    let shape = Shape::college(SCHOOL, "共青团基准大学第1学院委员会", "第1学院", 0);
    if let Err(e) = generate(college.testing_store_mut(), 2026, n, 30, &shape, "基准") {
        println!("generate failed: {}", e.message);
        return;
    }
    let file = dir.join("第1学院.xjpkg");
    let mut export = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        if let Err(e) = package::export(&mut college, 2026, &file) {
            println!("export failed: {}", e.message);
            return;
        }
        export.push(t.elapsed().as_secs_f64());
    }
    let bytes = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
    println!(
        "package export: {n} graduates, {:.1} MB: median {:.3} s of {RUNS} runs",
        bytes as f64 / 1e6,
        median(export)
    );

    let template = dir.join("school-template.db");
    {
        let Ok(mut s) = Context::open(Paths::for_db(&template), Some("基准"), Clock::Fixed(on))
        else {
            return;
        };
        let _ = s.testing_store_mut().create_org(
            &NewOrg::new(SCHOOL.to_string(), OrgLevel::Committee, None),
            "基准",
        );
    }
    let mut import = Vec::new();
    let mut rates = Vec::new();
    for run in 0..RUNS {
        let db = dir.join(format!("school{run}.db"));
        let _ = std::fs::copy(&template, &db);
        let Ok(mut s) = Context::open(Paths::for_db(&db), Some("基准"), Clock::Fixed(on)) else {
            return;
        };
        let t = Instant::now();
        if let Err(e) = package::import(&mut s, &file, 2026) {
            println!("import failed: {}", e.message);
            return;
        }
        import.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        let _ = std::hint::black_box(package::rates(&s, 2026, on));
        rates.push(t.elapsed().as_secs_f64());
    }
    let m = median(import);
    println!(
        "package import: {n} graduates: median {m:.3} s of {RUNS} runs — target ≤ 1 s: {}",
        if m <= 1.0 { "ok" } else { "MISSED" }
    );
    println!(
        "school rates over the package: median {:.3} s of {RUNS} runs",
        median(rates)
    );
    school_of_many(&dir, on);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A school of 12 colleges of 800 graduates: its rates over every package — the first time
/// (each package opened: copied, checked, migrated) and again (the opened packages kept by
/// their SHA-256), what every 工作台 refresh and drill-down at the school does.
fn school_of_many(dir: &std::path::Path, on: NaiveDate) {
    let colleges = 12;
    let Ok(mut s) = Context::open(
        Paths::for_db(&dir.join("school-many.db")),
        Some("基准"),
        Clock::Fixed(on),
    ) else {
        return;
    };
    let _ = s.testing_store_mut().create_org(
        &NewOrg::new(SCHOOL.to_string(), OrgLevel::Committee, None),
        "基准",
    );
    for k in 1..=colleges {
        let out = dir.join(format!("many{k}.xjpkg"));
        let name = format!("共青团基准大学第{k}学院委员会");
        if let Err(e) = xianjie_testdata::school::package(&out, SCHOOL, &name, 800, 100_000 * k, on)
        {
            println!("package failed: {}", e.message);
            return;
        }
        if let Err(e) = package::import(&mut s, &out, 2026) {
            println!("import failed: {}", e.message);
            return;
        }
    }
    let all = xianjie::service::scope::Scope::Colleges;
    let t = Instant::now();
    let first = xianjie::service::scope::rates_report(&s, 2026, &all, on);
    let first_s = t.elapsed().as_secs_f64();
    if let Err(e) = first {
        println!("school rates failed: {}", e.message);
        return;
    }
    let mut again = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        let _ = std::hint::black_box(xianjie::service::scope::rates_report(&s, 2026, &all, on));
        again.push(t.elapsed().as_secs_f64());
    }
    let m = median(again);
    println!(
        "school of {colleges} colleges × 800 graduates, rates over every package: first {first_s:.3} s (packages opened), again median {m:.3} s of {RUNS} runs ({:.1}× faster)",
        first_s / m.max(1e-9)
    );
}
