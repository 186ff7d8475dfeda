//! L1 中国共产主义青年团团员组织关系介绍信 (003 附件10): one A4 page in three parts —
//! 第一联 存根, 第二联 正本, 第三联 回执 — separated by dashed cut lines, with the 骑缝章
//! band where the stub meets the original. Wording follows the template to the character.

use super::layout::{Page, Run};
use super::{chinese_date, ArchiveDisposition, LetterData};
use crate::Result;

pub const TITLE: &str = "中国共产主义青年团团员组织关系介绍信";

const LEFT: f32 = 12.0;
const RIGHT: f32 = 198.0;
/// Content column: between the part label (存根…) and the 第N联 label.
const X0: f32 = 30.0;
const X1: f32 = 184.0;
const W: f32 = X1 - X0;
const CX: f32 = (X0 + X1) / 2.0;
const BODY: f32 = 11.0;
const MIN: f32 = 6.5;
/// Dash pattern of the cut lines (points).
const CUT: &[f32] = &[4.0, 3.0];

fn t(s: &str) -> Run {
    Run::text(s)
}
fn f(s: &str, min_chars: usize) -> Run {
    Run::field(s, min_chars)
}

pub fn draw(p: &mut Page, l: &LetterData) -> Result<()> {
    stub(p, l, 6.0)?;
    seal_band(p, 80.0);
    original(p, l, 90.0)?;
    cut_line(p, 210.0);
    receipt(p, l, 212.0)?;
    Ok(())
}

/// The part frame: the big vertical label on the left (存根), 第N联 on the right.
fn frame(p: &mut Page, top: f32, bottom: f32, label: &str, part: &str) {
    let mid = (top + bottom) / 2.0;
    p.text_vertical((LEFT + X0 - 4.0) / 2.0, mid - 14.0, 16.0, 16.0, label);
    p.line(X0 - 3.0, top + 4.0, X0 - 3.0, bottom - 4.0, 0.4, None);
    p.text_vertical((X1 + RIGHT) / 2.0 + 1.0, mid - 10.0, 10.0, 6.0, part);
}

/// Title and number; returns where the text below starts.
fn title(p: &mut Page, l: &LetterData, top: f32) -> f32 {
    p.text_centered(CX, top + 8.0, 15.0, TITLE);
    p.text_centered(CX, top + 14.5, 10.5, &l.number_label());
    top + 17.0
}

fn archive_runs(l: &LetterData) -> Vec<Run> {
    let mut runs = vec![t("团员档案：")];
    for a in ArchiveDisposition::ALL {
        runs.push(if *a == l.archive {
            Run::ticked()
        } else {
            t("□")
        });
        runs.push(t(a.label()));
        if *a == ArchiveDisposition::Other {
            runs.push(t("："));
            // Written on only when 其他 is the choice; otherwise a short line, as on the form.
            runs.push(if l.archive == ArchiveDisposition::Other {
                f(l.archive_other.as_deref().unwrap_or(""), 5)
            } else {
                Run::unused(5)
            });
        } else {
            runs.push(t(" "));
        }
    }
    runs
}

/// 第一联 存根 (kept by the issuer). Paragraphs flow down; the last lines sit at the bottom.
fn stub(p: &mut Page, l: &LetterData, top: f32) -> Result<()> {
    frame(p, top, top + 74.0, "存根", "第一联");
    let mut y = title(p, l, top);
    y += p.paragraph(
        (X0, y, W, 12.0),
        BODY,
        MIN,
        &[f(&l.receiver, 12), t("：")],
        "转入团委",
    )?;
    y += p.paragraph(
        (X0, y, W, 19.0),
        BODY,
        MIN,
        &[
            t("　　"),
            f(&l.name, 4),
            t("同志系中国共产主义青年团团员，团组织关系由"),
            f(&l.issuer, 10),
            t("转到"),
            f(&l.receiver, 10),
        ],
        "存根正文",
    )?;
    // One line (shrunk a little) unless a long 其他 destination needs two.
    let other_len = l.archive_other.as_deref().map_or(0, |s| s.chars().count());
    let archive_h = if other_len > 4 { top + 61.0 - y } else { 7.0 };
    p.paragraph(
        (X0, y, W, archive_h.min(top + 61.0 - y)),
        BODY,
        MIN,
        &archive_runs(l),
        "团员档案",
    )?;
    p.paragraph(
        (X0, top + 61.0, W, 6.5),
        BODY,
        MIN,
        &[t("转出经办人："), f(&l.handler, 6)],
        "转出经办人",
    )?;
    p.paragraph(
        (X0, top + 67.5, W * 0.6, 6.5),
        BODY,
        MIN,
        &[t("团员本人联系电话："), f(&l.member_phone, 8)],
        "团员本人联系电话",
    )?;
    p.text_right(X1, top + 72.5, BODY, &chinese_date(l.issued));
    Ok(())
}

/// The 骑缝章 band: the stamp goes across the cut between stub and original.
fn seal_band(p: &mut Page, top: f32) {
    let mid = top + 5.0;
    p.grey(0.55);
    let label = "（加盖骑缝章）";
    let lw = p.width(label, 9.0);
    p.line(LEFT, mid, CX - lw / 2.0 - 2.0, mid, 0.6, Some(CUT));
    p.line(CX + lw / 2.0 + 2.0, mid, RIGHT, mid, 0.6, Some(CUT));
    p.line(LEFT, top, RIGHT, top, 0.3, Some(&[1.0, 2.0]));
    p.line(LEFT, top + 10.0, RIGHT, top + 10.0, 0.3, Some(&[1.0, 2.0]));
    p.text_centered(CX, mid + 1.2, 9.0, label);
    p.grey(0.0);
}

