//! One policy, whichever door (issues 14 and 15): the same graduate gives the same
//! recommendation, the same refusals and the same audit operator through the command line and
//! through the app's command functions; a batch from either door is preceded by a snapshot.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Command;
use xianjie::date::YearMonth;
use xianjie::destination::{Destination, DestinationKind};
use xianjie::service::{Clock, Context, Paths};
use xianjie::store::MemberInput;
use xianjie_app::api::settings::{self, Settings};
use xianjie_app::api::transfers::{step, StepInput};
use xianjie_testdata::cohort as dev;

const YEAR: i32 = 2026;

fn on() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 6, 15).unwrap()
}

/// The `xianjie` program the workspace built beside this test (`cargo test --workspace`
/// builds it; alone: `cargo build --bin xianjie` first).
fn cli_bin() -> std::path::PathBuf {
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

/// The command line on `db`, with a fixed date and the given operator (none: the default).
fn cli(db: &Path, operator: Option<&str>, args: &[&str]) -> (i32, String, String) {
    let mut c = Command::new(cli_bin());
    c.args(args)
        .env("XIANJIE_DB", db)
        .env("XIANJIE_TODAY", "2026-06-15")
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

/// A generated school in a file, plus one graduate blocked by M7 (joined 2021, 团员身份认证
/// not done) with an employed destination; returns the office and that graduate's id.
fn office(dir: &Path) -> (Context, i64) {
    let paths = Paths::in_dir(dir, None);
    let mut ctx = Context::open(paths, Some("李老师"), Clock::Fixed(on())).unwrap();
    let g = dev::generate_cohort(ctx.store_mut(), YEAR, 40, 20, "李老师").unwrap();
    let id_number = dev::fake_id(900).unwrap();
    let m = ctx
        .store_mut()
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
            "李老师",
        )
        .unwrap();
    let mut d = Destination::of_kind(DestinationKind::Employed);
    d.province = Some("湖北".into());
    ctx.store_mut()
        .set_destination(m.id, YEAR, &d, "李老师")
        .unwrap();
    (ctx, m.id)
}

fn start(reason: Option<&str>) -> StepInput {
    StepInput::Start {
        initiator: "outgoing".into(),
        reason: reason.map(str::to_string),
        destination: Some("共青团某市某区某街道学社衔接临时团支部".into()),
        into_committee: false,
    }
}

/// 18.1: the app refused exactly what the engine blocks, naming the rule — and so does the
/// command line, with the same words; the recommendation both doors show is the same.
#[test]
fn a_blocked_graduate_is_refused_by_both_doors_with_the_same_words() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ctx, blocked) = office(dir.path());
    let db = ctx.paths().db.clone();

    // The app: a reason chosen by hand does not get past the block.
    let out = step(&mut ctx, YEAR, &[blocked], &start(Some("R2")), on()).unwrap();
    assert_eq!(out.done, 0);
    let app_msg = out.errors[0].message.clone();
    assert!(
        app_msg.contains("M7") && app_msg.contains("团员身份认证"),
        "{app_msg}"
    );

    // The command line.
    let (code, _, err) = cli(
        &db,
        Some("李老师"),
        &[
            "transfer",
            "start",
            "--member",
            &blocked.to_string(),
            "--reason",
            "R2",
            "--dest",
            "共青团某市某区某街道学社衔接临时团支部",
            "--year",
            "2026",
        ],
    );
    assert_eq!(code, 1, "{err}");
    assert!(err.contains(&app_msg), "CLI: {err}\napp: {app_msg}");

    // The recommendation: the graduate's page in the app and `graduates --json`.
    let page = xianjie_app::api::members::detail(&ctx, blocked, YEAR).unwrap();
    let app_rec = page.recommendation.unwrap();
    let (code, json, err) = cli(&db, None, &["graduates", "--year", "2026", "--json"]);
    assert_eq!(code, 0, "{err}");
    let list: serde_json::Value = serde_json::from_str(&json).unwrap();
    let cli_rec = list
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["member"]["id"] == blocked)
        .map(|g| g["recommendation"].clone())
        .unwrap();
    assert_eq!(cli_rec["blocked"], app_rec.blocked);
    assert_eq!(cli_rec["metric"], "XS", "a block keeps the metric (R12)");
    let cli_rules: Vec<String> = cli_rec["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap().to_string())
        .collect();
    let app_rules: Vec<String> = app_rec.rules.iter().map(|r| r.id.clone()).collect();
    assert_eq!(cli_rules, app_rules);
}

