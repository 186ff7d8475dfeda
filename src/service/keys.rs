//! The keys that protect packages (issue 25), kept like the data: the secret halves are files
//! in the data folder's `keys/` (beside the database; 0700, each file 0600 on Unix, the
//! per-user folder on Windows), never in the database — a college's package *is* its database
//! — and never printed (fingerprints only). The public halves and the school's register of
//! its colleges' keys are in the store (`store::keys`), audited.
//!
//! - The school's key pair (`school.key`, age X25519): created once (`xianjie school key
//!   create`); colleges seal their packages to its public text (`age1…`).
//! - A college's signing key (`college.key`, Ed25519): created at its first export.
//!
//! Both ride in the passphrase-protected backup (`service::backup`) and nowhere else.

use super::{Context, Paths};
use crate::seal::{qr_png, qr_svg, CollegeKey, SchoolKey, SchoolRecipient};
use crate::store::keys::{CollegeKeyRecord, KeyRole, OwnKey};
use crate::{files, Error, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The folder under the data folder.
pub const KEYS_DIR: &str = "keys";
/// The school's secret key file.
pub const SCHOOL_KEY_FILE: &str = "school.key";
/// The college's signing key file.
pub const COLLEGE_KEY_FILE: &str = "college.key";

/// The key files a protected backup carries, by their name under `keys/`.
pub(crate) const KEY_FILES: [&str; 2] = [SCHOOL_KEY_FILE, COLLEGE_KEY_FILE];

/// `<data folder>/keys`.
pub fn keys_dir(paths: &Paths) -> PathBuf {
    paths.data_dir.join(KEYS_DIR)
}

fn io_failed(what: &str, path: &Path, e: &std::io::Error) -> Error {
    Error::storage(format!(
        "{what} {}：{}",
        path.display(),
        crate::error::io_reason(e)
    ))
}

/// Creates `dir` private to the user (0700 on Unix; on Windows the per-user data folder's ACL).
fn private_dir(dir: &Path) -> Result<()> {
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir)
        .map_err(|e| io_failed("无法创建密钥文件夹", dir, &e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
            .map_err(|e| io_failed("无法设置密钥文件夹权限", dir, &e))?;
    }
    Ok(())
}

/// A key file's text: comment lines saying what it is (public facts only), then the secret.
fn key_text(title: &str, fingerprint: &str, secret: &str) -> String {
    format!(
        "# 学社衔接助手 {title}：只存放在本机，勿外传、勿打印、勿发给任何人\n# 公钥指纹：{fingerprint}\n{secret}\n"
    )
}

/// The secret line of a key file (comments and blank lines skipped).
fn secret_of(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// Writes a key file whole (0600), in `keys/`.
pub(crate) fn write_key_file(paths: &Paths, name: &str, text: &str) -> Result<PathBuf> {
    let dir = keys_dir(paths);
    private_dir(&dir)?;
    let path = dir.join(name);
    files::write_private(&path, text.as_bytes())?;
    Ok(path)
}

/// A key file's bytes, `None` when absent.
pub(crate) fn read_key_file(paths: &Paths, name: &str) -> Result<Option<Vec<u8>>> {
    let path = keys_dir(paths).join(name);
    match std::fs::read(&path) {
        Ok(b) => Ok(Some(b)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io_failed("无法读取密钥文件", &path, &e)),
    }
}

/// Moves a key file aside (`<name>.<UTC stamp>.old`), never deleting a secret that may
/// still open a package on its way.
pub(crate) fn keep_aside(paths: &Paths, name: &str) -> Result<Option<String>> {
    let dir = keys_dir(paths);
    let path = dir.join(name);
    if !path.exists() {
        return Ok(None);
    }
    let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S%.f");
    let aside = format!("{name}.{stamp}.old");
    std::fs::rename(&path, dir.join(&aside))
        .map_err(|e| io_failed("无法保留原密钥文件", &path, &e))?;
    Ok(Some(aside))
}

/// The school's secret key on this PC, if any.
pub(crate) fn load_school_key(paths: &Paths) -> Result<Option<SchoolKey>> {
    read_key_file(paths, SCHOOL_KEY_FILE)?
        .map(|b| {
            SchoolKey::from_secret_text(&secret_of(&String::from_utf8_lossy(&b))).map_err(|e| {
                Error::storage(format!(
                    "学校私钥文件 {} 已损坏：{}",
                    keys_dir(paths).join(SCHOOL_KEY_FILE).display(),
                    e.message
                ))
            })
        })
        .transpose()
}

/// The college's signing key on this PC, if any.
pub(crate) fn load_college_key(paths: &Paths) -> Result<Option<CollegeKey>> {
    read_key_file(paths, COLLEGE_KEY_FILE)?
        .map(|b| {
            CollegeKey::from_secret_text(&secret_of(&String::from_utf8_lossy(&b))).map_err(|e| {
                Error::storage(format!(
                    "学院签名私钥文件 {} 已损坏：{}",
                    keys_dir(paths).join(COLLEGE_KEY_FILE).display(),
                    e.message
                ))
            })
        })
        .transpose()
}

/// The school's public key, or why there is none on this PC.
pub(crate) fn school_recipient(ctx: &Context) -> Result<SchoolRecipient> {
    match load_school_key(ctx.paths())? {
        Some(k) => Ok(k.recipient()),
        None => Err(no_school_key(ctx)),
    }
}

fn no_school_key(ctx: &Context) -> Error {
    let lost = ctx
        .store()
        .own_key(KeyRole::School)
        .ok()
        .flatten()
        .map(|k| {
            format!(
                "本校曾创建密钥（指纹 {}），但本机找不到私钥文件：请从口令保护的备份中恢复（xianjie backup import），或创建新密钥后请各学院改用新公钥重新导出。",
                k.fingerprint
            )
        })
        .unwrap_or_default();
    Error::invalid(format!(
        "本机还没有学校密钥，无法打开加密的数据包。{lost}创建：xianjie school key create（或“学院数据”页的“创建本校密钥”），再把公钥发给各学院"
    ))
}

/// The college's signing key, created (and its public half recorded) at the first export.
/// Returns the key and, when one was created, the fingerprint of the key the store says this
/// college had before (its file gone: the school will refuse until it accepts the new one).
pub(crate) fn college_key_for_export(ctx: &mut Context) -> Result<(CollegeKey, Option<Created>)> {
    if let Some(k) = load_college_key(ctx.paths())? {
        return Ok((k, None));
    }
    let key = CollegeKey::generate();
    let public = key.public();
    let before = ctx.store().own_key(KeyRole::College)?;
    write_key_file(
        ctx.paths(),
        COLLEGE_KEY_FILE,
        &key_text(
            "学院签名私钥（导出数据包时签名）",
            &public.fingerprint(),
            &key.secret_text(),
        ),
    )?;
    let op = ctx.operator().to_string();
    ctx.store_mut().set_own_key(
        &OwnKey {
            role: KeyRole::College,
            public_key: public.text(),
            fingerprint: public.fingerprint(),
            created_at: crate::store::audit::now(),
        },
        &op,
    )?;
    Ok((
        key,
        Some(Created {
            lost: before.map(|b| b.fingerprint),
        }),
    ))
}

/// A signing key made at this export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Created {
    /// The fingerprint of the key recorded before whose file was missing.
    pub lost: Option<String>,
}

/// The school's key as both doors show it (never the secret).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SchoolKeyView {
    /// A key file is on this PC.
    pub exists: bool,
    /// `age1…`: what colleges export to.
    pub recipient: Option<String>,
    /// Four groups of five characters, read over the phone.
    pub fingerprint: Option<String>,
    /// The QR code of `recipient` (SVG), for the page.
    pub qr_svg: Option<String>,
    /// A key the store says this school had whose file is gone (its fingerprint), if any.
    pub lost: Option<String>,
}

