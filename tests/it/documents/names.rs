//! Names as typed, end to end (#23): an office whose names hold full-width brackets and “，”
//! goes through the CLI — org add, roster import (branches created), F4 recorded, F1/F2/F4,
//! L1 and L3, the package to the school and the school's F1 over it — and every document
//! carries “（东校区）” and “出国（境）” byte for byte, never the half-width fold.

use std::path::Path;
use std::process::Command;
use xianjie_testdata::synth::Cell;

const TOP: &str = "共青团某某大学（东校区）委员会";
const COLLEGE_ORG: &str = "共青团某某大学（东校区）计算机学院委员会";
const BRANCH: &str = "共青团某某大学（东校区）计算机学院2022级（1）班团支部";
const COLLEGE: &str = "计算机学院（东校区）";
const ABROAD: &str = "出国（境）学习研究";
const TARGET: &str = "共青团某某市（东校区）委员会";

fn x(db: &Path, args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_xianjie"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("XIANJIE_OPERATOR", "测试员")
        .env("TZ", "Asia/Shanghai")
        .env_remove("XIANJIE_DB")
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(
        o.status.success(),
        "xianjie {args:?}: {}\n{out}",
        String::from_utf8_lossy(&o.stderr)
    );
    out
}

/// Every cell of the first sheet, joined.
fn cells(path: &Path) -> String {
    let grid = xianjie_sheet::grid::read_as_written(path).unwrap();
    grid[0]
        .rows
        .iter()
        .flat_map(|r| r.iter().cloned())
        .collect::<Vec<_>>()
        .join("|")
}

fn assert_typed(what: &str, text: &str, names: &[&str]) {
    for n in names {
        assert!(
            text.contains(n),
            "{what}: “{n}” not kept as typed in {text}"
        );
        let folded = n.replace('（', "(").replace('）', ")");
        assert!(
            !text.contains(&folded),
            "{what}: “{folded}” (folded) in {text}"
        );
    }
}

