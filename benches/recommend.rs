//! Benchmark: recommendations for 50,000 generated graduates (target ≤ 100 ms, release).
//! Prints the median of 7 runs and, as a baseline measured in the same run, the time to merely
//! clone the same facts.

// The binaries' allocator (src/main.rs), so that the figures are the program's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use chrono::NaiveDate;
use std::hint::black_box;
use std::time::{Duration, Instant};
use xianjie::date::YearMonth;
use xianjie::destination::{Destination, DestinationKind, SystemCommittee};
use xianjie::engine::{recommend, Facts};
use xianjie::member::{MarkingKind, Politics};

const N: usize = 50_000;
const RUNS: usize = 7;

fn generate() -> Vec<Facts> {
    let on = NaiveDate::from_ymd_opt(2026, 6, 15).unwrap_or_default();
    let provinces = ["湖北", "北京", "广东", "福建", "四川", "上海", "新疆"];
    (0..N)
        .map(|i| {
            let kind = DestinationKind::ALL[i % DestinationKind::ALL.len()];
            let birth = NaiveDate::from_ymd_opt(
                1997 + (i % 12) as i32,
                1 + (i % 12) as u32,
                1 + (i % 28) as u32,
            )
            .unwrap_or_default();
            let mut d = Destination::of_kind(kind);
            d.province = Some(provinces[i % provinces.len()].to_string());
            d.employer_has_org = i % 3 != 0;
            d.retain_in_school = i % 11 == 0;
            d.system = (i % 17 == 0).then_some(SystemCommittee::Railway);
            let mut f = Facts::new(on, birth, d);
            f.joined = YearMonth::new(2012 + (i % 12) as i32, 1 + (i % 12) as u32);
            f.identity_verified = i % 13 != 0;
            f.politics = if i % 9 == 0 {
                Politics::Party
            } else {
                Politics::League
            };
            f.marking = (i % 50 == 0).then_some(MarkingKind::Deferred);
            f
        })
        .collect()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let facts = generate();
    let mut engine = Vec::new();
    let mut baseline = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        let n: usize = facts
            .iter()
            .map(|f| black_box(recommend(f)).rules.len())
            .sum();
        engine.push(t.elapsed());
        black_box(n);
        let t = Instant::now();
        let copies: Vec<Facts> = facts.to_vec();
        baseline.push(t.elapsed());
        black_box(copies);
    }
    let (e, b) = (median(engine), median(baseline));
    println!(
        "recommend: {N} graduates, median of {RUNS}: {:.1} ms (target ≤ 100 ms); baseline clone of the facts: {:.1} ms; ratio {:.1}×",
        e.as_secs_f64() * 1e3,
        b.as_secs_f64() * 1e3,
        e.as_secs_f64() / b.as_secs_f64()
    );
}
