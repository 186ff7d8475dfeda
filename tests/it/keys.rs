//! Issue 25, packages that leave the PC: encrypted to the school, signed by the college. A
//! package opens with the school's key only and shows nothing of its members in clear; the
//! school refuses, before decrypting and with its store unchanged, a package not for it, one
//! whose signature fails (a flipped byte, a re-signed edit) and one from a college whose key
//! changed — until the school accepts the new key (audited). The old clear format is read
//! with a warning for one campaign. Keys are private files; the CLI creates, shows and
//! accepts them.

use crate::bad_input::fingerprint;
use crate::school::{
    college, college_name, export_to, import, key_file, on, open_with_school_key, recipient,
    school, school_db, YEAR,
};
use std::path::Path;
use std::process::{Command, Stdio};
use xianjie::seal::{CollegeKey, SchoolKey, SchoolRecipient};
use xianjie::service::keys::{self, AcceptCollegeKey};
use xianjie::service::package::{self, ExportParams};
use xianjie::service::{Clock, Context, Paths};
use xianjie::store::Store;
use xianjie::ErrorCode;

fn contains(hay: &[u8], needle: &str) -> bool {
    let n = needle.as_bytes();
    !n.is_empty() && hay.windows(n.len()).any(|w| w == n)
}

/// Another school office with the same committee name and a key of its own.
fn other_school(dir: &Path) -> Context {
    school(&dir.join("另一所"))
}

#[test]
fn a_package_opens_only_with_the_schools_key_and_shows_no_member_in_clear() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut c = college(d, 1, 5, 2);
    let s = school(d);
    let file = export_to(&mut c, d, "第1学院.xjpkg", &recipient(&s));
    let bytes = std::fs::read(&file).unwrap();

    // Encrypted: no member's name, ID number or mobile in UTF-8, nor the database or manifest.
    let grads = c.graduates(YEAR, on()).unwrap();
    assert!(!grads.is_empty());
    for g in grads.iter() {
        let m = &g.member;
        assert!(!contains(&bytes, &m.name), "a member's name in clear");
        assert!(
            !contains(&bytes, m.id_number.as_str()),
            "an ID number in clear"
        );
        if let Some(mobile) = &m.mobile {
            assert!(!contains(&bytes, mobile), "a mobile in clear");
        }
        assert!(!contains(&bytes, &g.branch.full_name), "a branch in clear");
    }
    for inner in [
        "SQLite format 3",
        "XIANJIE-PACKAGE",
        "身份证号",
        "\"members\"",
    ] {
        assert!(!contains(&bytes, inner), "{inner} in clear");
    }
    // The clear header names the college (so that its key is checked before decrypting).
    assert!(contains(&bytes, &college_name(1)));

    // Only the school's key opens it.
    assert!(xianjie::seal::open(&bytes, &SchoolKey::generate()).is_err());
    let content = open_with_school_key(&s, &bytes);
    assert!(content.starts_with(b"XIANJIE-PACKAGE 2\n"));
    let opened = xianjie::package::open(&content, "x").unwrap();
    assert_eq!(opened.manifest.format, 2);
    assert_eq!(opened.manifest.college, college_name(1));

    // Another school (its own key) refuses it before decrypting, naming both fingerprints.
    let mut other = other_school(d);
    let db = other.paths().db.clone();
    let before = fingerprint(&db);
    let e = import(&mut other, &file, YEAR).unwrap_err();
    assert_eq!(e.code, ErrorCode::Refused, "{}", e.message);
    let ours = keys::school_key(&s).unwrap().fingerprint.unwrap();
    let theirs = keys::school_key(&other).unwrap().fingerprint.unwrap();
    assert!(
        e.message.contains("不是发给本校")
            && e.message.contains(&ours)
            && e.message.contains(&theirs),
        "{}",
        e.message
    );
    assert_eq!(fingerprint(&db), before);

    // A school without a key says how to make one.
    let mut keyless = Context::open(
        Paths::for_db(&d.join("无密钥").join("s.db")),
        Some("校团委"),
        Clock::Fixed(on()),
    )
    .unwrap();
    let e = import(&mut keyless, &file, YEAR).unwrap_err();
    assert!(e.message.contains("school key create"), "{}", e.message);
}