fn operators_of_transfers(ctx: &Context) -> Vec<String> {
    ctx.store()
        .audit_entries(None)
        .unwrap()
        .into_iter()
        .filter(|a| a.entity == "transfer" && a.action == "open")
        .map(|a| a.operator)
        .collect()
}

/// The audit operator follows one rule: the name given (the app's 设置, the CLI's
/// `--operator`), else the computer's account — the same from both doors.
#[test]
fn both_doors_name_the_same_operator() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ctx, _) = office(dir.path());
    let db = ctx.paths().db.clone();
    let fresh = |ctx: &Context| -> Vec<i64> {
        let ledger = ctx.store().ledger_of_year(YEAR).unwrap();
        ctx.store()
            .graduates(YEAR, on())
            .unwrap()
            .iter()
            .filter(|g| g.member.marking.is_none())
            .filter(|g| g.recommendation.as_ref().is_some_and(|r| !r.blocked))
            .map(|g| g.member.id)
            .filter(|id| ledger.latest(*id).is_none())
            .collect()
    };
    let ids = fresh(&ctx);
    // Named: 设置's 操作人 and --operator.
    let s = Settings {
        operator: "王老师".into(),
        ..settings::load(&ctx).unwrap()
    };
    settings::save(&mut ctx, &s).unwrap();
    step(&mut ctx, YEAR, &ids[..1], &start(Some("R7")), on()).unwrap();
    let (code, _, err) = cli(
        &db,
        Some("王老师"),
        &[
            "transfer",
            "start",
            "--member",
            &ids[1].to_string(),
            "--reason",
            "R7",
            "--dest",
            "共青团某市某区某街道学社衔接临时团支部",
            "--year",
            "2026",
        ],
    );
    assert_eq!(code, 0, "{err}");
    // Not named: the same fallback from both doors.
    let s = Settings {
        operator: String::new(),
        ..settings::load(&ctx).unwrap()
    };
    settings::save(&mut ctx, &s).unwrap();
    step(&mut ctx, YEAR, &ids[2..3], &start(Some("R7")), on()).unwrap();
    let (code, _, err) = cli(
        &db,
        None,
        &[
            "transfer",
            "start",
            "--member",
            &ids[3].to_string(),
            "--reason",
            "R7",
            "--dest",
            "共青团某市某区某街道学社衔接临时团支部",
            "--year",
            "2026",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let ops = operators_of_transfers(&ctx);
    let fallback = xianjie::service::operator_name(None);
    assert_eq!(
        ops,
        ["王老师", "王老师", fallback.as_str(), fallback.as_str()]
    );
}

/// A multi-member `transfer start` from the command line takes a snapshot first, as the app's
/// batches do.
#[test]
fn a_cli_batch_start_takes_a_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let (ctx, _) = office(dir.path());
    let db = ctx.paths().db.clone();
    drop(ctx);
    let snaps = || xianjie::store::backup::list(&db).unwrap().len();
    let before = snaps();
    let (code, _, err) = cli(
        &db,
        Some("李老师"),
        &[
            "transfer",
            "start",
            "--member",
            "1,2,3",
            "--reason",
            "R7",
            "--dest",
            "共青团某市某区某街道学社衔接临时团支部",
            "--year",
            "2026",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(snaps(), before + 1);
}
