//! Integration tests of the store area: every operation, each refusal, the audit trail.

use xianjie::date::YearMonth;
use xianjie::id_number::{check_char, IdNumber};
use xianjie::member::{Politics, StudyStatus};
use xianjie::org::{OrgKind, OrgLevel};
use xianjie::store::{MemberInput, NewOrg, Store, UpsertCounts};
use xianjie::{ErrorCode, Result};

const OP: &str = "测试员";

/// A fictional ID number with a valid checksum: region 110101, born 2004-03-01, sequence `seq`.
pub fn id(seq: u32) -> IdNumber {
    let first17 = format!("11010120040301{:03}", seq % 1000);
    let check = check_char(first17.as_bytes());
    IdNumber::parse(&format!("{first17}{check}")).unwrap_or_else(|e| panic!("{e}"))
}

pub fn ym(y: i32, m: u32) -> YearMonth {
    YearMonth::new(y, m).unwrap_or_else(|| panic!("bad month"))
}

pub fn input(seq: u32, name: &str, branch_id: i64) -> MemberInput {
    let id_number = id(seq);
    MemberInput {
        name: name.to_string(),
        sex: id_number.sex(),
        ethnicity: Some("汉族".into()),
        id_number,
        student_no: Some(format!("2022{seq:04}")),
        college: Some("计算机学院".into()),
        branch_id,
        joined: Some(ym(2019, 5)),
        development_no: Some("110000123456".into()),
        politics: Politics::League,
        league_post: false,
        mobile: Some("13800000000".into()),
        dues_paid_to: Some(ym(2026, 6)),
        identity_verified: true,
        status: StudyStatus::Graduating,
    }
}

/// A committee, a general branch under it and two branches.
pub struct Tree {
    pub committee: i64,
    pub general: i64,
    pub branch_a: i64,
    pub branch_b: i64,
}

pub fn tree(store: &mut Store) -> Result<Tree> {
    let committee = store
        .create_org(
            &NewOrg::new("共青团示例大学委员会", OrgLevel::Committee, None),
            OP,
        )?
        .id;
    let general = store
        .create_org(
            &NewOrg::new(
                "共青团示例大学计算机学院总支部委员会",
                OrgLevel::GeneralBranch,
                Some(committee),
            ),
            OP,
        )?
        .id;
    let branch_a = store
        .create_org(
            &NewOrg::new(
                "共青团示例大学计算机学院2022级1班团支部",
                OrgLevel::Branch,
                Some(general),
            ),
            OP,
        )?
        .id;
    let branch_b = store
        .create_org(
            &NewOrg::new(
                "共青团示例大学计算机学院2022级2班团支部",
                OrgLevel::Branch,
                Some(general),
            ),
            OP,
        )?
        .id;
    Ok(Tree {
        committee,
        general,
        branch_a,
        branch_b,
    })
}

#[test]
fn open_creates_private_file_and_migrations_are_idempotent() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("sub").join("dir").join("x.db");
    {
        let mut s = Store::open(&path)?;
        tree(&mut s)?;
        assert_eq!(s.schema_version()?, xianjie::store::latest_version());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path)?.permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    // Re-opening runs nothing and keeps the data.
    let s = Store::open(&path)?;
    assert_eq!(s.orgs()?.len(), 4);
    assert_eq!(s.schema_version()?, xianjie::store::latest_version());
    let entries = s.audit_entries(None)?.len();
    drop(s);
    let s = Store::open(&path)?;
    assert_eq!(s.audit_entries(None)?.len(), entries);
    Ok(())
}

#[test]
fn newer_database_is_refused_and_untouched() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("new.db");
    {
        let conn = rusqlite::Connection::open(&path).map_err(xianjie::Error::from)?;
        conn.execute_batch("CREATE TABLE t (x INTEGER); PRAGMA user_version = 999;")
            .map_err(xianjie::Error::from)?;
    }
    let before = std::fs::read(&path)?;
    let err = Store::open(&path).err().unwrap_or_else(|| panic!("opened"));
    assert_eq!(err.code, ErrorCode::DatabaseTooNew);
    assert!(err.message.contains("999"), "{}", err.message);
    assert!(
        err.message
            .contains(&xianjie::store::latest_version().to_string()),
        "{}",
        err.message
    );
    assert_eq!(std::fs::read(&path)?, before);
    assert!(!dir.path().join("new.db-wal").exists());
    Ok(())
}

#[test]
fn not_a_database_is_a_clear_error() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("notes.db");
    std::fs::write(&path, "这不是数据库，只是一段足够长的文字，用来占满 SQLite 文件头的一百个字节。。。。。。。。。。。。。。")?;
    let err = Store::open(&path).err().unwrap_or_else(|| panic!("opened"));
    assert_eq!(err.code, ErrorCode::Storage);
    assert!(err.message.contains("notes.db"), "{}", err.message);
    Ok(())
}