#[test]
fn a_college_whose_key_changed_is_refused_until_the_school_accepts_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut c = college(d, 1, 5, 2);
    let mut s = school(d);
    let first = export_to(&mut c, d, "第一次.xjpkg", &recipient(&s));
    let registered = import(&mut s, &first, YEAR).unwrap().signed_by.unwrap();
    assert!(registered.registered_now);
    assert_eq!(
        registered.fingerprint,
        key_file::college(&c).public().fingerprint()
    );

    // The college's key file is lost (a new PC, no protected backup): its next export makes
    // a new key, and says the school will refuse it.
    std::fs::remove_file(keys::keys_dir(c.paths()).join("college.key")).unwrap();
    let out = d.join("新密钥.xjpkg");
    let e = package::export(
        &mut c,
        &ExportParams {
            year: YEAR,
            out: out.display().to_string(),
            to: None,
        },
    )
    .unwrap();
    assert!(e.key_created);
    assert!(
        e.warnings
            .iter()
            .any(|w| w.contains(&registered.fingerprint)),
        "{:?}",
        e.warnings
    );
    let new_fp = e.signer_fingerprint.clone();
    assert_ne!(new_fp, registered.fingerprint);

    let db = school_db(d);
    let before = fingerprint(&db);
    let err = import(&mut s, &out, YEAR).unwrap_err();
    assert_eq!(err.code, ErrorCode::Refused, "{}", err.message);
    for says in [&registered.fingerprint, &new_fp, &college_name(1)] {
        assert!(err.message.contains(says.as_str()), "{}", err.message);
    }
    assert!(err.message.contains("school key accept"), "{}", err.message);
    assert_eq!(fingerprint(&db), before, "refused: the store unchanged");
    let change = package::key_change(&s, &out).unwrap().unwrap();
    assert_eq!(
        (change.registered.as_str(), change.offered.as_str()),
        (registered.fingerprint.as_str(), new_fp.as_str())
    );
    // The app's per-file outcome carries it, for its 接受新密钥 button.
    let outcomes =
        xianjie::service::school::import(&mut s, &[out.display().to_string()], YEAR).unwrap();
    assert!(!outcomes[0].ok);
    assert_eq!(outcomes[0].key_change.as_ref(), Some(&change));

    // Accepted after the phone call (typed loosely), audited; then the package is taken.
    let typed = new_fp.to_lowercase().replace('-', " ");
    let k = keys::accept_college_key(
        &mut s,
        &AcceptCollegeKey {
            college: college_name(1),
            fingerprint: typed,
        },
    )
    .unwrap();
    assert_eq!(k.fingerprint, new_fp);
    assert_eq!(k.accepted_by, "校团委");
    let entries = s.testing_store().audit_entries(None).unwrap();
    let accepted = entries
        .iter()
        .find(|e| e.entity == "college_key" && e.action == "accept")
        .unwrap();
    assert_eq!(accepted.operator, "校团委");
    let i = import(&mut s, &out, YEAR).unwrap();
    assert!(i.replaced);
    assert!(!i.signed_by.unwrap().registered_now);
    let held = s
        .testing_store()
        .college_key(&college_name(1))
        .unwrap()
        .unwrap();
    assert_eq!(
        held.public_key,
        Some(key_file::college(&c).public().text()),
        "the accepted key completed by its first package"
    );
    // The old key is no longer the college's.
    let e = import(&mut s, &first, YEAR).unwrap_err();
    assert!(e.message.contains("签名密钥"), "{}", e.message);
    s.testing_store()
        .verify_audit()
        .unwrap()
        .into_result()
        .unwrap();
}

