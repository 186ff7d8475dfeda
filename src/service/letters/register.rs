//! Issuing letters (rules.md §6 L1): every request is checked first — the register's rules
//! (`xianjie_domain::letters::problems`), every printed character against the bundled font,
//! the layout — and refused with the whole list of what is wrong; only then are the letters
//! numbered and registered by the store, all or nothing. Nothing is numbered or written unless
//! every letter can be printed.

use crate::documents::{font, letter};
use xianjie_domain::member::Member;
use xianjie_domain::{Error, Result, Watch};
use xianjie_store::letters::Checked;
use xianjie_store::Store;

pub use xianjie_domain::letters::*;

/// Every problem of one request, or the letter ready to be numbered.
pub fn check(req: &IssueRequest, member: &Member) -> std::result::Result<Checked, String> {
    check_each(req, member).map_err(|wrong| refusal(&member.name, &wrong))
}

/// Every problem of one letter, or the letter ready to be numbered.
fn check_each(req: &IssueRequest, member: &Member) -> std::result::Result<Checked, Vec<String>> {
    let mut wrong = problems(req, member);
    let year = chrono::Datelike::year(&req.issued);
    let draft = letter_data(req, member, year, String::new());
    if let Err(e) = font::check_glyphs(draft.printed_fields()) {
        wrong.push(e.message);
    } else if let Err(e) = letter::check_layout(&draft) {
        wrong.push(e.message);
    }
    if !wrong.is_empty() {
        return Err(wrong);
    }
    Ok(Checked {
        req: req.clone(),
        member_id: member.id,
        draft,
    })
}

/// `不能为张三开具介绍信：1. …；2. …`.
fn refusal(name: &str, wrong: &[String]) -> String {
    let list: Vec<String> = wrong
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{}. {p}", i + 1))
        .collect();
    format!("不能为{name}开具介绍信：{}", list.join("；"))
}

/// One graduate's letter that cannot be issued, and every reason why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LetterProblem {
    pub member_id: i64,
    pub name: String,
    pub problems: Vec<String>,
}

/// Up to this many refused letters are named one by one; more are summed up by problem.
pub const LISTED: usize = 10;

/// The refusal of a batch: each letter's problems — or, for many, how many letters have each
/// problem and the first names (the whole list: [`check_batch`], written by the doors).
pub fn batch_refusal(total: usize, wrong: &[LetterProblem]) -> String {
    let head = format!(
        "批量开具未执行（{total} 封中 {} 封有问题，全部未开具）",
        wrong.len()
    );
    if wrong.len() <= LISTED {
        let each: Vec<String> = wrong
            .iter()
            .map(|p| refusal(&p.name, &p.problems))
            .collect();
        return format!("{head}：{}", each.join("；"));
    }
    let mut kinds: Vec<(&str, Vec<&str>)> = Vec::new();
    for p in wrong {
        for problem in &p.problems {
            match kinds.iter_mut().find(|(k, _)| k == problem) {
                Some((_, names)) => names.push(&p.name),
                None => kinds.push((problem, vec![&p.name])),
            }
        }
    }
    kinds.sort_by_key(|k| std::cmp::Reverse(k.1.len()));
    let lines: Vec<String> = kinds
        .iter()
        .map(|(problem, names)| {
            let first: Vec<&str> = names.iter().take(5).copied().collect();
            let more = if names.len() > first.len() {
                " 等"
            } else {
                ""
            };
            format!(
                "{} 封：{problem}（{}{more}）",
                names.len(),
                first.join("、")
            )
        })
        .collect();
    format!("{head}：\n  {}", lines.join("\n  "))
}

