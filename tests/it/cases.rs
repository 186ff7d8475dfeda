//! The rule engine through the contract's code path (`cases::recommend_all`, as the CLI), and
//! the CLI binary itself for its exit codes.
//!
//! Case files come in pairs: `X.json` (the contract's input) and `X.expected.jsonl` (per case:
//! `reason`, `blocked`, `metric` when given, rule ids the answer `has` and `lacks`, words it
//! `says` or keeps `silent`, and a `note` citing the seed passage the case checks).
//! `public` is the spec's public set; `rules` holds at least one focused case per rule id, each
//! named after the rule it cites.

use crate::root;
use chrono::NaiveDate;
use serde_json::Value;
use std::collections::BTreeSet;
use std::process::{Command, Stdio};
use xianjie::cases;
use xianjie::engine::{Recommendation, ENGINE_RULES};
use xianjie::rule::RuleId;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 15).unwrap_or_default()
}

fn load(name: &str) -> (Vec<(String, Recommendation)>, Vec<Value>) {
    let dir = root().join("fixtures/cases");
    let input = std::fs::read_to_string(dir.join(format!("{name}.json"))).unwrap();
    let expected = std::fs::read_to_string(dir.join(format!("{name}.expected.jsonl"))).unwrap();
    let results = cases::recommend_all(&input, today()).unwrap();
    let expected: Vec<Value> = expected
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (results, expected)
}

