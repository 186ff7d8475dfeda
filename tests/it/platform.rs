//! What differs between Linux and Windows, through the `xianjie` program: paths named in
//! Chinese, with spaces and long names; CSV in the encodings Excel writes; the letter font
//! shipped as a file; and on Windows the per-user data folder and a file that Excel holds
//! open. (A reader closing the pipe early: `roster::output_into_a_closed_pipe_is_success`.) scripts/windows.sh runs this module under Wine, once with
//! the program cargo built and once with the installed one (`XIANJIE_EXE`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const OP: &str = "测试员";
const COLLEGE: &str = "共青团星河大学信息工程学院委员会";

/// The program under test: `XIANJIE_EXE` (an installed copy), else the one cargo built.
fn exe() -> PathBuf {
    std::env::var_os("XIANJIE_EXE")
        .filter(|v| !v.is_empty())
        .map_or_else(
            || PathBuf::from(env!("CARGO_BIN_EXE_xianjie")),
            PathBuf::from,
        )
}

fn xianjie(db: &Path) -> Command {
    let mut c = Command::new(exe());
    c.arg("--db")
        .arg(db)
        .env("XIANJIE_OPERATOR", OP)
        .env_remove("XIANJIE_DB")
        .env_remove("XIANJIE_FONT");
    c
}

fn run(c: &mut Command) -> Output {
    c.stdin(Stdio::null()).output().unwrap()
}

fn text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr)
}

#[track_caller]
fn ok(c: &mut Command) -> String {
    let o = run(c);
    assert!(o.status.success(), "{c:?}:\n{}", text(&o));
    text(&o)
}