#[test]
fn org_tree_operations_and_refusals() -> Result<()> {
    let mut s = Store::open_in_memory()?;
    let t = tree(&mut s)?;
    // Branches are leaves.
    let e = s
        .create_org(
            &NewOrg::new("某支部下的支部", OrgLevel::Branch, Some(t.branch_a)),
            OP,
        )
        .err()
        .unwrap_or_else(|| panic!("created"));
    assert_eq!(e.code, ErrorCode::InvalidInput);
    // Full names are unique.
    let e = s
        .create_org(
            &NewOrg::new("共青团示例大学委员会", OrgLevel::Committee, None),
            OP,
        )
        .err()
        .unwrap_or_else(|| panic!("created"));
    assert_eq!(e.code, ErrorCode::Conflict);
    // Rename, move, no cycles.
    let renamed = s.rename_org(
        t.branch_b,
        "  共青团示例大学计算机学院2022级二班团支部 ",
        OP,
    )?;
    assert_eq!(
        renamed.full_name,
        "共青团示例大学计算机学院2022级二班团支部"
    );
    assert_eq!(
        s.org_by_full_name("共青团示例大学计算机学院2022级二班团支部")?
            .map(|o| o.id),
        Some(t.branch_b)
    );
    let moved = s.move_org(t.branch_b, Some(t.committee), OP)?;
    assert_eq!(moved.parent_id, Some(t.committee));
    let e = s
        .move_org(t.committee, Some(t.general), OP)
        .err()
        .unwrap_or_else(|| panic!("moved"));
    assert_eq!(e.code, ErrorCode::InvalidInput);
    // Delete refused while members or children remain.
    s.add_member(&input(1, "张三", t.branch_a), OP)?;
    let e = s
        .delete_org(t.branch_a, OP)
        .err()
        .unwrap_or_else(|| panic!("deleted"));
    assert_eq!(e.code, ErrorCode::Refused);
    assert!(e.message.contains("团员"), "{}", e.message);
    let e = s
        .delete_org(t.general, OP)
        .err()
        .unwrap_or_else(|| panic!("deleted"));
    assert_eq!(e.code, ErrorCode::Refused);
    s.delete_org(t.branch_b, OP)?;
    assert!(s.org(t.branch_b)?.is_none());
    // Audit: create ×4, rename, move, create member, delete.
    let log = s.audit_entries(None)?;
    let actions: Vec<(&str, &str)> = log
        .iter()
        .map(|e| (e.entity.as_str(), e.action.as_str()))
        .collect();
    assert!(actions.contains(&("org", "rename")));
    let rename = log
        .iter()
        .find(|e| e.action == "rename")
        .unwrap_or_else(|| panic!());
    assert_eq!(
        rename.old.as_ref().and_then(|v| v["full_name"].as_str()),
        Some("共青团示例大学计算机学院2022级2班团支部")
    );
    let mv = log
        .iter()
        .find(|e| e.action == "move")
        .unwrap_or_else(|| panic!());
    assert_eq!(
        mv.old.as_ref().map(|v| v["parent_id"].clone()),
        Some(t.general.into())
    );
    assert_eq!(
        mv.new.as_ref().map(|v| v["parent_id"].clone()),
        Some(t.committee.into())
    );
    let del = log
        .iter()
        .find(|e| e.action == "delete")
        .unwrap_or_else(|| panic!());
    assert!(del.old.is_some() && del.new.is_none());
    assert_eq!(s.verify_audit()?.broken_at, None);
    Ok(())
}

#[test]
fn special_org_kinds_round_trip() -> Result<()> {
    let mut s = Store::open_in_memory()?;
    let t = tree(&mut s)?;
    let mut new = NewOrg::new(
        "共青团示例大学毕业学生流动团员团支部",
        OrgLevel::Branch,
        Some(t.committee),
    );
    new.kind = OrgKind::Flowing;
    let org = s.create_org(&new, OP)?;
    assert_eq!(s.org(org.id)?.map(|o| o.kind), Some(OrgKind::Flowing));
    Ok(())
}

#[test]
fn upsert_members_counts_and_audits() -> Result<()> {
    let mut s = Store::open_in_memory()?;
    let t = tree(&mut s)?;
    let rows: Vec<MemberInput> = (1..=3)
        .map(|i| input(i, &format!("学生{i}"), t.branch_a))
        .collect();
    assert_eq!(
        s.upsert_members(&rows, OP)?,
        UpsertCounts {
            inserted: 3,
            updated: 0,
            unchanged: 0
        }
    );
    let audit_len = s.audit_entries(None)?.len();
    // Same rows again: nothing written.
    assert_eq!(
        s.upsert_members(&rows, OP)?,
        UpsertCounts {
            inserted: 0,
            updated: 0,
            unchanged: 3
        }
    );
    assert_eq!(s.audit_entries(None)?.len(), audit_len);
    // One changed phone and a full-width copy of another: one update.
    let mut changed = rows.clone();
    changed[0].mobile = Some("13900000000".into());
    changed[1].student_no = changed[1].student_no.as_ref().map(|s| format!(" {s} "));
    assert_eq!(
        s.upsert_members(&changed, OP)?,
        UpsertCounts {
            inserted: 0,
            updated: 1,
            unchanged: 2
        }
    );
    let log = s.audit_entries(None)?;
    let last = log.last().unwrap_or_else(|| panic!());
    assert_eq!(
        (last.entity.as_str(), last.action.as_str()),
        ("member", "update")
    );
    assert_eq!(
        last.old.as_ref().map(|v| v["mobile"].clone()),
        Some("13800000000".into())
    );
    assert_eq!(
        last.new.as_ref().map(|v| v["mobile"].clone()),
        Some("13900000000".into())
    );
    assert!(last.new.as_ref().is_some_and(|v| v.get("name").is_none()));
    // Looked up by ID number.
    let m = s
        .member_by_id_number(&id(1))?
        .unwrap_or_else(|| panic!("missing"));
    assert_eq!(m.mobile.as_deref(), Some("13900000000"));
    assert_eq!(m.sex, id(1).sex());
    assert!(s.member_by_id_number(&id(99))?.is_none());
    assert_eq!(s.members_of_branch(t.branch_a)?.len(), 3);
    Ok(())
}

