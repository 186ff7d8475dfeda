//! `xianjie letter …`: issuer profiles, issuing (one or a batch), reprints, voids, receipts
//! and the register list.

use super::{archive, date_or_today, member, org, write_pdf, LetterCmd, Output};
use chrono::NaiveDate;
use std::path::Path;
use xianjie::documents::letter::{self, ArchiveDisposition, LetterData};
use xianjie::service::letters::register::{IssueInput, IssuerProfile, ListFilter};
use xianjie::service::{self, Context};
use xianjie::{Error, Result};

fn output(letters: &[LetterData], out: &Output) -> Result<()> {
    match (&out.out, &out.dir) {
        (_, Some(dir)) => {
            let paths = xianjie::service::letters::write_letters_separately(letters, dir)?;
            outln!("已生成 {} 个文件于 {}", paths.len(), dir.display())?;
            Ok(())
        }
        (Some(path), None) => write_pdf(path, &letter::render_letters(letters)?),
        (None, None) => Err(no_output()),
    }
}

fn no_output() -> Error {
    Error::invalid("请用 --out 指定 PDF 文件，或用 --dir 指定文件夹")
}

pub(super) fn run(c: &mut Context, cmd: LetterCmd) -> Result<()> {
    let today = c.today();
    match cmd {
        LetterCmd::Issuer {
            org: o,
            phone,
            address,
            postcode,
            handler,
            handler_mobile,
            digits,
        } => {
            let o = org(c, &o)?;
            let p = IssuerProfile {
                org_id: o.id,
                phone,
                address,
                postcode,
                handler,
                handler_mobile,
                digits,
            };
            service::letters::set_issuer(c, &p)?;
            outln!("已保存“{}”的介绍信开具信息", o.full_name)?;
            Ok(())
        }
        LetterCmd::Issue {
            member: m,
            issuer,
            to,
            reason,
            archive: a,
            archive_other,
            date,
            handler,
            handler_mobile,
            out,
            again,
        } => {
            let input = IssueInput {
                member_id: member(c, &m)?.id,
                issuer_org_id: org(c, &issuer)?.id,
                receiver: to,
                reason,
                archive: archive(&a)?,
                archive_other,
                issued: date_or_today(date.as_deref(), "--date", today)?,
                handler,
                handler_mobile,
            };
            // Render before registering would waste a number on a failed write; the register
            // checks every printed character first, so rendering after it cannot fail on glyphs,
            // and a target open in another program is refused before a number is taken.
            xianjie::files::check_writable(&out)?;
            let l = service::letters::issue_one(c, &input, confirmed(again))?;
            outln!("已登记 {}（{}）", l.number_label(), l.member_name)?;
            write_pdf(&out, &letter::render_letter(&l.printed)?)
        }
        LetterCmd::Batch {
            csv,
            issuer,
            date,
            again,
            output: out,
        } => {
            let issuer = org(c, &issuer)?;
            let issued = date_or_today(date.as_deref(), "--date", today)?;
            let inputs = read_batch(c, &csv, issuer.id, issued)?;
            let to = match (&out.out, &out.dir) {
                (_, Some(dir)) => service::letters::Output::Dir(dir),
                (Some(path), None) => service::letters::Output::Pdf(path),
                (None, None) => return Err(no_output()),
            };
            let issued =
                service::letters::issue(c, &inputs, confirmed(again), to, &xianjie::Watch::NONE)?;
            outln!("已登记 {} 封介绍信", issued.len())?;
            match to {
                service::letters::Output::Dir(dir) => {
                    outln!("已生成 {} 个文件于 {}", issued.len(), dir.display())
                }
                service::letters::Output::Pdf(path) => outln!("已生成 {}", path.display()),
            }
        }
        LetterCmd::Print {
            issuer,
            year,
            number,
            output: out,
        } => {
            let issuer = org(c, &issuer)?;
            let list = match number {
                Some(n) => vec![c.letter_by_number(issuer.id, &n)?],
                None => c.letters(&ListFilter {
                    issuer_id: Some(issuer.id),
                    year: Some(year),
                    ..ListFilter::default()
                })?,
            };
            if list.is_empty() {
                return Err(Error::not_found(format!(
                    "“{}”{year}年没有登记的介绍信",
                    issuer.full_name
                )));
            }
            let letters: Vec<LetterData> = list.into_iter().map(|l| l.printed).collect();
            output(&letters, &out)
        }
        LetterCmd::Void {
            issuer,
            number,
            reason,
        } => {
            let issuer = org(c, &issuer)?;
            let l = c.letter_by_number(issuer.id, &number)?;
            service::letters::void(c, l.id, &reason)?;
            outln!("已作废 {}（编号不再使用）", l.number_label())?;
            Ok(())
        }
        LetterCmd::Receipt {
            issuer,
            number,
            date,
        } => {
            let issuer = org(c, &issuer)?;
            let l = c.letter_by_number(issuer.id, &number)?;
            let d = date_or_today(date.as_deref(), "--date", today)?;
            service::letters::receipt(c, l.id, Some(d))?;
            outln!("已登记 {} 的回执（{d}）", l.number_label())?;
            Ok(())
        }
        LetterCmd::List {
            issuer,
            year,
            overdue,
            all,
            json,
        } => {
            let issuer_id = match issuer {
                Some(i) => Some(org(c, &i)?.id),
                None => None,
            };
            let f = ListFilter {
                issuer_id,
                year,
                member_id: None,
                include_voided: all,
                receipt_overdue_on: overdue.then_some(today),
            };
            let list = c.letters(&f)?;
            if json {
                let s = serde_json::to_string_pretty(&list)
                    .map_err(|e| Error::internal(e.to_string()))?;
                outln!("{s}")?;
                return Ok(());
            }
            outln!("编号\t姓名\t转入团委\t开具日期\t有效期至\t回执应返\t状态")?;
            let now = today;
            for l in &list {
                outln!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    l.number_label(),
                    l.member_name,
                    l.receiver,
                    l.issued_on,
                    l.valid_until,
                    l.receipt_due,
                    l.status(now)
                )?;
            }
            outln!("共 {} 封", list.len())?;
            Ok(())
        }
    }
}