#[test]
fn full_width_names_survive_every_door_and_document() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("college.db");
    x(&db, &["init"]);
    x(
        &db,
        &[
            "org",
            "add",
            "--name",
            TOP,
            "--level",
            "团委",
            "--category",
            "普通高等院校",
        ],
    );
    x(
        &db,
        &[
            "org",
            "add",
            "--name",
            COLLEGE_ORG,
            "--level",
            "团委",
            "--parent",
            TOP,
        ],
    );

    // Three graduates of one branch: abroad (R5, L3), not yet employed (kept in school, F1),
    // enlisted (R8, F2).
    let mut spec = xianjie_testdata::synth::large::sheet(3, 7);
    for (r, dest) in [(1, ABROAD), (2, "未就业"), (3, "参军入伍")] {
        spec.rows[r][5] = Cell::text(COLLEGE);
        spec.rows[r][6] = Cell::text(BRANCH);
        spec.rows[r][9] = Cell::text("共青团员");
        spec.rows[r][14] = Cell::text(dest);
    }
    let roster = dir.path().join("名单.xlsx");
    spec.write_xlsx(&roster).unwrap();
    x(
        &db,
        &[
            "import",
            roster.to_str().unwrap(),
            "--create-branches-under",
            COLLEGE_ORG,
        ],
    );
    let listed = x(&db, &["org", "list"]);
    assert_typed("org list", &listed, &[TOP, COLLEGE_ORG, BRANCH]);

    let grads: serde_json::Value =
        serde_json::from_str(&x(&db, &["graduates", "--year", "2026", "--json"])).unwrap();
    let grads = grads
        .as_array()
        .cloned()
        .unwrap_or_else(|| grads["graduates"].as_array().cloned().unwrap_or_default());
    assert_eq!(grads.len(), 3, "{grads:?}");
    // What the doors show of the one abroad: 出国（境）, as the rules and 智慧团建 write it.
    let list = dir.path().join("毕业生.xlsx");
    x(
        &db,
        &[
            "graduates",
            "--year",
            "2026",
            "--xlsx",
            list.to_str().unwrap(),
        ],
    );
    assert_typed(
        "graduate list",
        &cells(&list),
        &[BRANCH, "出国（境）学习研究团员团支部"],
    );
    let id_of = |i: usize| grads[i]["member"]["id"].as_i64().unwrap();
    let first = id_of(0);

    // The one not yet employed asks to stay in school (R7a, F1); the enlisted one's unit is
    // typed with its brackets (F2).
    let by_kind = |k: &str| {
        grads
            .iter()
            .find(|g| g["member"]["destination"]["kind"] == k)
            .map(|g| g["member"]["id"].as_i64().unwrap().to_string())
            .unwrap_or_else(|| panic!("a graduate with {k}: {grads:?}"))
    };
    x(
        &db,
        &[
            "member",
            "set-destination",
            "--member",
            &by_kind("none"),
            "--year",
            "2026",
            "--kind",
            "none",
            "--retain-in-school",
            "--note",
            "二战考研",
        ],
    );
    // F4: a returned transfer to a receiver typed with full-width brackets.
    let f4_json = dir.path().join("f4.json");
    std::fs::write(
        &f4_json,
        serde_json::json!([{
            "member_id": first, "branch_id": null, "cohort_year": 2026, "kind": "returned",
            "row": {
                "name": grads[0]["member"]["name"], "student_no": grads[0]["member"]["student_no"],
                "college": COLLEGE, "original_org": BRANCH, "transfer_type": "毕业",
                "province": "湖北省", "city": "武汉市", "target_org": TARGET, "initiated": true,
                "refusal_reason": "信息有误（姓名、学号）", "remark": "已联系，待重新发起"
            }
        }])
        .to_string(),
    )
    .unwrap();
    x(&db, &["record", "f4", "--json", f4_json.to_str().unwrap()]);

    for (form, names) in [
        ("f1", vec![BRANCH, COLLEGE]),
        ("f2", vec![BRANCH]),
        (
            "f4",
            vec![BRANCH, COLLEGE, TARGET, "信息有误（姓名、学号）"],
        ),
    ] {
        let out = dir.path().join(format!("{form}.xlsx"));
        x(
            &db,
            &[
                "table",
                form,
                "--year",
                "2026",
                "--out",
                out.to_str().unwrap(),
            ],
        );
        assert_typed(form, &cells(&out), &names);
    }

    // L1 from the office's full name to a receiver typed full-width; L3 for the one abroad.
    x(
        &db,
        &[
            "letter",
            "issuer",
            "--org",
            TOP,
            "--phone",
            "027-88880000",
            "--address",
            "某某市某某路1号（东校区）",
            "--postcode",
            "430072",
            "--handler",
            "李文",
            "--handler-mobile",
            "13800001111",
        ],
    );
    let abroad = grads
        .iter()
        .position(|g| g["recommendation"]["reason"] == "R5")
        .unwrap_or_else(|| panic!("an R5 graduate: {grads:?}"));
    let abroad_id = id_of(abroad).to_string();
    let l1 = dir.path().join("l1.pdf");
    x(
        &db,
        &[
            "letter",
            "issue",
            "--member",
            &first.to_string(),
            "--issuer",
            TOP,
            "--to",
            TARGET,
            "--reason",
            "毕业",
            "--out",
            l1.to_str().unwrap(),
        ],
    );
    let l3 = dir.path().join("l3.pdf");
    x(
        &db,
        &[
            "notice",
            "l3",
            "--member",
            &abroad_id,
            "--year",
            "2026",
            "--school",
            "某某大学（东校区）",
            "--out",
            l3.to_str().unwrap(),
        ],
    );
    if let Some(text) = super::notices::pdf_text(&std::fs::read(&l1).unwrap()) {
        assert_typed("L1", &text, &[TOP, TARGET]);
    }
    if let Some(text) = super::notices::pdf_text(&std::fs::read(&l3).unwrap()) {
        assert_typed("L3", &text, &["保留在某某大学（东校区）", COLLEGE]);
    }

    // The package to the school, and the school's F1 over it.
    let school = dir.path().join("school.db");
    x(&school, &["init"]);
    x(
        &school,
        &[
            "org",
            "add",
            "--name",
            TOP,
            "--level",
            "团委",
            "--category",
            "普通高等院校",
        ],
    );
    let recipient = x(&school, &["school", "key", "create"]);
    let recipient = recipient.lines().last().unwrap().trim().to_string();
    let pkg = dir.path().join("计算机学院（东校区）.xjpkg");
    x(
        &db,
        &[
            "package",
            "export",
            "--year",
            "2026",
            "--to",
            &recipient,
            "--out",
            pkg.to_str().unwrap(),
        ],
    );
    x(
        &school,
        &["package", "import", pkg.to_str().unwrap(), "--year", "2026"],
    );
    let all = dir.path().join("school-f1.xlsx");
    x(
        &school,
        &[
            "table",
            "f1",
            "--year",
            "2026",
            "--all-colleges",
            "--out",
            all.to_str().unwrap(),
        ],
    );
    assert_typed("school F1", &cells(&all), &[BRANCH, COLLEGE]);
}