#[test]
fn upsert_is_all_or_nothing() -> Result<()> {
    let mut s = Store::open_in_memory()?;
    let t = tree(&mut s)?;
    // Duplicate ID in one batch (M2).
    let rows = vec![input(1, "甲", t.branch_a), input(1, "乙", t.branch_a)];
    let e = s
        .upsert_members(&rows, OP)
        .err()
        .unwrap_or_else(|| panic!("accepted"));
    assert_eq!(e.code, ErrorCode::Conflict);
    assert!(e.message.contains(&id(1).masked()), "{}", e.message);
    assert!(e.message.contains("第 2 条"), "{}", e.message);
    // A member placed in a non-branch.
    let rows = vec![input(2, "丙", t.branch_a), input(3, "丁", t.general)];
    let e = s
        .upsert_members(&rows, OP)
        .err()
        .unwrap_or_else(|| panic!("accepted"));
    assert_eq!(e.code, ErrorCode::InvalidInput);
    assert!(s.member_by_id_number(&id(2))?.is_none());
    assert!(s.audit_entries(None)?.iter().all(|e| e.entity != "member"));
    Ok(())
}

#[test]
fn add_member_refuses_duplicate_id() -> Result<()> {
    let mut s = Store::open_in_memory()?;
    let t = tree(&mut s)?;
    s.add_member(&input(5, "张三", t.branch_a), OP)?;
    let e = s
        .add_member(&input(5, "张三丰", t.branch_b), OP)
        .err()
        .unwrap_or_else(|| panic!("accepted"));
    assert_eq!(e.code, ErrorCode::Conflict);
    assert!(e.message.contains(&id(5).masked()) && e.message.contains("M2"));
    assert!(!e.message.contains(id(5).as_str()));
    Ok(())
}

#[test]
fn busy_database_is_reported() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("busy.db");
    let mut a = Store::open(&path)?;
    let mut b = Store::open(&path)?;
    tree(&mut a)?;
    // Another program mid-write.
    let tx = rusqlite::Connection::open(&path).map_err(xianjie::Error::from)?;
    tx.execute_batch("BEGIN IMMEDIATE; INSERT INTO settings (key, value) VALUES ('x', 'y');")
        .map_err(xianjie::Error::from)?;
    let started = std::time::Instant::now();
    let e = b
        .create_org(&NewOrg::new("另一个团委", OrgLevel::Committee, None), OP)
        .err()
        .unwrap_or_else(|| panic!("not busy"));
    assert!(started.elapsed() >= std::time::Duration::from_secs(4));
    assert_eq!(e.code, ErrorCode::Busy);
    assert!(e.message.contains("数据库正被其他程序使用"));
    drop(tx);
    Ok(())
}

// ---- graduation markings (G1, G2, G4) ----

use xianjie::destination::{Destination, DestinationKind};
use xianjie::member::{DeletionReason, Marking};
use xianjie::org::{GraduationMarking, NoDateReason};
use xianjie::store::{BatchError, ChangeStatus};

fn date(y: i32, m: u32) -> GraduationMarking {
    GraduationMarking::Date {
        graduates: ym(y, m),
    }
}

fn last(s: &Store) -> Result<xianjie::store::AuditEntry> {
    Ok(s.audit_entries(None)?
        .pop()
        .unwrap_or_else(|| panic!("empty audit log")))
}

#[test]
fn mark_graduation_single_batch_and_g2() -> Result<()> {
    let mut s = Store::open_in_memory()?;
    let t = tree(&mut s)?;
    let org = s.mark_graduation(t.committee, t.branch_a, date(2026, 7), OP)?;
    assert_eq!(org.graduation, Some(date(2026, 7)));
    let e = last(&s)?;
    assert_eq!(
        (e.entity.as_str(), e.action.as_str()),
        ("org", "mark_graduation")
    );
    assert_eq!(
        e.old.as_ref().map(|v| v["graduation"].is_null()),
        Some(true)
    );
    assert_eq!(
        e.new.as_ref().map(|v| v["graduation"]["graduates"].clone()),
        Some("2026-07".into())
    );
    // Batch: the general branch may mark too; re-marking the same value is a no-op.
    let n = s
        .mark_graduation_batch(t.general, &[t.branch_a, t.branch_b], date(2026, 7), OP)
        .map_err(xianjie::Error::from)?;
    assert_eq!(n, 1);
    // G2: a branch cannot mark itself; an org that is not above the branch cannot either.
    let e = s
        .mark_graduation(t.branch_a, t.branch_a, date(2026, 6), OP)
        .err()
        .unwrap_or_else(|| panic!());
    assert_eq!(e.code, ErrorCode::Refused);
    assert!(e.message.contains("G2"), "{}", e.message);
    let other = s.create_org(
        &NewOrg::new(
            "共青团另一学院总支部委员会",
            OrgLevel::GeneralBranch,
            Some(t.committee),
        ),
        OP,
    )?;
    let e = s
        .mark_graduation(other.id, t.branch_b, date(2026, 6), OP)
        .err()
        .unwrap_or_else(|| panic!());
    assert!(e.message.contains("G2"), "{}", e.message);
    // G4: a marked date is not changed directly.
    let e = s
        .mark_graduation(t.committee, t.branch_a, date(2026, 12), OP)
        .err()
        .unwrap_or_else(|| panic!());
    assert_eq!(e.code, ErrorCode::Refused);
    assert!(e.message.contains("G4"), "{}", e.message);
    // Only branches are marked.
    let e = s
        .mark_graduation(t.committee, t.general, date(2026, 7), OP)
        .err()
        .unwrap_or_else(|| panic!());
    assert_eq!(e.code, ErrorCode::InvalidInput);
    Ok(())
}

