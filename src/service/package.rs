//! The school level (issues 16 and 25): a college exports its campaign as one package
//! ([`crate::package`]) encrypted to its school and signed with its own key
//! (`service::keys`); the school imports its colleges' packages — each kept whole as that
//! college's, a newer one replacing it — and reads across them: rates summed from each
//! college's own numerators and denominators, ID numbers found in two colleges.
//!
//! Both doors call these; what is refused (not for this school, a bad signature, a college
//! key that changed, another school, another year, an older or damaged package, a newer
//! program's) is decided here once.

use super::view::RateNumbers;
use super::{Context, Paths};
use crate::package::{self, Manifest};
use crate::seal::SchoolRecipient;
use crate::store::packages::CollegePackage;
use crate::store::Store;
use crate::transfer::Unit;
use crate::{files, Error, Result};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

/// The top of the org tree: the school committee.
fn school_org(store: &Store) -> Result<crate::org::Org> {
    let roots: Vec<_> = store
        .orgs()?
        .into_iter()
        .filter(|o| o.parent_id.is_none())
        .collect();
    match roots.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(Error::invalid(
            "还没有团组织：请先在“设置”中填写本校团委全称，或导入名单",
        )),
        _ => Err(Error::invalid(format!(
            "组织树有 {} 个最上级团组织（{}），无法确定学校",
            roots.len(),
            roots
                .iter()
                .map(|o| o.full_name.as_str())
                .collect::<Vec<_>>()
                .join("、")
        ))),
    }
}

/// The college a store is: the office's committee below the school, else the school's only
/// child.
fn college_org(ctx: &Context, school: &crate::org::Org) -> Result<crate::org::Org> {
    if let Some(issuer) = super::office::load(ctx)?.issuer {
        if issuer.id != school.id {
            return Ok(issuer);
        }
    }
    let children: Vec<_> = ctx
        .store()
        .orgs()?
        .into_iter()
        .filter(|o| o.parent_id == Some(school.id))
        .collect();
    match children.as_slice() {
        [one] => Ok(one.clone()),
        _ => Err(Error::invalid(format!(
            "无法确定本学院：请在“设置”中填写本学院团委全称（“{}”下有 {} 个团组织）",
            school.full_name,
            children.len()
        ))),
    }
}

/// 导出数据包.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExportParams {
    /// The campaign (cohort) year.
    pub year: i32,
    /// Where the package goes (0600).
    pub out: String,
    /// The school's public key (`age1…`), as the school sent it; `None`: the one this college
    /// exported to last time.
    pub to: Option<String>,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Exported {
    pub path: String,
    /// The SHA-256 of the content inside the envelope (what the school's list shows).
    pub sha256: String,
    pub bytes: u64,
    pub manifest: Manifest,
    /// The school key it is encrypted to: its fingerprint.
    pub recipient_fingerprint: String,
    /// This college's signing key: its fingerprint, to read to the school by phone.
    pub signer_fingerprint: String,
    /// The signing key was made by this export (the college's first).
    pub key_created: bool,
    /// Warnings: a signing key whose file was missing, replaced by a new one.
    pub warnings: Vec<String>,
}