/// Changes a member's name in a package's database, as someone with the content would, and
/// seals it again (a correct SHA-256 seal inside).
fn edited(content: &[u8], dir: &Path) -> Vec<u8> {
    let opened = xianjie::package::open(content, "x").unwrap();
    let db = dir.join("edited.db");
    std::fs::write(&db, opened.db).unwrap();
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute(
        "UPDATE members SET name = '篡改者' WHERE id = (SELECT min(id) FROM members)",
        [],
    )
    .unwrap();
    drop(conn);
    let bytes = std::fs::read(&db).unwrap();
    xianjie::package::seal(&opened.manifest, &bytes).unwrap().0
}

#[test]
fn flipped_resealed_or_foreign_packages_are_refused_with_the_store_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut c = college(d, 1, 5, 2);
    let mut s = school(d);
    let to = recipient(&s);
    let first = export_to(&mut c, d, "第一次.xjpkg", &to);
    import(&mut s, &first, YEAR).unwrap();
    let good = export_to(&mut c, d, "第二次.xjpkg", &to);
    let bytes = std::fs::read(&good).unwrap();

    let db = school_db(d);
    let before = fingerprint(&db);
    let refused = |s: &mut Context, name: &str, file: &[u8], says: &[&str]| {
        let path = d.join(name);
        std::fs::write(&path, file).unwrap();
        let e = import(s, &path, YEAR).unwrap_err();
        assert_eq!(e.code, ErrorCode::Refused, "{name}: {}", e.message);
        for w in says {
            assert!(e.message.contains(w), "{name}: {}", e.message);
        }
    };

    // A flipped byte anywhere: the magic's, the header's, the signature's, the ciphertext's.
    let header_end = bytes.iter().skip(8).position(|&b| b == b'\n').unwrap() + 9;
    for at in [
        20,
        header_end + 3,
        header_end + 140,
        bytes.len() / 2,
        bytes.len() - 1,
    ] {
        let mut t = bytes.clone();
        t[at] ^= 0x01;
        refused(&mut s, &format!("翻转{at}.xjpkg"), &t, &["签名校验未通过"]);
    }

    // Edited, re-sealed (a correct SHA-256), encrypted to the school again and signed by
    // another key: the college's registered key is not the signer.
    let content = open_with_school_key(&s, &bytes);
    let forged = edited(&content, d);
    let school_key = SchoolRecipient::parse(&to).unwrap();
    let intruder = CollegeKey::generate();
    let resigned =
        xianjie::package::wrap(&forged, &school_key, &intruder, &college_name(1)).unwrap();
    refused(
        &mut s,
        "改后重签.xjpkg",
        &resigned,
        &["签名密钥", &intruder.public().fingerprint()],
    );
    // The same edit under the college's name but a college never seen: registered on first
    // use would be wrong — the header and the manifest inside disagree.
    let elsewhere = xianjie::package::wrap(
        &forged,
        &school_key,
        &intruder,
        "共青团示例大学冒名学院委员会",
    )
    .unwrap();
    refused(&mut s, "冒名.xjpkg", &elsewhere, &["不一致"]);
    // The edited content in place of the genuine ciphertext, the college's signature kept.
    let rewrapped = xianjie::package::wrap(
        &forged,
        &school_key,
        &CollegeKey::generate(),
        &college_name(1),
    )
    .unwrap();
    let sig_end = header_end + 129;
    let mut spliced = bytes[..sig_end].to_vec();
    spliced.extend_from_slice(&rewrapped[sig_end..]);
    refused(&mut s, "换密文.xjpkg", &spliced, &["签名校验未通过"]);
    // The edit in the old clear format: the college signs its packages now.
    let mut m = xianjie::package::open(&forged, "x").unwrap().manifest;
    m.format = 1;
    let old = xianjie::package::seal(&m, xianjie::package::open(&forged, "x").unwrap().db)
        .unwrap()
        .0;
    refused(&mut s, "旧格式.xjpkg", &old, &["旧格式", "签名"]);
    // The content alone, in clear under the new format: never accepted unsigned.
    refused(&mut s, "明文.xjpkg", &content, &["没有加密和签名"]);
    // For another school: sealed to its key.
    let other = other_school(d);
    let elsewhere = export_to(&mut c, d, "给别校.xjpkg", &recipient(&other));
    refused(
        &mut s,
        "别校.xjpkg",
        &std::fs::read(elsewhere).unwrap(),
        &["不是发给本校"],
    );

    assert_eq!(
        fingerprint(&db),
        before,
        "a refused package changed the store"
    );
    // The genuine one still imports.
    assert!(import(&mut s, &good, YEAR).unwrap().replaced);
}