fn cut_line(p: &mut Page, y: f32) {
    p.grey(0.55);
    p.line(LEFT, y, RIGHT, y, 0.6, Some(CUT));
    p.grey(0.0);
}

/// 第二联 正本 (carried by the member).
fn original(p: &mut Page, l: &LetterData, top: f32) -> Result<()> {
    frame(p, top, top + 118.0, "正本", "第二联");
    let mut y = title(p, l, top);
    y += p.paragraph(
        (X0, y, W, 12.0),
        BODY,
        MIN,
        &[f(&l.receiver, 12), t("：")],
        "转入团委",
    )?;
    let (dy, dm) = match l.dues_paid_to {
        Some(ym) => (ym.year().to_string(), ym.month().to_string()),
        None => (String::new(), String::new()),
    };
    p.paragraph(
        (X0, y, W, top + 78.0 - y),
        BODY,
        MIN,
        &[
            t("　　"),
            f(&l.name, 4),
            t("同志（"),
            f(l.sex.label(), 1),
            t("），"),
            f(&l.age.to_string(), 2),
            t("岁，"),
            f(l.ethnicity_stem(), 2),
            t("族，系中国共产主义青年团团员，身份证号码"),
            f(&l.id_number, 18),
            t("，团员发展编号"),
            f(&l.development_no_text(), 12),
            t("（12位），因"),
            f(&l.reason, 4),
            t("原因，由"),
            f(&l.issuer, 10),
            t("转入你处，请接收其团组织关系，该同志团费交至"),
            f(&dy, 4),
            t("年"),
            f(&dm, 2),
            t("月。（有效期 90 天）"),
        ],
        "正本正文",
    )?;
    p.text_right(X1 - 6.0, top + 82.0, BODY, "（转出团委盖章）");
    p.text_right(X1 - 6.0, top + 88.0, BODY, &chinese_date(l.issued));
    p.paragraph(
        (X0, top + 90.0, W * 0.6, 7.0),
        BODY,
        MIN,
        &[t("团员本人联系电话："), f(&l.member_phone, 8)],
        "团员本人联系电话",
    )?;
    let phones = [l.issuer_phone.trim(), l.handler_mobile.trim()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join("，");
    p.paragraph(
        (X0, top + 97.0, W * 0.62, 7.0),
        BODY,
        MIN,
        &[t("转出团委联系电话："), f(&phones, 8)],
        "转出团委联系电话",
    )?;
    p.paragraph(
        (X0 + W * 0.64, top + 97.0, W * 0.36, 7.0),
        BODY,
        MIN,
        &[t("转出经办人："), f(&l.handler, 4)],
        "转出经办人",
    )?;
    p.paragraph(
        (X0, top + 104.0, W * 0.72, 13.0),
        BODY,
        MIN,
        &[t("转出团委通讯地址："), f(&l.issuer_address, 10)],
        "转出团委通讯地址",
    )?;
    p.paragraph(
        (X0 + W * 0.74, top + 104.0, W * 0.26, 7.0),
        BODY,
        MIN,
        &[t("邮编："), f(&l.issuer_postcode, 6)],
        "邮编",
    )?;
    Ok(())
}

/// 第三联 回执 (filled in and returned by the receiver).
fn receipt(p: &mut Page, l: &LetterData, top: f32) -> Result<()> {
    receipt_part(
        p,
        top,
        top + 80.0,
        &ReceiptPart {
            title: TITLE,
            number: &l.number_label(),
            issuer: &l.issuer,
            name: &l.name,
            handler: Run::blank(35.0),
            phone: Run::blank(45.0),
            date: "年　　月　　日",
        },
    )
}

/// What a 回执 prints: L1's own third part leaves the receiver's lines blank; the 回执 the
/// receiving office prints for a letter it was brought (`receipt.rs`, N11) fills them.
pub(super) struct ReceiptPart<'a> {
    pub title: &'a str,
    pub number: &'a str,
    /// 转出团委: where the 回执 goes back to.
    pub issuer: &'a str,
    pub name: &'a str,
    pub handler: Run,
    pub phone: Run,
    pub date: &'a str,
}

/// One 回执 between `top` and `bottom` (mm), framed as L1's third part.
pub(super) fn receipt_part(p: &mut Page, top: f32, bottom: f32, r: &ReceiptPart) -> Result<()> {
    frame(p, top, bottom, "回执", "第三联");
    p.text_centered(CX, top + 8.0, 15.0, r.title);
    p.text_centered(CX, top + 14.5, 10.5, r.number);
    let y = top
        + 17.0
        + p.paragraph(
            (X0, top + 17.0, W, 12.0),
            BODY,
            MIN,
            &[f(r.issuer, 12), t("：")],
            "转出团委",
        )?;
    p.paragraph(
        (X0, y, W, top + 45.0 - y),
        BODY,
        MIN,
        &[
            t("　　"),
            f(r.name, 4),
            t("同志的团员组织关系已转达我处，特此回复。"),
        ],
        "回执正文",
    )?;
    p.paragraph(
        (X0, top + 46.0, W * 0.6, 7.0),
        BODY,
        MIN,
        &[t("转入经办人："), r.handler.clone()],
        "转入经办人",
    )?;
    p.paragraph(
        (X0, top + 54.0, W * 0.6, 7.0),
        BODY,
        MIN,
        &[t("联系电话："), r.phone.clone()],
        "联系电话",
    )?;
    p.text_right(X1 - 6.0, top + 68.0, BODY, "（转入团委盖章）");
    p.text_right(X1 - 6.0, top + 76.0, BODY, r.date);
    Ok(())
}
