//! Which roster column holds which member field: header synonyms and explicit mappings.
//!
//! Rosters come from many offices and each names its columns its own way (身份证号 /
//! 公民身份号码 …). Headers are compared after folding widths, dropping spaces, required-field
//! stars and bracketed hints such as “（年月）”; an explicit `列名=字段` mapping wins over them.

use xianjie_domain::{Error, Result};

xianjie_domain::labeled_enum! {
    /// The fields a roster column can feed.
    Field {
        Name = "name", "姓名";
        IdNumber = "id_number", "身份证号";
        Sex = "sex", "性别";
        Ethnicity = "ethnicity", "民族";
        StudentNo = "student_no", "学号";
        College = "college", "学院";
        Branch = "branch", "团支部";
        Joined = "joined", "入团时间";
        DevelopmentNo = "development_no", "团员发展编号";
        Politics = "politics", "政治面貌";
        LeaguePost = "league_post", "团内职务";
        Mobile = "mobile", "手机号";
        Graduates = "graduates", "毕业时间";
        DuesPaidTo = "dues_paid_to", "团费交至";
        IdentityVerified = "identity_verified", "团员身份认证";
        Status = "status", "学籍状态";
        Destination = "destination", "毕业去向";
        DestUnit = "dest_unit", "去向单位";
        DestProvince = "dest_province", "去向省份";
        DestCity = "dest_city", "去向城市";
        DestAddress = "dest_address", "去向地址";
        DestHasOrg = "dest_has_org", "单位是否有团组织";
        DestSystem = "dest_system", "所属系统";
        DestTargetOrg = "dest_target_org", "转入组织";
        DestStudyLevel = "dest_study_level", "升学层次";
        LaborDispatch = "labor_dispatch", "劳务派遣";
        CentralUnit = "central_unit", "在京中直单位";
        RetainInSchool = "retain_in_school", "申请保留在校";
        RetentionNote = "retention_note", "保留原因";
        Marking = "marking", "标记";
        DeferredUntil = "deferred_until", "延迟毕业时间";
        DeferredReason = "deferred_reason", "延迟毕业原因";
    }
}

/// Synonyms beyond each field's own label (compared after [`fold_header`]).
const SYNONYMS: &[(Field, &[&str])] = &[
    (Field::Name, &["姓名", "团员姓名", "学生姓名"]),
    (
        Field::IdNumber,
        &[
            "身份证号",
            "身份证号码",
            "公民身份号码",
            "身份证",
            "证件号码",
        ],
    ),
    (Field::Sex, &["性别"]),
    (Field::Ethnicity, &["民族"]),
    (Field::StudentNo, &["学号", "学籍号"]),
    (Field::College, &["学院", "所在学院", "院系", "所在院系"]),
    (
        Field::Branch,
        &[
            "团支部",
            "所在团支部",
            "所在支部",
            "班级团支部",
            "团支部全称",
            "所在团组织",
        ],
    ),
    (Field::Joined, &["入团时间", "入团年月", "入团日期"]),
    (
        Field::DevelopmentNo,
        &["团员发展编号", "发展团员编号", "团员编号", "发展编号"],
    ),
    (Field::Politics, &["政治面貌"]),
    (Field::LeaguePost, &["团内职务", "团内现任职务"]),
    (
        Field::Mobile,
        &["手机号", "手机号码", "联系电话", "手机", "联系方式"],
    ),
    (Field::Graduates, &["毕业时间", "预计毕业时间", "毕业年月"]),
    (Field::DuesPaidTo, &["团费交至", "团费交纳至", "团费缴纳至"]),
    (
        Field::IdentityVerified,
        &["团员身份认证", "身份认证", "团员身份认证状态"],
    ),
    (Field::Status, &["学籍状态"]),
    (Field::Destination, &["毕业去向", "去向类型", "去向"]),
    (
        Field::DestUnit,
        &[
            "去向单位",
            "工作单位",
            "录取学校",
            "转入学校名称",
            "工作单位名称",
        ],
    ),
    (
        Field::DestProvince,
        &["去向省份", "所在省份", "单位所在省份"],
    ),
    (Field::DestCity, &["去向城市", "所在城市"]),
    (Field::DestAddress, &["去向地址", "详细地址", "单位地址"]),
    (
        Field::DestHasOrg,
        &["单位是否有团组织", "是否有团组织", "单位有无团组织"],
    ),
    (Field::DestSystem, &["所属系统", "系统团委"]),
    (Field::DestTargetOrg, &["转入组织", "转入团组织"]),
    (Field::DestStudyLevel, &["升学层次"]),
    (Field::LaborDispatch, &["劳务派遣", "是否劳务派遣"]),
    (Field::CentralUnit, &["在京中直单位", "是否在京中直单位"]),
    (
        Field::RetainInSchool,
        &["申请保留在校", "保留在校", "申请保留团组织关系"],
    ),
    (Field::RetentionNote, &["保留原因"]),
    (Field::Marking, &["标记", "特殊标记"]),
    (Field::DeferredUntil, &["延迟毕业时间"]),
    (Field::DeferredReason, &["延迟毕业原因"]),
];