/// 本校密钥: the public key and its fingerprint (`xianjie school key show`).
pub fn school_key(ctx: &Context) -> Result<SchoolKeyView> {
    let recorded = ctx.store().own_key(KeyRole::School)?;
    match load_school_key(ctx.paths())? {
        Some(k) => {
            let r = k.recipient();
            Ok(SchoolKeyView {
                exists: true,
                qr_svg: Some(qr_svg(&r.text())?),
                recipient: Some(r.text()),
                fingerprint: Some(r.fingerprint()),
                lost: recorded
                    .filter(|o| o.fingerprint != r.fingerprint())
                    .map(|o| o.fingerprint),
            })
        }
        None => Ok(SchoolKeyView {
            exists: false,
            recipient: None,
            fingerprint: None,
            qr_svg: None,
            lost: recorded.map(|o| o.fingerprint),
        }),
    }
}

/// 创建本校密钥.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CreateSchoolKey {
    /// Replace the key this PC has (colleges must then export to the new one).
    pub replace: bool,
}

/// What creating the school key did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SchoolKeyCreated {
    pub key: SchoolKeyView,
    /// The fingerprint of the key replaced (`--replace`), kept aside as `keys/<file>.old`.
    pub replaced: Option<String>,
    /// What the office must do now, in words.
    pub message: String,
}

