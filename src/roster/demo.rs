//! `xianjie demo`: a fresh demo database of the fictional 星河大学信息工程学院 — its org tree
//! with graduation markings (G1) and the demo roster (built into the program) imported.

use super::synth::demo::{self as data, DemoOrg};
use super::ImportReport;
use crate::store::{NewOrg, Store};
use crate::{Error, Result};
use rusqlite::{params, OptionalExtension};
use std::collections::HashMap;
use std::path::Path;

/// The demo roster, as committed in fixtures/demo.
pub const ROSTER_XLSX: &[u8] = include_bytes!("../../fixtures/demo/demo-roster.xlsx");
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
        let is_demo = {
            let store = Store::open(path)?;
            store
                .connection()
                .query_row(
                    "SELECT value FROM settings WHERE key = ?1",
                    [DEMO_KEY],
                    |r| r.get::<_, String>(0),
                )
                .optional()?
                .is_some()
        };
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
    store.connection().execute(
        "INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)",
        params![DEMO_KEY, data::COLLEGE],
    )?;
    store.set_school_kind(crate::member::SchoolKind::University, operator)?;
    build_tree(store, &data::org_tree(), operator)?;
    super::import_input(
        store,
        super::Input::Bytes(ROSTER_XLSX, "演示名单 demo-roster.xlsx"),
        &super::ImportOptions::default(),
        operator,
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
