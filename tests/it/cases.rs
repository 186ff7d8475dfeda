//! The rule engine through the contract's code path (`cases::recommend_all`, as the CLI), and
//! the CLI binary itself for its exit codes.
//!
//! Case files come in pairs: `X.json` (the contract's input) and `X.expected.jsonl` (per case:
//! `reason`, `blocked`, `metric` when given, rule ids the answer `has` and `lacks`, words it
//! `says` or keeps `silent`, and a `note` citing the seed passage the case checks).
//! `public` is the spec's public set; `rules` holds at least one focused case per rule id, each
//! named after the rule it cites; `incoming` does the same for the receiving side (N1–N11,
//! `"kind": "incoming"`, whose lines are also checked for `action`, `counts_in_rate`, `kind`).

use crate::root;
use chrono::NaiveDate;
use serde_json::Value;
use std::collections::BTreeSet;
use std::process::{Command, Stdio};
use xianjie::cases::{self, Answer};
use xianjie::engine::incoming::INCOMING_RULES;
use xianjie::engine::ENGINE_RULES;
use xianjie::rule::RuleId;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 15).unwrap_or_default()
}

fn input(name: &str) -> String {
    std::fs::read_to_string(root().join(format!("fixtures/cases/{name}.json"))).unwrap()
}

fn load(name: &str) -> (Vec<(String, Answer)>, Vec<Value>) {
    let dir = root().join("fixtures/cases");
    let expected = std::fs::read_to_string(dir.join(format!("{name}.expected.jsonl"))).unwrap();
    let results = cases::answer_all(&input(name), today()).unwrap();
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
    for key in [
        "reason",
        "blocked",
        "metric",
        "kind",
        "action",
        "counts_in_rate",
    ] {
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
    let lines = cases::answers_to_json_lines(&results).unwrap();
    let mut produced = BTreeSet::new();
    let mut failures = Vec::new();
    for ((line, (id, answer)), expect) in lines.lines().zip(&results).zip(&expected) {
        let actual: Value = serde_json::from_str(line).unwrap();
        assert_eq!(expect["id"].as_str(), Some(id.as_str()), "{name}: order");
        let diffs = check(&actual, expect);
        if !diffs.is_empty() {
            failures.push(format!("{id}: {}", diffs.join("; ")));
        }
        produced.extend(rules_of(answer).iter().copied());
    }
    assert!(failures.is_empty(), "{name}:\n{}", failures.join("\n"));
    produced
}

fn rules_of(answer: &Answer) -> &[RuleId] {
    match answer {
        Answer::Graduate(r) => &r.rules,
        Answer::Incoming(a) => &a.rules,
    }
}

#[test]
fn public_cases_match_expected() {
    run_file("public");
}

#[test]
fn rule_cases_match_expected() {
    run_file("rules");
}

#[test]
fn incoming_cases_match_expected() {
    run_file("incoming");
}

/// Graduate output is byte for byte what it was before incoming cases existed: the
/// two-kind path prints the graduate files exactly as the graduate-only one.
#[test]
fn graduate_lines_are_unchanged_by_the_two_kind_contract() {
    for name in ["public", "rules"] {
        let text = input(name);
        let old = cases::to_json_lines(&cases::recommend_all(&text, today()).unwrap()).unwrap();
        let new = cases::answers_to_json_lines(&cases::answer_all(&text, today()).unwrap());
        assert_eq!(new.unwrap(), old, "{name}");
        assert!(!old.contains("\"kind\""), "graduate lines carry no kind");
    }
}

/// Every id the receiving side is meant to produce is produced by an incoming case; each N
/// rule has a focused case named after it, and every incoming case cites its seed (`note`).
#[test]
fn every_incoming_rule_is_produced_and_tested() {
    let produced = run_file("incoming");
    let missing: Vec<&str> = INCOMING_RULES
        .iter()
        .filter(|r| !produced.contains(r))
        .map(|r| r.as_str())
        .collect();
    assert!(missing.is_empty(), "never produced: {missing:?}");

    let (results, expected) = load("incoming");
    let named: BTreeSet<String> = expected
        .iter()
        .filter_map(|e| e["id"].as_str())
        .filter_map(|id| id.split('-').next())
        .map(str::to_uppercase)
        .collect();
    let uncited: Vec<&str> = INCOMING_RULES
        .iter()
        .filter(|r| r.as_str().starts_with('N'))
        .filter(|r| !named.contains(r.as_str()))
        .map(|r| r.as_str())
        .collect();
    assert!(
        uncited.is_empty(),
        "no focused case named after: {uncited:?}"
    );
    for ((id, answer), e) in results.iter().zip(&expected) {
        assert!(
            e["note"].as_str().is_some_and(|n| !n.is_empty()),
            "{id}: note"
        );
        if let Answer::Incoming(a) = answer {
            // The case's own rule is part of its answer.
            let own = id.split('-').next().unwrap().to_uppercase();
            assert!(
                a.rules.iter().any(|r| r.as_str() == own),
                "{id}: rules {:?}",
                a.rules
            );
        }
    }
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
        for (id, answer) in &results {
            let Answer::Graduate(rec) = answer else {
                continue;
            };
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

/// Full advice for representative incoming cases, as snapshots.
#[test]
fn snapshots_of_full_incoming_advice() {
    let keep = [
        "n1-transfer-in",
        "n2-over-28-postgrad",
        "n4-join-date-differs",
        "n5-no-account-2017-needs-number",
        "n6-from-guangdong",
        "n6-beijing-under-13-before-2017",
        "n7-commissioned-stays",
        "n8-college-differs",
    ];
    let (results, _) = load("incoming");
    for (id, answer) in &results {
        if let (Answer::Incoming(a), true) = (answer, keep.contains(&id.as_str())) {
            let out = cases::IncomingOutput::new(id, a);
            insta::assert_json_snapshot!(format!("incoming_{id}"), out);
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

#[test]
fn cli_answers_incoming_cases_one_line_each() {
    let path = root().join("fixtures/cases/incoming.json");
    let (code, out, err) = cli(&["recommend", "--cases", path.to_str().unwrap()], "");
    assert_eq!(code, 0, "{err}");
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let (_, expected) = load("incoming");
    assert_eq!(lines.len(), expected.len());
    for (line, e) in lines.iter().zip(&expected) {
        assert_eq!(line["id"], e["id"]);
        if e.get("action").is_some() {
            assert_eq!(line["kind"], "incoming");
            for key in ["action", "blocked", "reason", "rules", "warnings"] {
                assert!(line.get(key).is_some(), "{}: {key}", e["id"]);
            }
        } else {
            assert!(line.get("kind").is_none(), "graduate lines carry no kind");
        }
    }
    let (code, table, _) = cli(
        &["recommend", "--cases", path.to_str().unwrap(), "--table"],
        "",
    );
    assert_eq!(code, 0);
    assert!(
        table.contains("【n7-commissioned-stays】新生 · 保留在原单位，不转入"),
        "{table}"
    );
}

#[test]
fn cli_refuses_invalid_incoming_cases_naming_case_and_field() {
    let good =
        r#"{"id":"n0","kind":"incoming","on":"2026-09-15","id_number":"420502200803122138"}"#;
    let id = r#""id_number":"420502200803122138""#;
    let bad = [
        (
            format!(r#"[{{"id":"n1","kind":"incoming",{id},"destination":{{"kind":"study"}}}}]"#),
            "destination",
        ),
        (format!(r#"[{{"id":"n2","kind":"freshman",{id}}}]"#), "kind"),
        (
            format!(r#"[{{"id":"n3","kind":"incoming",{id},"former_province":"火星"}}]"#),
            "former_province",
        ),
        (
            format!(r#"[{{"id":"n4","kind":"incoming",{id},"enrolled":"2026-9-1"}}]"#),
            "enrolled",
        ),
        (
            format!(r#"[{{"id":"n5","kind":"incoming",{id},"account":"lost"}}]"#),
            "account",
        ),
        (
            format!(r#"[{{"id":"n6","kind":"incoming",{id},"development_number":"12345"}}]"#),
            "development_number",
        ),
        (
            format!(r#"[{{"id":"n7","kind":"incoming",{id},"development_number":202104120035}}]"#),
            "development_number",
        ),
        (
            format!(r#"[{{"id":"n8","kind":"incoming",{id},"asks_to_stay":"yes"}}]"#),
            "asks_to_stay",
        ),
        (
            format!(r#"[{{"id":"n9","kind":"incoming",{id},"level":3}}]"#),
            "level",
        ),
        (
            format!(
                r#"[{{"id":"n10","kind":"incoming",{id},"on":"2026-09-15","letter_issued":"2026-10-01"}}]"#
            ),
            "letter_issued",
        ),
        (
            format!(r#"[{{"id":"n11","kind":"incoming",{id},"done_by":"2026-02-30"}}]"#),
            "done_by",
        ),
        (
            r#"[{"id":"n12","kind":"incoming","birth_date":"2008-03-12","joined":"2007-01"}]"#
                .to_string(),
            "joined",
        ),
        (
            r#"[{"id":"n13","kind":"incoming"}]"#.to_string(),
            "id_number",
        ),
    ];
    for (input, field) in bad {
        let text = format!("[{good},{}", &input[1..]);
        let (code, out, err) = cli(&["recommend", "--cases", "-"], &text);
        assert_eq!(code, 2, "{input}: {err}");
        assert!(out.is_empty(), "nothing printed on refusal: {out}");
        let case = input.split('"').nth(3).unwrap();
        assert!(
            err.contains(&format!("案例 {case} 的字段 {field}：")),
            "{err} should name {case} and {field}"
        );
        assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    }
}