#[test]
fn the_old_format_is_read_with_a_warning_for_one_campaign() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut c = college(d, 2, 5, 2);
    let mut s = school(d);
    let sealed = export_to(&mut c, d, "新格式.xjpkg", &recipient(&s));
    let old =
        xianjie_testdata::school::legacy(&std::fs::read(&sealed).unwrap(), &key_file::school(&s))
            .unwrap();
    assert!(old.starts_with(b"XIANJIE-PACKAGE 1\n"));

    // Past the transition campaign: refused.
    let mut m = xianjie::package::open(&old, "x").unwrap().manifest;
    m.year = xianjie::package::LEGACY_LAST_YEAR + 1;
    let late = xianjie::package::seal(&m, xianjie::package::open(&old, "x").unwrap().db)
        .unwrap()
        .0;
    let late_file = d.join("旧格式-晚.xjpkg");
    std::fs::write(&late_file, late).unwrap();
    let e = import(&mut s, &late_file, m.year).unwrap_err();
    assert!(e.message.contains("不再接受"), "{}", e.message);

    let file = d.join("旧格式.xjpkg");
    std::fs::write(&file, &old).unwrap();
    let i = import(&mut s, &file, YEAR).unwrap();
    assert!(i.signed_by.is_none());
    assert!(
        i.warnings.iter().any(|w| w.contains("旧格式")),
        "{:?}",
        i.warnings
    );
    let said = xianjie::service::school::imported_message(&i);
    assert!(said.contains("已导入") && said.contains("旧格式"), "{said}");
    // Its next package is signed: registered then, and the old format refused after it.
    import(&mut s, &sealed, YEAR).unwrap();
    let e = import(&mut s, &file, YEAR).unwrap_err();
    assert!(e.message.contains("已使用签名的数据包"), "{}", e.message);
}