/// `xianjie school key create [--replace]`: the school's key pair, made once. Refuses to
/// replace an existing key unless asked; a replacement is audited, the old key file kept
/// aside (it still opens packages sealed to it), and the message says that every college
/// must export again to the new public key.
pub fn create_school_key(ctx: &mut Context, params: &CreateSchoolKey) -> Result<SchoolKeyCreated> {
    let paths = ctx.paths().clone();
    let old = load_school_key(&paths)?;
    if let (Some(o), false) = (&old, params.replace) {
        return Err(Error::conflict(format!(
            "本机已有学校密钥（指纹 {}），未覆盖。若确需更换（例如私钥可能已泄露），用 xianjie school key create --replace；更换后各学院必须改用新公钥重新导出数据包",
            o.recipient().fingerprint()
        )));
    }
    let key = SchoolKey::generate();
    let r = key.recipient();
    if old.is_some() {
        keep_aside(&paths, SCHOOL_KEY_FILE)?;
    }
    write_key_file(
        &paths,
        SCHOOL_KEY_FILE,
        &key_text(
            "学校私钥（打开各学院的数据包）",
            &r.fingerprint(),
            &key.secret_text(),
        ),
    )?;
    let op = ctx.operator().to_string();
    ctx.store_mut().set_own_key(
        &OwnKey {
            role: KeyRole::School,
            public_key: r.text(),
            fingerprint: r.fingerprint(),
            created_at: crate::store::audit::now(),
        },
        &op,
    )?;
    let replaced = old.map(|o| o.recipient().fingerprint());
    let message = match &replaced {
        Some(fp) => format!(
            "已更换学校密钥：新公钥指纹 {}（原指纹 {fp} 的私钥已另存，仍可打开按原公钥加密的数据包）。请把新公钥发给各学院：各学院必须改用新公钥重新导出数据包",
            r.fingerprint()
        ),
        None => format!(
            "已创建学校密钥：公钥指纹 {}。请把公钥（或二维码）发给各学院，并与学院电话核对指纹。私钥只保存在本机的数据文件夹中，请用口令保护的备份保存一份：私钥丢失后，各学院必须改用新公钥重新导出",
            r.fingerprint()
        ),
    };
    Ok(SchoolKeyCreated {
        key: school_key(ctx)?,
        replaced,
        message,
    })
}

/// `xianjie school key show --qr FILE`: the public key as a QR picture (`.png`, else SVG).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SchoolKeyQr {
    pub out: String,
}

/// Writes the school's public key as a QR code to `params.out`; returns the path.
pub fn school_key_qr(ctx: &Context, params: &SchoolKeyQr) -> Result<String> {
    let r = school_recipient(ctx)?;
    let out = Path::new(&params.out);
    let png = out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("png"));
    let bytes = if png {
        qr_png(&r.text())?
    } else {
        qr_svg(&r.text())?.into_bytes()
    };
    files::write_output(out, &bytes)?;
    Ok(params.out.clone())
}

/// A college's signing key as the school registered it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CollegeKeyView {
    pub college: String,
    pub fingerprint: String,
    /// 首次导入时登记 / 已接受（尚未收到该密钥签名的数据包） / 已接受.
    pub status: String,
    /// When a package signed by it was first imported (the office's local time), or empty.
    pub first_seen: String,
    /// Who accepted it, or empty (registered on first use).
    pub accepted_by: String,
}

