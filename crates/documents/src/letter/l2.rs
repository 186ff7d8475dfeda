//! L2 流动团员管理服务告知书 (003 附件9): the six points a retained graduate (R7a) signs,
//! pre-filled with the member's details and the org's contact, with the receipt block.

use super::layout::{Page, Run};
use super::Pdf;
use crate::font;
use crate::Result;
use serde::{Deserialize, Serialize};

pub const TITLE: &str = "流动团员管理服务告知书";

/// The six points, as the template words them.
pub const POINTS: [&str; 6] = [
    "流动团员应严格执行团章规定，认真履行团章第一章第二条规定的团员义务。",
    "流动团员应配合所在团组织完成线上组织关系转接、线下报到，主动加入所在团组织网上流动团员社群，自觉接受团组织的教育管理，积极参加组织生活。",
    "流动团员工作单位或居住地相对固定的，应将组织关系及时转出。",
    "流动团员应至少每6个月与所在团组织联系1次，手机号码等联系方式发生变更，应及时告知所在团组织。与团组织失去联系1年以上的团员停止团籍，停止团籍2年后无法联系的，按照自行脱团予以除名。",
    "没有正当理由，不按规定交纳团费、不过团的组织生活，或连续6个月不做团组织分配的工作，按照自行脱团予以除名。",
    "请务必珍惜团员身份，被停止团籍、除名的，将对本人今后的工作学习生活带来无法弥补的影响。",
];

/// What L2 is pre-filled with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoticeData {
    pub name: String,
    pub id_number: String,
    pub mobile: String,
    /// 团组织联系人 and 联系电话 (the flowing branch's or the office's).
    pub contact: String,
    pub contact_phone: String,
}

const X0: f32 = 25.0;
const W: f32 = 160.0;

pub fn draw(p: &mut Page, d: &NoticeData) -> Result<()> {
    let t = Run::text;
    p.text_centered(105.0, 32.0, 18.0, TITLE);
    let mut y = 42.0;
    y += p.paragraph(
        (X0, y, W, 9.0),
        12.0,
        7.0,
        &[t("流动团员"), Run::field(&d.name, 4), t("同志：")],
        "姓名",
    )?;
    y += p.paragraph(
        (X0, y, W, 18.0),
        12.0,
        7.0,
        &[t(
            "　　为更好加强流动团员管理服务，根据团章和有关规定，现将有关事宜告知如下：",
        )],
        "告知书",
    )?;
    for (i, point) in POINTS.iter().enumerate() {
        y += p.paragraph(
            (X0, y, W, 30.0),
            12.0,
            7.0,
            &[Run::text(format!("　　{}. {point}", i + 1))],
            "告知书",
        )?;
    }
    y += 6.0;
    p.paragraph(
        (X0, y, W * 0.5, 9.0),
        12.0,
        7.0,
        &[t("团组织联系人："), Run::field(&d.contact, 5)],
        "团组织联系人",
    )?;
    p.paragraph(
        (X0 + W * 0.5, y, W * 0.5, 9.0),
        12.0,
        7.0,
        &[
            t("联系电话："),
            Run::field(&d.contact_phone, 8).or_blank(35.0),
        ],
        "联系电话",
    )?;
    y += 16.0;
    p.grey(0.45);
    p.line(X0, y, X0 + W, y, 0.6, Some(&[4.0, 3.0]));
    p.grey(0.0);
    y += 4.0;
    p.text_centered(105.0, y + 6.0, 12.0, "［回执信息栏］");
    y += 11.0;
    p.paragraph(
        (X0, y, W * 0.58, 9.0),
        12.0,
        7.0,
        &[
            t("团员身份证号码："),
            Run::field(&d.id_number, 9).or_blank(50.0),
        ],
        "团员身份证号码",
    )?;
    p.paragraph(
        (X0 + W * 0.58, y, W * 0.42, 9.0),
        12.0,
        7.0,
        &[t("本人手机号码："), Run::field(&d.mobile, 6).or_blank(35.0)],
        "本人手机号码",
    )?;
    y += 14.0;
    p.paragraph(
        (X0, y, W * 0.6, 9.0),
        12.0,
        7.0,
        &[t("团员签名："), Run::blank(40.0)],
        "团员签名",
    )?;
    p.text_right(X0 + W, y + 7.0, 12.0, "　　　　年　　月　　日");
    y += 16.0;
    p.paragraph(
        (X0, y, W, 14.0),
        10.5,
        7.0,
        &[t(
            "注：因疫情、工作等原因线下报到确有困难的，团员签名后可向团组织报送电子版。",
        )],
        "注",
    )?;
    Ok(())
}

/// Notices for many members, one per page.
pub fn render(notices: &[NoticeData]) -> Result<Vec<u8>> {
    for d in notices {
        font::check_glyphs([
            ("姓名", d.name.as_str()),
            ("团组织联系人", d.contact.as_str()),
            ("联系电话", d.contact_phone.as_str()),
            ("身份证号码", d.id_number.as_str()),
            ("手机号码", d.mobile.as_str()),
        ])
        .map_err(|e| crate::Error::new(e.code, format!("告知书（{}）：{}", d.name, e.message)))?;
    }
    let mut pdf = Pdf::new(TITLE)?;
    for d in notices {
        let mut page = pdf.page();
        draw(&mut page, d)?;
        pdf.push(page);
    }
    Ok(pdf.save())
}
