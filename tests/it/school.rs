//! The school level (issue 16): three generated colleges each export a campaign package; the
//! school imports all three; its rates are the sums of the colleges' numerators and
//! denominators (computed both ways); a college's re-export after changes replaces exactly
//! that college's data; a tampered package, one of a newer schema, another school's or year's
//! and an older one are refused with the school's store unchanged (fingerprint). Each office
//! has a data folder of its own (its keys beside its database): packages are encrypted to the
//! school's key and signed by the college's (issue 25, tests in `keys.rs`).

use crate::bad_input::fingerprint;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use xianjie::org::OrgLevel;
use xianjie::service::keys::{self, CreateSchoolKey};
use xianjie::service::package::{self, ExportParams, ImportParams};
use xianjie::service::scope::{self, Scope};
use xianjie::service::tables::export::Form;
use xianjie::service::tables::rows::Filter;
use xianjie::service::tables::{self, Overrides};
use xianjie::service::transfers;
use xianjie::service::{Clock, Context, Paths};
use xianjie::store::NewOrg;
use xianjie::transfer::{EventKind, Unit};
use xianjie::ErrorCode;
use xianjie_testdata::cohort::{generate, Shape};
use xianjie_testdata::school;

pub const YEAR: i32 = 2026;
const SCHOOL: &str = "共青团示例大学委员会";

pub fn on() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 20).unwrap()
}

pub fn college_name(k: usize) -> String {
    format!("共青团示例大学第{k}学院委员会")
}

/// A college office's store: 60 graduates in 3 branches; the first `started` of those who may
/// transfer are started, `done` of them done.
pub fn college(dir: &Path, k: usize, started: usize, done: usize) -> Context {
    let mut ctx = Context::open(
        Paths::for_db(&dir.join(format!("college{k}")).join("college.db")),
        Some("学院"),
        Clock::Fixed(on()),
    )
    .unwrap();
    let shape = Shape::college(SCHOOL, &college_name(k), &format!("第{k}学院"), k * 10_000);
    generate(ctx.testing_store_mut(), YEAR, 60, 20, &shape, "学院").unwrap();
    progress(&mut ctx, started, done);
    ctx
}

/// Starts transfers for the first `started` graduates who may transfer (not yet started) and
/// records `done` of those as done.
fn progress(ctx: &mut Context, started: usize, done: usize) {
    let open: Vec<i64> = ctx
        .graduates(YEAR, on())
        .unwrap()
        .iter()
        .filter(|g| school::may_start(g))
        .map(|g| g.member.id)
        .collect();
    let ledger = ctx.testing_store().ledger_of_year(YEAR).unwrap();
    let fresh: Vec<i64> = open
        .iter()
        .copied()
        .filter(|m| ledger.latest(*m).is_none())
        .take(started)
        .collect();
    if !fresh.is_empty() {
        school::start(
            ctx,
            YEAR,
            fresh.clone(),
            on(),
            "共青团示例市示例区某某街道学社衔接临时团支部",
        )
        .unwrap();
    }
    if done > 0 {
        let ev = transfers::event(ctx, on(), EventKind::Done, None);
        let finished: Vec<i64> = fresh.iter().copied().take(done).collect();
        transfers::record(ctx, &finished, ev)
            .unwrap()
            .into_result()
            .unwrap();
    }
}

/// The school's database in `dir`: `dir/school/school.db` (its key beside it).
pub fn school_db(dir: &Path) -> PathBuf {
    dir.join("school").join("school.db")
}

/// The school office: its committee and its key pair.
pub fn school(dir: &Path) -> Context {
    let mut ctx = Context::open(
        Paths::for_db(&school_db(dir)),
        Some("校团委"),
        Clock::Fixed(on()),
    )
    .unwrap();
    ctx.testing_store_mut()
        .create_org(
            &NewOrg::new(SCHOOL.to_string(), OrgLevel::Committee, None),
            "校团委",
        )
        .unwrap();
    keys::create_school_key(&mut ctx, &CreateSchoolKey::default()).unwrap();
    ctx
}

/// The school's public key (`age1…`), as it hands it to its colleges.
pub fn recipient(school: &Context) -> String {
    keys::school_key(school).unwrap().recipient.unwrap()
}

