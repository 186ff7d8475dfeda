//! The demo college, the fictional 星河大学信息工程学院: its names, its org tree with graduation
//! markings (G1, and two branches left unmarked to try the first marking) and the demo roster
//! (built into the program). `service::demo` builds the one demo from it.

use crate::date::YearMonth;
use crate::org::{GraduationMarking, NoDateReason, OrgKind, OrgLevel};
use crate::sheet::Input;
use crate::store::import::{ImportOptions, ImportReport};
use crate::store::{NewOrg, Store};
use crate::{Error, Result};
use std::collections::HashMap;
use std::path::Path;

/// The demo roster, as committed in fixtures/demo.
pub const ROSTER_XLSX: &[u8] = include_bytes!("../../../fixtures/demo/demo-roster.xlsx");
const DEMO_KEY: &str = "demo_database";

/// Creates (or re-creates) the demo database at `path`. A file that is not a demo database is
/// never overwritten.
pub fn create(path: &Path, operator: &str) -> Result<ImportReport> {
    prepare(path)?;
    let mut store = Store::open(path)?;
    fill(&mut store, operator)
}

/// Makes room for a demo database at `path`: removes a previous demo database there, refuses
/// any other file.
pub fn prepare(path: &Path) -> Result<()> {
    if path.exists() {
        let is_demo = Store::open(path)?.setting(DEMO_KEY)?.is_some();
        if !is_demo {
            return Err(Error::refused(format!(
                "“{}”已存在且不是演示数据库，不会覆盖；请换一个文件名",
                path.display()
            )));
        }
        for suffix in ["", "-wal", "-shm"] {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            let p = std::path::PathBuf::from(p);
            if p.exists() {
                std::fs::remove_file(&p)?;
            }
        }
    }
    Ok(())
}

/// Fills an empty store with the demo college: its org tree (G1 marked) and the demo roster,
/// the store flagged as a demo database (so that `create` may replace it).
pub fn fill(store: &mut Store, operator: &str) -> Result<ImportReport> {
    if !store.orgs()?.is_empty() {
        return Err(Error::conflict(
            "数据库中已有组织数据，不能再载入示例数据".to_string(),
        ));
    }
    store.set_settings(&[(DEMO_KEY, Some(COLLEGE))], operator)?;
    store.set_school_kind(crate::member::SchoolKind::University, operator)?;
    build_tree(store, &org_tree(), operator)?;
    xianjie_store::import::import_input(
        store,
        Input::Bytes(ROSTER_XLSX, "演示名单 demo-roster.xlsx"),
        &ImportOptions::default(),
        operator,
        &crate::Watch::NONE,
    )
}

/// Creates the orgs (parents first) and marks the branches' graduation (G1).
pub fn build_tree(store: &mut Store, orgs: &[DemoOrg], operator: &str) -> Result<()> {
    let mut ids: HashMap<&str, i64> = HashMap::new();
    for o in orgs {
        let parent_id = match o.parent {
            Some(p) => Some(
                *ids.get(p)
                    .ok_or_else(|| Error::internal(format!("演示组织“{p}”顺序错误")))?,
            ),
            None => None,
        };
        let mut new = NewOrg::new(o.full_name.clone(), o.level, parent_id);
        new.kind = o.kind;
        let org = store.create_org(&new, operator)?;
        ids.insert(o.full_name.as_str(), org.id);
        if let (Some(g), Some(actor)) = (o.graduation, parent_id) {
            // G2: marked by the level above the branch.
            store.mark_graduation(actor, org.id, g, operator)?;
        }
    }
    Ok(())
}

// The demo college itself: its names, its org tree, its cohort.

pub const SCHOOL: &str = "共青团星河大学委员会";
pub const COLLEGE: &str = "共青团星河大学信息工程学院委员会";
pub const COLLEGE_NAME: &str = "信息工程学院";
pub const SCHOOL_FLOWING: &str = "共青团星河大学毕业学生流动团员团支部";
pub const COLLEGE_FLOWING: &str = "共青团星河大学信息工程学院流动团员团支部";
pub const ABROAD_STUDY: &str = "共青团星河大学出国（境）学习研究团员团支部";
pub const TEACHERS: &str = "共青团星河大学信息工程学院教师团支部";
/// Branches whose graduation date is left unmarked in the demo.
pub const UNMARKED: [&str; 2] = [
    "共青团星河大学信息工程学院2023级待标记1班团支部",
    "共青团星河大学信息工程学院2023级待标记2班团支部",
];
const MAJORS: &[&str] = &[
    "计算机科学与技术2022级1班",
    "计算机科学与技术2022级2班",
    "软件工程2022级1班",
    "软件工程2022级2班",
    "网络工程2022级1班",
    "数据科学与大数据技术2022级1班",
    "电子信息工程2022级1班",
    "通信工程2022级1班",
    "物联网工程2022级1班",
    "人工智能2022级1班",
];
/// Graduates per branch in the demo roster.
pub const PER_BRANCH: usize = 29;

/// An org of the demo tree, parents before children.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoOrg {
    pub full_name: String,
    pub level: OrgLevel,
    pub parent: Option<&'static str>,
    pub kind: OrgKind,
    pub graduation: Option<GraduationMarking>,
}

/// The graduation month of the demo cohort.
pub fn cohort() -> YearMonth {
    YearMonth::new(2026, 7).unwrap_or_else(|| YearMonth::of(chrono::NaiveDate::MIN))
}

pub fn branch_names() -> Vec<String> {
    MAJORS
        .iter()
        .map(|m| format!("共青团星河大学信息工程学院{m}团支部"))
        .collect()
}

/// The demo org tree: school committee, college committee, ten 2026-07 branches, the
/// flowing, abroad-study and teacher branches.
pub fn org_tree() -> Vec<DemoOrg> {
    let org = |name: &str, level, parent, kind, graduation| DemoOrg {
        full_name: name.to_string(),
        level,
        parent,
        kind,
        graduation,
    };
    let mut v = vec![
        org(SCHOOL, OrgLevel::Committee, None, OrgKind::Ordinary, None),
        org(
            COLLEGE,
            OrgLevel::Committee,
            Some(SCHOOL),
            OrgKind::Ordinary,
            None,
        ),
        org(
            SCHOOL_FLOWING,
            OrgLevel::Branch,
            Some(SCHOOL),
            OrgKind::Flowing,
            None,
        ),
        org(
            ABROAD_STUDY,
            OrgLevel::Branch,
            Some(SCHOOL),
            OrgKind::AbroadStudy,
            None,
        ),
        org(
            COLLEGE_FLOWING,
            OrgLevel::Branch,
            Some(COLLEGE),
            OrgKind::Flowing,
            None,
        ),
        org(
            TEACHERS,
            OrgLevel::Branch,
            Some(COLLEGE),
            OrgKind::Ordinary,
            Some(GraduationMarking::NoDate {
                reason: NoDateReason::Teacher,
            }),
        ),
    ];
    // Not yet marked, so that the first marking (G1) can be tried.
    for name in UNMARKED {
        v.push(org(
            name,
            OrgLevel::Branch,
            Some(COLLEGE),
            OrgKind::Ordinary,
            None,
        ));
    }
    for b in branch_names() {
        v.push(org(
            &b,
            OrgLevel::Branch,
            Some(COLLEGE),
            OrgKind::Ordinary,
            Some(GraduationMarking::Date {
                graduates: cohort(),
            }),
        ));
    }
    v
}
