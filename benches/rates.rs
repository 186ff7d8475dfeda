//! Rates (§6) and the due list (W4–W7) over 50,000 graduates: target ≤ 200 ms each (median).
//!
//! Run: `cargo bench --bench rates`. Pure computation on an in-memory cohort; loading from
//! the store is not timed here.

use chrono::NaiveDate;
use std::collections::HashMap;
use std::time::Instant;
use xianjie::destination::Reason;
use xianjie::engine::Metric;
use xianjie::transfer::*;

const GRADUATES: i64 = 50_000;
const RUNS: usize = 7;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap_or(NaiveDate::MIN)
}

fn cohort() -> (Vec<Graduate>, Ledger) {
    let s = CampaignSettings::defaults(2026);
    let mut grads = Vec::with_capacity(GRADUATES as usize);
    let mut ledger = Ledger::new();
    for i in 0..GRADUATES {
        let mut g = Graduate::new(i, &format!("团员{i}"), i % 20, i / 30);
        g.metric = Some(if i % 4 == 0 { Metric::Sx } else { Metric::Xs });
        g.marked = i % 97 == 0;
        if i % 11 == 0 {
            g.retained_since = Some(day(7, 26));
        }
        grads.push(g);
        if i % 10 == 9 {
            continue; // no request
        }
        let reason = if i % 4 == 0 { Reason::R1 } else { Reason::R7 };
        let draft = TransferDraft {
            member_id: i,
            year: 2026,
            initiator: Initiator::ALL[(i % 3) as usize],
            reason,
            destination: "某街道学社衔接临时团支部".into(),
            region: None,
            jing_yue_min: false,
            into_committee: i % 5 == 0,
            own_unit: None,
        };
        if ledger.open(draft).is_err() {
            continue;
        }
        let start = day(6, 1 + (i % 28) as u32);
        let _ = ledger.apply(i, Event::new(start, EventKind::Start, "管理员"), &s);
        match i % 6 {
            0 => {
                let _ = ledger.apply(i, Event::new(start, EventKind::Done, "管理员"), &s);
            }
            1 => {
                let r = EventKind::Return {
                    reason: "信息不全".into(),
                };
                let _ = ledger.apply(i, Event::new(start, r, "管理员"), &s);
            }
            _ => {}
        }
    }
    (grads, ledger)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

fn time<T>(name: &str, mut f: impl FnMut() -> T) {
    let mut ms = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let t = Instant::now();
        std::hint::black_box(f());
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let m = median(ms);
    let verdict = if m <= 200.0 { "ok" } else { "OVER" };
    println!("{name}: median {m:.1} ms over {RUNS} runs ({GRADUATES} graduates, target ≤ 200 ms) {verdict}");
}

fn main() {
    let s = CampaignSettings::defaults(2026);
    let (grads, ledger) = cohort();
    let names = HashMap::new();
    let on = day(8, 10);
    time("rates (school)", || {
        rates(&grads, &ledger, &names, Unit::School, on, &s)
    });
    time("due list (school)", || {
        due_list(&grads, &ledger, &[], Unit::School, on, &s)
    });
}