/// The package of `ctx` for the school whose public key is `to`, written to `dir/name`.
pub fn export_to(ctx: &mut Context, dir: &Path, name: &str, to: &str) -> PathBuf {
    let out = dir.join(name);
    let params = ExportParams {
        year: YEAR,
        out: out.display().to_string(),
        to: Some(to.to_string()),
    };
    package::export(ctx, &params).unwrap();
    out
}

/// The package of `ctx`, to the school key it exported to last time.
fn export(ctx: &mut Context, dir: &Path, name: &str) -> PathBuf {
    let out = dir.join(name);
    let params = ExportParams {
        year: YEAR,
        out: out.display().to_string(),
        to: None,
    };
    package::export(ctx, &params).unwrap();
    out
}

/// `xianjie package import FILE` at the school, for cohort `year`.
pub fn import(s: &mut Context, file: &Path, year: i32) -> xianjie::Result<package::Imported> {
    package::import(
        s,
        &ImportParams {
            file: file.display().to_string(),
            year,
        },
    )
}

/// A college's own rates, as its office sees them.
fn own(ctx: &Context) -> (usize, usize, usize, usize) {
    let r = xianjie::store::transfers::rates_report(ctx.testing_store(), YEAR, Unit::School, on())
        .unwrap();
    (
        r.sx.numerator,
        r.sx.denominator,
        r.xs.numerator,
        r.xs.denominator,
    )
}