#[test]
fn batch_marking_is_all_or_nothing_with_every_failure() -> Result<()> {
    let mut s = Store::open_in_memory()?;
    let t = tree(&mut s)?;
    s.mark_graduation(t.committee, t.branch_a, date(2026, 7), OP)?;
    let teacher_branch = s.create_org(
        &NewOrg::new("教工团支部", OrgLevel::Branch, Some(t.committee)),
        OP,
    )?;
    let before = s.audit_entries(None)?.len();
    let r = s.mark_graduation_batch(
        t.committee,
        &[teacher_branch.id, t.branch_a, t.general, 999],
        GraduationMarking::NoDate {
            reason: NoDateReason::Teacher,
        },
        OP,
    );
    let Err(BatchError::Items(items)) = r else {
        panic!("{r:?}")
    };
    assert_eq!(
        items.iter().map(|i| i.id).collect::<Vec<_>>(),
        vec![t.branch_a, t.general, 999]
    );
    assert_eq!(s.org(teacher_branch.id)?.and_then(|o| o.graduation), None);
    assert_eq!(s.audit_entries(None)?.len(), before);
    let msg = xianjie::Error::from(BatchError::Items(items)).message;
    assert!(msg.contains("3 项") && msg.contains("全部未保存"), "{msg}");
    // A no-date reason on its own works.
    let o = s.mark_graduation(
        t.committee,
        teacher_branch.id,
        GraduationMarking::NoDate {
            reason: NoDateReason::Teacher,
        },
        OP,
    )?;
    assert_eq!(
        o.graduation.map(|g| g.label()),
        Some("教师支部".to_string())
    );
    Ok(())
}

#[test]
fn graduation_change_requests() -> Result<()> {
    let mut s = Store::open_in_memory()?;
    let t = tree(&mut s)?;
    // Not marked yet: mark directly instead.
    let e = s
        .request_graduation_change(t.committee, t.branch_a, ym(2026, 12), "学制调整", OP)
        .err()
        .unwrap_or_else(|| panic!());
    assert_eq!(e.code, ErrorCode::Refused);
    s.mark_graduation(t.committee, t.branch_a, date(2026, 7), OP)?;
    let e = s
        .request_graduation_change(t.committee, t.branch_a, ym(2026, 12), "  ", OP)
        .err()
        .unwrap_or_else(|| panic!());
    assert_eq!(e.code, ErrorCode::InvalidInput);
    let e = s
        .request_graduation_change(t.branch_a, t.branch_a, ym(2026, 12), "学制调整", OP)
        .err()
        .unwrap_or_else(|| panic!());
    assert!(e.message.contains("G2"));
    let c = s.request_graduation_change(t.general, t.branch_a, ym(2026, 12), "学制调整", OP)?;
    assert_eq!(
        (c.old, c.new, c.status),
        (ym(2026, 7), ym(2026, 12), ChangeStatus::Pending)
    );
    let e = last(&s)?;
    assert_eq!(
        (e.entity.as_str(), e.action.as_str()),
        ("graduation_change", "request")
    );
    // One pending request per branch.
    let e = s
        .request_graduation_change(t.general, t.branch_a, ym(2027, 1), "再改", OP)
        .err()
        .unwrap_or_else(|| panic!());
    assert_eq!(e.code, ErrorCode::Conflict);
    // Rejected: the date stays.
    let r = s.decide_graduation_change(t.committee, c.id, false, Some("依据不足"), OP)?;
    assert_eq!(r.status, ChangeStatus::Rejected);
    assert_eq!(
        s.org(t.branch_a)?.and_then(|o| o.graduation),
        Some(date(2026, 7))
    );
    let e = s
        .decide_graduation_change(t.committee, c.id, true, None, OP)
        .err()
        .unwrap_or_else(|| panic!());
    assert_eq!(e.code, ErrorCode::Conflict);
    // Approved: the date changes; old and new in the audit log.
    let c2 = s.request_graduation_change(t.general, t.branch_a, ym(2026, 12), "学制调整", OP)?;
    let e = s
        .decide_graduation_change(t.branch_a, c2.id, true, None, OP)
        .err()
        .unwrap_or_else(|| panic!());
    assert!(e.message.contains("G2"));
    let a = s.decide_graduation_change(t.committee, c2.id, true, Some("同意"), OP)?;
    assert_eq!(a.status, ChangeStatus::Approved);
    assert!(a.decided_at.is_some() && a.decided_by.as_deref() == Some(OP));
    assert_eq!(
        s.org(t.branch_a)?.and_then(|o| o.graduation),
        Some(date(2026, 12))
    );
    let e = last(&s)?;
    assert_eq!(e.action, "approve");
    assert_eq!(
        e.old.as_ref().map(|v| v["graduates"].clone()),
        Some("2026-07".into())
    );
    assert_eq!(
        e.new.as_ref().map(|v| v["graduates"].clone()),
        Some("2026-12".into())
    );
    // F3 lists both, newest first.
    let all = s.graduation_changes(None)?;
    assert_eq!(
        all.iter().map(|c| c.id).collect::<Vec<_>>(),
        vec![c2.id, c.id]
    );
    assert_eq!(s.graduation_changes(Some(ChangeStatus::Pending))?.len(), 0);
    Ok(())
}

// ---- member markings (M3, M4) ----

fn cohort(s: &mut Store) -> Result<(Tree, Vec<i64>)> {
    let t = tree(s)?;
    s.mark_graduation(t.committee, t.branch_a, date(2026, 7), OP)?;
    s.mark_graduation(t.committee, t.branch_b, date(2027, 7), OP)?;
    let rows: Vec<MemberInput> = (1..=4)
        .map(|i| {
            input(
                i,
                &format!("学生{i}"),
                if i <= 3 { t.branch_a } else { t.branch_b },
            )
        })
        .collect();
    s.upsert_members(&rows, OP)?;
    let ids = (1..=4)
        .map(|i| {
            s.member_by_id_number(&id(i))
                .map(|m| m.map(|m| m.id).unwrap_or_default())
        })
        .collect::<Result<Vec<_>>>()?;
    Ok((t, ids))
}

