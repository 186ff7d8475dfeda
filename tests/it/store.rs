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
    let tx = a.transaction()?;
    tx.execute("INSERT INTO settings (key, value) VALUES ('x', 'y')", [])
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