#[test]
fn the_school_sums_its_colleges_and_refuses_what_it_should() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut colleges: Vec<Context> = (1..=3).map(|k| college(d, k, 10 * k, 4 * k)).collect();
    let mut s = school(d);
    let to = recipient(&s);
    let files: Vec<PathBuf> = colleges
        .iter_mut()
        .enumerate()
        .map(|(i, c)| export_to(c, d, &format!("第{}学院.xjpkg", i + 1), &to))
        .collect();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&files[0]).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "a package is its owner's only");
    }

    for f in &files {
        let i = import(&mut s, f, YEAR).unwrap();
        assert!(!i.replaced && !i.unchanged);
        assert!(i.signed_by.unwrap().registered_now, "first use registers");
    }
    assert_eq!(package::list(&s).unwrap().len(), 3);

    // The school's rates: each college's own numbers, and their sums — computed both ways.
    let r = package::rates(&s, YEAR, on()).unwrap();
    let mine: Vec<_> = colleges.iter().map(own).collect();
    for (line, m) in r.colleges.iter().zip(&mine) {
        assert_eq!(
            (
                line.sx.numerator as usize,
                line.sx.denominator as usize,
                line.xs.numerator as usize,
                line.xs.denominator as usize
            ),
            *m,
            "{}",
            line.college
        );
    }
    let sum = mine.iter().fold((0, 0, 0, 0), |a, m| {
        (a.0 + m.0, a.1 + m.1, a.2 + m.2, a.3 + m.3)
    });
    assert_eq!(
        (
            r.sx.numerator as usize,
            r.sx.denominator as usize,
            r.xs.numerator as usize,
            r.xs.denominator as usize
        ),
        sum
    );
    assert!(
        r.xs.numerator > 0 && r.xs.denominator > r.xs.numerator,
        "{r:?}"
    );

    // The table the school reports upward: a row a college with its counts, then 全校.
    let out = d.join("各学院衔接率.xlsx");
    assert_eq!(
        xianjie::service::lists::college_rates_xlsx(&s, YEAR, on(), &out).unwrap(),
        3
    );
    let sheet = &xianjie_sheet::grid::read_as_written(&out).unwrap()[0];
    let body: Vec<&Vec<String>> = sheet
        .rows
        .iter()
        .filter(|r| {
            r.first()
                .is_some_and(|c| c.starts_with("共青团示例大学第") || c == "全校")
        })
        .collect();
    assert_eq!(body.len(), 4);
    for (row, m) in body.iter().zip(mine.iter().chain(std::iter::once(&sum))) {
        let n = |i: usize| row[i].parse::<usize>().unwrap();
        assert_eq!((n(1), n(2), n(4), n(5)), *m, "{row:?}");
    }
    std::fs::create_dir_all(d.join("empty")).unwrap();
    assert!(xianjie::service::lists::college_rates_xlsx(
        &school(&d.join("empty")),
        YEAR,
        on(),
        &d.join("x.xlsx")
    )
    .is_err());

    // The same through the scope both doors use (`xianjie rates`, 工作台's drill-down): 全校
    // is every college's; a college's branch is found in its package by full name.
    let (all, _) = scope::resolve(&s, None).unwrap();
    assert_eq!(all, Scope::Colleges);
    let whole = scope::rates_report(&s, YEAR, &all, on()).unwrap();
    assert_eq!(
        (
            whole.sx.numerator,
            whole.sx.denominator,
            whole.xs.numerator,
            whole.xs.denominator
        ),
        sum
    );
    let second = &colleges[1];
    let branch = second
        .testing_store()
        .orgs()
        .unwrap()
        .into_iter()
        .find(|o| o.level == OrgLevel::Branch)
        .unwrap();
    let (at_school, name) = scope::resolve(&s, Some(&branch.full_name)).unwrap();
    assert_eq!(name, branch.full_name);
    assert_eq!(
        at_school,
        Scope::College {
            college: college_name(2),
            unit: Unit::Branch(branch.id)
        }
    );
    let theirs = xianjie::store::transfers::rates_report(
        second.testing_store(),
        YEAR,
        Unit::Branch(branch.id),
        on(),
    )
    .unwrap();
    assert_eq!(
        scope::rates_report(&s, YEAR, &at_school, on()).unwrap(),
        theirs
    );
    let due: usize = colleges
        .iter()
        .map(|c| {
            scope::due_report(c, YEAR, &Scope::Here(Unit::School), on())
                .unwrap()
                .len()
        })
        .sum();
    assert_eq!(scope::due_report(&s, YEAR, &all, on()).unwrap().len(), due);
    // The list behind the school's rates: each graduate once per rate, done or not — member
    // numbers repeat across colleges' packages, so a done one must not mark another college's.
    let out = d.join("全校衔接率名单.xlsx");
    xianjie::service::lists::rates_xlsx(&s, YEAR, &all, on(), &out).unwrap();
    let sheet = &xianjie_sheet::grid::read_as_written(&out).unwrap()[0];
    let done_rows = |label: &str| {
        sheet
            .rows
            .iter()
            .filter(|r| r.first().is_some_and(|c| c == label) && r[4] == "已完成（分子）")
            .count()
    };
    assert_eq!(done_rows("学社衔接率"), whole.xs.done_out.len());
    assert_eq!(done_rows("升学衔接率"), whole.sx.done_out.len());
    assert!(!whole.xs.done_out.is_empty());
    // 全校查询: a graduate of college 2 found by name and by the end of the ID number, masked.
    let g2 = colleges[1].graduates(YEAR, on()).unwrap()[3].clone();
    let by_name = package::find(&s, YEAR, on(), &g2.member.name).unwrap();
    assert!(by_name
        .iter()
        .any(|f| f.college == college_name(2) && f.branch == g2.branch.full_name));
    let tail: String = g2.member.id_number.as_str().chars().skip(10).collect();
    let by_id = package::find(&s, YEAR, on(), &tail).unwrap();
    assert_eq!(by_id.len(), 1, "{by_id:?}");
    assert_eq!(by_id[0].id_number, g2.member.id_number.masked());
    assert!(package::find(&s, YEAR, on(), "  ").is_err());
    assert!(package::find(&s, YEAR, on(), "查无此人")
        .unwrap()
        .is_empty());
    let e = scope::resolve(&s, Some("没有这个团支部")).unwrap_err();
    assert_eq!(e.code, ErrorCode::NotFound);
    assert!(e.message.contains("各学院数据包"), "{}", e.message);

    // F2 over every college: one table of the template's shape, every college's rows in it.
    let people = |bytes: &[u8]| {
        crate::documents::tables::describe(bytes)
            .lines()
            .filter(|l| l.contains("班团支部\""))
            .count()
    };
    let f = Filter {
        year: Some(YEAR),
        ..Filter::default()
    };
    let none = &xianjie::Watch::NONE;
    let o = Overrides::default();
    let whole = tables::table_all_colleges(&s, Form::F2, &f, Some(on()), &o, none).unwrap();
    let each: usize = colleges
        .iter()
        .map(|c| people(&tables::table(c, Form::F2, &f, Some(on()), &o, none).unwrap()))
        .sum();
    assert!(each > 0);
    assert_eq!(people(&whole), each);
    let head = |b: &[u8]| {
        let d = crate::documents::tables::describe(b);
        d.lines().take(3).map(str::to_string).collect::<Vec<_>>()
    };
    let one = tables::table(&colleges[0], Form::F2, &f, Some(on()), &o, none).unwrap();
    assert_eq!(head(&whole), head(&one), "the template's title and header");
    let last = crate::documents::tables::describe(&whole);
    assert!(
        last.contains(&format!("{each} | ")),
        "numbered through: {last}"
    );

    // No one is in two colleges yet.
    assert!(package::duplicates(&s, YEAR).unwrap().is_empty());

    // College 2 records more and re-exports: its data is replaced, the others' are not.
    let before = package::list(&s).unwrap();
    progress(&mut colleges[1], 10, 10);
    let again = export(&mut colleges[1], d, "第2学院-新.xjpkg");
    let i = import(&mut s, &again, YEAR).unwrap();
    assert!(i.replaced);
    assert!(!i.signed_by.unwrap().registered_now, "the same key, known");
    let after = package::list(&s).unwrap();
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(
            b.sha256 == a.sha256,
            b.college != college_name(2),
            "{}",
            a.college
        );
    }
    let r2 = package::rates(&s, YEAR, on()).unwrap();
    let c2 = own(&colleges[1]);
    assert_eq!(
        (
            r2.colleges[1].xs.numerator as usize,
            r2.colleges[1].xs.denominator as usize
        ),
        (c2.2, c2.3)
    );
    assert_eq!(r2.colleges[0], r.colleges[0]);
    assert_eq!(r2.colleges[2], r.colleges[2]);
    // The same file again: nothing changes.
    assert!(import(&mut s, &again, YEAR).unwrap().unchanged);

    // Refused with the school's store unchanged.
    let fp = fingerprint(&school_db(d));
    let refused = |s: &mut Context, file: &Path, code: ErrorCode, says: &str| {
        let e = import(s, file, YEAR).unwrap_err();
        assert_eq!(e.code, code, "{}", e.message);
        assert!(e.message.contains(says), "{}", e.message);
    };
    // One byte changed: the college's signature no longer holds (nothing decrypted).
    let mut bytes = std::fs::read(&files[0]).unwrap();
    let at = bytes.len() / 2;
    bytes[at] ^= 0x20;
    let tampered = d.join("改过.xjpkg");
    std::fs::write(&tampered, &bytes).unwrap();
    refused(&mut s, &tampered, ErrorCode::Refused, "签名校验未通过");
    // An older package of college 2 (the first export) after the newer one.
    refused(&mut s, &files[1], ErrorCode::Refused, "旧");
    // Another year.
    let e = import(&mut s, &files[0], YEAR + 1).unwrap_err();
    assert!(e.message.contains("届"), "{}", e.message);
    // Another school's college, sealed to this school's key.
    let mut other = Context::open(
        Paths::for_db(&d.join("other").join("other.db")),
        Some("外校"),
        Clock::Fixed(on()),
    )
    .unwrap();
    generate(
        other.testing_store_mut(),
        YEAR,
        20,
        20,
        &Shape::college(
            "共青团别的大学委员会",
            "共青团别的大学甲学院委员会",
            "甲学院",
            90_000,
        ),
        "外校",
    )
    .unwrap();
    let foreign = export_to(&mut other, d, "外校.xjpkg", &to);
    refused(&mut s, &foreign, ErrorCode::Refused, "不是本校");
    // A database of a newer schema inside a well-sealed package.
    let newer = newer_schema_package(&mut colleges[2], &s, d);
    refused(&mut s, &newer, ErrorCode::DatabaseTooNew, "更新版本");
    // Not a package at all.
    refused(
        &mut s,
        &d.join("college1").join("college.db"),
        ErrorCode::InvalidInput,
        "不是学社衔接助手的数据包",
    );
    assert_eq!(
        fingerprint(&school_db(d)),
        fp,
        "a refused package changed the store"
    );

    // The same person in two colleges (M2) is listed with both places.
    let (first, rest) = colleges.split_at_mut(1);
    let dup = duplicate_in(&mut rest[1], &first[0]);
    let late = export(&mut colleges[2], d, "第3学院-新.xjpkg");
    import(&mut s, &late, YEAR).unwrap();
    let found = package::duplicates(&s, YEAR).unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    let places: Vec<&str> = found[0].places.iter().map(|p| p.college.as_str()).collect();
    assert_eq!(places, [college_name(1).as_str(), college_name(3).as_str()]);
    assert_eq!(found[0].id_number, dup);
}