/// A folder whose every level has Chinese characters and spaces, two of them long names.
fn awkward_dir(base: &Path) -> PathBuf {
    let d = base
        .join("团委 工作 资料")
        .join("2026 届毕业生 学社衔接（信息工程学院 团总支 办公室 共用 文件夹）")
        .join("导出 文件");
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The demo college, created by the library (the same schema the program reads).
fn demo_db(dir: &Path) -> PathBuf {
    let db = dir.join("星河 大学 团委 数据库.db");
    xianjie::service::demo::college::create(&db, OP).unwrap();
    db
}

fn set_issuer(db: &Path) {
    ok(xianjie(db).args([
        "letter",
        "issuer",
        "--org",
        COLLEGE,
        "--phone",
        "027-88880000",
        "--address",
        "星河市大学路1号",
        "--postcode",
        "430072",
        "--handler",
        "李文",
        "--handler-mobile",
        "13800001111",
    ]));
}

/// (member number, name) of the first `n` 2026 graduates.
fn graduates(db: &Path, n: usize) -> Vec<(i64, String)> {
    let s = xianjie::store::Store::open(db).unwrap();
    let on = chrono::NaiveDate::from_ymd_opt(2026, 6, 15).unwrap();
    s.graduates(2026, on)
        .unwrap()
        .into_iter()
        // Members only: someone who left the league (or never joined) gets no letter (R12).
        .filter(|g| xianjie::service::letters::register::not_a_member(&g.member, on).is_none())
        .take(n)
        .map(|g| (g.member.id, g.member.name))
        .collect()
}

fn registered_names(db: &Path) -> Vec<String> {
    let out = ok(xianjie(db).args(["letter", "list", "--json"]));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|l| l["member_name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn every_output_under_chinese_paths_with_spaces_and_long_names() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = awkward_dir(tmp.path());
    let db = dir.join("团委 数据库（2026 届 毕业生 学社衔接 工作 用）.db");
    ok(xianjie(&db).arg("demo"));

    // Rosters under such a path: the messy one is refused naming the file, the demo one reads.
    let messy = dir.join("团员 名单（信息工程学院 2026 届 原始 导出）.xlsx");
    std::fs::copy(
        crate::root().join("fixtures/roster/messy-roster.xlsx"),
        &messy,
    )
    .unwrap();
    let o = run(xianjie(&db).args(["import", "--dry-run"]).arg(&messy));
    // 3: the roster was read and has errors (each named by row and column).
    assert_eq!(o.status.code(), Some(3), "{}", text(&o));
    assert!(
        text(&o).contains(&messy.display().to_string()),
        "{}",
        text(&o)
    );
    let roster = dir.join("团员 名单 演示.xls");
    std::fs::copy(crate::root().join("fixtures/demo/demo-roster.xls"), &roster).unwrap();
    ok(xianjie(&db).args(["import", "--dry-run"]).arg(&roster));

    for form in ["f1", "f2", "f3", "f4", "f5", "f6"] {
        let out = dir.join(format!(
            "{} 汇总表（星河大学 信息工程学院 2026 届 毕业生）.xlsx",
            form.to_uppercase()
        ));
        ok(xianjie(&db)
            .args([
                "table",
                form,
                "--year",
                "2026",
                "--on",
                "2026-06-15",
                "--out",
            ])
            .arg(&out));
        assert_eq!(&std::fs::read(&out).unwrap()[..2], b"PK", "{form}");
    }

    set_issuer(&db);
    let csv = dir.join("批量 开具.csv");
    let rows: Vec<String> = graduates(&db, 2)
        .iter()
        .map(|(id, _)| format!("{id},共青团某某市某某区委员会,毕业"))
        .collect();
    std::fs::write(&csv, rows.join("\n")).unwrap();
    let letters = dir.join("介绍信 每人一份（2026 届 第一批）");
    ok(xianjie(&db)
        .args(["letter", "batch", "--issuer", COLLEGE, "--csv"])
        .arg(&csv)
        .arg("--dir")
        .arg(&letters));
    let pdfs: Vec<_> = std::fs::read_dir(&letters).unwrap().collect();
    assert_eq!(pdfs.len(), 2);
    let one = dir.join("介绍信 合并 打印 用.pdf");
    ok(xianjie(&db)
        .args(["letter", "print", "--issuer", COLLEGE, "--year"])
        .arg(chrono::Datelike::year(&chrono::Local::now()).to_string())
        .arg("--out")
        .arg(&one));
    assert_eq!(&std::fs::read(&one).unwrap()[..4], b"%PDF");

    let list = dir.join("2026 届 毕业生 名单.csv");
    ok(xianjie(&db)
        .args(["graduates", "--year", "2026", "--on", "2026-06-15", "--csv"])
        .arg(&list));
    let bytes = std::fs::read(&list).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "CSV without a UTF-8 BOM"
    );
    let csv_text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(
        csv_text.starts_with("序号,姓名,身份证号,团支部"),
        "{csv_text}"
    );
    assert!(csv_text.contains("\r\n"));

    let exported = dir.join("换电脑 用 的 完整 备份.xianjie");
    let passphrase = dir.join("备份 口令（请 妥善 保管）.txt");
    std::fs::write(&passphrase, "lanshan-qiuyu-tiehe-47\n").unwrap();
    ok(xianjie(&db)
        .args(["backup", "export"])
        .arg(&exported)
        .arg("--passphrase-file")
        .arg(&passphrase));
    let clear = dir.join("换电脑 用 的 完整 备份（不加密）.db");
    ok(xianjie(&db)
        .args(["backup", "export", "--unprotected"])
        .arg(&clear));
    ok(xianjie(&db).args(["backup", "create"]));
    let listed = ok(xianjie(&db).args(["backup", "list"]));
    assert!(listed.contains("手动备份"), "{listed}");
    // No temporary file is left beside any output.
    for e in walk(&dir) {
        let name = e.file_name().unwrap().to_string_lossy().into_owned();
        assert!(!name.ends_with(".tmp"), "left behind: {}", e.display());
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        }
        out.push(p);
    }
    out
}