/// 导出数据包: the college's whole store for cohort `year`, sealed (SHA-256 over manifest and
/// database), encrypted to the school's public key `to` (else the one remembered) and signed
/// with the college's key (made at the first export), written to `out` (0600). The key
/// exported to is remembered (audited when it changes).
pub fn export(ctx: &mut Context, params: &ExportParams) -> Result<Exported> {
    let started = std::time::Instant::now();
    let to = match params.to.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        Some(text) => SchoolRecipient::parse(text)?,
        None => match ctx.store().package_recipient()? {
            Some(r) => SchoolRecipient::parse(&r.recipient)?,
            None => {
                return Err(Error::invalid(
                    "请给出学校公钥（以 age1 开头，由校团委提供）：--to 公钥 或 --to-file 文件；之后的导出会记住它",
                ))
            }
        },
    };
    let year = params.year;
    let out = Path::new(&params.out);
    let school = school_org(ctx.store())?;
    let college = college_org(ctx, &school)?;
    let graduates = ctx.graduates(year, ctx.today())?.len() as u64;
    let members = ctx.store().member_count()?;
    let manifest = Manifest {
        format: package::FORMAT,
        program: env!("CARGO_PKG_VERSION").to_string(),
        schema_version: crate::store::latest_version(),
        school: school.full_name,
        college: college.full_name.clone(),
        year,
        exported_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
        members,
        graduates,
        contents: format!(
            "{}的全部数据：组织、{members} 名团员（含身份证号、手机号）、毕业去向与标记、转接记录、介绍信登记簿、操作日志。已加密，只有校团委能打开；仍请只交给校团委",
            college.full_name
        ),
    };
    let (key, created) = super::keys::college_key_for_export(ctx)?;
    let mut warnings = Vec::new();
    if let Some(lost) = created.as_ref().and_then(|c| c.lost.as_ref()) {
        warnings.push(format!(
            "本学院原签名密钥（指纹 {lost}）的私钥文件不在本机，已创建新的签名密钥（指纹 {}）。校团委导入时会拒绝，须电话核对新指纹后接受（xianjie school key accept）；如有口令保护的备份，可先恢复原密钥再导出",
            key.public().fingerprint()
        ));
    }
    let db = ctx.store().to_bytes()?;
    let (content, sha256) = package::seal(&manifest, &db)?;
    let bytes = package::wrap(&content, &to, &key, &manifest.college)?;
    files::write_private(out, &bytes)?;
    let op = ctx.operator().to_string();
    ctx.store_mut()
        .remember_recipient(&to.text(), &to.fingerprint(), &op)?;
    crate::diagnostics::record_long_task("package_export", started.elapsed(), members);
    Ok(Exported {
        path: out.display().to_string(),
        sha256,
        bytes: bytes.len() as u64,
        manifest,
        recipient_fingerprint: to.fingerprint(),
        signer_fingerprint: key.public().fingerprint(),
        key_created: created.is_some(),
        warnings,
    })
}

/// 导入数据包.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportParams {
    pub file: String,
    /// The campaign (cohort) year the school imports for.
    pub year: i32,
}

/// The key that signed an imported package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignedBy {
    pub fingerprint: String,
    /// Registered by this import: the college's first package (trust on first use) — read
    /// the fingerprint with the college by phone.
    pub registered_now: bool,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Imported {
    pub package: CollegePackage,
    /// It replaced the college's earlier package.
    pub replaced: bool,
    /// The same package was imported already: nothing changed.
    pub unchanged: bool,
    /// The signing key (`None`: a format-1 package, unsigned).
    pub signed_by: Option<SignedBy>,
    /// What the school should know (an old-format package).
    pub warnings: Vec<String>,
}

/// A package refused because its college's signing key is not the one registered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct KeyChange {
    pub college: String,
    /// The key registered for the college.
    pub registered: String,
    /// The key that signed the package (what the school may accept after the phone call).
    pub offered: String,
}

/// What the envelope says, checked with public keys only.
struct Envelope {
    college: String,
    signer: crate::seal::CollegePublicKey,
}

/// Prefixes a refusal with the file's name and says nothing was imported.
fn about(name: &str, e: Error) -> Error {
    Error::new(e.code, format!("{name}：{}，未导入", e.message))
}

/// The checks that need no secret, in order: the envelope's signature (a changed byte, a
/// re-signed file), that it was sealed to this school (both fingerprints named), and that the
/// signer is the key registered for the college the header names (or none is yet).
fn check_envelope(
    ctx: &Context,
    bytes: &[u8],
    name: &str,
) -> Result<(Envelope, Option<KeyChange>)> {
    let header = crate::seal::inspect(bytes).map_err(|e| about(name, e))?;
    let school = super::keys::school_recipient(ctx)?;
    header
        .check_recipient(&school)
        .map_err(|e| about(name, e))?;
    let college = header
        .subject
        .clone()
        .filter(|c| !c.trim().is_empty())
        .ok_or_else(|| about(name, Error::refused("数据包头没有写明学院")))?;
    let fingerprint = header.signer.fingerprint();
    let change = ctx
        .store()
        .college_key(&college)?
        .filter(|k| !k.matches(&header.signer.text(), &fingerprint))
        .map(|k| KeyChange {
            college: k.college,
            registered: k.fingerprint,
            offered: fingerprint,
        });
    Ok((
        Envelope {
            college,
            signer: header.signer,
        },
        change,
    ))
}

