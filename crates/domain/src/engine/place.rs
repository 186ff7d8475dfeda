//! Where to look for a destination org in 智慧团建's tree: the province committee, a system
//! committee (R2b), or the separate 京粤闽 systems (R11).

use crate::destination::{jing_yue_min, Destination, SystemCommittee};

/// How a destination is found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// Under a system committee, whatever the province (R2b).
    System(SystemCommittee),
    /// A central unit in Beijing: not "Beijing"; one of the central system committees (R2b, R11).
    CentralInBeijing(Option<SystemCommittee>),
    /// Beijing, Guangdong or Fujian: answer 是, pick the province, type the full name (R11).
    JingYueMin(&'static str),
    /// An ordinary province committee.
    Province(String),
    /// Province not known yet.
    Unknown,
}

impl Place {
    pub fn of(d: &Destination) -> Place {
        if d.central_unit_in_beijing {
            return Place::CentralInBeijing(d.system);
        }
        if let Some(s) = d.system {
            return Place::System(s);
        }
        Place::by_province(d)
    }

    /// Where a unit *without* its own league org sits (R3): the township's org is under the
    /// province, whatever system the unit belongs to; a 在京中直单位 sits in Beijing (R11).
    pub fn local(d: &Destination) -> Place {
        if d.central_unit_in_beijing {
            return Place::JingYueMin("北京");
        }
        Place::by_province(d)
    }

    fn by_province(d: &Destination) -> Place {
        match d
            .province
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            Some(p) => match jing_yue_min(p) {
                Some(j) => Place::JingYueMin(j),
                None => Place::Province(p.to_string()),
            },
            None => Place::Unknown,
        }
    }

    /// A sentence: which node of the org tree to open first.
    pub fn where_to_find(&self, what: &str) -> String {
        match self {
            Place::System(s) => format!(
                "“转入组织是否属于北京/广东/福建”选“否”；在“{}”下查找{what}（按组织体系选择，不按所在地选择省份）",
                s.label()
            ),
            Place::CentralInBeijing(Some(s)) => format!(
                "在京中直单位不按北京办理：“转入组织是否属于北京/广东/福建”选“否”，在“{}”下查找{what}",
                s.label()
            ),
            Place::CentralInBeijing(None) => format!(
                "在京中直单位不按北京办理：“转入组织是否属于北京/广东/福建”选“否”，按其隶属在“中央和国家机关团工委”“中央金融团工委”“中央企业团工委”等相应系统下查找{what}"
            ),
            Place::JingYueMin(p) => format!(
                "“转入组织是否属于北京/广东/福建”选“是”并选择“{p}”；{what}无法搜索，须准确手工填写其全称"
            ),
            Place::Province(p) => format!(
                "“转入组织是否属于北京/广东/福建”选“否”；在“{}”下按隶属关系查找{what}",
                province_committee(p)
            ),
            Place::Unknown => format!(
                "先确认去向所在省份（或所属系统团委），再在相应的省级团委下按隶属关系查找{what}"
            ),
        }
    }
}

/// `湖北` → `团湖北省委`; municipalities and autonomous regions by their own names.
pub fn province_committee(province: &str) -> String {
    let p = province.trim();
    let short = p
        .trim_end_matches('省')
        .trim_end_matches('市')
        .trim_end_matches("维吾尔自治区")
        .trim_end_matches("壮族自治区")
        .trim_end_matches("回族自治区")
        .trim_end_matches("自治区");
    match short {
        "北京" | "天津" | "上海" | "重庆" => format!("团{short}市委"),
        "内蒙古" | "西藏" => format!("团{short}自治区委"),
        "广西" => "团广西壮族自治区委".to_string(),
        "宁夏" => "团宁夏回族自治区委".to_string(),
        "新疆" => "团新疆维吾尔自治区委".to_string(),
        "新疆生产建设兵团" | "兵团" => "团兵团委".to_string(),
        _ => format!("团{short}省委"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn committees() {
        assert_eq!(province_committee("湖北"), "团湖北省委");
        assert_eq!(province_committee("湖北省"), "团湖北省委");
        assert_eq!(province_committee("上海市"), "团上海市委");
        assert_eq!(province_committee("广西壮族自治区"), "团广西壮族自治区委");
        assert_eq!(province_committee("内蒙古"), "团内蒙古自治区委");
    }
}