/// Adds to `into`'s first branch a graduate with the ID number of one of `from`'s; returns it
/// masked.
fn duplicate_in(into: &mut Context, from: &Context) -> String {
    let t = from.testing_store().graduates(YEAR, on()).unwrap()[0]
        .member
        .clone();
    let branch = into.testing_store().graduates(YEAR, on()).unwrap()[0]
        .branch
        .id;
    let input = xianjie::store::MemberInput {
        name: t.name.clone(),
        sex: t.sex,
        ethnicity: t.ethnicity.clone(),
        id_number: t.id_number.clone(),
        student_no: Some("2022999999".into()),
        college: Some("第3学院".into()),
        branch_id: branch,
        joined: t.joined,
        development_no: t.development_no.clone(),
        politics: t.politics,
        league_post: t.league_post,
        mobile: t.mobile.clone(),
        dues_paid_to: t.dues_paid_to,
        identity_verified: t.identity_verified,
        status: t.status,
    };
    into.testing_store_mut()
        .upsert_members(&[input], "学院")
        .unwrap();
    t.id_number.masked()
}

/// A package whose database says it is of a newer schema than this program's, sealed and
/// signed as the college `c` would (its own key) for `school`.
fn newer_schema_package(c: &mut Context, school: &Context, d: &Path) -> PathBuf {
    let file = export(c, d, "新版本.xjpkg");
    let content = open_with_school_key(school, &std::fs::read(&file).unwrap());
    let opened = xianjie::package::open(&content, "x").unwrap();
    let db = d.join("newer.db");
    std::fs::write(&db, opened.db).unwrap();
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.pragma_update(None, "user_version", xianjie::store::latest_version() + 1)
        .unwrap();
    drop(conn);
    let (inner, _) =
        xianjie::package::seal(&opened.manifest, &std::fs::read(&db).unwrap()).unwrap();
    let to = xianjie::seal::SchoolRecipient::parse(&recipient(school)).unwrap();
    let sealed =
        xianjie::package::wrap(&inner, &to, &key_file::college(c), &opened.manifest.college)
            .unwrap();
    let out = d.join("新版本-改.xjpkg");
    std::fs::write(&out, sealed).unwrap();
    out
}

/// A sealed package's content, opened with the school's key as the school's program would.
pub fn open_with_school_key(school: &Context, sealed: &[u8]) -> Vec<u8> {
    xianjie::seal::open(sealed, &key_file::school(school))
        .unwrap()
        .payload
}

/// The secret keys in an office's data folder, read as an outsider with the files would.
pub mod key_file {
    use xianjie::seal::{CollegeKey, SchoolKey};
    use xianjie::service::Context;

    fn secret(ctx: &Context, name: &str) -> String {
        let path = xianjie::service::keys::keys_dir(ctx.paths()).join(name);
        std::fs::read_to_string(path)
            .unwrap()
            .lines()
            .filter(|l| !l.starts_with('#'))
            .collect()
    }

    pub fn school(ctx: &Context) -> SchoolKey {
        SchoolKey::from_secret_text(&secret(ctx, "school.key")).unwrap()
    }

    pub fn college(ctx: &Context) -> CollegeKey {
        CollegeKey::from_secret_text(&secret(ctx, "college.key")).unwrap()
    }
}
