//! The demo college passes the checks a secretary's own data would (issue 23): every name is
//! written once as 智慧团建 has it (never 共青团共青团…), no stored text a person reads is raw
//! JSON, and an R8 graduate has no receiving org (rules.md §R8: none is chosen).

use chrono::NaiveDate;
use rusqlite::Connection;
use xianjie::destination::Reason;
use xianjie::service::{demo, Clock};

/// Columns that hold machine data by design (the audit log's records, a letter's printed
/// snapshot, settings and fingerprints), not text shown to a person.
const MACHINE: &[(&str, &str)] = &[
    ("audit_log", "*"),
    ("letter", "printed"),
    ("campaign_settings", "settings"),
    ("settings", "*"),
    ("review", "fingerprint"),
    ("college_package", "*"),
];

/// Every text value of every table: (table, column, value).
fn texts(db: &Connection) -> Vec<(String, String, String)> {
    let tables: Vec<String> = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = Vec::new();
    for t in tables {
        let mut stmt = db.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let cols: Vec<String> = stmt.column_names().iter().map(|c| c.to_string()).collect();
        let mut rows = stmt.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            for (i, c) in cols.iter().enumerate() {
                if let Ok(rusqlite::types::ValueRef::Text(v)) = r.get_ref(i) {
                    out.push((
                        t.clone(),
                        c.clone(),
                        String::from_utf8_lossy(v).into_owned(),
                    ));
                }
            }
        }
    }
    out
}

#[test]
fn demo_college_passes_the_checks_user_data_does() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    let on = NaiveDate::from_ymd_opt(2026, 7, 20).unwrap();
    let (mut ctx, _) = demo::create(&path, Some("测试"), Clock::Fixed(on)).unwrap();
    let grads = ctx.graduates(2026, on).unwrap();
    drop(ctx);
    let db = Connection::open(&path).unwrap();
    let all = texts(&db);
    assert!(all.len() > 1000, "{}", all.len());

    // Names written once: no doubled 共青团, no 委员会团支部 (a committee's name wrapped again).
    let doubled: Vec<_> = all
        .iter()
        .filter(|(_, _, v)| v.contains("共青团共青团") || v.contains("委员会团支部"))
        .take(5)
        .collect();
    assert!(doubled.is_empty(), "names written twice: {doubled:?}");

    // No raw JSON in text a person reads.
    let machine = |t: &str, c: &str| {
        MACHINE
            .iter()
            .any(|(mt, mc)| *mt == t && (*mc == "*" || *mc == c))
    };
    let json: Vec<_> = all
        .iter()
        .filter(|(t, c, v)| !machine(t, c) && (v.contains("{\"") || v.contains("\":")))
        .take(5)
        .collect();
    assert!(json.is_empty(), "JSON in stored text: {json:?}");

    // R8 chooses no org: the recorded destination names none.
    let r8 = r8_graduates(&grads);
    assert!(!r8.is_empty());
    for g in &r8 {
        let d = g.member.destination.as_ref().unwrap();
        let target = d
            .details
            .as_ref()
            .and_then(|d| d.target_org.clone())
            .unwrap_or_default();
        assert!(target.trim().is_empty(), "{}: {target}", g.member.name);
    }
}

fn r8_graduates(grads: &[xianjie::store::Graduate]) -> Vec<&xianjie::store::Graduate> {
    grads
        .iter()
        .filter(|g| {
            g.recommendation
                .as_ref()
                .is_some_and(|r| r.reason.or(r.intended_reason) == Some(Reason::R8))
        })
        .collect()
}

/// The demo's transfers of R8 graduates name no org either. They are drafted by
/// `src/transfer/demo.rs` (`draft`), which falls back to 共青团{单位}团支部 or 共青团某街道团支部
/// for every reason; the data cannot stop that, the drafting must (issue 23 E).
#[test]
fn demo_r8_transfers_name_no_org() {
    let dir = tempfile::tempdir().unwrap();
    let on = NaiveDate::from_ymd_opt(2026, 7, 20).unwrap();
    let (mut ctx, _) =
        demo::create(&dir.path().join("d.db"), Some("测试"), Clock::Fixed(on)).unwrap();
    let grads = ctx.graduates(2026, on).unwrap();
    for g in r8_graduates(&grads) {
        let history = ctx.testing_store().transfer_history(g.member.id).unwrap();
        if let Some(t) = history.latest(g.member.id) {
            assert!(
                t.destination.trim().is_empty(),
                "{}'s R8 transfer names {}",
                g.member.name,
                t.destination
            );
        }
    }
}