fn key_changed(name: &str, c: &KeyChange) -> Error {
    Error::refused(format!(
        "{name}：签名密钥与本校为“{}”登记的不同（登记的指纹 {}，该数据包的指纹 {}），未导入。可能是学院换了电脑或重新创建了密钥，也可能是他人冒充：请打电话与该学院核对新指纹，确认后执行 xianjie school key accept --college {} --fingerprint {}（或在“学院数据”页接受新密钥），再导入",
        c.college, c.registered, c.offered, c.college, c.offered
    ))
}

/// For a refused package: whether it was refused because its college's key changed, and
/// which key it offers (the 学院数据 page's 接受新密钥). Reads the file's public header only.
pub fn key_change(ctx: &Context, file: &Path) -> Result<Option<KeyChange>> {
    let bytes = read_file(file)?;
    if !package::is_sealed(&bytes) {
        return Ok(None);
    }
    Ok(check_envelope(ctx, &bytes, "")?.1)
}

fn read_file(file: &Path) -> Result<Vec<u8>> {
    std::fs::read(file).map_err(|e| {
        Error::storage(format!(
            "无法读取 {}：{}",
            file.display(),
            crate::error::io_reason(&e)
        ))
    })
}

/// 导入数据包 at the school, for campaign `year`. Before anything is decrypted: the
/// signature, this school as the recipient, the college's registered key (else refused until
/// the school accepts the new one). Then the school's key opens it; the seal inside (SHA-256),
/// the manifest (the college the header named, this school, this year, not older than the
/// package held, not from a newer program) and the database inside (intact, its audit chain
/// whole) are checked; only then, after a snapshot, the college's package is kept — replacing
/// its earlier one, its key registered on first use — with audit entries naming file and
/// hash. A format-1 package (clear, unsigned) is read with a warning up to
/// [`package::LEGACY_LAST_YEAR`], never for a college whose key is registered.
pub fn import(ctx: &mut Context, params: &ImportParams) -> Result<Imported> {
    let started = std::time::Instant::now();
    let file = Path::new(&params.file);
    let year = params.year;
    let name = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let bytes = read_file(file)?;
    let mut warnings = Vec::new();
    let (content, envelope) = if package::is_sealed(&bytes) {
        let (envelope, change) = check_envelope(ctx, &bytes, &name)?;
        if let Some(c) = change {
            return Err(key_changed(&name, &c));
        }
        let key = super::keys::load_school_key(ctx.paths())?
            .ok_or_else(|| Error::invalid("本机还没有学校密钥"))?;
        let opened = crate::seal::open(&bytes, &key).map_err(|e| about(&name, e))?;
        (opened.payload, Some(envelope))
    } else {
        (bytes, None)
    };
    let opened = package::open(&content, &name)?;
    let m = &opened.manifest;
    match &envelope {
        Some(e) => {
            if m.format < 2 || m.college != e.college {
                return Err(Error::refused(format!(
                    "{name} 的说明与数据包头不一致（数据包头写的是“{}”，说明中是“{}”），未导入",
                    e.college, m.college
                )));
            }
        }
        None => {
            if m.format != 1 {
                return Err(Error::refused(format!(
                    "{name} 是新格式的数据包却没有加密和签名，可能被改动过，未导入；请让学院重新导出"
                )));
            }
            if m.year > package::LEGACY_LAST_YEAR {
                return Err(Error::refused(format!(
                    "{name} 是旧格式的数据包（未加密、未签名），{}届之后不再接受，未导入；请让学院升级学社衔接助手后用本校公钥重新导出",
                    package::LEGACY_LAST_YEAR
                )));
            }
            if let Some(k) = ctx.store().college_key(&m.college)? {
                return Err(Error::refused(format!(
                    "{name} 是旧格式的数据包（未加密、未签名），而“{}”已使用签名的数据包（密钥指纹 {}），未导入；请让学院用本校公钥重新导出",
                    k.college, k.fingerprint
                )));
            }
            warnings.push(format!(
                "旧格式的数据包（未加密、未签名，无法确认是该学院导出的）：{}届之后不再接受，请让学院升级后用本校公钥重新导出",
                package::LEGACY_LAST_YEAR
            ));
        }
    }
    let school = school_org(ctx.store())?;
    if m.school != school.full_name {
        return Err(Error::refused(format!(
            "{name} 是“{}”的数据包，不是本校（{}）的，未导入",
            m.school, school.full_name
        )));
    }
    if m.college == school.full_name {
        return Err(Error::refused(format!(
            "{name} 是学校一级的数据，不是学院的数据包，未导入"
        )));
    }
    if m.year != year {
        return Err(Error::refused(format!(
            "{name} 是{}届的数据包，不是{year}届的，未导入",
            m.year
        )));
    }
    let signer_text = envelope.as_ref().map(|e| e.signer.text());
    let fingerprint = envelope.as_ref().map(|e| e.signer.fingerprint());
    let registered_now = envelope.is_some() && ctx.store().college_key(&m.college)?.is_none();
    let signed_by = fingerprint.clone().map(|fingerprint| SignedBy {
        fingerprint,
        registered_now,
    });
    let held = ctx
        .store()
        .college_packages()?
        .into_iter()
        .find(|p| p.college == m.college);
    if let Some(h) = &held {
        if h.sha256 == opened.sha256 {
            return Ok(Imported {
                package: h.clone(),
                replaced: false,
                unchanged: true,
                signed_by: signed_by.map(|s| SignedBy {
                    registered_now: false,
                    ..s
                }),
                warnings,
            });
        }
        if h.exported_at > m.exported_at {
            return Err(Error::refused(format!(
                "{name} 导出于 {}，比已导入的“{}”数据包（导出于 {}）旧，未导入",
                m.exported_at, m.college, h.exported_at
            )));
        }
    }
    // The database inside: intact, not from a newer program, and the college it says it is.
    let inner = Store::from_bytes(opened.db, &name)?;
    let inner_school = school_org(&inner)?;
    if inner_school.full_name != m.school || inner.org_by_full_name(&m.college)?.is_none() {
        return Err(Error::invalid(format!(
            "{name} 的说明与其中的数据不一致（学校或学院不符），未导入"
        )));
    }
    ctx.store().snapshot(crate::store::backup::Reason::Import)?;
    let p = CollegePackage {
        college: m.college.clone(),
        school: m.school.clone(),
        year: m.year,
        exported_at: m.exported_at.clone(),
        sha256: opened.sha256.clone(),
        program: m.program.clone(),
        schema_version: m.schema_version,
        file: name,
        imported_at: crate::store::audit::now(),
        members: m.members,
        graduates: m.graduates,
    };
    let op = ctx.operator().to_string();
    let signer = match (&signer_text, &fingerprint) {
        (Some(public_key), Some(fingerprint)) => Some(crate::store::keys::Signer {
            public_key,
            fingerprint,
        }),
        _ => None,
    };
    ctx.store_mut()
        .put_college_package(&p, opened.db, signer, &op)?;
    crate::diagnostics::record_long_task("package_import", started.elapsed(), m.members);
    Ok(Imported {
        package: p,
        replaced: held.is_some(),
        unchanged: false,
        signed_by,
        warnings,
    })
}