#[test]
fn mark_deferred_rules() -> Result<()> {
    let mut s = Store::open_in_memory()?;
    let (t, ids) = cohort(&mut s)?;
    // M3: strictly later than the branch's date.
    for bad in [ym(2026, 7), ym(2026, 6)] {
        let e = s
            .mark_deferred(ids[0], bad, "学分未修满", OP)
            .err()
            .unwrap_or_else(|| panic!());
        assert_eq!(e.code, ErrorCode::Refused);
        assert!(
            e.message.contains("M3") && e.message.contains("必须晚于"),
            "{}",
            e.message
        );
    }
    // M3: a reason is required.
    let e = s
        .mark_deferred(ids[0], ym(2027, 7), " ", OP)
        .err()
        .unwrap_or_else(|| panic!());
    assert_eq!(e.code, ErrorCode::InvalidInput);
    assert!(e.message.contains("原因"));
    // A branch without a date.
    let unmarked = s.create_org(
        &NewOrg::new("未标记团支部", OrgLevel::Branch, Some(t.general)),
        OP,
    )?;
    let m = s.add_member(&input(50, "未标记者", unmarked.id), OP)?;
    let e = s
        .mark_deferred(m.id, ym(2027, 7), "原因", OP)
        .err()
        .unwrap_or_else(|| panic!());
    assert!(e.message.contains("尚未标记毕业时间"), "{}", e.message);
    // Success, history and audit.
    let m = s.mark_deferred(ids[0], ym(2027, 1), "学分未修满", OP)?;
    assert_eq!(
        m.marking,
        Some(Marking::Deferred {
            graduates: ym(2027, 1),
            reason: "学分未修满".into()
        })
    );
    let e = last(&s)?;
    assert_eq!((e.entity.as_str(), e.action.as_str()), ("marking", "mark"));
    assert!(e.old.as_ref().is_some_and(|v| v["marking"].is_null()));
    assert_eq!(
        e.new.as_ref().map(|v| v["marking"]["graduates"].clone()),
        Some("2027-01".into())
    );
    assert!(e.new.as_ref().is_some_and(|v| v["member"]
        .as_str()
        .is_some_and(|l| l.contains(&id(1).masked()))));
    // Teacher, then revoke (M4).
    let m = s.mark_teacher(ids[1], OP)?;
    assert_eq!(m.marking, Some(Marking::Teacher));
    let m = s.revoke_marking(ids[0], OP)?;
    assert_eq!(m.marking, None);
    let e = last(&s)?;
    assert_eq!(e.action, "revoke");
    assert_eq!(
        e.old.as_ref().map(|v| v["marking"]["type"].clone()),
        Some("deferred".into())
    );
    assert!(e.new.as_ref().is_some_and(|v| v["marking"].is_null()));
    let h = s.marking_history(ids[0])?;
    assert_eq!(
        h.iter().map(|x| x.action.as_str()).collect::<Vec<_>>(),
        vec!["mark", "revoke"]
    );
    // Revoking an unmarked member is refused.
    let e = s
        .revoke_marking(ids[0], OP)
        .err()
        .unwrap_or_else(|| panic!());
    assert!(e.message.contains("M4"));
    Ok(())
}

#[test]
fn deferred_batch_is_all_or_nothing() -> Result<()> {
    let mut s = Store::open_in_memory()?;
    let (_t, ids) = cohort(&mut s)?;
    // ids[3] is in the 2027 branch: 2027-07 is not later. 777 does not exist.
    let r = s.mark_deferred_batch(&[ids[0], ids[3], ids[1], 777], ym(2027, 7), "延长学制", OP);
    let Err(BatchError::Items(items)) = r else {
        panic!("{r:?}")
    };
    assert_eq!(
        items.iter().map(|i| i.id).collect::<Vec<_>>(),
        vec![ids[3], 777]
    );
    assert!(items[0].label.contains(&id(4).masked()));
    assert_eq!(items[0].error.code, ErrorCode::Refused);
    assert_eq!(items[1].error.code, ErrorCode::NotFound);
    assert!(s.member(ids[0])?.is_some_and(|m| m.marking.is_none()));
    // The good ones alone pass; teacher and revoke batches too.
    assert_eq!(
        s.mark_deferred_batch(&[ids[0], ids[1]], ym(2027, 7), "延长学制", OP)
            .map_err(xianjie::Error::from)?,
        2
    );
    assert_eq!(
        s.mark_teacher_batch(&[ids[2], ids[3]], OP)
            .map_err(xianjie::Error::from)?,
        2
    );
    assert_eq!(
        s.revoke_marking_batch(&[ids[0], ids[2]], OP)
            .map_err(xianjie::Error::from)?,
        2
    );
    let r = s.revoke_marking_batch(&[ids[0], ids[1]], OP);
    assert!(matches!(r, Err(BatchError::Items(ref v)) if v.len() == 1));
    assert!(s.member(ids[1])?.is_some_and(|m| m.marking.is_some()));
    Ok(())
}

#[test]
fn approval_refused_while_deferred_member_would_not_be_later() -> Result<()> {
    let mut s = Store::open_in_memory()?;
    let (t, ids) = cohort(&mut s)?;
    s.mark_deferred(ids[0], ym(2026, 12), "延长学制", OP)?;
    let c = s.request_graduation_change(t.committee, t.branch_a, ym(2027, 1), "整体延期", OP)?;
    let e = s
        .decide_graduation_change(t.committee, c.id, true, None, OP)
        .err()
        .unwrap_or_else(|| panic!());
    assert!(
        e.message.contains("M3") && e.message.contains("学生1"),
        "{}",
        e.message
    );
    Ok(())
}

// ---- deletions (M9) ----

