//! One policy, whichever door: every user job is run through the app's real door (its IPC
//! commands, in Tauri's mock runtime) and through the command line (the `xianjie` binary) on
//! the same store, and the two must agree on the result, the refusal (same words) and the
//! audit operator — the operator the app's 设置 saved being the CLI's too.
//!
//! Jobs covered: 工作台 numbers, transfer rows with their next deadline, a graduate's
//! recommendation, transfer steps and their refusals, the letter register (issue, list, void,
//! reprint refused), backups, the campaign calendar, 学校类型, the letter number's digits and
//! backups kept, org move, F4/F5 records, table merge, the new students (import, list with
//! advice, start and its refusal, transfers in), and the operator.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::call;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;
use tauri::test::MockRuntime;
use tauri::WebviewWindow;
use xianjie::date::YearMonth;
use xianjie::destination::{Destination, DestinationKind};
use xianjie::service::{Clock, Context, Paths};
use xianjie::store::MemberInput;
use xianjie_testdata::cohort as dev;

const YEAR: i32 = 2026;
const TODAY: &str = "2026-06-15";
const DEST: &str = "共青团某市某区某街道学社衔接临时团支部";

fn on() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 6, 15).unwrap()
}

/// The `xianjie` program the workspace built beside this test (`cargo test --workspace`
/// builds it; alone: `cargo build --bin xianjie` first).
fn cli_bin() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().and_then(Path::parent).unwrap();
    let bin = dir.join(format!("xianjie{}", std::env::consts::EXE_SUFFIX));
    assert!(
        bin.exists(),
        "先构建命令行程序：cargo build --bin xianjie（{}）",
        bin.display()
    );
    bin
}

/// The command line on `db`, on the fixed date, with the given operator (none: as 设置 says).
fn cli(db: &Path, operator: Option<&str>, args: &[&str]) -> (i32, String, String) {
    let mut c = Command::new(cli_bin());
    c.args(args)
        .env("XIANJIE_DB", db)
        .env("XIANJIE_TODAY", TODAY)
        .env_remove("XIANJIE_OPERATOR");
    if let Some(op) = operator {
        c.env("XIANJIE_OPERATOR", op);
    }
    let out = c.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The command line, expected to succeed; its standard output.
fn cli_ok(db: &Path, args: &[&str]) -> String {
    let (code, out, err) = cli(db, None, args);
    assert_eq!(code, 0, "{args:?}: {err}");
    out
}

/// The command line's JSON answer.
fn cli_json(db: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&cli_ok(db, args)).unwrap()
}

/// The command line, expected to refuse; its message (the line after `错误：`).
fn cli_refusal(db: &Path, args: &[&str]) -> String {
    let (code, out, err) = cli(db, None, args);
    assert_ne!(code, 0, "{args:?} should be refused: {out}");
    err.trim().trim_start_matches("错误：").to_string()
}

/// A generated school in `dir/xianjie.db` with the office's details, plus one graduate blocked
/// by M7 (joined 2021, 团员身份认证 not done) with an employed destination; that graduate's id.
fn office(dir: &Path) -> i64 {
    let paths = Paths::in_dir(dir, None);
    let mut ctx = Context::open(paths, Some("建库"), Clock::Fixed(on())).unwrap();
    let g = dev::generate_cohort(ctx.testing_store_mut(), YEAR, 40, 20, "建库").unwrap();
    let id_number = dev::fake_id(900).unwrap();
    let m = ctx
        .testing_store_mut()
        .add_member(
            &MemberInput {
                name: "认证未完成".into(),
                sex: id_number.sex(),
                ethnicity: Some("汉族".into()),
                id_number,
                student_no: None,
                college: None,
                branch_id: g.branches[0],
                joined: YearMonth::new(2021, 4),
                development_no: Some("202100000001".into()),
                politics: xianjie::member::Politics::League,
                league_post: false,
                mobile: None,
                dues_paid_to: None,
                identity_verified: false,
                status: xianjie::member::StudyStatus::Graduating,
            },
            "建库",
        )
        .unwrap();
    let mut d = Destination::of_kind(DestinationKind::Employed);
    d.province = Some("湖北".into());
    ctx.testing_store_mut()
        .set_destination(m.id, YEAR, &d, "建库")
        .unwrap();
    m.id
}

