//! The bad-input catalogue (issue 7 item 4): every malformed input a secretary can feed the
//! `xianjie` program gets a Chinese message naming what is wrong, a failure exit status, no
//! panic, and leaves the store exactly as it was.
//!
//! Each case is one `check(input, expect)` line: `expect` is a fragment the message must
//! contain (the file, row, column or field). All messages together are one insta snapshot
//! (`snapshots/it__bad_input__catalogue.snap`) so a reviewer reads them side by side.
//! Structural binary inputs are committed in `fixtures/bad/` (see its README.md); row-level
//! rosters are built on the fly.

use crate::root;
use rust_xlsxwriter::{Formula, Image, Workbook};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::process::Command;
use xianjie::service::demo::college::branch_names;

/// What is fed to the program.
enum Input {
    /// `roster import <file> --all-or-nothing` of a committed fixture.
    Fixture(&'static str),
    /// `roster import` of a workbook built here: (file name, bytes).
    Book(&'static str, Vec<u8>),
    /// `recommend --cases <file>` with these bytes.
    Cases(Vec<u8>),
    /// Raw arguments (`{db}` and `{tmp}` are substituted).
    Args(&'static [&'static str]),
    /// `freshmen import <file> --year 2026` of a committed malformed freshmen list.
    Freshmen(&'static str),
}

struct Catalogue {
    dir: tempfile::TempDir,
    db: PathBuf,
    seen: Vec<String>,
    /// Cases that broke a rule: all are reported at once.
    problems: Vec<String>,
}

impl Catalogue {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("office.db");
        xianjie::service::demo::college::create(&db, "目录测试").unwrap();
        Self {
            dir,
            db,
            seen: Vec::new(),
            problems: Vec::new(),
        }
    }

    /// Runs `input`; asserts failure, a Chinese message containing `expect`, no panic and an
    /// unchanged store; records the message for the snapshot.
    fn check(&mut self, input: Input, expect: &str) {
        let before = fingerprint(&self.db);
        let tmp = self.dir.path().display().to_string();
        let db = self.db.display().to_string();
        let (label, args): (String, Vec<String>) = match input {
            Input::Fixture(name) => {
                let p = root().join("fixtures/bad").join(name);
                (name.into(), import_args(&p))
            }
            Input::Book(name, bytes) => {
                let p = self.dir.path().join(name);
                std::fs::write(&p, bytes).unwrap();
                (name.into(), import_args(&p))
            }
            Input::Cases(bytes) => {
                let p = self.dir.path().join("cases.json");
                std::fs::write(&p, &bytes).unwrap();
                let shown = String::from_utf8_lossy(&bytes).chars().take(40).collect();
                (
                    shown,
                    vec![
                        "recommend".into(),
                        "--cases".into(),
                        p.display().to_string(),
                    ],
                )
            }
            Input::Freshmen(name) => {
                let p = root().join("fixtures/bad").join(name);
                (
                    name.into(),
                    vec![
                        "freshmen".into(),
                        "import".into(),
                        p.display().to_string(),
                        "--year".into(),
                        "2026".into(),
                    ],
                )
            }
            Input::Args(a) => (
                a.join(" "),
                a.iter()
                    .map(|s| s.replace("{db}", &db).replace("{tmp}", &tmp))
                    .collect(),
            ),
        };
        let out = Command::new(env!("CARGO_BIN_EXE_xianjie"))
            .args(&args)
            .env("XIANJIE_DB", &self.db)
            .env("XIANJIE_OPERATOR", "目录测试")
            .env("RUST_BACKTRACE", "0")
            .output()
            .unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
        .replace(&tmp, "<tmp>")
        .replace(&root().display().to_string(), "<repo>");
        // One snapshot for both platforms: Windows joins paths with `\`.
        let text = if cfg!(windows) {
            text.replace('\\', "/")
        } else {
            text
        };
        let text = text.trim().to_string();
        let mut wrong = |ok: bool, what: &str| {
            if !ok {
                self.problems.push(format!("{label}: {what}:\n{text}\n"));
            }
        };
        wrong(!out.status.success(), "accepted");
        wrong(!text.contains("panicked"), "panic");
        wrong(text.contains("错误"), "no error line");
        wrong(text.contains(expect), &format!("wants “{expect}”"));
        wrong(english_free(&text), "English in the message");
        wrong(fingerprint(&self.db) == before, "store changed");
        self.seen.push(format!(
            "## {label}\nstatus {}\n{text}\n",
            out.status.code().unwrap_or(-1)
        ));
    }
}

fn import_args(p: &Path) -> Vec<String> {
    vec![
        "import".into(),
        p.display().to_string(),
        "--all-or-nothing".into(),
    ]
}

/// No English error text leaked from a library or the OS (option names, paths and field codes
/// are fine: they are what the user typed or must type).
fn english_free(text: &str) -> bool {
    const LEAKS: [&str; 12] = [
        "error",
        "Error",
        "No such",
        "invalid",
        "Invalid",
        "cannot",
        "Cannot",
        "failed",
        "not found",
        "archive",
        "expected",
        "denied",
    ];
    !LEAKS.iter().any(|w| text.contains(w))
}

/// A logical hash of every table's rows: equal iff nothing was written.
pub fn fingerprint(db: &Path) -> String {
    let c = rusqlite::Connection::open(db).unwrap();
    let mut names: Vec<String> = c
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    names.retain(|n| !n.starts_with("sqlite_"));
    let mut h = Sha256::new();
    for n in names {
        h.update(n.as_bytes());
        let mut st = c.prepare(&format!("SELECT * FROM \"{n}\"")).unwrap();
        let cols = st.column_count();
        let mut rows = st.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            for i in 0..cols {
                let v: rusqlite::types::Value = r.get(i).unwrap();
                h.update(format!("{v:?}|").as_bytes());
            }
        }
    }
    format!("{:x}", h.finalize())
}

