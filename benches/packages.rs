//! Benchmark (issue 16): the school imports a college's campaign package of 10,000 graduates
//! — the seal checked, the database inside verified (integrity, audit chain) and opened, the
//! school's snapshot taken, the package kept with its audit entry — target ≤ 1 s (median,
//! release). Also the college's export, and the school's rates over the package.
//!
//! Issue 25: what the envelope adds to that package — encrypt + sign at the college, verify +
//! decrypt at the school — each target ≤ 0.2 s (median). The machine's load average is
//! printed before and after (the VM is shared).
//!
//! Figures with the envelope (release, medians of 7, the 2-core VM shared with other builds,
//! load average 1.6–2.1): the 16.7 MB content encrypt + sign 0.092 s, verify + decrypt
//! 0.140 s (the signature checked twice, as the import does: before decrypting, then by
//! `open`); export 0.175 s, import 0.269 s; school rates 0.020 s; 12 colleges first 0.188 s,
//! again 0.030 s.
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
use xianjie::service::keys::{self, CreateSchoolKey};
use xianjie::service::package::{self, ExportParams, ImportParams};
use xianjie::service::{Clock, Context, Paths};
use xianjie::store::NewOrg;
use xianjie_testdata::cohort::{generate, Shape};

const SCHOOL: &str = "共青团基准大学委员会";
const RUNS: usize = 7;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

/// The 1-, 5- and 15-minute load averages (Linux), or a note.
fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

fn main() {
    println!("load average before: {}", load());
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
    // The school: its committee and key pair, copied for each import run (the key file is
    // beside the template, in the same folder as every copy).
    let template = dir.join("school-template.db");
    let to = {
        let Ok(mut s) = Context::open(Paths::for_db(&template), Some("基准"), Clock::Fixed(on))
        else {
            return;
        };
        let _ = s.testing_store_mut().create_org(
            &NewOrg::new(SCHOOL.to_string(), OrgLevel::Committee, None),
            "基准",
        );
        match keys::create_school_key(&mut s, &CreateSchoolKey::default()) {
            Ok(k) => k.key.recipient,
            Err(e) => {
                println!("school key failed: {}", e.message);
                return;
            }
        }
    };
    let file = dir.join("第1学院.xjpkg");
    let params = ExportParams {
        year: 2026,
        out: file.display().to_string(),
        to,
    };
    let mut export = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        if let Err(e) = package::export(&mut college, &params) {
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

    envelope(&dir, &file);
    let mut import = Vec::new();
    let mut rates = Vec::new();
    for run in 0..RUNS {
        let db = dir.join(format!("school{run}.db"));
        let _ = std::fs::copy(&template, &db);
        let Ok(mut s) = Context::open(Paths::for_db(&db), Some("基准"), Clock::Fixed(on)) else {
            return;
        };
        let t = Instant::now();
        let p = ImportParams {
            file: file.display().to_string(),
            year: 2026,
        };
        if let Err(e) = package::import(&mut s, &p) {
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
    println!("load average after: {}", load());
    let _ = std::fs::remove_dir_all(&dir);
}

/// What the envelope costs on the 10,000-graduate package: encrypt + sign (the college's
/// export) and verify + decrypt (the school's import), medians of [`RUNS`], each against the
/// ≤ 0.2 s target.
fn envelope(dir: &std::path::Path, file: &std::path::Path) {
    use xianjie::seal::{CollegeKey, SchoolKey};
    let Ok(sealed) = std::fs::read(file) else {
        return;
    };
    let key_text = std::fs::read_to_string(dir.join("keys").join("school.key")).unwrap_or_default();
    let secret: String = key_text.lines().filter(|l| !l.starts_with('#')).collect();
    let Ok(school) = SchoolKey::from_secret_text(&secret) else {
        println!("school key unreadable");
        return;
    };
    let Ok(opened) = xianjie::seal::open(&sealed, &school) else {
        println!("package unreadable");
        return;
    };
    let content = opened.payload;
    let college = CollegeKey::generate();
    let to = school.recipient();
    let mut seal = Vec::new();
    let mut out = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        match xianjie::package::wrap(&content, &to, &college, "共青团基准大学第1学院委员会")
        {
            Ok(b) => out = b,
            Err(e) => {
                println!("seal failed: {}", e.message);
                return;
            }
        }
        seal.push(t.elapsed().as_secs_f64());
    }
    let mut open = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        let checked =
            xianjie::seal::inspect_for(&out, &to).and_then(|_| xianjie::seal::open(&out, &school));
        if let Err(e) = std::hint::black_box(checked) {
            println!("open failed: {}", e.message);
            return;
        }
        open.push(t.elapsed().as_secs_f64());
    }
    let verdict = |m: f64| if m <= 0.2 { "ok" } else { "MISSED" };
    let (s, o) = (median(seal), median(open));
    println!(
        "envelope of the {:.1} MB content: encrypt + sign median {s:.3} s, verify + decrypt median {o:.3} s of {RUNS} runs — target ≤ 0.2 s each: {}, {}",
        content.len() as f64 / 1e6,
        verdict(s),
        verdict(o)
    );
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
    let to = keys::create_school_key(&mut s, &CreateSchoolKey { replace: true })
        .ok()
        .and_then(|k| k.key.recipient);
    for k in 1..=colleges {
        let out = dir.join(format!("many{k}.xjpkg"));
        let name = format!("共青团基准大学第{k}学院委员会");
        if let Err(e) = xianjie_testdata::school::package(
            &out,
            SCHOOL,
            &name,
            800,
            100_000 * k,
            on,
            to.as_deref(),
        ) {
            println!("package failed: {}", e.message);
            return;
        }
        let p = ImportParams {
            file: out.display().to_string(),
            year: 2026,
        };
        if let Err(e) = package::import(&mut s, &p) {
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
