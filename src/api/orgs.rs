//! 组织: the org tree as the window draws it, each branch with its graduation marking (G1).

use super::app::Paths;
use super::ApiResult;
use crate::org::Org;
use crate::store::Store;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One org of the tree with its children.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OrgNode {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub full_name: String,
    /// 团委 / 团工委 / 团总支 / 团支部.
    pub level: String,
    /// 普通 / 流动团员团支部 / …
    pub kind: String,
    /// 2026年7月, 教师支部, 混合支部; null when not marked.
    pub graduation: Option<String>,
    pub children: Vec<OrgNode>,
}

fn node(org: &Org, by_parent: &HashMap<Option<i64>, Vec<&Org>>, depth: usize) -> OrgNode {
    // The tree is acyclic by construction (move refuses cycles); the depth cap only guards
    // against a damaged file.
    let children = if depth > 32 {
        Vec::new()
    } else {
        by_parent
            .get(&Some(org.id))
            .map(|c| c.iter().map(|o| node(o, by_parent, depth + 1)).collect())
            .unwrap_or_default()
    };
    OrgNode {
        id: org.id,
        full_name: org.full_name.clone(),
        level: org.level.label().to_string(),
        kind: org.kind.label().to_string(),
        graduation: org.graduation.map(|g| g.label()),
        children,
    }
}

/// The whole tree, roots first, children by name.
pub fn tree(paths: &Paths) -> ApiResult<Vec<OrgNode>> {
    let store = Store::open(&paths.db)?;
    let mut orgs = store.orgs()?;
    orgs.sort_by(|a, b| a.full_name.cmp(&b.full_name));
    let mut by_parent: HashMap<Option<i64>, Vec<&Org>> = HashMap::new();
    for o in &orgs {
        by_parent.entry(o.parent_id).or_default().push(o);
    }
    Ok(by_parent
        .get(&None)
        .map(|roots| roots.iter().map(|o| node(o, &by_parent, 0)).collect())
        .unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tree_of_a_generated_school() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::in_dir(dir.path(), None);
        assert!(tree(&paths).unwrap().is_empty());
        let mut store = Store::open(&paths.db).unwrap();
        crate::store::dev::generate_cohort(&mut store, 2026, 20, 10, "测试").unwrap();
        drop(store);
        let t = tree(&paths).unwrap();
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].level, "团委");
        let branches: Vec<_> = t[0].children.iter().flat_map(|c| &c.children).collect();
        assert_eq!(branches.len(), 2);
        assert_eq!(branches[0].graduation.as_deref(), Some("2026年7月"));
    }
}