/// A fictional ID number with a valid check character.
pub fn id(first17: &str) -> String {
    let c = xianjie::id_number::check_char(first17.as_bytes());
    format!("{first17}{c}")
}

const HEADER: [&str; 6] = [
    "姓名",
    "身份证号",
    "团支部",
    "入团时间",
    "团员发展编号",
    "手机号码",
];

/// A roster with the standard header and these rows of text cells.
fn book(rows: &[[&str; 6]]) -> Vec<u8> {
    book_with(|ws| {
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                ws.write(r as u32 + 1, c as u16, *v).unwrap();
            }
        }
    })
}

fn book_with(fill: impl FnOnce(&mut rust_xlsxwriter::Worksheet)) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("名单").unwrap();
    for (c, h) in HEADER.iter().enumerate() {
        ws.write(0, c as u16, *h).unwrap();
    }
    fill(ws);
    wb.save_to_buffer().unwrap()
}

/// One row that is valid except for what the case changes.
fn row<'a>(name: &'a str, idn: &'a str, branch: &'a str, joined: &'a str) -> [&'a str; 6] {
    [name, idn, branch, joined, "201805123456", "13800138000"]
}

#[test]
fn catalogue() {
    let mut cat = Catalogue::new();
    let branch = branch_names()[0].clone();
    let b = branch.as_str();
    let good = id("11010120030515123");
    let g = good.as_str();
    let long_name = "张".repeat(200);
    let bad_province = id("99010120030515123");
    let bad_birth = id("11010120031345123");

    // ---- Files that are not rosters ----
    cat.check(Input::Fixture("empty.xlsx"), "empty.xlsx");
    cat.check(Input::Fixture("truncated.xlsx"), "truncated.xlsx");
    cat.check(Input::Fixture("csv-renamed.xlsx"), "csv-renamed.xlsx");
    cat.check(Input::Fixture("encrypted.xlsx"), "密码");
    cat.check(Input::Fixture("empty-workbook.xlsx"), "工作表为空");
    cat.check(Input::Fixture("image-only.xlsx"), "image-only.xlsx");
    cat.check(Input::Fixture("merged-title-only.xlsx"), "表头");
    cat.check(Input::Fixture("header-only.xlsx"), "没有任何数据行");
    cat.check(Input::Fixture("formulas.xlsx"), "第 2 行");
    cat.check(Input::Fixture("bom-header.xlsx"), "第 2 行");
    cat.check(Input::Fixture("roster.docx"), "roster.docx");
    cat.check(Input::Fixture("random.xls"), "random.xls");
    cat.check(Input::Fixture("gbk.xls"), "第 2 行");
    // Found by fuzzing (docs/fuzzing.md): each made the .xls reader run out of memory or panic.
    cat.check(Input::Fixture("fuzz-looping-chain.xls"), "损坏");
    cat.check(Input::Fixture("fuzz-short-minifat.xls"), "损坏");
    cat.check(Input::Fixture("fuzz-huge-sheet.xls"), "损坏");
    cat.check(
        Input::Args(&["import", "{tmp}/无此文件.xlsx"]),
        "无此文件.xlsx",
    );
    cat.check(Input::Args(&["import", "{tmp}"]), "<tmp>");
    cat.check(
        Input::Args(&[
            "import",
            "fixtures/roster/messy-roster.xlsx",
            "--sheet",
            "无此表",
        ]),
        "无此表",
    );

    // ---- Header problems ----
    let dup = book_with(|ws| {
        ws.write(0, 6, "身份证号").unwrap();
        ws.write(1, 0, "王小明").unwrap();
        ws.write(1, 2, b).unwrap();
        ws.write(1, 3, "2018-05").unwrap();
        ws.write(1, 6, g).unwrap();
    });
    cat.check(Input::Book("duplicate-header.xlsx", dup), "身份证号");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["姓名", "身份证号", "备注"].iter().enumerate() {
        ws.write(0, c as u16, *h).unwrap();
    }
    cat.check(
        Input::Book("missing-columns.xlsx", wb.save_to_buffer().unwrap()),
        "团支部",
    );

    // ---- Row-level problems (the value's row and column are named) ----
    let cases: Vec<(&'static str, [&str; 6], &str)> = vec![
        (
            "bad-checksum.xlsx",
            row("王小明", "110101200305151230", b, "2018-05"),
            "第 2 行",
        ),
        (
            "short-id.xlsx",
            row("王小明", "11010120030515", b, "2018-05"),
            "身份证号",
        ),
        (
            "bad-province.xlsx",
            row("王小明", &bad_province, b, "2018-05"),
            "身份证号",
        ),
        (
            "bad-birth.xlsx",
            row("王小明", &bad_birth, b, "2018-05"),
            "身份证号",
        ),
        ("no-name.xlsx", row("", g, b, "2018-05"), "姓名"),
        ("long-name.xlsx", row(&long_name, g, b, "2018-05"), "姓名"),
        (
            "control-char.xlsx",
            row("王\u{7}小明", g, b, "2018-05"),
            "姓名",
        ),
        ("emoji-name.xlsx", row("王小明😀", g, b, "2018-05"), "姓名"),
        ("mojibake-name.xlsx", row("？？？", g, b, "2018-05"), "姓名"),
        (
            "unknown-branch.xlsx",
            row("王小明", g, "不存在的团支部", "2018-05"),
            "不存在的团支部",
        ),
        ("month-13.xlsx", row("王小明", g, b, "2018-13"), "入团时间"),
        ("year-0.xlsx", row("王小明", g, b, "0000-05"), "入团时间"),
        ("year-9999.xlsx", row("王小明", g, b, "9999-12"), "入团时间"),
        (
            "before-birth.xlsx",
            row("王小明", g, b, "1990-01"),
            "入团时间",
        ),
        (
            "date-words.xlsx",
            row("王小明", g, b, "去年夏天"),
            "入团时间",
        ),
        (
            "bad-mobile.xlsx",
            ["王小明", g, b, "2018-05", "201805123456", "12345"],
            "手机号",
        ),
        (
            "bad-devno.xlsx",
            ["王小明", g, b, "2018-05", "12AB", "13800138000"],
            "发展编号",
        ),
    ];
    for (name, r, expect) in cases {
        cat.check(Input::Book(name, book(&[r])), expect);
    }
    let twice = book(&[
        row("王小明", g, b, "2018-05"),
        row("王小红", g, b, "2018-05"),
    ]);
    cat.check(Input::Book("duplicate-id.xlsx", twice), "重复");
    let numbers = book_with(|ws| {
        ws.write(1, 0, "王小明").unwrap();
        ws.write(1, 1, 1.101_012_003_051_512e17).unwrap();
        ws.write(1, 2, b).unwrap();
        ws.write(1, 3, -5.0).unwrap();
    });
    cat.check(Input::Book("rounded-id.xlsx", numbers), "身份证号");
    let serial = book_with(|ws| {
        ws.write(1, 0, "王小明").unwrap();
        ws.write(1, 1, g).unwrap();
        ws.write(1, 2, b).unwrap();
        ws.write(1, 3, 9.9e9).unwrap();
        ws.write(1, 4, "201805123456").unwrap();
    });
    cat.check(Input::Book("absurd-serial.xlsx", serial), "入团时间");
    let bools = book_with(|ws| {
        ws.write(1, 0, "王小明").unwrap();
        ws.write(1, 1, g).unwrap();
        ws.write(1, 2, b).unwrap();
        ws.write(1, 3, true).unwrap();
        ws.write(1, 4, "201805123456").unwrap();
    });
    cat.check(Input::Book("bool-date.xlsx", bools), "入团时间");
    let errors = book_with(|ws| {
        ws.write(1, 0, "王小明").unwrap();
        ws.write_formula(1, 1, Formula::new("=1/0").set_result("#DIV/0!"))
            .unwrap();
        ws.write(1, 2, b).unwrap();
        ws.write(1, 3, "2018-05").unwrap();
    });
    cat.check(Input::Book("formula-fault.xlsx", errors), "身份证号");

    // ---- Import options ----
    let ok = book(&[row("王小明", g, b, "2018-05")]);
    std::fs::write(cat.dir.path().join("ok.xlsx"), &ok).unwrap();
    cat.check(
        Input::Args(&["import", "{tmp}/ok.xlsx", "--map", "没有等号"]),
        "没有等号",
    );
    cat.check(
        Input::Args(&["import", "{tmp}/ok.xlsx", "--map", "联系方式=不存在的字段"]),
        "不存在的字段",
    );
    cat.check(
        Input::Args(&[
            "import",
            "{tmp}/ok.xlsx",
            "--create-branches-under",
            "不存在的学院团委",
        ]),
        "不存在的学院团委",
    );

    // ---- Freshmen lists (rules.md §9): refused whole, naming file, row and column ----
    for (name, _, expect) in xianjie_testdata::freshmen::bad() {
        let p = root().join("fixtures/bad").join(name);
        assert!(p.exists(), "{name}: run xianjie-gen freshmen-bad");
        cat.check(Input::Freshmen(name), expect);
    }
    cat.check(
        Input::Args(&[
            "freshmen",
            "import",
            "{tmp}/无此名单.xlsx",
            "--year",
            "2026",
        ]),
        "无此名单.xlsx",
    );
    cat.check(
        Input::Args(&[
            "freshmen",
            "import",
            "fixtures/freshmen/freshmen-300.xlsx",
            "--year",
            "2026",
            "--create-branches-under",
            "不存在的学院团委",
        ]),
        "不存在的学院团委",
    );

    // ---- Case JSON for `xianjie recommend` ----
    let cases: Vec<(&[u8], &str)> = vec![
        (b"", "案例文件"),
        (b"hello", "第1行"),
        (b"{}", "数组"),
        (b"[{\"id\": \"a\"", "第1行"),
        (b"[{}]", "id"),
        (b"[{\"id\": \"a\", \"bogus\": 1}]", "bogus"),
        (b"[1, 2]", "第1个"),
        (
            "[{\"id\":\"\u{4e00}\",\"birth_date\":\"2003-02-30\"}]".as_bytes(),
            "birth_date",
        ),
        (b"[{\"id\": 5}]", "id"),
        (&[0xb0, 0xb8, 0xc0, 0xfd], "UTF-8"),
        (&[b'['; 200], "案例文件"),
    ];
    for (bytes, expect) in cases {
        cat.check(Input::Cases(bytes.to_vec()), expect);
    }
    cat.check(
        Input::Args(&["recommend", "--cases", "{tmp}/无此案例.json"]),
        "无此案例.json",
    );

    // ---- Command-line arguments and the database path ----
    cat.check(Input::Args(&["importt"]), "importt");
    cat.check(Input::Args(&["import"]), "参数");
    cat.check(
        Input::Args(&["import", "a.xlsx", "--frobnicate"]),
        "--frobnicate",
    );
    cat.check(Input::Args(&["rates", "--year", "很多"]), "很多");
    cat.check(
        Input::Args(&["import", "{tmp}/ok.xlsx", "--db", "{tmp}"]),
        "<tmp>",
    );
    std::fs::write(cat.dir.path().join("not-a-db.db"), "这不是数据库").unwrap();
    cat.check(
        Input::Args(&["import", "{tmp}/ok.xlsx", "--db", "{tmp}/not-a-db.db"]),
        "not-a-db.db",
    );

    assert!(cat.problems.is_empty(), "{}", cat.problems.join("\n"));
    assert!(cat.seen.len() >= 40, "{} cases", cat.seen.len());
    insta::assert_snapshot!("catalogue", cat.seen.join("\n"));
}

