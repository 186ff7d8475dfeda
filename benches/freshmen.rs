//! The September half's benchmark (issue 24): importing a generated list of 10,000 new
//! students (20 columns, the special cases among them) into a college's office — read, every
//! row checked, the class branches created in the office's pattern, written in one audited
//! transaction — and then computing every student's advice (`freshmen::list`, the engine on
//! each). Target: ≤ 1 s median (release). Prints the medians of N runs and the machine's load
//! average. `cargo bench --bench freshmen [-- ROWS RUNS]`.
//!
//! Figures (release, 10,000 students, medians of 7 runs, shared 2-core VM, load average
//! 1.13 / 1.82 / 2.70 when measured): import 0.361 s, advice 0.126 s, import + advice
//! 0.484 s (runs 0.306–0.496 s). Also in docs/freshmen.md.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use chrono::NaiveDate;
use std::time::{Duration, Instant};
use xianjie::org::OrgLevel;
use xianjie::service::freshmen::{self, FreshmenImportRequest};
use xianjie::service::{Clock, Context, Paths};
use xianjie::store::NewOrg;

const SCHOOL: &str = "共青团星河大学委员会";
const COLLEGE: &str = "共青团星河大学信息工程学院委员会";

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn secs(d: Duration) -> String {
    format!("{:.3} s", d.as_secs_f64())
}

fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

fn office(dir: &std::path::Path, run: usize) -> Context {
    let on = NaiveDate::from_ymd_opt(2026, 9, 15).unwrap_or_default();
    let mut ctx = Context::open(
        Paths::for_db(&dir.join(format!("office{run}.db"))),
        Some("基准"),
        Clock::Fixed(on),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let store = ctx.testing_store_mut();
    let school = store
        .create_org(&NewOrg::new(SCHOOL, OrgLevel::Committee, None), "基准")
        .unwrap_or_else(|e| panic!("{e}"));
    let college = store
        .create_org(
            &NewOrg::new(COLLEGE, OrgLevel::Committee, Some(school.id)),
            "基准",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    // The office's existing names: the pattern new class branches follow.
    for n in [
        "共青团星河大学信息工程学院软件工程2025级1班团支部",
        "共青团星河大学信息工程学院网络工程2025级1班团支部",
    ] {
        store
            .create_org(&NewOrg::new(n, OrgLevel::Branch, Some(college.id)), "基准")
            .unwrap_or_else(|e| panic!("{e}"));
    }
    ctx
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let rows: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let runs: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(7);
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let list = dir.path().join("新生名单.xlsx");
    xianjie_testdata::freshmen::large(rows, 1)
        .write_xlsx(&list)
        .unwrap_or_else(|e| panic!("{e}"));
    let on = NaiveDate::from_ymd_opt(2026, 9, 15).unwrap_or_default();
    let (mut imports, mut advices, mut totals) = (Vec::new(), Vec::new(), Vec::new());
    println!("load before: {}", load());
    for run in 0..runs {
        let mut ctx = office(dir.path(), run);
        let t = Instant::now();
        let rep = freshmen::import(
            &mut ctx,
            &FreshmenImportRequest {
                file: list.display().to_string(),
                year: 2026,
                create_branches_under: Some(COLLEGE.into()),
                dry_run: false,
            },
            &xianjie::Watch::NONE,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            rep.committed && rep.inserted as usize == rows,
            "{:?}",
            rep.errors.first()
        );
        let imported = t.elapsed();
        let students = freshmen::list(&ctx, 2026, on).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(students.students.len(), rows);
        let total = t.elapsed();
        imports.push(imported);
        advices.push(total - imported);
        totals.push(total);
        println!(
            "run {}: import {}, advice {}, total {} ({} branches created)",
            run + 1,
            secs(imported),
            secs(total - imported),
            secs(total),
            rep.created_branches.len()
        );
    }
    println!(
        "freshmen {rows}: median import {}, advice {}, import + advice {} (target ≤ 1 s); load after: {}",
        secs(median(imports)),
        secs(median(advices)),
        secs(median(totals)),
        load()
    );
}