/// Checks every letter of a batch without numbering anything: the letters ready, and every
/// one that cannot be issued with its reasons.
pub fn check_batch(
    store: &Store,
    inputs: &[IssueInput],
    watch: &Watch<'_>,
) -> Result<(Vec<Checked>, Vec<LetterProblem>)> {
    let mut checked = Vec::with_capacity(inputs.len());
    let mut wrong = Vec::new();
    let total = inputs.len() as u64;
    for (n, i) in (1..).zip(inputs) {
        watch.check()?;
        watch.step(n, total, || format!("正在核对：第 {n} 封，共 {total} 封"));
        match build_request(store, i) {
            Ok((req, member)) => match check_each(&req, &member) {
                Ok(c) => checked.push(c),
                Err(problems) => wrong.push(LetterProblem {
                    member_id: member.id,
                    name: member.name.clone(),
                    problems,
                }),
            },
            Err(e) => wrong.push(LetterProblem {
                member_id: i.member_id,
                name: format!("团员 {}", i.member_id),
                problems: vec![e.message],
            }),
        }
    }
    Ok((checked, wrong))
}

/// Issues one letter: checks, numbers, registers and audits it; refused with every problem
/// listed when anything is wrong.
pub fn issue(
    store: &mut Store,
    req: &IssueRequest,
    member: &Member,
    operator: &str,
) -> Result<RegisteredLetter> {
    let checked = check(req, member).map_err(Error::refused)?;
    let mut out = store.register_letters(&[checked], operator)?;
    out.pop().ok_or_else(|| Error::internal("介绍信登记丢失"))
}

/// The request and the member, from the store (the issuer's profile fills the rest).
pub fn build_request(store: &Store, input: &IssueInput) -> Result<(IssueRequest, Member)> {
    let member = store
        .member(input.member_id)?
        .ok_or_else(|| Error::not_found(format!("找不到编号为 {} 的团员", input.member_id)))?;
    let org = store.org(input.issuer_org_id)?.ok_or_else(|| {
        Error::not_found(format!(
            "找不到编号为 {} 的团组织（开具单位）",
            input.issuer_org_id
        ))
    })?;
    let p = store.issuer_profile(org.id)?;
    let req = IssueRequest {
        issuer: Issuer {
            org_id: org.id,
            full_name: org.full_name,
            level: org.level,
            phone: p.phone,
            address: p.address,
            postcode: p.postcode,
        },
        handler: input.handler.clone().unwrap_or(p.handler),
        handler_mobile: input.handler_mobile.clone().unwrap_or(p.handler_mobile),
        receiver: input.receiver.clone(),
        reason: input.reason.clone(),
        archive: input.archive,
        archive_other: input.archive_other.clone(),
        issued: input.issued,
        digits: p.digits,
    };
    Ok((req, member))
}

/// Issues one letter for a stored member.
pub fn issue_for(
    store: &mut Store,
    input: &IssueInput,
    operator: &str,
) -> Result<RegisteredLetter> {
    let (req, member) = build_request(store, input)?;
    issue(store, &req, &member, operator)
}

/// Issues many letters at once, all or nothing: when any is refused, none is issued and the
/// message lists every refusal.
///
/// The batch is three equal parts for `watch`: the checks, the register, and `then` — run on
/// the registered letters before the commit (the PDF is written there), so that a failed
/// write or a stop leaves no number taken.
pub fn issue_batch(
    store: &mut Store,
    inputs: &[IssueInput],
    operator: &str,
    watch: &Watch<'_>,
    then: impl FnOnce(&[RegisteredLetter], &Watch<'_>) -> Result<()>,
) -> Result<Vec<RegisteredLetter>> {
    // Every entry point (CLI, app) gets the snapshot before a batch (issue 7).
    store.snapshot_before_batch(inputs.len())?;
    let (checked, wrong) = watch.part(0, 3, |w| check_batch(store, inputs, w))?;
    if !wrong.is_empty() {
        return Err(Error::refused(batch_refusal(inputs.len(), &wrong)));
    }
    watch.part(1, 3, |w| {
        store.register_letters_then(&checked, operator, w, |registered| {
            watch.part(2, 3, |w| then(registered, w))
        })
    })
}