/// Rare characters of CJK Extension B are real names (e.g. 𠀾): imported exactly as typed.
#[test]
fn cjk_extension_b_names_import_intact() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("office.db");
    xianjie::service::demo::college::create(&db, "目录测试").unwrap();
    let branch = branch_names()[0].clone();
    let g = id("11010120030515123");
    let p = dir.path().join("rare.xlsx");
    std::fs::write(&p, book(&[row("𠀾𪚥明", &g, &branch, "2018-05")])).unwrap();
    let mut store = xianjie::store::Store::open(&db).unwrap();
    let rep = xianjie::store::import::import(
        &mut store,
        &p,
        &Default::default(),
        "目录测试",
        &xianjie::Watch::NONE,
    )
    .unwrap();
    assert!(rep.errors.is_empty(), "{:?}", rep.errors);
    assert_eq!(rep.inserted, 1);
    let name: String = store
        .inspect()
        .query_row(
            "SELECT name FROM members WHERE id_number = ?1",
            [g.as_str()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(name, "𠀾𪚥明");
}

/// 1,000,000 rows: refused with the import's row limit before the sheet is held in memory.
/// The file is generated here, never committed.
#[test]
fn a_million_rows_are_refused_with_a_limit_message() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("million.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in HEADER.iter().enumerate() {
        ws.write(0, c as u16, *h).unwrap();
    }
    for r in 1..=1_000_000u32 {
        ws.write(r, 0, "王小明").unwrap();
    }
    wb.save(&p).unwrap();
    let db = dir.path().join("office.db");
    let out = Command::new(env!("CARGO_BIN_EXE_xianjie"))
        .arg("import")
        .arg(&p)
        .arg("--db")
        .arg(&db)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        text.contains("million.xlsx") && text.contains("行"),
        "{text}"
    );
}