/// 学院数据: the packages the school holds.
/// Whether this store is a school reading its colleges' packages (then "全校" is theirs).
pub fn any(ctx: &Context) -> Result<bool> {
    Ok(!list(ctx)?.is_empty())
}

pub fn list(ctx: &Context) -> Result<Vec<CollegePackage>> {
    ctx.store().college_packages()
}

/// A college's data as the school holds it: a context of its own over a copy in memory,
/// shared with [`OPENED`]; [`College::lock`] to read it.
#[derive(Clone)]
pub struct College(Arc<Mutex<Context>>);

impl College {
    pub fn lock(&self) -> MutexGuard<'_, Context> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

struct Opened {
    sha256: String,
    bytes: usize,
    college: College,
}

/// Colleges' packages opened for reading, by SHA-256, least recently used first. Opening one
/// copies and checks its whole database, and its context keeps the engine's run over its
/// graduates; the school's pages read every college on every request. Content-addressed: a
/// hash is the same data whichever store holds it, and a replaced package has a new hash.
static OPENED: Mutex<Vec<Opened>> = Mutex::new(Vec::new());

/// How many bytes of packages stay open (about ten colleges of 10,000 graduates).
const OPENED_BUDGET: usize = 160 << 20;

/// `college`'s package as the school holds it, read only.
pub fn college(ctx: &Context, college: &str) -> Result<College> {
    let sha256 = ctx.store().college_package_sha(college)?;
    let hit = {
        let mut opened = OPENED.lock().unwrap_or_else(PoisonError::into_inner);
        match opened.iter().position(|o| o.sha256 == sha256) {
            Some(i) => {
                // Most recently used last.
                let o = opened.remove(i);
                let c = o.college.clone();
                opened.push(o);
                Some(c)
            }
            None => None,
        }
    };
    if let Some(c) = hit {
        {
            // The asker's clock and name, not the first opener's.
            let mut g = c.lock();
            g.clock = ctx.clock();
            g.operator = ctx.operator().to_string();
        }
        return Ok(c);
    }
    let (sha256, data) = ctx.store().college_package_data(college)?;
    let store = Store::from_bytes(&data, &format!("“{college}”的数据包"))?;
    let c = College(Arc::new(Mutex::new(Context::over(
        Paths::in_dir(Path::new(""), Some(":memory:".into())),
        store,
        ctx.operator(),
        ctx.clock(),
    ))));
    let mut opened = OPENED.lock().unwrap_or_else(PoisonError::into_inner);
    if !opened.iter().any(|o| o.sha256 == sha256) {
        opened.push(Opened {
            sha256,
            bytes: data.len(),
            college: c.clone(),
        });
        // Oldest out first, past the budget (the newest always stays).
        let mut total: usize = opened.iter().map(|o| o.bytes).sum();
        while total > OPENED_BUDGET && opened.len() > 1 {
            total -= opened.remove(0).bytes;
        }
    }
    Ok(c)
}

/// A college's rates in the school's sum.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CollegeRates {
    pub college: String,
    pub sx: RateNumbers,
    pub xs: RateNumbers,
    /// N10: the receiving side.
    pub incoming: RateNumbers,
}