fn cli(db: &Path, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_xianjie"))
        .args(args)
        .env("XIANJIE_DB", db)
        .env("XIANJIE_OPERATOR", "校团委")
        .env("XIANJIE_TODAY", "2026-06-20")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_cli_creates_shows_exports_to_and_accepts_keys() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let db = d.join("school").join("school.db");
    let (ok, out, err) = cli(&db, &["school", "key", "create"]);
    assert!(ok, "{err}");
    let last = out.lines().last().unwrap();
    let r = SchoolRecipient::parse(last).unwrap();
    assert!(
        !out.contains("AGE-SECRET-KEY"),
        "the secret is never printed"
    );
    // Not overwritten unless asked.
    let (ok, _, err) = cli(&db, &["school", "key", "create"]);
    assert!(!ok && err.contains("已有学校密钥"), "{err}");

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let keys = d.join("school").join("keys");
        assert_eq!(mode(&keys), 0o700, "the keys folder");
        assert_eq!(mode(&keys.join("school.key")), 0o600, "the school's key");
    }

    let (ok, out, _) = cli(&db, &["school", "key", "show"]);
    assert!(
        ok && out.contains(&r.fingerprint()) && out.contains(&r.text()),
        "{out}"
    );
    for (name, head) in [("key.png", &b"\x89PNG"[..]), ("key.svg", &b"<?xml"[..])] {
        let qr = d.join(name);
        let (ok, _, err) = cli(
            &db,
            &["school", "key", "show", "--qr", qr.to_str().unwrap()],
        );
        assert!(ok, "{err}");
        assert!(std::fs::read(&qr).unwrap().starts_with(head), "{name}");
    }

    // A college exports to the key in a file, then again without naming it.
    let c = college(d, 3, 5, 2);
    let college_db = c.paths().db.clone();
    let key_txt = d.join("学校公钥.txt");
    std::fs::write(&key_txt, format!("{}\n", r.text())).unwrap();
    let pkg = d.join("第3学院.xjpkg");
    let (ok, out, err) = cli(
        &college_db,
        &[
            "package",
            "export",
            "--year",
            "2026",
            "--to-file",
            key_txt.to_str().unwrap(),
            "--out",
            pkg.to_str().unwrap(),
        ],
    );
    assert!(ok, "{err}");
    let signer = key_file::college(&c).public().fingerprint();
    assert!(
        out.contains(&signer) && out.contains(&r.fingerprint()),
        "{out}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&keys::keys_dir(c.paths()).join("college.key")), 0o600);
        assert_eq!(mode(&pkg), 0o600, "the package");
    }
    let again = d.join("第3学院-再.xjpkg");
    let (ok, _, err) = cli(
        &college_db,
        &[
            "package",
            "export",
            "--year",
            "2026",
            "--out",
            again.to_str().unwrap(),
        ],
    );
    assert!(ok, "remembered: {err}");
    drop(c);

    // The school imports it: the key registered on first use, to be read by phone.
    let s = school_with_committee(&db);
    drop(s);
    let (ok, out, err) = cli(
        &db,
        &["package", "import", "--year", "2026", pkg.to_str().unwrap()],
    );
    assert!(ok, "{err}");
    assert!(out.contains("首次收到") && out.contains(&signer), "{out}");
    let (ok, out, _) = cli(&db, &["school", "key", "list"]);
    assert!(
        ok && out.contains(&signer) && out.contains("首次导入时登记"),
        "{out}"
    );

    // A replaced key is audited, the old one kept aside, and colleges told to re-export.
    let (ok, out, err) = cli(&db, &["school", "key", "create", "--replace"]);
    assert!(ok && err.contains("重新导出"), "{err}");
    let new = SchoolRecipient::parse(out.lines().last().unwrap()).unwrap();
    assert_ne!(new, r);
    let aside = std::fs::read_dir(d.join("school").join("keys"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".old"))
        .count();
    assert_eq!(aside, 1);
    // The package sealed to the old key is now for "another" school.
    let (ok, _, err) = cli(
        &db,
        &[
            "package",
            "import",
            "--year",
            "2026",
            again.to_str().unwrap(),
        ],
    );
    assert!(!ok && err.contains("不是发给本校"), "{err}");

    // Accepting a key by its fingerprint, typed as read.
    let (ok, out, err) = cli(
        &db,
        &[
            "school",
            "key",
            "accept",
            "--college",
            "共青团示例大学第9学院委员会",
            "--fingerprint",
            "csm7n bfrca yqev4 fr65r",
        ],
    );
    assert!(ok, "{err}");
    assert!(out.contains("CSM7N-BFRCA-YQEV4-FR65R"), "{out}");
    let s = Store::open(&db).unwrap();
    let actions: Vec<(String, String)> = s
        .audit_entries(None)
        .unwrap()
        .into_iter()
        .filter(|e| e.entity.ends_with("key"))
        .map(|e| (e.entity, e.action))
        .collect();
    assert_eq!(
        actions,
        [
            ("own_key".to_string(), "create".to_string()),
            ("college_key".into(), "register".into()),
            ("own_key".into(), "replace".into()),
            ("college_key".into(), "accept".into()),
        ]
    );
}

/// Gives the school database at `db` its committee (the colleges' school).
fn school_with_committee(db: &Path) -> Context {
    use xianjie::org::OrgLevel;
    use xianjie::store::NewOrg;
    let mut ctx = Context::open(Paths::for_db(db), Some("校团委"), Clock::Fixed(on())).unwrap();
    ctx.testing_store_mut()
        .create_org(
            &NewOrg::new(
                "共青团示例大学委员会".to_string(),
                OrgLevel::Committee,
                None,
            ),
            "校团委",
        )
        .unwrap();
    ctx
}