fn window(dir: &Path) -> (tauri::App<MockRuntime>, WebviewWindow<MockRuntime>) {
    common::window(dir, Some(Clock::Fixed(on())))
}

fn app_ok(w: &WebviewWindow<MockRuntime>, cmd: &str, body: Value) -> Value {
    call(w, cmd, body.clone()).unwrap_or_else(|e| panic!("{cmd} {body}: {e}"))
}

/// The office (a school with its details saved through the app's 设置, the operator 王老师).
struct Office {
    dir: tempfile::TempDir,
    db: PathBuf,
    blocked: i64,
    _app: tauri::App<MockRuntime>,
    w: WebviewWindow<MockRuntime>,
}

fn open_office() -> Office {
    let dir = tempfile::tempdir().unwrap();
    let blocked = office(dir.path());
    let db = dir.path().join("xianjie.db");
    let (app, w) = window(dir.path());
    let mut s = app_ok(&w, "settings_load", json!({}))["settings"].clone();
    s["operator"] = json!("王老师");
    s["handler"] = json!("李文");
    s["office_phone"] = json!("027-88880000");
    s["mobile"] = json!("13800001111");
    s["address"] = json!("示例市示例路1号");
    s["postcode"] = json!("430072");
    app_ok(&w, "settings_save", json!({ "settings": s }));
    Office {
        dir,
        db,
        blocked,
        _app: app,
        w,
    }
}

/// The operators of the audit entries after `from` (an entry id), in order, with their
/// entity (`transfer:open` for the first entry of a transfer).
fn operators_since(db: &Path, from: i64) -> Vec<(String, String)> {
    let s = xianjie::store::Store::open(db).unwrap();
    s.audit_entries(None)
        .unwrap()
        .into_iter()
        .filter(|a| a.id > from)
        .map(|a| {
            let entity = if a.entity == "transfer" {
                format!("transfer:{}", a.action)
            } else {
                a.entity
            };
            (entity, a.operator)
        })
        .collect()
}

fn last_audit(db: &Path) -> i64 {
    let s = xianjie::store::Store::open(db).unwrap();
    s.data_stamp().unwrap()
}

/// Graduates of the cohort who may start now (no block, no transfer), by number.
fn startable(db: &Path) -> Vec<i64> {
    let s = xianjie::store::Store::open(db).unwrap();
    let ledger = s.ledger_of_year(YEAR).unwrap();
    s.graduates(YEAR, on())
        .unwrap()
        .iter()
        .filter(|g| g.member.marking.is_none())
        .filter(|g| g.recommendation.as_ref().is_some_and(|r| !r.blocked))
        .map(|g| g.member.id)
        .filter(|id| ledger.latest(*id).is_none())
        .collect()
}

fn start_input(reason: &str) -> Value {
    json!({
        "action": "start", "initiator": "outgoing", "reason": reason,
        "destination": DEST, "into_committee": false
    })
}

fn step_request(members: &[i64], input: Value) -> Value {
    json!({ "request": { "year": YEAR, "members": members, "input": input } })
}