#[test]
fn delete_member_only_for_m9_reasons() -> Result<()> {
    let mut s = Store::open_in_memory()?;
    let (_t, ids) = cohort(&mut s)?;
    // 其他情况 needs the school's confirmation.
    let e = s
        .delete_member(ids[0], DeletionReason::SchoolConfirmed, None, OP)
        .err()
        .unwrap_or_else(|| panic!());
    assert_eq!(e.code, ErrorCode::Refused);
    assert!(e.message.contains("M9"));
    // Dropouts are never deleted (R10).
    let mut dropout = input(
        2,
        "学生2",
        s.member(ids[1])?.map(|m| m.branch_id).unwrap_or_default(),
    );
    dropout.status = xianjie::member::StudyStatus::Dropout;
    s.upsert_members(&[dropout], OP)?;
    let e = s
        .delete_member(ids[1], DeletionReason::WrongIdentity, None, OP)
        .err()
        .unwrap_or_else(|| panic!());
    assert!(e.message.contains("R10"), "{}", e.message);
    // Reasons M9 does not know are refused when parsed.
    let e = xianjie::store::parse_deletion_reason("退学")
        .err()
        .unwrap_or_else(|| panic!());
    assert!(e.message.contains("R10"));
    let e = xianjie::store::parse_deletion_reason("转往北京")
        .err()
        .unwrap_or_else(|| panic!());
    assert_eq!(e.code, ErrorCode::Refused);
    assert!(e.message.contains("M9"));
    assert_eq!(
        xianjie::store::parse_deletion_reason("团员本人死亡")?,
        DeletionReason::Death
    );
    assert_eq!(
        xianjie::store::parse_deletion_reason("wrong_identity")?,
        DeletionReason::WrongIdentity
    );
    // A valid deletion: the ledger keeps name, branch and ID; the member is gone.
    s.set_destination(
        ids[0],
        2026,
        &Destination::of_kind(DestinationKind::Study),
        OP,
    )?;
    s.mark_deferred(ids[0], ym(2027, 7), "延长学制", OP)?;
    let d = s.delete_member(ids[0], DeletionReason::Death, None, OP)?;
    assert_eq!(d.name, "学生1");
    assert_eq!(
        d.branch_full_name,
        "共青团示例大学计算机学院2022级1班团支部"
    );
    assert_eq!(d.id_number, id(1).as_str());
    assert!(s.member(ids[0])?.is_none());
    assert_eq!(s.deletions()?.len(), 1);
    let e = last(&s)?;
    assert_eq!((e.entity.as_str(), e.action.as_str()), ("member", "delete"));
    assert_eq!(
        e.old.as_ref().map(|v| v["name"].clone()),
        Some("学生1".into())
    );
    assert_eq!(
        e.new.as_ref().map(|v| v["reason"].clone()),
        Some("death".into())
    );
    let d = s.delete_member(
        ids[2],
        DeletionReason::SchoolConfirmed,
        Some("校团委王老师 6月3日确认"),
        OP,
    )?;
    assert_eq!(d.note.as_deref(), Some("校团委王老师 6月3日确认"));
    Ok(())
}

// ---- destinations, cohort listing ----

#[test]
fn destinations_per_cohort_year_with_audit() -> Result<()> {
    let mut s = Store::open_in_memory()?;
    let (_t, ids) = cohort(&mut s)?;
    let mut d = Destination::of_kind(DestinationKind::Employed);
    d.province = Some(" 湖北 ".into());
    s.set_destination(ids[0], 2026, &d, OP)?;
    let e = last(&s)?;
    assert_eq!(
        (e.entity.as_str(), e.action.as_str()),
        ("destination", "create")
    );
    assert!(e.old.is_none());
    let stored = s.destination(ids[0], 2026)?.unwrap_or_else(|| panic!());
    assert_eq!(stored.province.as_deref(), Some("湖北"));
    let n = s.audit_entries(None)?.len();
    s.set_destination(ids[0], 2026, &d, OP)?;
    assert_eq!(s.audit_entries(None)?.len(), n);
    d.employer_has_org = false;
    s.set_destination(ids[0], 2026, &d, OP)?;
    let e = last(&s)?;
    assert_eq!(e.action, "update");
    assert_eq!(
        e.old.as_ref().map(|v| v["employer_has_org"].clone()),
        Some(true.into())
    );
    assert_eq!(
        e.new.as_ref().map(|v| v["employer_has_org"].clone()),
        Some(false.into())
    );
    // Another year is kept apart; the member carries the latest.
    s.set_destination(
        ids[0],
        2027,
        &Destination::of_kind(DestinationKind::Study),
        OP,
    )?;
    assert_eq!(
        s.destination(ids[0], 2026)?.map(|d| d.kind),
        Some(DestinationKind::Employed)
    );
    assert_eq!(
        s.member(ids[0])?
            .and_then(|m| m.destination)
            .map(|d| d.kind),
        Some(DestinationKind::Study)
    );
    let e = s
        .set_destination(9999, 2026, &d, OP)
        .err()
        .unwrap_or_else(|| panic!());
    assert_eq!(e.code, ErrorCode::NotFound);
    Ok(())
}

