//! A graduate's destination facts (rules.md §3 input), shared by the rule engine, the store
//! and the forms.

use serde::{Deserialize, Serialize};

crate::labeled_enum! {
    /// Where the graduate goes.
    DestinationKind {
        Study = "study", "升学";
        Employed = "employed", "已落实工作单位";
        AbroadWork = "abroad_work", "因公出国（境）工作";
        AbroadStudy = "abroad_study", "出国（境）学习研究";
        AbroadPrivate = "abroad_private", "因私出国（境）";
        None = "none", "未就业（未升学或未落实就业去向）";
        Army = "army", "参军入伍";
        Classified = "classified", "涉密单位";
        PostgradTeaching = "postgrad_teaching", "C类保研/研究生支教团";
    }
}

crate::labeled_enum! {
    /// R2b: system committees searched under their system, never a province.
    SystemCommittee {
        Railway = "railway", "全国铁道团委";
        CivilAviation = "civil_aviation", "全国民航团委";
        CentralFinance = "central_finance", "中央金融团工委";
        CentralEnterprise = "central_enterprise", "中央企业团工委";
        CentralStateOrgs = "central_state_organs", "中央和国家机关团工委";
    }
}

crate::labeled_enum! {
    /// Why a graduate is retained although a destination may exist (R7b).
    RetentionNote {
        RetakePostgradExam = "retake_postgrad_exam", "二战考研";
        EmployerWantsFile = "employer_wants_file", "单位要求先收档案";
    }
}

crate::labeled_enum! {
    /// The eight 学社衔接 转接原因 of 智慧团建 (001 附件2).
    Reason {
        R1 = "R1", "升学";
        R2 = "R2", "已落实工作单位（工作单位有团组织）";
        R3 = "R3", "已落实工作单位（工作单位无团组织）";
        R4 = "R4", "出国（因公出国／境）";
        R5 = "R5", "出国（境）学习研究";
        R6 = "R6", "出国（因私出国／境）";
        R7 = "R7", "未就业";
        R8 = "R8", "转往特殊单位团组织";
    }
}

impl Reason {
    /// The rule of docs/rules.md that defines this reason.
    pub fn rule(self) -> crate::rule::RuleId {
        use crate::rule::RuleId;
        match self {
            Reason::R1 => RuleId::R1,
            Reason::R2 => RuleId::R2,
            Reason::R3 => RuleId::R3,
            Reason::R4 => RuleId::R4,
            Reason::R5 => RuleId::R5,
            Reason::R6 => RuleId::R6,
            Reason::R7 => RuleId::R7,
            Reason::R8 => RuleId::R8,
        }
    }
}

/// The destination facts the office records for a graduate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Destination {
    pub kind: DestinationKind,
    /// For employed / abroad_work: the employer has a league org.
    pub employer_has_org: bool,
    /// 劳务派遣 (R2a).
    pub labor_dispatch: bool,
    pub system: Option<SystemCommittee>,
    /// Province of the destination, Chinese short name (湖北, 北京…).
    pub province: Option<String>,
    /// 在京中直单位: not "Beijing" for R11.
    pub central_unit_in_beijing: bool,
    /// Asks to keep the relation in school (R7a).
    pub retain_in_school: bool,
    pub note: Option<RetentionNote>,
    /// The 转接原因 the office intends to pick, to be checked.
    pub chosen_reason: Option<Reason>,
    /// The free-text details 智慧团建 asks for; `None` when not recorded at all.
    pub details: Option<DestinationDetails>,
}

impl Destination {
    pub fn of_kind(kind: DestinationKind) -> Self {
        Self {
            kind,
            employer_has_org: true,
            labor_dispatch: false,
            system: None,
            province: None,
            central_unit_in_beijing: false,
            retain_in_school: false,
            note: None,
            chosen_reason: None,
            details: None,
        }
    }
}

/// The texts typed into 智慧团建 (002 §1.4.6); each may still be missing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DestinationDetails {
    /// 毕业去向 level for 升学: 普通高中 / 中等职业院校 / 普通高校 / 高等职业院校 …
    pub study_level: Option<String>,
    /// 转入学校名称 or 工作单位名称.
    pub unit_name: Option<String>,
    /// 学校所在地详细地址 / 工作单位所在地详细地址 / 户籍地或居住地详细地址.
    pub address: Option<String>,
    /// 转入组织 (full name).
    pub target_org: Option<String>,
    pub city: Option<String>,
}

/// The provinces whose own systems take members (R11), by their short names.
pub fn jing_yue_min(province: &str) -> Option<&'static str> {
    let p = province.trim();
    let short = p
        .trim_end_matches("市")
        .trim_end_matches("省")
        .trim_end_matches("壮族自治区");
    match short {
        "北京" => Some("北京"),
        "广东" => Some("广东"),
        "福建" => Some("福建"),
        _ => None,
    }
}

/// The short name of a provincial-level unit, as in [`PROVINCES`]: `湖北省` → `湖北`,
/// `广西壮族自治区` → `广西`; `None` when the text names none.
pub fn province_short(name: &str) -> Option<&'static str> {
    let p = name.trim();
    PROVINCES.iter().copied().find(|short| {
        p == *short
            || p.strip_prefix(short).is_some_and(|rest| {
                matches!(
                    rest,
                    "省" | "市" | "自治区" | "壮族自治区" | "回族自治区" | "维吾尔自治区"
                )
            })
    })
}

/// The provincial-level units a destination may be in, as 智慧团建 lists them (short names).
pub const PROVINCES: [&str; 32] = [
    "北京",
    "天津",
    "河北",
    "山西",
    "内蒙古",
    "辽宁",
    "吉林",
    "黑龙江",
    "上海",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "广西",
    "海南",
    "重庆",
    "四川",
    "贵州",
    "云南",
    "西藏",
    "陕西",
    "甘肃",
    "青海",
    "宁夏",
    "新疆",
    "新疆生产建设兵团",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn province_short_names() {
        assert_eq!(province_short("湖北省"), Some("湖北"));
        assert_eq!(province_short(" 北京市 "), Some("北京"));
        assert_eq!(province_short("广西壮族自治区"), Some("广西"));
        assert_eq!(province_short("新疆维吾尔自治区"), Some("新疆"));
        assert_eq!(province_short("新疆生产建设兵团"), Some("新疆生产建设兵团"));
        assert_eq!(province_short("内蒙古自治区"), Some("内蒙古"));
        assert_eq!(province_short("火星"), None);
        assert_eq!(province_short("湖北省武汉市"), None);
    }
}