/// Writes the committed structural fixtures of `fixtures/bad/`:
/// `cargo test --test it write_bad_fixtures -- --ignored`.
#[test]
#[ignore = "generator: run by hand"]
fn write_bad_fixtures() {
    let dir = root().join("fixtures/bad");
    std::fs::create_dir_all(&dir).unwrap();
    let w = |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes).unwrap();
    let branch = branch_names()[0].clone();
    let g = id("11010120030515123");
    w("empty.xlsx", b"");
    let ok = book(&[row("王小明", &g, &branch, "2018-05")]);
    w("truncated.xlsx", &ok[..ok.len() / 2]);
    w(
        "csv-renamed.xlsx",
        "姓名,身份证号,团支部,入团时间\n王小明,110101200305151234,某团支部,2018-05\n".as_bytes(),
    );
    w("encrypted.xlsx", &encrypted());
    let mut wb = Workbook::new();
    wb.add_worksheet();
    w("empty-workbook.xlsx", &wb.save_to_buffer().unwrap());
    let mut wb = Workbook::new();
    let img = Image::new_from_buffer(PNG_1X1).unwrap();
    wb.add_worksheet().insert_image(1, 1, &img).unwrap();
    w("image-only.xlsx", &wb.save_to_buffer().unwrap());
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let fmt = rust_xlsxwriter::Format::new();
    ws.merge_range(0, 0, 1, 5, "2026届毕业生团员名单", &fmt)
        .unwrap();
    ws.write(2, 0, "王小明").unwrap();
    w("merged-title-only.xlsx", &wb.save_to_buffer().unwrap());
    w("header-only.xlsx", &book(&[]));
    let formulas = book_with(|ws| {
        ws.write(1, 0, "王小明").unwrap();
        ws.write_formula(1, 1, "=CONCATENATE(\"1101012003\",\"0515123\")")
            .unwrap();
        ws.write(1, 2, branch.as_str()).unwrap();
        ws.write_formula(1, 3, "=DATE(2018,5,1)").unwrap();
    });
    w("formulas.xlsx", &formulas);
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in HEADER.iter().enumerate() {
        let h = if c == 0 {
            format!("\u{FEFF}{h}")
        } else {
            h.to_string()
        };
        ws.write(0, c as u16, h).unwrap();
    }
    ws.write(1, 0, "\u{FEFF}王小明").unwrap();
    ws.write(1, 1, "110101200305151230").unwrap();
    ws.write(1, 2, branch.as_str()).unwrap();
    ws.write(1, 3, "2018-05").unwrap();
    w("bom-header.xlsx", &wb.save_to_buffer().unwrap());
    // A .docx is a zip too, without a workbook inside.
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    z.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    std::io::Write::write_all(&mut z, b"<w:document/>").unwrap();
    w("roster.docx", &z.finish().unwrap().into_inner());
    let mut junk = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    junk.extend((0..504u32).map(|i| (i * 7 % 251) as u8));
    w("random.xls", &junk);
    w("gbk.xls", &gbk_xls());
}