/// Excel on a Chinese Windows saves "CSV（逗号分隔）" in GBK and "CSV UTF-8" with a BOM;
/// "Unicode 文本" is UTF-16 with tabs. Each gives the right names.
#[test]
fn letter_batches_from_csv_in_the_encodings_excel_writes() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = awkward_dir(tmp.path());
    let db = demo_db(&dir);
    set_issuer(&db);
    let people = graduates(&db, 6);
    let line = |(id, _): &(i64, String), sep: &str| {
        [
            id.to_string(),
            "共青团某某市某某区委员会".into(),
            "毕业".into(),
        ]
        .join(sep)
    };
    let header = ["团员", "转入团委全称", "转接原因"];
    let gbk = {
        let t = std::iter::once(header.join(","))
            .chain(people[0..2].iter().map(|p| line(p, ",")))
            .collect::<Vec<_>>()
            .join("\r\n");
        let (bytes, _, bad) = encoding_rs::GBK.encode(&t);
        assert!(!bad);
        bytes.into_owned()
    };
    let utf8_bom = {
        let t = std::iter::once(header.join(","))
            .chain(people[2..4].iter().map(|p| line(p, ",")))
            .collect::<Vec<_>>()
            .join("\r\n");
        [b"\xEF\xBB\xBF".as_slice(), t.as_bytes()].concat()
    };
    let utf16 = {
        let t = std::iter::once(header.join("\t"))
            .chain(people[4..6].iter().map(|p| line(p, "\t")))
            .collect::<Vec<_>>()
            .join("\r\n");
        let mut b = vec![0xFF, 0xFE];
        b.extend(t.encode_utf16().flat_map(u16::to_le_bytes));
        b
    };
    for (k, bytes) in [gbk, utf8_bom, utf16].into_iter().enumerate() {
        let csv = dir.join(format!("名单 {k}.csv"));
        std::fs::write(&csv, bytes).unwrap();
        ok(xianjie(&db)
            .args(["letter", "batch", "--issuer", COLLEGE, "--csv"])
            .arg(&csv)
            .arg("--out")
            .arg(dir.join(format!("介绍信 {k}.pdf"))));
    }
    let mut want: Vec<String> = people.into_iter().map(|(_, n)| n).collect();
    let mut got = registered_names(&db);
    want.sort();
    got.sort();
    assert_eq!(got, want);
}

/// Without its font file a letter is refused in Chinese, and nothing is registered.
#[test]
fn a_missing_letter_font_is_reported_and_nothing_is_registered() {
    let tmp = tempfile::tempdir().unwrap();
    let db = demo_db(tmp.path());
    set_issuer(&db);
    let (id, _) = graduates(&db, 1).remove(0);
    let o = run(xianjie(&db)
        .env("XIANJIE_FONT", tmp.path().join("无此字体.otf"))
        .args(["letter", "issue", "--member"])
        .arg(id.to_string())
        .args([
            "--issuer",
            COLLEGE,
            "--to",
            "共青团某某区委员会",
            "--reason",
            "毕业",
        ])
        .arg("--out")
        .arg(tmp.path().join("介绍信.pdf")));
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let msg = text(&o);
    assert!(
        msg.contains("未找到介绍信字体") && msg.contains("重新安装"),
        "{msg}"
    );
    assert!(registered_names(&db).is_empty());
    assert!(!tmp.path().join("介绍信.pdf").exists());
}

/// Windows keeps the office's data in the per-user application-data folder, whose inherited
/// ACL gives access to that user (and SYSTEM and administrators) only: the counterpart of
/// the database's mode 0600 on Unix (SECURITY.md).
#[cfg(windows)]
#[test]
fn data_lives_in_the_per_user_application_data_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let appdata = tmp.path().join("用户 Roaming");
    std::fs::create_dir_all(&appdata).unwrap();
    let o = run(Command::new(exe())
        .args(["graduates", "--year", "2026"])
        .env("APPDATA", &appdata)
        .env("XIANJIE_OPERATOR", OP)
        .env_remove("XIANJIE_DB"));
    assert!(o.status.success(), "{}", text(&o));
    assert!(appdata.join("xianjie").join("xianjie.db").is_file());
    // What the program uses by default: inside the user's own profile.
    let default = xianjie::store::default_path().unwrap();
    let roaming = PathBuf::from(std::env::var_os("APPDATA").unwrap());
    assert_eq!(default, roaming.join("xianjie").join("xianjie.db"));
    let profile = PathBuf::from(std::env::var_os("USERPROFILE").unwrap());
    assert!(default.starts_with(&profile), "{}", default.display());
}