fn cli_start(members: &[i64], reason: &str) -> Vec<String> {
    let list: Vec<String> = members.iter().map(i64::to_string).collect();
    [
        "transfer",
        "start",
        "--member",
        &list.join(","),
        "--reason",
        reason,
        "--dest",
        DEST,
        "--year",
        "2026",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

fn args(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

/// 18.1: a blocked graduate is refused by both doors with the same words (R12/M7), and the
/// recommendation both doors show is the same.
#[test]
fn a_blocked_graduate_is_refused_by_both_doors_with_the_same_words() {
    let o = open_office();
    let out = app_ok(
        &o.w,
        "transfer_step",
        step_request(&[o.blocked], start_input("R2")),
    );
    assert_eq!(out["done"], 0);
    let app_msg = out["errors"][0]["message"].as_str().unwrap().to_string();
    assert!(
        app_msg.contains("M7") && app_msg.contains("团员身份认证"),
        "{app_msg}"
    );
    let msg = cli_refusal(&o.db, &args(&cli_start(&[o.blocked], "R2")));
    assert!(msg.contains(&app_msg), "CLI: {msg}\napp: {app_msg}");

    // The recommendation: the graduate's page in the app and `graduates --json`.
    let page = app_ok(
        &o.w,
        "graduate_detail",
        json!({"id": o.blocked, "year": YEAR}),
    );
    let app_rec = &page["recommendation"];
    let list = cli_json(&o.db, &["graduates", "--year", "2026", "--json"]);
    let cli_rec = list
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["member"]["id"] == o.blocked)
        .map(|g| g["recommendation"].clone())
        .unwrap();
    assert_eq!(cli_rec["blocked"], app_rec["blocked"]);
    assert_eq!(cli_rec["metric"], "XS", "a block keeps the metric (R12)");
    let ids = |v: &Value, key: &str| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|r| r[key].as_str().or(r.as_str()).unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(&cli_rec["rules"], "id"), ids(&app_rec["rules"], "id"));
}

/// The operator 设置 saved is the one the CLI writes too; `--operator` names another; without
/// either the same fallback from both doors.
#[test]
fn both_doors_name_the_same_operator() {
    let o = open_office();
    let ids = startable(&o.db);
    let from = last_audit(&o.db);
    app_ok(
        &o.w,
        "transfer_step",
        step_request(&ids[..1], start_input("R7")),
    );
    cli_ok(&o.db, &args(&cli_start(&ids[1..2], "R7")));
    let (code, _, err) = cli(&o.db, Some("钱老师"), &args(&cli_start(&ids[2..3], "R7")));
    assert_eq!(code, 0, "{err}");
    // Not named: the same fallback from both doors.
    let mut s = app_ok(&o.w, "settings_load", json!({}))["settings"].clone();
    s["operator"] = json!("");
    app_ok(&o.w, "settings_save", json!({ "settings": s }));
    let from_unnamed = last_audit(&o.db);
    app_ok(
        &o.w,
        "transfer_step",
        step_request(&ids[3..4], start_input("R7")),
    );
    cli_ok(&o.db, &args(&cli_start(&ids[4..5], "R7")));
    let ops: Vec<String> = operators_since(&o.db, from)
        .into_iter()
        .filter(|(e, _)| e == "transfer:open")
        .map(|(_, op)| op)
        .collect();
    let fallback = xianjie::service::operator_name(None, None);
    assert_eq!(
        ops,
        [
            "王老师",
            "王老师",
            "钱老师",
            fallback.as_str(),
            fallback.as_str()
        ]
    );
    assert!(operators_since(&o.db, from_unnamed)
        .iter()
        .all(|(_, op)| op == &fallback));
}

/// 工作台: the same numbers, target and due list through both doors.
#[test]
fn the_dashboard_is_one() {
    let o = open_office();
    let ids = startable(&o.db);
    cli_ok(&o.db, &args(&cli_start(&ids[..3], "R7")));
    let app = app_ok(&o.w, "dashboard", json!({ "year": YEAR }));
    let cli = cli_json(&o.db, &["dashboard", "--year", "2026", "--json"]);
    assert_eq!(app, cli);
    assert!(app["target"]["started"].as_u64().unwrap() >= 3);
    let text = cli_ok(&o.db, &["dashboard", "--year", "2026"]);
    assert!(text.contains("学社衔接率"), "{text}");
}

/// 转接: the same rows, states and next deadlines (labelled with the year's settings).
#[test]
fn transfer_rows_are_one() {
    let o = open_office();
    let ids = startable(&o.db);
    app_ok(
        &o.w,
        "transfer_step",
        step_request(&ids[..2], start_input("R7")),
    );
    // The reminder days are a setting (W5a): the label follows it.
    cli_ok(
        &o.db,
        &["calendar", "--year", "2026", "--set", "reminder_days=7"],
    );
    let app = app_ok(&o.w, "transfers", json!({ "year": YEAR }));
    let cli = cli_json(&o.db, &["transfer", "list", "--year", "2026", "--json"]);
    assert_eq!(app, cli);
    let row = app["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["member_id"] == ids[0])
        .unwrap();
    assert_eq!(row["deadline_label"], "超过7天提醒");
    assert_eq!(app["soon_days"], 3);
}

/// Steps after the start: approve with no node named takes the node both graduates wait at,
/// in either door; a batch with a graduate without a transfer is refused whole, in the same
/// words.
#[test]
fn steps_and_their_refusals_are_one() {
    let o = open_office();
    let ids = startable(&o.db);
    app_ok(
        &o.w,
        "transfer_step",
        step_request(&ids[..2], start_input("R7")),
    );
    cli_ok(&o.db, &args(&cli_start(&ids[2..4], "R7")));
    let out = app_ok(
        &o.w,
        "transfer_step",
        step_request(&ids[..2], json!({"action": "approve", "node": null})),
    );
    assert_eq!(out["done"], 2, "{out}");
    let list = format!("{},{}", ids[2], ids[3]);
    cli_ok(&o.db, &["transfer", "approve", "--member", &list]);
    let rows = app_ok(&o.w, "transfers", json!({ "year": YEAR }));
    let node_of = |id: i64| {
        rows["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["member_id"] == id)
            .unwrap()["node"]
            .clone()
    };
    assert_eq!(node_of(ids[0]), node_of(ids[2]), "the same next node");
    // A batch with one graduate without a transfer: refused whole, that one named.
    let out = app_ok(
        &o.w,
        "transfer_step",
        step_request(&[ids[0], ids[5]], json!({"action": "done"})),
    );
    assert_eq!(out["done"], 0);
    let app_msg = out["errors"][0]["message"].as_str().unwrap().to_string();
    let list = format!("{},{}", ids[0], ids[5]);
    let msg = cli_refusal(&o.db, &["transfer", "done", "--member", &list]);
    assert!(msg.contains(&app_msg), "CLI: {msg}\napp: {app_msg}");
}

/// The letter register: letters issued from both doors number on; both list the same register;
/// a voided letter is refused a reprint by both, in the same words; both need the office's
/// committee.
#[test]
fn letters_and_the_register_are_one() {
    let o = open_office();
    let ids = startable(&o.db);
    let out = o.dir.path().join("l1.pdf");
    let issued = app_ok(
        &o.w,
        "issue_letters",
        json!({
            "request": {
                "member_ids": [ids[0]], "receiver": "共青团某区委员会", "reason": "毕业",
                "archive": "with_file", "archive_other": null,
                "out": out.display().to_string(), "again": false
            },
            "task": "t1"
        }),
    );
    assert_eq!(issued["letters"][0]["number"], "2026年001号");
    let committee = app_ok(&o.w, "settings_load", json!({}))["settings"]["committee_full_name"]
        .as_str()
        .unwrap()
        .to_string();
    let out2 = o.dir.path().join("l2.pdf");
    let text = cli_ok(
        &o.db,
        &[
            "letter",
            "issue",
            "--member",
            &ids[1].to_string(),
            "--issuer",
            &committee,
            "--to",
            "共青团某区委员会",
            "--reason",
            "毕业",
            "--out",
            &out2.display().to_string(),
        ],
    );
    assert!(text.contains("2026年002号"), "{text}");
    let app_reg = app_ok(&o.w, "letter_register", json!({ "overdueOnly": false }));
    let cli_reg = cli_json(&o.db, &["letter", "list", "--all", "--json"]);
    let numbers = |v: &Value, key: &str| -> Vec<String> {
        let mut n: Vec<String> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l[key].as_str().unwrap().to_string())
            .collect();
        n.sort();
        n
    };
    assert_eq!(numbers(&app_reg, "number"), ["2026年001号", "2026年002号"]);
    assert_eq!(
        numbers(&cli_reg, "number"),
        ["001", "002"],
        "the register's own numbers"
    );
    // Void 001 from the command line; both doors refuse to reprint it.
    cli_ok(
        &o.db,
        &[
            "letter",
            "void",
            "--issuer",
            &committee,
            "--number",
            "2026年001号",
            "--reason",
            "写错",
        ],
    );
    let first = app_reg
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["number"] == "2026年001号")
        .unwrap()["id"]
        .clone();
    let reprint = o.dir.path().join("r.pdf").display().to_string();
    let e = call(
        &o.w,
        "letter_reprint",
        json!({"ids": [first], "out": reprint}),
    )
    .unwrap_err();
    assert_eq!(e["code"], "refused");
    let msg = cli_refusal(
        &o.db,
        &[
            "letter",
            "print",
            "--issuer",
            &committee,
            "--year",
            "2026",
            "--number",
            "2026年001号",
            "--out",
            &reprint,
        ],
    );
    assert_eq!(msg, e["message"].as_str().unwrap());
    // A branch never issues (L1), whichever door names it.
    let branch = cli_json(&o.db, &["org", "list", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["level"] == "branch")
        .unwrap()["full_name"]
        .as_str()
        .unwrap()
        .to_string();
    let msg = cli_refusal(
        &o.db,
        &[
            "letter",
            "issue",
            "--member",
            &ids[2].to_string(),
            "--issuer",
            &branch,
            "--to",
            "乙",
            "--reason",
            "毕业",
            "--out",
            &reprint,
        ],
    );
    assert!(msg.contains("团支部一律不得开具"), "{msg}");
}

/// Backups and the number kept: made in one door, seen in the other.
#[test]
fn backups_are_one() {
    let o = open_office();
    let made = app_ok(&o.w, "backup_create", json!({}));
    let list = cli_json(&o.db, &["backup", "list", "--json"]);
    assert!(list["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|b| b["id"] == made["id"]));
    cli_ok(&o.db, &["backup", "keep", "7"]);
    let app = app_ok(&o.w, "backup_list", json!({}));
    assert_eq!(app["keep"], 7);
    assert_eq!(app, cli_json(&o.db, &["backup", "list", "--json"]));
}

/// The campaign calendar: changed in either door, seen in the other; a date out of order is
/// refused by both in the same words; audited under 设置's operator.
#[test]
fn the_calendar_is_one() {
    let o = open_office();
    let from = last_audit(&o.db);
    let mut page = app_ok(&o.w, "calendar", json!({ "year": YEAR }));
    page["settings"]["request_by"] = json!("2026-06-30");
    app_ok(
        &o.w,
        "calendar_save",
        json!({ "settings": page["settings"] }),
    );
    let cli = cli_json(&o.db, &["calendar", "--year", "2026", "--json"]);
    assert_eq!(cli["settings"]["request_by"], "2026-06-30");
    cli_ok(
        &o.db,
        &["calendar", "--year", "2026", "--set", "auto_pass_days=12"],
    );
    let page = app_ok(&o.w, "calendar", json!({ "year": YEAR }));
    assert_eq!(page["settings"]["auto_pass_days"], 12);
    assert_eq!(
        page["settings"],
        cli_json(&o.db, &["calendar", "--year", "2026", "--json"])["settings"]
    );
    // Out of order: the same refusal.
    let mut bad = page["settings"].clone();
    bad["request_by"] = json!("2026-05-01");
    let e = call(&o.w, "calendar_save", json!({ "settings": bad })).unwrap_err();
    let msg = cli_refusal(
        &o.db,
        &[
            "calendar",
            "--year",
            "2026",
            "--set",
            "request_by=2026-05-01",
        ],
    );
    assert_eq!(msg, e["message"].as_str().unwrap());
    assert_eq!(
        operators_since(&o.db, from),
        [
            ("campaign_settings".to_string(), "王老师".to_string()),
            ("campaign_settings".to_string(), "王老师".to_string())
        ]
    );
}

/// 学校类型, the letter number's digits and the backups kept: one record both doors edit.
#[test]
fn school_kind_and_numbering_are_one() {
    let o = open_office();
    let mut s = app_ok(&o.w, "settings_load", json!({}))["settings"].clone();
    s["school_kind"] = json!("secondary_vocational");
    s["letter_digits"] = json!(4);
    app_ok(&o.w, "settings_save", json!({ "settings": s }));
    let cli = cli_json(&o.db, &["settings", "show", "--json"]);
    assert_eq!(cli["school_kind"], "secondary_vocational");
    assert_eq!(cli["letter_digits"], 4);
    cli_ok(
        &o.db,
        &[
            "settings",
            "set",
            "--set",
            "school_kind=university",
            "--set",
            "backups_kept=9",
        ],
    );
    let app = app_ok(&o.w, "settings_load", json!({}))["settings"].clone();
    assert_eq!(app, cli_json(&o.db, &["settings", "show", "--json"]));
    assert_eq!(
        (app["school_kind"].clone(), app["backups_kept"].clone()),
        (json!("university"), json!(9))
    );
    // The same check refuses the same value in both doors.
    let mut bad = app.clone();
    bad["letter_digits"] = json!(9);
    let e = call(&o.w, "settings_save", json!({ "settings": bad })).unwrap_err();
    let msg = cli_refusal(&o.db, &["settings", "set", "--set", "letter_digits=9"]);
    assert_eq!(msg, e["message"].as_str().unwrap());
    let problems = app_ok(
        &o.w,
        "settings_check",
        json!({ "settings": {
            "letter_digits": 9, "school_kind": "university", "backups_kept": 9
        }}),
    );
    assert_eq!(problems[0]["field"], "letter_digits");
}

/// Moving an org: from either door, the same tree; a move into its own subtree is refused by
/// both in the same words.
#[test]
fn org_moves_are_one() {
    let o = open_office();
    let orgs = cli_json(&o.db, &["org", "list", "--json"]);
    let list = orgs.as_array().unwrap();
    let top = list.iter().find(|x| x["parent_id"].is_null()).unwrap();
    let college = list
        .iter()
        .find(|x| x["parent_id"] == top["id"] && x["level"] != "branch")
        .unwrap();
    let branch = list
        .iter()
        .find(|x| x["parent_id"] == college["id"])
        .unwrap();
    let from = last_audit(&o.db);
    app_ok(
        &o.w,
        "org_move",
        json!({"id": branch["id"], "parent": top["id"]}),
    );
    let after = cli_json(&o.db, &["org", "list", "--json"]);
    let moved = after
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == branch["id"])
        .unwrap();
    assert_eq!(moved["parent_id"], top["id"]);
    cli_ok(
        &o.db,
        &[
            "org",
            "move",
            &branch["id"].to_string(),
            "--parent",
            &college["id"].to_string(),
        ],
    );
    let tree = app_ok(&o.w, "org_tree", json!({}));
    let under_college = tree[0]["children"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == college["id"])
        .unwrap()["children"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["id"] == branch["id"]);
    assert!(under_college);
    let e = call(
        &o.w,
        "org_move",
        json!({"id": top["id"], "parent": college["id"]}),
    )
    .unwrap_err();
    let msg = cli_refusal(
        &o.db,
        &[
            "org",
            "move",
            &top["id"].to_string(),
            "--parent",
            &college["id"].to_string(),
        ],
    );
    assert_eq!(msg, e["message"].as_str().unwrap());
    assert_eq!(
        operators_since(&o.db, from)
            .into_iter()
            .map(|(_, op)| op)
            .collect::<Vec<_>>(),
        ["王老师", "王老师"]
    );
}

/// F4/F5: a row recorded from the app (for a member) and one from the command line (a JSON
/// file) land in the same ledgers, audited under the same operator.
#[test]
fn ledgers_are_one() {
    let o = open_office();
    let ids = startable(&o.db);
    let from = last_audit(&o.db);
    app_ok(
        &o.w,
        "ledger_record_f4",
        json!({"input": {
            "member_id": ids[0], "kind": "returned", "transfer_type": "未就业",
            "province": "湖北", "city": "武汉", "target_org": "共青团某街道委员会",
            "initiated": true, "refusal_reason": "信息不全", "remark": ""
        }}),
    );
    let file = o.dir.path().join("f4.json");
    std::fs::write(
        &file,
        json!([{
            "member_id": ids[1], "branch_id": null, "cohort_year": 2026, "kind": "stuck",
            "row": {"name": "某某", "student_no": "1", "college": "学院", "original_org": "团支部",
                    "transfer_type": "未就业", "province": "湖北", "city": "武汉",
                    "target_org": "共青团某街道委员会", "initiated": false,
                    "refusal_reason": "", "remark": ""}
        }])
        .to_string(),
    )
    .unwrap();
    cli_ok(
        &o.db,
        &["record", "f4", "--json", &file.display().to_string()],
    );
    let page = app_ok(&o.w, "ledgers", json!({ "year": null }));
    assert_eq!(page["f4"].as_array().unwrap().len(), 2);
    // The same refusal of a development number that is not 12 digits.
    let e = call(
        &o.w,
        "ledger_record_f5",
        json!({"input": {"member_id": ids[0], "development_no": "123", "occupied_by": "他人"}}),
    )
    .unwrap_err();
    assert_eq!(e["code"], "invalid_input");
    assert!(operators_since(&o.db, from)
        .iter()
        .all(|(_, op)| op == "王老师"));
}

/// 合并各学院的汇总表: the same table from both doors; a renamed column is refused by both
/// in the same words.
#[test]
fn table_merge_is_one() {
    let o = open_office();
    let mut files = Vec::new();
    for k in 1..=2 {
        let out = o
            .dir
            .path()
            .join(format!("F1-{k}.xlsx"))
            .display()
            .to_string();
        app_ok(
            &o.w,
            "export_table",
            json!({"request": {"form": "f1", "year": YEAR, "out": out}, "task": format!("t{k}")}),
        );
        files.push(out);
    }
    let app_out = o.dir.path().join("app.xlsx").display().to_string();
    let app = app_ok(
        &o.w,
        "merge_tables",
        json!({"request": {"form": "f1", "files": files, "out": app_out}}),
    );
    let cli_out = o.dir.path().join("cli.xlsx").display().to_string();
    let text = cli_ok(
        &o.db,
        &[
            "table", "merge", "f1", &files[0], &files[1], "--out", &cli_out,
        ],
    );
    assert!(text.contains(&format!("共 {} 行", app["rows"])), "{text}");
    let grid = |p: &str| xianjie_sheet::grid::read_as_written(Path::new(p)).unwrap();
    assert_eq!(grid(&app_out), grid(&cli_out));
    // A file that is not an F1 is refused, in the same words.
    let e = call(
        &o.w,
        "merge_tables",
        json!({"request": {"form": "f2", "files": files, "out": app_out}}),
    )
    .unwrap_err();
    let msg = cli_refusal(
        &o.db,
        &[
            "table", "merge", "f2", &files[0], &files[1], "--out", &cli_out,
        ],
    );
    assert_eq!(msg, e["message"].as_str().unwrap());
}

/// A multi-member `transfer start` from the command line takes a snapshot first, as the app's
/// batches do.
#[test]
fn a_cli_batch_start_takes_a_snapshot() {
    let o = open_office();
    let snaps = || xianjie::store::backup::list(&o.db).unwrap().len();
    let before = snaps();
    let ids = startable(&o.db);
    cli_ok(&o.db, &args(&cli_start(&ids[..3], "R7")));
    assert_eq!(snaps(), before + 1);
    app_ok(
        &o.w,
        "transfer_step",
        step_request(&ids[3..6], start_input("R7")),
    );
    assert_eq!(snaps(), before + 2);
}

/// 新生 (#24): the list the app imports is the list the CLI shows, advice and all; a student
/// the engine holds back is refused by both doors in the same words; a class started from
/// the CLI is what the app's 转入 shows; both doors audit as 设置's operator.
#[test]
fn freshmen_are_one() {
    let o = open_office();
    let list = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/freshmen/freshmen-300.xlsx");
    let tree = app_ok(&o.w, "org_tree", json!({}));
    let top = tree[0]["full_name"].as_str().unwrap().to_string();
    let from = last_audit(&o.db);
    let imported = app_ok(
        &o.w,
        "freshmen_import",
        json!({ "request": {
            "file": list, "year": YEAR, "create_branches_under": top, "dry_run": false
        }, "task": "freshmen-import" }),
    );
    assert_eq!(imported["inserted"], 300, "{imported}");
    let app = app_ok(&o.w, "freshmen_list", json!({ "year": YEAR }));
    let cli: Vec<Value> = cli_ok(&o.db, &["freshmen", "list", "--year", "2026", "--json"])
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(app["students"].as_array().unwrap(), &cli);

    // A blocked student: the same refusal from both doors, nothing started.
    let blocked = cli
        .iter()
        .find(|s| s["blocked"] == true && s["counts_in_rate"] == true)
        .or_else(|| cli.iter().find(|s| s["blocked"] == true))
        .unwrap();
    let id = blocked["id"].as_i64().unwrap();
    let out = app_ok(
        &o.w,
        "freshmen_start",
        json!({ "request": {
            "year": YEAR, "students": [id], "class": null, "on": "2026-09-20",
            "actor": null, "note": null, "planned": false
        }}),
    );
    assert_eq!(out["started"], 0, "{out}");
    let said = out["errors"][0]["message"].as_str().unwrap().to_string();
    let msg = cli_refusal(
        &o.db,
        &[
            "freshmen",
            "start",
            "--year",
            "2026",
            "--student",
            &id.to_string(),
            "--on",
            "2026-09-20",
        ],
    );
    assert!(msg.contains(&said), "CLI: {msg}\napp: {said}");

    // A class started from the CLI, seen by the app's 转入.
    let class = cli
        .iter()
        .find(|s| s["blocked"] == false && s["counts_in_rate"] == true)
        .and_then(|s| s["branch"].as_str())
        .unwrap()
        .to_string();
    cli_ok(
        &o.db,
        &[
            "freshmen",
            "start",
            "--year",
            "2026",
            "--class",
            &class,
            "--on",
            "2026-09-20",
        ],
    );
    let rows = app_ok(&o.w, "freshmen_transfers", json!({ "year": YEAR }));
    let started = rows["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["has_transfer"] == true)
        .count();
    assert!(started > 0, "{rows}");
    let ops: Vec<_> = operators_since(&o.db, from)
        .into_iter()
        .map(|(_, op)| op)
        .collect();
    assert!(
        !ops.is_empty() && ops.iter().all(|op| op == "王老师"),
        "{ops:?}"
    );
}