/// The structure Office gives a workbook with an open password: an OLE compound file with
/// `EncryptionInfo` and `EncryptedPackage` streams (the content here is filler).
fn encrypted() -> Vec<u8> {
    let mut c = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
    for (name, len) in [("/EncryptionInfo", 200usize), ("/EncryptedPackage", 4096)] {
        let mut s = c.create_stream(name).unwrap();
        let bytes: Vec<u8> = (0..len).map(|i| (i * 31 % 256) as u8).collect();
        std::io::Write::write_all(&mut s, &bytes).unwrap();
    }
    c.flush().unwrap();
    c.into_inner().into_inner()
}

/// An Excel 95 (BIFF5) workbook saved by Chinese Windows: 8-bit strings in code page 936
/// (GBK). Header and one row whose ID number is invalid, so the row error shows the text was
/// decoded.
fn gbk_xls() -> Vec<u8> {
    fn rec(out: &mut Vec<u8>, typ: u16, data: &[u8]) {
        out.extend(typ.to_le_bytes());
        out.extend((data.len() as u16).to_le_bytes());
        out.extend(data);
    }
    fn bof(kind: u16) -> Vec<u8> {
        let mut d = Vec::new();
        d.extend(0x0500u16.to_le_bytes());
        d.extend(kind.to_le_bytes());
        d.extend([0u8; 4]);
        d
    }
    fn label(r: u16, c: u16, gbk: &[u8]) -> Vec<u8> {
        let mut d = Vec::new();
        d.extend(r.to_le_bytes());
        d.extend(c.to_le_bytes());
        d.extend(0x0Fu16.to_le_bytes());
        d.extend((gbk.len() as u16).to_le_bytes());
        d.extend(gbk);
        d
    }
    // GBK bytes of 姓名 身份证号 团支部 入团时间 / 王小明 / 软件工程团支部.
    let cells: [(u16, u16, &[u8]); 8] = [
        (0, 0, &[0xD0, 0xD5, 0xC3, 0xFB]),
        (0, 1, &[0xC9, 0xED, 0xB7, 0xDD, 0xD6, 0xA4, 0xBA, 0xC5]),
        (0, 2, &[0xCD, 0xC5, 0xD6, 0xA7, 0xB2, 0xBF]),
        (0, 3, &[0xC8, 0xEB, 0xCD, 0xC5, 0xCA, 0xB1, 0xBC, 0xE4]),
        (1, 0, &[0xCD, 0xF5, 0xD0, 0xA1, 0xC3, 0xF7]),
        (1, 1, b"110101200305151230"),
        (1, 2, &[0xCD, 0xC5, 0xD6, 0xA7, 0xB2, 0xBF]),
        (1, 3, b"2018-05"),
    ];
    let mut sheet = Vec::new();
    rec(&mut sheet, 0x0809, &bof(0x0010));
    for (r, c, t) in cells {
        rec(&mut sheet, 0x0204, &label(r, c, t));
    }
    rec(&mut sheet, 0x000A, &[]);
    // Globals: BOF, CODEPAGE 936, BOUNDSHEET (offset patched), EOF.
    let mut globals = Vec::new();
    rec(&mut globals, 0x0809, &bof(0x0005));
    rec(&mut globals, 0x0042, &936u16.to_le_bytes());
    let name = b"Sheet1";
    // BOUNDSHEET: record header, offset, visibility, type, name length, name; then EOF.
    let sheet_offset = (globals.len() + 4 + 7 + name.len() + 4) as u32;
    let mut bs = Vec::new();
    bs.extend(sheet_offset.to_le_bytes());
    bs.extend([0u8, 0u8]);
    bs.push(name.len() as u8);
    bs.extend(name);
    rec(&mut globals, 0x0085, &bs);
    rec(&mut globals, 0x000A, &[]);
    globals.extend(sheet);
    let mut c = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
    let mut s = c.create_stream("/Book").unwrap();
    std::io::Write::write_all(&mut s, &globals).unwrap();
    drop(s);
    c.flush().unwrap();
    c.into_inner().into_inner()
}

/// A 1×1 transparent PNG.
const PNG_1X1: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
];