/// Checks one answer against one expectation line; returns the differences.
fn check(actual: &Value, expect: &Value) -> Vec<String> {
    let mut diffs = Vec::new();
    for key in ["reason", "blocked", "metric"] {
        if let Some(want) = expect.get(key) {
            if actual.get(key) != Some(want) {
                diffs.push(format!("{key}: want {want}, got {:?}", actual.get(key)));
            }
        }
    }
    let rules: BTreeSet<&str> = actual["rules"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    for r in expect["has"].as_array().into_iter().flatten() {
        let r = r.as_str().unwrap();
        if !rules.contains(r) {
            diffs.push(format!("lacks {r}, rules {rules:?}"));
        }
    }
    for r in expect["lacks"].as_array().into_iter().flatten() {
        let r = r.as_str().unwrap();
        if rules.contains(r) {
            diffs.push(format!("has {r} but must not"));
        }
    }
    // `says` / `silent`: words the answer's texts (destination, where to find, notices)
    // must or must not contain — how a seed's sentence is checked.
    let text = actual.to_string();
    for w in expect["says"].as_array().into_iter().flatten() {
        let w = w.as_str().unwrap();
        if !text.contains(w) {
            diffs.push(format!("does not say “{w}”"));
        }
    }
    for w in expect["silent"].as_array().into_iter().flatten() {
        let w = w.as_str().unwrap();
        if text.contains(w) {
            diffs.push(format!("says “{w}” but must not"));
        }
    }
    diffs
}

fn run_file(name: &str) -> BTreeSet<RuleId> {
    let (results, expected) = load(name);
    assert_eq!(results.len(), expected.len(), "{name}: case count");
    let lines = cases::to_json_lines(&results).unwrap();
    let mut produced = BTreeSet::new();
    let mut failures = Vec::new();
    for ((line, (id, rec)), expect) in lines.lines().zip(&results).zip(&expected) {
        let actual: Value = serde_json::from_str(line).unwrap();
        assert_eq!(expect["id"].as_str(), Some(id.as_str()), "{name}: order");
        let diffs = check(&actual, expect);
        if !diffs.is_empty() {
            failures.push(format!("{id}: {}", diffs.join("; ")));
        }
        produced.extend(rec.rules.iter().copied());
    }
    assert!(failures.is_empty(), "{name}:\n{}", failures.join("\n"));
    produced
}

#[test]
fn public_cases_match_expected() {
    run_file("public");
}

#[test]
fn rule_cases_match_expected() {
    run_file("rules");
}

/// Every id the engine is meant to produce is produced by some case, and each focused case
/// cites the rule in its name.
#[test]
fn every_engine_rule_is_produced_and_tested() {
    let mut produced = run_file("public");
    produced.extend(run_file("rules"));
    let missing: Vec<&str> = ENGINE_RULES
        .iter()
        .filter(|r| !produced.contains(r))
        .map(|r| r.as_str())
        .collect();
    assert!(missing.is_empty(), "never produced: {missing:?}");

    let (_, expected) = load("rules");
    let named: BTreeSet<String> = expected
        .iter()
        .filter_map(|e| e["id"].as_str())
        .filter_map(|id| id.split('-').next())
        .map(str::to_uppercase)
        .collect();
    let uncited: Vec<&str> = ENGINE_RULES
        .iter()
        .filter(|r| {
            !matches!(
                r,
                RuleId::W1 | RuleId::W2 | RuleId::W5 | RuleId::W6 | RuleId::W7
            )
        })
        .filter(|r| {
            let id = r.as_str().to_uppercase();
            !named.contains(&id) && !public_cites(**r)
        })
        .map(|r| r.as_str())
        .collect();
    assert!(
        uncited.is_empty(),
        "no focused case named after: {uncited:?}"
    );
}

/// The public cases already focus on R1–R8 (p1–p8), R2b (p11) and R11 (p12), M7 (p10), R9 (p9).
fn public_cites(r: RuleId) -> bool {
    use RuleId::*;
    matches!(
        r,
        R1 | R2 | R3 | R4 | R5 | R6 | R7 | R8 | R2b | R11 | M7 | R9
    )
}

/// Full recommendations of representative cases, as snapshots.
#[test]
fn snapshots_of_full_recommendations() {
    for name in ["public", "rules"] {
        let (results, _) = load(name);
        for (id, rec) in &results {
            let keep = [
                "p1",
                "p3",
                "p5",
                "p8",
                "p9",
                "p10",
                "p11",
                "p12",
                "r7a-retain-before-0725",
                "r7b-retake-postgrad-exam",
                "m5-under-16-non-school",
                "m6-r11-under-13-to-guangdong",
                "r12-active-transfer",
                "r10-dropout",
                "m5-over-28",
                "m6-under-14-before-2017",
                "r12-masses-not-member",
                "r12-blocked-study-keeps-sx",
                "r3-central-unit-in-beijing-without-org",
                "r3a-county-r7-from-september",
            ];
            if keep.contains(&id.as_str()) {
                let out = cases::Output::new(id, rec);
                insta::assert_json_snapshot!(format!("recommend_{id}"), out);
            }
        }
    }
}

fn cli(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_xianjie"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut input = child.stdin.take().unwrap();
        input.write_all(stdin.as_bytes()).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn cli_prints_one_line_per_public_case() {
    let path = root().join("fixtures/cases/public.json");
    let (code, out, err) = cli(&["recommend", "--cases", path.to_str().unwrap()], "");
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 12);
    let input = std::fs::read_to_string(&path).unwrap();
    let (code2, out2, _) = cli(&["recommend", "--cases", "-"], &input);
    assert_eq!((code2, out2), (0, out));
}

#[test]
fn cli_refuses_invalid_cases_naming_case_and_field() {
    let good = r#"{"id":"c1","on":"2026-06-15","id_number":"420502200403011236","destination":{"kind":"employed"}}"#;
    let bad = [
        (
            r#"[{"id":"c1","on":"2026-06-15","id_number":"420502200403011236","destinaton":{}}]"#,
            "destinaton",
        ),
        (
            r#"[{"id":"c2","on":"2026-13-01","id_number":"420502200403011236","destination":{"kind":"none"}}]"#,
            "on",
        ),
        (
            r#"[{"id":"c3","id_number":"420502200403011234","destination":{"kind":"none"}}]"#,
            "id_number",
        ),
        (
            r#"[{"id":"c4","id_number":"420502200403011236","league_post":"yes","destination":{"kind":"none"}}]"#,
            "league_post",
        ),
        (
            r#"[{"id":"c5","id_number":"420502200403011236","destination":{"kind":"moon"}}]"#,
            "destination.kind",
        ),
        (
            r#"[{"id":"c6","id_number":"420502200403011236","destination":{"kind":"none","colour":1}}]"#,
            "destination.colour",
        ),
        (
            r#"[{"id":"c7","id_number":"420502200403011236","joined":"2019-5","destination":{"kind":"none"}}]"#,
            "joined",
        ),
        (
            r#"[{"id":"c8","destination":{"kind":"none"}}]"#,
            "id_number",
        ),
        (
            r#"[{"id":"c9","id_number":"420502200403011236","destination":{"kind":"employed","system":"navy"}}]"#,
            "destination.system",
        ),
        (
            r#"[{"id":"c10","id_number":"420502200403011236","birth_date":"2004-03-02","destination":{"kind":"none"}}]"#,
            "birth_date",
        ),
    ];
    for (input, field) in bad {
        let text = format!("[{good},{}", &input[1..]);
        let (code, out, err) = cli(&["recommend", "--cases", "-"], &text);
        assert_eq!(code, 2, "{input}: {err}");
        assert!(out.is_empty(), "nothing printed on refusal: {out}");
        let case = input.split('"').nth(3).unwrap();
        assert!(err.contains(&format!("案例 {case} ")), "{err}");
        assert!(err.contains(field), "{err} should name {field}");
        assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    }
    for (input, needle) in [
        ("{}", "JSON 数组"),
        ("[1]", "第1个案例"),
        ("[{\"on\":1}]", "id"),
        ("not json", "JSON"),
    ] {
        let (code, _, err) = cli(&["recommend", "--cases", "-"], input);
        assert_eq!(code, 2, "{input}");
        assert!(err.contains(needle), "{err}");
    }
    let (code, _, err) = cli(&["recommend", "--cases", "/nonexistent/x.json"], "");
    assert_eq!(code, 2);
    assert!(err.contains("/nonexistent/x.json"), "{err}");
}
