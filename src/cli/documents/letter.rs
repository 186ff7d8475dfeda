//! `xianjie letter …`: issuer profiles, issuing (one or a batch), reprints, voids, receipts
//! and the register list.

use super::{date_or_today, member, org, write_pdf, LetterCmd, Output};
use std::path::Path;
use xianjie::documents::letter::{self, ArchiveDisposition, LetterData};
use xianjie::service::letters::register::{IssuerProfile, ListFilter};
use xianjie::service::letters::{LetterLine, LetterRequest};
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
            archive,
            archive_other,
            date,
            handler,
            handler_mobile,
            out,
            again,
        } => {
            if handler.is_some() || handler_mobile.is_some() {
                return Err(Error::invalid(
                    "经办人及其手机以本单位的记录为准（L1：存根与正本相同）：请用 letter issuer 或桌面应用“设置”修改",
                ));
            }
            let req = LetterRequest {
                member_ids: vec![member(c, &m)?.id],
                receiver: to,
                reason,
                archive,
                archive_other,
                out: out.display().to_string(),
                again,
                year: None,
                issued: date,
                issuer: Some(issuer),
                lines: Vec::new(),
                separate: false,
            };
            let done = service::letters::issue_letters(c, &req, &xianjie::Watch::NONE)?;
            for l in &done.letters {
                outln!("已登记 {}（{}）", l.number, l.name)?;
            }
            outln!("已生成 {}", out.display())?;
            Ok(())
        }
        LetterCmd::Batch {
            csv,
            problems,
            issuer,
            date,
            again,
            output: out,
        } => {
            let lines = read_batch(c, &csv)?;
            let (path, separate) = match (&out.out, &out.dir) {
                (_, Some(dir)) => (dir, true),
                (Some(path), None) => (path, false),
                (None, None) => return Err(no_output()),
            };
            let req = LetterRequest {
                member_ids: Vec::new(),
                receiver: String::new(),
                reason: String::new(),
                archive: ArchiveDisposition::WithFile.code().to_string(),
                archive_other: None,
                out: path.display().to_string(),
                again,
                year: None,
                issued: date,
                issuer: Some(issuer),
                lines,
                separate,
            };
            let done = match service::letters::issue_letters(c, &req, &xianjie::Watch::NONE) {
                Ok(d) => d,
                // A refused batch: the whole list to the file asked for, the summary printed.
                Err(e) if e.code == xianjie::ErrorCode::Refused && problems.is_some() => {
                    let wrong = service::letters::problems(c, &req)?;
                    if let Some(path) = &problems {
                        xianjie::files::write_output(
                            path,
                            &service::letters::problems_csv(&wrong),
                        )?;
                        return Err(Error::refused(format!(
                            "{}\n全部名单已写入 {}",
                            e.message,
                            path.display()
                        )));
                    }
                    return Err(e);
                }
                Err(e) => return Err(e),
            };
            outln!("已登记 {} 封介绍信", done.letters.len())?;
            if separate {
                outln!("已生成 {} 个文件于 {}", done.letters.len(), path.display())
            } else {
                outln!("已生成 {}", path.display())
            }
        }
        LetterCmd::Print {
            issuer,
            year,
            number,
            output: out,
        } => {
            let ids: Vec<i64> = match number {
                Some(n) => vec![service::letters::by_number(c, Some(&issuer), &n)?.id],
                None => {
                    let issuer = org(c, &issuer)?;
                    let f = ListFilter {
                        issuer_id: Some(issuer.id),
                        year: Some(year),
                        ..ListFilter::default()
                    };
                    let ids: Vec<i64> = service::letters::register(c, &f)?
                        .iter()
                        .map(|l| l.id)
                        .collect();
                    if ids.is_empty() {
                        return Err(Error::not_found(format!(
                            "“{}”{year}年没有登记的介绍信",
                            issuer.full_name
                        )));
                    }
                    ids
                }
            };
            // Voided letters are refused by the service: their numbers are dead.
            let letters = service::letters::reprint(c, &ids)?;
            output(&letters, &out)
        }
        LetterCmd::Void {
            issuer,
            number,
            reason,
        } => {
            let l = service::letters::by_number(c, Some(&issuer), &number)?;
            service::letters::void(c, l.id, &reason)?;
            outln!("已作废 {}（编号不再使用）", l.number_label())?;
            Ok(())
        }
        LetterCmd::Receipt {
            issuer,
            number,
            date,
        } => {
            let l = service::letters::by_number(c, Some(&issuer), &number)?;
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
            let list = service::letters::register(c, &f)?;
            if json {
                let s = serde_json::to_string_pretty(&list)
                    .map_err(|e| Error::internal(e.to_string()))?;
                outln!("{s}")?;
                return Ok(());
            }
            outln!("编号\t姓名\t转入团委\t开具日期\t有效期至\t回执应返\t状态")?;
            for l in &list {
                outln!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    l.number_label(),
                    l.member_name,
                    l.receiver,
                    l.issued_on,
                    l.valid_until,
                    l.receipt_due,
                    l.status(today).label()
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
fn read_batch(c: &Context, path: &Path) -> Result<Vec<LetterLine>> {
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
        let archive = cells.get(3).filter(|s| !s.is_empty()).cloned();
        if let Some(a) = &archive {
            if let Err(e) = service::letters::parse_archive(a) {
                errors.push(format!("{at}：{}", e.message));
                continue;
            }
        }
        out.push(LetterLine {
            member_id: m.id,
            receiver: Some(cells[1].to_string()),
            reason: Some(cells[2].to_string()),
            archive,
        });
    }
    if !errors.is_empty() {
        return Err(Error::invalid(errors.join("；")));
    }
    if out.is_empty() {
        return Err(Error::invalid(format!("{} 中没有团员", path.display())));
    }
    Ok(out)
}