/// A table, letter or CSV written over a file Excel holds open (Excel opens with read and
/// write access, sharing reads only) is refused in Chinese and the file is left as it was;
/// a roster open in Excel can still be read, one opened exclusively is refused in Chinese.
#[cfg(windows)]
#[test]
fn files_held_open_by_excel() {
    use std::fs::OpenOptions;
    use std::os::windows::fs::OpenOptionsExt;
    const FILE_SHARE_READ: u32 = 1;
    let tmp = tempfile::tempdir().unwrap();
    let dir = awkward_dir(tmp.path());
    let db = demo_db(&dir);
    set_issuer(&db);

    let f1 = dir.join("F1 汇总表.xlsx");
    let pdf = dir.join("介绍信.pdf");
    let csv = dir.join("毕业生.csv");
    let (id, _) = graduates(&db, 1).remove(0);
    let outputs: [(&Path, Vec<String>); 3] = [
        (
            &f1,
            vec!["table".into(), "f1".into(), "--year".into(), "2026".into()],
        ),
        (
            &pdf,
            [
                "letter",
                "issue",
                "--member",
                &id.to_string(),
                "--issuer",
                COLLEGE,
            ]
            .into_iter()
            .chain(["--to", "共青团某某区委员会", "--reason", "毕业"])
            .map(String::from)
            .collect(),
        ),
        (
            &csv,
            ["graduates", "--year", "2026", "--csv"]
                .map(String::from)
                .to_vec(),
        ),
    ];
    for (path, args) in &outputs {
        std::fs::write(path, "之前的内容").unwrap();
        let held = OpenOptions::new()
            .read(true)
            .write(true)
            .share_mode(FILE_SHARE_READ)
            .open(path)
            .unwrap();
        let mut c = xianjie(&db);
        c.args(args);
        if *path != csv.as_path() {
            c.arg("--out");
        }
        c.arg(path);
        let before = registered_names(&db).len();
        let o = run(&mut c);
        let msg = text(&o);
        // Checked before a letter takes its number: a refused write registers nothing.
        assert_eq!(registered_names(&db).len(), before, "{msg}");
        assert_eq!(o.status.code(), Some(1), "{}: {msg}", path.display());
        assert!(
            msg.contains("文件正被其他程序（如 Excel）打开") && msg.contains("未写入任何内容"),
            "{msg}"
        );
        assert!(msg.contains(&path.display().to_string()), "{msg}");
        drop(held);
        assert_eq!(std::fs::read_to_string(path).unwrap(), "之前的内容");
        // Closed in Excel: the same command now replaces it.
        ok(&mut c);
        assert_ne!(std::fs::read(path).unwrap(), "之前的内容".as_bytes());
    }
    assert_eq!(registered_names(&db).len(), 1);
    for e in walk(&dir) {
        let name = e.file_name().unwrap().to_string_lossy().into_owned();
        assert!(!name.ends_with(".tmp"), "left behind: {}", e.display());
    }

    let roster = dir.join("团员 名单.xlsx");
    std::fs::copy(
        crate::root().join("fixtures/demo/demo-roster.xlsx"),
        &roster,
    )
    .unwrap();
    {
        let _excel = OpenOptions::new()
            .read(true)
            .write(true)
            .share_mode(FILE_SHARE_READ)
            .open(&roster)
            .unwrap();
        ok(xianjie(&db).args(["import", "--dry-run"]).arg(&roster));
    }
    {
        let _exclusive = OpenOptions::new()
            .read(true)
            .write(true)
            .share_mode(0)
            .open(&roster)
            .unwrap();
        let o = run(xianjie(&db).args(["import", "--dry-run"]).arg(&roster));
        assert_eq!(o.status.code(), Some(2), "{}", text(&o));
        assert!(
            text(&o).contains("文件正被其他程序（如 Excel）打开"),
            "{}",
            text(&o)
        );
    }
}

/// Issue 23: the program shows the office's local time, never UTC. On Unix chrono reads the
/// zone from `TZ`; a zone it cannot determine is China Standard Time (UTC+8). A backup taken
/// now is named and listed in that time (Windows: the system zone, not set per process).
#[cfg(unix)]
#[test]
fn backups_are_named_and_listed_in_the_office_time() {
    let dir = tempfile::tempdir().unwrap();
    for (tz, hours) in [("Asia/Shanghai", 8), ("UTC", 0), ("Nowhere/Atlantis", 8)] {
        if tz.contains("Shanghai") && !Path::new("/usr/share/zoneinfo/Asia/Shanghai").exists() {
            continue;
        }
        let db = dir.path().join(format!("{}.db", tz.replace('/', "-")));
        let before = chrono::Utc::now();
        let out = ok(xianjie(&db).args(["backup", "create"]).env("TZ", tz));
        let after = chrono::Utc::now();
        // “已备份：<stem>-YYYYMMDD-HHMMSS-manual  YYYY-MM-DD HH:MM  …”
        let shown = |t: chrono::DateTime<chrono::Utc>| {
            (t + chrono::Duration::hours(hours))
                .format("%Y-%m-%d %H:%M")
                .to_string()
        };
        assert!(
            out.contains(&shown(before)) || out.contains(&shown(after)),
            "TZ={tz} (UTC{hours:+}): {out}"
        );
    }
}