#[test]
fn graduates_of_a_cohort() -> Result<()> {
    let mut s = Store::open_in_memory()?;
    let (_t, ids) = cohort(&mut s)?;
    let on = chrono::NaiveDate::from_ymd_opt(2026, 6, 15).unwrap_or_default();
    s.set_destination(
        ids[0],
        2026,
        &Destination::of_kind(DestinationKind::Study),
        OP,
    )?;
    s.mark_deferred(ids[1], ym(2027, 1), "延长学制", OP)?;
    let g = s.graduates(2026, on)?;
    assert_eq!(
        g.iter().map(|g| g.member.id).collect::<Vec<_>>(),
        vec![ids[0], ids[1], ids[2]]
    );
    assert!(g[0].recommendation.is_some());
    assert_eq!(
        g[0].member.destination.as_ref().map(|d| d.kind),
        Some(DestinationKind::Study)
    );
    assert!(g[2].recommendation.is_none());
    assert_eq!(g[0].graduates, Some(ym(2026, 7)));
    assert_eq!(g[1].graduates, Some(ym(2027, 1)));
    assert!(!g[1].deferred_into);
    // 2027: the 2027 branch plus the member deferred into 2027, flagged.
    let g = s.graduates(2027, on)?;
    let listed: Vec<(i64, bool)> = g.iter().map(|g| (g.member.id, g.deferred_into)).collect();
    assert!(
        listed.contains(&(ids[1], true)) && listed.contains(&(ids[3], false)),
        "{listed:?}"
    );
    assert_eq!(s.graduates(2030, on)?.len(), 0);
    // M4: revoking puts the member back on the branch's date.
    s.revoke_marking(ids[1], OP)?;
    assert!(s.graduates(2027, on)?.iter().all(|g| g.member.id != ids[1]));
    // The engine sees the stored facts.
    let m = s.member(ids[0])?.unwrap_or_else(|| panic!());
    let f = xianjie::store::facts(
        &m,
        &Destination::of_kind(DestinationKind::Study),
        s.school_kind()?,
        on,
    );
    assert_eq!(f.birth_date, id(1).birth_date());
    assert_eq!(f.id_number.as_ref(), Some(&id(1)));
    assert_eq!(f.joined, Some(ym(2019, 5)));
    assert!(f.marking.is_none() && f.identity_verified);
    Ok(())
}

#[test]
fn school_kind_setting() -> Result<()> {
    let mut s = Store::open_in_memory()?;
    assert_eq!(s.school_kind()?, xianjie::member::SchoolKind::University);
    s.set_school_kind(xianjie::member::SchoolKind::SecondaryVocational, OP)?;
    assert_eq!(
        s.school_kind()?,
        xianjie::member::SchoolKind::SecondaryVocational
    );
    assert_eq!(last(&s)?.entity, "setting");
    Ok(())
}

// ---- audit log ----

#[test]
fn audit_chain_detects_edits() -> Result<()> {
    let mut s = Store::open_in_memory()?;
    let (_t, ids) = cohort(&mut s)?;
    s.mark_teacher(ids[0], OP)?;
    let check = s.verify_audit()?;
    assert!(check.entries > 5 && check.broken_at.is_none());
    // The table refuses edits…
    let c = s.inspect();
    assert!(c
        .execute("UPDATE audit_log SET operator = 'x' WHERE id = 2", [])
        .is_err());
    assert!(c.execute("DELETE FROM audit_log WHERE id = 2", []).is_err());
    // …and an edit made around the triggers is found.
    c.execute_batch(
        "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET operator = '冒名' WHERE id = 3;",
    )
    .map_err(xianjie::Error::from)?;
    let check = s.verify_audit()?;
    assert_eq!(check.broken_at, Some(3));
    assert_eq!(
        check.into_result().err().map(|e| e.code),
        Some(ErrorCode::Conflict)
    );
    // Since-filter.
    let tomorrow = chrono::Utc::now().date_naive() + chrono::Duration::days(1);
    assert!(s.audit_entries(Some(tomorrow))?.is_empty());
    Ok(())
}

#[test]
fn audit_chain_detects_removed_entry() -> Result<()> {
    let mut s = Store::open_in_memory()?;
    tree(&mut s)?;
    s.inspect()
        .execute_batch("DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 2;")
        .map_err(xianjie::Error::from)?;
    assert_eq!(s.verify_audit()?.broken_at, Some(3));
    Ok(())
}

// ---- CLI ----