/// Folds a header for comparison: widths, spaces, stars, bracketed hints.
pub fn fold_header(raw: &str) -> String {
    let s = xianjie_domain::text::normalize_width(raw);
    let mut out = String::with_capacity(s.len());
    let mut depth = 0u32;
    for c in s.chars() {
        match c {
            '(' | '（' | '[' | '【' => depth += 1,
            ')' | '）' | ']' | '】' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            '*' | ':' | '：' => {}
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

/// An explicit `列名=字段` mapping (字段 by code or Chinese label).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnMap {
    pub header: String,
    pub field: Field,
}

impl ColumnMap {
    pub fn parse(s: &str) -> Result<Self> {
        let (h, f) = s
            .split_once('=')
            .ok_or_else(|| Error::invalid(format!("映射“{s}”应写作“列名=字段”")))?;
        let field_text = f.trim();
        let field = Field::from_code(field_text)
            .or_else(|| field_by_header(field_text, &[]))
            .ok_or_else(|| {
                Error::invalid(format!(
                    "映射“{s}”中的字段“{field_text}”无法识别；可用字段：{}",
                    Field::codes()
                ))
            })?;
        let header = fold_header(h);
        if header.is_empty() {
            return Err(Error::invalid(format!("映射“{s}”缺少列名")));
        }
        Ok(Self { header, field })
    }
}

/// The field a header names: explicit mappings first, then synonyms and labels.
pub fn field_by_header(raw: &str, maps: &[ColumnMap]) -> Option<Field> {
    let h = fold_header(raw);
    if h.is_empty() {
        return None;
    }
    if let Some(m) = maps.iter().find(|m| m.header == h) {
        return Some(m.field);
    }
    SYNONYMS
        .iter()
        .find(|(_, names)| names.contains(&h.as_str()))
        .map(|(f, _)| *f)
        .or_else(|| Field::from_label(&h))
}

/// Fields without which a row cannot become a member.
pub const REQUIRED: [Field; 4] = [Field::Name, Field::IdNumber, Field::Branch, Field::Joined];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synonyms_and_folding() {
        assert_eq!(field_by_header("公民身份号码", &[]), Some(Field::IdNumber));
        assert_eq!(field_by_header(" *姓 名 ", &[]), Some(Field::Name));
        assert_eq!(
            field_by_header("入团时间（年月）", &[]),
            Some(Field::Joined)
        );
        assert_eq!(
            field_by_header("发展团员编号", &[]),
            Some(Field::DevelopmentNo)
        );
        assert_eq!(field_by_header("班级团支部", &[]), Some(Field::Branch));
        assert_eq!(field_by_header("联系电话", &[]), Some(Field::Mobile));
        assert_eq!(field_by_header("序号", &[]), None);
    }

    #[test]
    fn explicit_mapping_wins() {
        let m = ColumnMap::parse("联系电话=student_no").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(field_by_header("联系电话", &[m]), Some(Field::StudentNo));
        let m = ColumnMap::parse("证号=身份证号").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(m.field, Field::IdNumber);
        assert!(ColumnMap::parse("证号").is_err());
        assert!(ColumnMap::parse("证号=鞋码").is_err());
    }
}