/// The school's rates: each college's, and their sum (§6: numerators and denominators added,
/// never rates averaged — each college's report absorbed into one).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SchoolRates {
    pub year: i32,
    pub on: NaiveDate,
    pub colleges: Vec<CollegeRates>,
    pub sx: RateNumbers,
    pub xs: RateNumbers,
    /// N10: the receiving side, summed like the others.
    pub incoming: RateNumbers,
}

/// The rates of every college the school holds a package of, for cohort `year` on `on`.
pub fn rates(ctx: &Context, year: i32, on: NaiveDate) -> Result<SchoolRates> {
    let mut colleges = Vec::new();
    let mut total: Option<crate::transfer::RatesReport> = None;
    for p in list(ctx)? {
        let c = college(ctx, &p.college)?;
        let c = c.lock();
        let unit = match c.store().org_by_full_name(&p.college)? {
            Some(o) if o.parent_id.is_some() => Unit::College(o.id),
            _ => Unit::School,
        };
        let r = crate::store::transfers::rates_report(c.store(), year, unit, on)?;
        colleges.push(CollegeRates {
            college: p.college,
            sx: (&r.sx).into(),
            xs: (&r.xs).into(),
            incoming: RateNumbers::incoming(&r.incoming),
        });
        match &mut total {
            Some(t) => t.absorb(r),
            None => total = Some(r),
        }
    }
    let empty = |m| crate::transfer::Rate::empty(m);
    let (sx, xs, incoming) = match &total {
        Some(t) => (
            (&t.sx).into(),
            (&t.xs).into(),
            RateNumbers::incoming(&t.incoming),
        ),
        None => (
            (&empty(crate::engine::Metric::Sx)).into(),
            (&empty(crate::engine::Metric::Xs)).into(),
            RateNumbers::incoming(&crate::transfer::incoming_side(
                &empty(crate::engine::Metric::Sx),
                &empty(crate::engine::Metric::Xs),
            )),
        ),
    };
    Ok(SchoolRates {
        year,
        on,
        colleges,
        sx,
        xs,
        incoming,
    })
}