/// CSV rows: 团员（身份证号或编号）, 转入团委全称, 转接原因[, 团员档案]; a header line whose first
/// cell is not a member is skipped. Every bad line is reported at once with its line number.
/// The file may be UTF-8 (with or without BOM), GBK or UTF-16, as Excel saves it.
fn read_batch(
    c: &Context,
    path: &Path,
    issuer_id: i64,
    issued: NaiveDate,
) -> Result<Vec<IssueInput>> {
    let text = xianjie::files::read_text(path)?;
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let cells = xianjie::files::csv_cells(line);
        if cells.iter().all(|c| c.is_empty()) || (i == 0 && cells[0].contains("团员")) {
            continue;
        }
        let at = format!("{} 第 {} 行", path.display(), i + 1);
        if cells.len() < 3 {
            errors.push(format!(
                "{at}：应有 团员,转入团委全称,转接原因[,团员档案] 三到四列"
            ));
            continue;
        }
        let m = match member(c, &cells[0]) {
            Ok(m) => m,
            Err(e) => {
                errors.push(format!("{at}：{}", e.message));
                continue;
            }
        };
        let a = match cells.get(3).filter(|s| !s.is_empty()) {
            Some(s) => match archive(s) {
                Ok(a) => a,
                Err(e) => {
                    errors.push(format!("{at}：{}", e.message));
                    continue;
                }
            },
            None => ArchiveDisposition::WithFile,
        };
        out.push(IssueInput {
            member_id: m.id,
            issuer_org_id: issuer_id,
            receiver: cells[1].to_string(),
            reason: cells[2].to_string(),
            archive: a,
            archive_other: None,
            issued,
            handler: None,
            handler_mobile: None,
        });
    }
    if !errors.is_empty() {
        return Err(Error::invalid(errors.join("；")));
    }
    Ok(out)
}

/// `--again`: the secretary confirms a second letter for a graduate who holds one.
fn confirmed(again: bool) -> service::letters::Again {
    if again {
        service::letters::Again::Confirmed
    } else {
        service::letters::Again::Refuse
    }
}