fn xianjie(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_xianjie"))
        .args(args)
        .arg("--db")
        .arg(db)
        .env("XIANJIE_OPERATOR", "命令行测试")
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn cli_round_trip() -> Result<()> {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("cli.db");
    for args in [
        vec!["init"],
        vec![
            "org",
            "add",
            "--name",
            "共青团示例大学委员会",
            "--level",
            "团委",
        ],
        vec![
            "org",
            "add",
            "--name",
            "示例学院团总支",
            "--level",
            "general_branch",
            "--parent",
            "1",
        ],
        vec![
            "org",
            "add",
            "--name",
            "示例2022级1班团支部",
            "--level",
            "团支部",
            "--parent",
            "示例学院团总支",
        ],
        vec!["branch", "mark", "--branch", "3", "--date", "2026-07"],
    ] {
        let out = xianjie(&db, &args);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    }
    {
        let mut s = Store::open(&db)?;
        s.add_member(&input(1, "张三", 3), OP)?;
        s.add_member(&input(2, "李四", 3), OP)?;
    }
    let idn = id(1).to_string();
    let out = xianjie(
        &db,
        &[
            "member",
            "mark-deferred",
            "--member",
            &idn,
            "--date",
            "2026-07",
            "--reason",
            "学分",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("M3"), "{}", text(&out.stderr));
    let out = xianjie(
        &db,
        &[
            "member",
            "set-destination",
            "--member",
            &idn,
            "--year",
            "2026",
            "--kind",
            "升学",
            "--unit-name",
            "示例大学",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = xianjie(
        &db,
        &["member", "mark-teacher", "--member", &id(2).to_string()],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = xianjie(&db, &["graduates", "--year", "2026", "--on", "2026-06-15"]);
    let table = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        table.contains("2026 届毕业生：2 人") && table.contains(&id(1).masked()),
        "{table}"
    );
    assert!(
        table.contains("已标记教师") && !table.contains(&idn),
        "{table}"
    );
    let out = xianjie(&db, &["graduates", "--year", "2026", "--json"]);
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).map_err(|e| xianjie::Error::internal(e.to_string()))?;
    assert_eq!(v.as_array().map(Vec::len), Some(2));
    let out = xianjie(
        &db,
        &["member", "delete", "--member", &idn, "--reason", "退学"],
    );
    assert!(!out.status.success() && text(&out.stderr).contains("R10"));
    let out = xianjie(&db, &["org", "delete", "3"]);
    assert!(!out.status.success() && text(&out.stderr).contains("团员"));
    let out = xianjie(&db, &["audit"]);
    assert!(text(&out.stdout).contains("命令行测试"));
    let out = xianjie(&db, &["audit", "--verify"]);
    assert!(out.status.success() && text(&out.stdout).contains("完整"));
    // A bad month is invalid input: exit 2.
    let out = xianjie(
        &db,
        &["branch", "mark", "--branch", "3", "--date", "2026-13"],
    );
    assert_eq!(out.status.code(), Some(2));
    Ok(())
}

/// Issue 23: names, units, reasons and notes are kept byte for byte as typed (full-width
/// brackets and punctuation); look-ups and duplicate checks fold them.
#[test]
fn names_and_notes_are_kept_as_typed_and_found_by_their_folded_key() -> Result<()> {
    use xianjie::destination::{Destination, DestinationDetails, DestinationKind};
    use xianjie::org::GraduationMarking;
    let mut s = Store::open_in_memory()?;
    let typed = "共青团某某大学（东校区）委员会";
    let half = "共青团某某大学(东校区)委员会";
    let org = s.create_org(
        &NewOrg::new(format!(" {typed}\u{3000}"), OrgLevel::Committee, None),
        OP,
    )?;
    assert_eq!(org.full_name.as_bytes(), typed.as_bytes());
    let found = s.org_by_full_name(half)?.unwrap();
    assert_eq!((found.id, found.full_name.as_str()), (org.id, typed));
    assert_eq!(s.org_by_full_name(typed)?.map(|o| o.id), Some(org.id));
    // The same name with other brackets is the same name: refused, naming the one kept.
    let e = s
        .create_org(&NewOrg::new(half, OrgLevel::Committee, None), OP)
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::Conflict);
    assert!(e.message.contains(typed), "{}", e.message);
    // An org's own name corrected to other brackets is a rename, not a conflict.
    assert_eq!(s.rename_org(org.id, half, OP)?.full_name, half);
    assert_eq!(s.rename_org(org.id, typed, OP)?.full_name, typed);

    let branch_name = "共青团某某大学（东校区）2022级（1）班团支部";
    let branch = s
        .create_org(
            &NewOrg::new(branch_name, OrgLevel::Branch, Some(org.id)),
            OP,
        )?
        .id;
    s.mark_graduation(
        org.id,
        branch,
        GraduationMarking::Date {
            graduates: ym(2026, 7),
        },
        OP,
    )?;
    let mut m = input(1, "张三", branch);
    m.college = Some("计算机学院（东校区）".into());
    let m = s.add_member(&m, OP)?;
    assert_eq!(m.college.as_deref(), Some("计算机学院（东校区）"));
    let details = DestinationDetails {
        study_level: None,
        unit_name: Some("某某科技有限公司（武汉），研发部".into()),
        address: Some("湖北省武汉市某某路1号：A座".into()),
        target_org: Some("共青团某某科技有限公司（武汉）委员会".into()),
        city: Some("武汉".into()),
    };
    let mut dest = Destination::of_kind(DestinationKind::Employed);
    dest.province = Some("湖北".into());
    dest.details = Some(details.clone());
    s.set_destination(m.id, 2026, &dest, OP)?;
    let back = s.member(m.id)?.unwrap().destination.unwrap();
    assert_eq!(back.details, Some(details));
    let reason = "因病休学一年，延期毕业（见教务处通知）";
    let marked = s.mark_deferred(m.id, ym(2027, 7), reason, OP)?;
    assert!(
        matches!(&marked.marking, Some(xianjie::member::Marking::Deferred { reason: r, .. }) if r == reason),
        "{:?}",
        marked.marking
    );
    let change_reason = "学制调整：四年制改为五年制（出国（境）交流一年）";
    let other = s
        .create_org(
            &NewOrg::new(
                "共青团某某大学（东校区）2022级（2）班团支部",
                OrgLevel::Branch,
                Some(org.id),
            ),
            OP,
        )?
        .id;
    s.mark_graduation(
        org.id,
        other,
        GraduationMarking::Date {
            graduates: ym(2026, 7),
        },
        OP,
    )?;
    let c = s.request_graduation_change(org.id, other, ym(2026, 12), change_reason, OP)?;
    assert_eq!(c.reason, change_reason);
    assert_eq!(
        c.branch_full_name,
        "共青团某某大学（东校区）2022级（2）班团支部"
    );
    Ok(())
}

/// The F4/F5 ledgers keep what was typed and their filters fold it.
#[test]
fn ledger_filters_match_names_typed_either_way() -> Result<()> {
    use xianjie::store::ledgers::{self, F4Row, SpecialCase, SpecialKind};
    let mut s = Store::open_in_memory()?;
    let row = F4Row {
        name: "张三".into(),
        college: "计算机学院（东校区）".into(),
        original_org: "共青团某某大学（东校区）2022级1班团支部".into(),
        target_org: "共青团某某街道（筹），学社衔接临时团支部".into(),
        ..F4Row::default()
    };
    ledgers::record_special_case(
        &mut s,
        &SpecialCase {
            member_id: None,
            branch_id: None,
            cohort_year: Some(2026),
            kind: SpecialKind::Returned,
            row: row.clone(),
        },
        OP,
    )?;
    let got =
        ledgers::special_case_rows(&s, Some("计算机学院(东校区)"), Some("(东校区)2022级"), None)?;
    assert_eq!(got, vec![row]);
    assert!(ledgers::special_case_rows(&s, Some("计算机学院"), None, None)?.is_empty());
    Ok(())
}