/// Where an ID number is found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Place {
    pub college: String,
    pub branch: String,
    pub name: String,
}

/// An ID number held by more than one college (M2: one record per person).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Duplicate {
    /// Masked (M1).
    pub id_number: String,
    pub places: Vec<Place>,
}

/// The graduates of cohort `year` whose ID number appears in two or more colleges' packages.
pub fn duplicates(ctx: &Context, year: i32) -> Result<Vec<Duplicate>> {
    let mut seen: BTreeMap<String, (String, Vec<Place>)> = BTreeMap::new();
    for p in list(ctx)? {
        let c = college(ctx, &p.college)?;
        let mut c = c.lock();
        let on = c.today();
        for g in c.graduates(year, on)?.iter() {
            let e = seen
                .entry(g.member.id_number.as_str().to_string())
                .or_insert_with(|| (g.member.id_number.masked(), Vec::new()));
            e.1.push(Place {
                college: p.college.clone(),
                branch: g.branch.full_name.clone(),
                name: g.member.name.clone(),
            });
        }
    }
    Ok(seen
        .into_values()
        .filter(|(_, places)| {
            let mut colleges: Vec<&str> = places.iter().map(|p| p.college.as_str()).collect();
            colleges.dedup();
            colleges.len() > 1
        })
        .map(|(id_number, places)| Duplicate { id_number, places })
        .collect())
}

/// A graduate found in a college's package (全校查询).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Found {
    pub college: String,
    pub branch: String,
    pub name: String,
    /// Masked (M1).
    pub id_number: String,
    /// The destination kind, or empty while none is recorded.
    pub destination: String,
    /// Where the transfer stands on the date (未发起 while none is recorded).
    pub state: String,
}

/// At most this many graduates are listed by [`find`].
pub const FOUND_MAX: usize = 200;

/// 全校查询: cohort `year`'s graduates in every college's package whose name contains `query`,
/// or whose ID number (full, or its last digits) or student number is it — on `on`, at most
/// [`FOUND_MAX`], by college. Read only: the rows are the colleges'.
pub fn find(ctx: &Context, year: i32, on: NaiveDate, query: &str) -> Result<Vec<Found>> {
    let q: String = query.chars().filter(|c| !c.is_whitespace()).collect();
    let q = q.to_uppercase();
    if q.is_empty() {
        return Err(Error::invalid("请输入姓名、身份证号（或其后几位）或学号"));
    }
    let mut out = Vec::new();
    for p in list(ctx)? {
        let c = college(ctx, &p.college)?;
        let mut c = c.lock();
        let grads = c.graduates(year, on)?;
        let ledger = c.store().ledger_of_year(year)?;
        let s = c.store().campaign_settings(year)?;
        for g in grads.iter() {
            let m = &g.member;
            let id = m.id_number.as_str();
            let hit = m.name.contains(q.as_str())
                || id == q
                || (q.len() >= 4 && id.ends_with(q.as_str()))
                || m.student_no.as_deref() == Some(q.as_str());
            if !hit {
                continue;
            }
            let state = ledger.latest(m.id).map_or("未发起", |t| {
                crate::transfer::deadline::status_on(t, on, &s)
                    .state
                    .label()
            });
            out.push(Found {
                college: p.college.clone(),
                branch: g.branch.full_name.clone(),
                name: m.name.clone(),
                id_number: m.id_number.masked(),
                destination: m
                    .destination
                    .as_ref()
                    .map_or(String::new(), |d| d.kind.label().to_string()),
                state: state.to_string(),
            });
            if out.len() >= FOUND_MAX {
                return Ok(out);
            }
        }
    }
    Ok(out)
}