impl From<&CollegeKeyRecord> for CollegeKeyView {
    fn from(k: &CollegeKeyRecord) -> Self {
        let status = match (&k.accepted_by, &k.public_key) {
            (None, _) => "首次导入时登记",
            (Some(_), None) => "已接受（尚未收到该密钥签名的数据包）",
            (Some(_), Some(_)) => "已接受",
        };
        Self {
            college: k.college.clone(),
            fingerprint: k.fingerprint.clone(),
            status: status.into(),
            first_seen: k
                .first_seen
                .as_deref()
                .map(crate::time::list_time)
                .unwrap_or_default(),
            accepted_by: k.accepted_by.clone().unwrap_or_default(),
        }
    }
}

/// The colleges' signing keys the school registered (`xianjie school key list`).
pub fn college_keys(ctx: &Context) -> Result<Vec<CollegeKeyView>> {
    Ok(ctx
        .store()
        .college_keys()?
        .iter()
        .map(CollegeKeyView::from)
        .collect())
}

/// 接受学院的新签名密钥.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AcceptCollegeKey {
    /// The college committee's full name, as its packages give it.
    pub college: String,
    /// The new key's fingerprint, as read with the college by phone.
    pub fingerprint: String,
}

/// `xianjie school key accept --college 名称 --fingerprint XXXXX-…`: the school accepts a
/// college's new signing key (after reading its fingerprint with the college by phone); the
/// next package signed by it is imported. Audited.
pub fn accept_college_key(ctx: &mut Context, params: &AcceptCollegeKey) -> Result<CollegeKeyView> {
    let fingerprint = normalise_fingerprint(&params.fingerprint);
    let op = ctx.operator().to_string();
    let k = ctx
        .store_mut()
        .accept_college_key(&params.college, &fingerprint, &op)?;
    Ok(CollegeKeyView::from(&k))
}

/// A fingerprint as typed (spaces, lower case, without dashes, O for 0 …) in its written form.
pub fn normalise_fingerprint(text: &str) -> String {
    let chars: String = text
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| match c.to_ascii_uppercase() {
            // Crockford's reading of the letters it leaves out.
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        })
        .collect();
    if chars.len() != 20 {
        return text.trim().to_string();
    }
    chars
        .as_bytes()
        .chunks(5)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

/// What the 学院数据 page shows of the keys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PackageKeys {
    pub school: SchoolKeyView,
    /// This college's signing key's fingerprint (none before its first export).
    pub college_signing: Option<String>,
    /// The school key this college last exported to (`age1…`) and its fingerprint.
    pub recipient: Option<String>,
    pub recipient_fingerprint: Option<String>,
    /// The colleges' keys the school registered.
    pub colleges: Vec<CollegeKeyView>,
}

/// The keys of the 学院数据 page: the school's, this college's, the remembered recipient and
/// the register.
pub fn package_keys(ctx: &Context) -> Result<PackageKeys> {
    let recipient = ctx.store().package_recipient()?;
    Ok(PackageKeys {
        school: school_key(ctx)?,
        college_signing: load_college_key(ctx.paths())?.map(|k| k.public().fingerprint()),
        recipient_fingerprint: recipient.as_ref().map(|r| r.fingerprint.clone()),
        recipient: recipient.map(|r| r.recipient),
        colleges: college_keys(ctx)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_read_as_typed() {
        assert_eq!(
            normalise_fingerprint(" csm7n bfrca-yqev4 fr65r "),
            "CSM7N-BFRCA-YQEV4-FR65R"
        );
        assert_eq!(
            normalise_fingerprint("CSM7NBFRCAYQEV4FR65R"),
            "CSM7N-BFRCA-YQEV4-FR65R"
        );
        assert_eq!(
            normalise_fingerprint("o0ooo-11111-11111-11111"),
            "00000-11111-11111-11111"
        );
        assert_eq!(normalise_fingerprint("short"), "short");
    }

    #[test]
    fn a_key_file_holds_comments_and_one_secret() {
        let k = SchoolKey::generate();
        let text = key_text("学校私钥", &k.recipient().fingerprint(), &k.secret_text());
        assert!(text.starts_with("# "));
        let again = SchoolKey::from_secret_text(&secret_of(&text)).unwrap();
        assert_eq!(again.recipient(), k.recipient());
    }
}
