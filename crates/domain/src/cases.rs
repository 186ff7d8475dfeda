//! The `xianjie recommend` contract (docs/contract.md): a JSON array of cases in,
//! one JSON line per case out. A case is a graduate's (no `kind`, or `"kind": "graduate"`) or an
//! incoming new student's (`"kind": "incoming"`, read in `cases/incoming.rs`, rules.md §9).
//!
//! Parsing is by hand over `serde_json::Value` rather than derived, so that every refusal names
//! the case id and the field in Chinese (serde's messages name neither). The app's facts form
//! (`api::recommend`) is read by the same parser ([`form_facts`]), naming its fields in Chinese.

use crate::date::{parse_date_strict, YearMonth};
use crate::destination::{Destination, DestinationKind, Reason, RetentionNote, SystemCommittee};
use crate::engine::{self, Facts, Membership, Metric, Notice, Paper, Recommendation};
use crate::error::{Error, Result};
use crate::id_number::IdNumber;
use crate::member::{MarkingKind, Politics, SchoolKind, StudyStatus};
use crate::rule::RuleId;
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Map, Value};

mod incoming;

pub use incoming::{IncomingCase, IncomingOutput};

/// One parsed case: its id and the engine's facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    pub id: String,
    pub facts: Facts,
}

const CASE_KEYS: &[&str] = &[
    "id",
    "on",
    "id_number",
    "birth_date",
    "joined",
    "politics",
    "league_post",
    "school",
    "marking",
    "identity_verified",
    "active_transfer",
    "status",
    "destination",
];
const DESTINATION_KEYS: &[&str] = &[
    "kind",
    "employer_has_org",
    "labor_dispatch",
    "system",
    "province",
    "central_unit_in_beijing",
    "retain_in_school",
    "note",
    "chosen_reason",
];

/// One parsed case of either kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnyCase {
    Graduate(Case),
    Incoming(IncomingCase),
}

impl AnyCase {
    pub fn id(&self) -> &str {
        match self {
            AnyCase::Graduate(c) => &c.id,
            AnyCase::Incoming(c) => &c.id,
        }
    }
}

/// Parses a cases file of graduates only (an incoming case is refused, naming its `kind`).
/// `today` is the default for `on`.
pub fn parse(text: &str, today: NaiveDate) -> Result<Vec<Case>> {
    parse_any(text, today)?
        .into_iter()
        .map(|c| match c {
            AnyCase::Graduate(c) => Ok(c),
            AnyCase::Incoming(c) => Err(Error::invalid(format!(
                "案例 {} 的字段 kind：此处只接受毕业生案例（graduate）",
                c.id
            ))),
        })
        .collect()
}

/// Parses a cases file of graduates and incoming new students. `today` is the default for
/// `on`.
pub fn parse_any(text: &str, today: NaiveDate) -> Result<Vec<AnyCase>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value = serde_json::from_str(text).map_err(|e| {
        Error::invalid(format!(
            "案例文件不是有效的 JSON（第{}行第{}列）：{}",
            e.line(),
            e.column(),
            json_error_kind(&e)
        ))
    })?;
    let Value::Array(items) = value else {
        return Err(Error::invalid("案例文件必须是 JSON 数组（[ {…}, {…} ]）"));
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| parse_case(i, item, today))
        .collect()
}

fn json_error_kind(e: &serde_json::Error) -> &'static str {
    use serde_json::error::Category;
    match e.classify() {
        Category::Io => "读取失败",
        Category::Syntax => "语法错误",
        Category::Data => "数据错误",
        Category::Eof => "文件意外结束",
    }
}

/// Who the errors are for: a contract case (its id and the JSON key) or the app's form (the
/// field's Chinese name).
#[derive(Debug, Clone)]
enum Naming {
    Case(String),
    Form,
}

/// The form's name of a contract key.
fn form_label(key: &str) -> &str {
    match key {
        "on" => "查询日期",
        "id_number" => "身份证号",
        "birth_date" => "出生日期",
        "joined" => "入团时间",
        "politics" => "政治面貌",
        "league_post" => "团内任职",
        "school" => "毕业学校类型",
        "marking" => "标记",
        "identity_verified" => "团员身份认证",
        "active_transfer" => "进行中的转接",
        "status" => "学籍状态",
        "destination" | "destination.kind" => "毕业去向",
        "destination.employer_has_org" => "单位已建团组织",
        "destination.labor_dispatch" => "劳务派遣",
        "destination.system" => "系统团委",
        "destination.province" => "所在省份",
        "destination.central_unit_in_beijing" => "在京中直单位",
        "destination.retain_in_school" => "保留在校",
        "destination.note" => "保留说明",
        "destination.chosen_reason" => "拟选转接原因",
        other => other,
    }
}

/// Reads the fields of one JSON object, naming the case and the field in every error.
struct Reader<'a> {
    naming: Naming,
    prefix: &'static str,
    map: &'a Map<String, Value>,
}

impl<'a> Reader<'a> {
    fn err(&self, key: &str, msg: impl std::fmt::Display) -> Error {
        match &self.naming {
            Naming::Case(case) => Error::invalid(format!(
                "案例 {} 的字段 {}{}：{}",
                case, self.prefix, key, msg
            )),
            Naming::Form => Error::invalid(format!(
                "{}：{msg}",
                form_label(&format!("{}{key}", self.prefix))
            )),
        }
    }

    fn check_keys(&self, allowed: &[&str]) -> Result<()> {
        for key in self.map.keys() {
            if !allowed.contains(&key.as_str()) {
                return Err(self.err(key, format!("未知字段（可用字段：{}）", allowed.join("、"))));
            }
        }
        Ok(())
    }

    /// [`Self::check_keys`] with one more key allowed (a case's `kind`).
    fn check_keys_and(&self, allowed: &[&str], extra: &str) -> Result<()> {
        for key in self.map.keys() {
            if key != extra && !allowed.contains(&key.as_str()) {
                return Err(self.err(
                    key,
                    format!("未知字段（可用字段：{}、{extra}）", allowed.join("、")),
                ));
            }
        }
        Ok(())
    }

    /// `None` when absent or null.
    fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    fn str(&self, key: &str) -> Result<Option<&'a str>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.as_str())),
            Some(other) => Err(self.err(key, format!("应为字符串，实际为{}", type_name(other)))),
        }
    }

    fn bool(&self, key: &str, default: bool) -> Result<bool> {
        match self.get(key) {
            None => Ok(default),
            Some(Value::Bool(b)) => Ok(*b),
            Some(other) => Err(self.err(
                key,
                format!("应为 true 或 false，实际为{}", type_name(other)),
            )),
        }
    }

    /// A string from a closed set, converted by `from_code`.
    fn code<T>(
        &self,
        key: &str,
        from_code: fn(&str) -> Option<T>,
        codes: &str,
    ) -> Result<Option<T>> {
        match self.str(key)? {
            None => Ok(None),
            Some(s) => from_code(s)
                .map(Some)
                .ok_or_else(|| self.err(key, format!("“{s}”无效（应为 {codes}）"))),
        }
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "布尔值",
        Value::Number(_) => "数字",
        Value::String(_) => "字符串",
        Value::Array(_) => "数组",
        Value::Object(_) => "对象",
    }
}

fn parse_case(index: usize, item: &Value, today: NaiveDate) -> Result<AnyCase> {
    let ordinal = index + 1;
    let Value::Object(map) = item else {
        return Err(Error::invalid(format!("第{ordinal}个案例不是 JSON 对象")));
    };
    let id = match map.get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
        Some(Value::Number(n)) => {
            return Err(Error::invalid(format!(
                "第{ordinal}个案例（id {n}）的字段 id：应为字符串，实际为数字"
            )))
        }
        _ => {
            return Err(Error::invalid(format!(
                "第{ordinal}个案例的字段 id：缺少案例编号（非空字符串）"
            )))
        }
    };
    let r = Reader {
        naming: Naming::Case(id.clone()),
        prefix: "",
        map,
    };
    match r.str("kind")? {
        None | Some("graduate") => {}
        Some("incoming") => return incoming::parse(&r, id, today).map(AnyCase::Incoming),
        Some(other) => {
            return Err(r.err(
                "kind",
                format!("“{other}”无效（应为 graduate、incoming；不填即 graduate）"),
            ))
        }
    }
    r.check_keys_and(CASE_KEYS, "kind")?;
    let facts = parse_facts(&r, today)?;
    Ok(AnyCase::Graduate(Case { id, facts }))
}

/// The app's facts form, in the contract's shape (absent and null fields take the contract's
/// defaults); errors name the field in Chinese. `today` is the default for `on`.
pub fn form_facts(map: &Map<String, Value>, today: NaiveDate) -> Result<Facts> {
    let r = Reader {
        naming: Naming::Form,
        prefix: "",
        map,
    };
    r.check_keys(CASE_KEYS)?;
    parse_facts(&r, today)
}

/// The destination part of the app's form, read as the contract's `destination`.
pub fn form_destination(map: &Map<String, Value>) -> Result<Destination> {
    parse_destination(Naming::Form, map)
}

/// The date asked and who is asked about, read the same way for both kinds of case.
struct Person {
    on: NaiveDate,
    id_number: Option<IdNumber>,
    birth_date: NaiveDate,
    joined: Option<YearMonth>,
}

fn parse_person(r: &Reader<'_>, today: NaiveDate) -> Result<Person> {
    let on = match r.str("on")? {
        Some(s) => parse_date_strict(s).map_err(|m| r.err("on", m))?,
        None => today,
    };
    let id_number = match r.str("id_number")? {
        Some(s) => Some(IdNumber::parse(s).map_err(|e| r.err("id_number", e))?),
        None => None,
    };
    let birth_given = match r.str("birth_date")? {
        Some(s) => Some(parse_date_strict(s).map_err(|m| r.err("birth_date", m))?),
        None => None,
    };
    let birth_date = match (&id_number, birth_given) {
        (Some(id), Some(b)) if id.birth_date() != b => {
            return Err(r.err(
                "birth_date",
                format!("与身份证号中的出生日期 {} 不一致", id.birth_date()),
            ))
        }
        (Some(id), _) => id.birth_date(),
        (None, Some(b)) => b,
        (None, None) => {
            return Err(match r.naming {
                Naming::Case(_) => r.err("id_number", "id_number 与 birth_date 至少须填写一个"),
                Naming::Form => Error::invalid("请填写身份证号或出生日期"),
            });
        }
    };
    if birth_date > on {
        return Err(r.err(
            "birth_date",
            format!("出生日期 {birth_date} 晚于询问日期 {on}"),
        ));
    }
    let joined = match r.str("joined")? {
        Some(s) => Some(YearMonth::parse_strict(s).map_err(|m| r.err("joined", m))?),
        None => None,
    };
    if let Some(j) = joined {
        if j.last_day() < birth_date {
            return Err(r.err("joined", format!("入团时间 {j} 早于出生日期 {birth_date}")));
        }
    }
    Ok(Person {
        on,
        id_number,
        birth_date,
        joined,
    })
}

fn parse_facts(r: &Reader<'_>, today: NaiveDate) -> Result<Facts> {
    let map = r.map;
    let Person {
        on,
        id_number,
        birth_date,
        joined,
    } = parse_person(r, today)?;
    let destination = match map.get("destination") {
        Some(Value::Object(dm)) => parse_destination(r.naming.clone(), dm)?,
        Some(other) => {
            return Err(r.err(
                "destination",
                format!("应为对象，实际为{}", type_name(other)),
            ))
        }
        None => return Err(r.err("destination", "缺少去向（destination.kind 必填）")),
    };

    let facts = Facts {
        on,
        id_number,
        birth_date,
        joined,
        politics: r
            .code(
                "politics",
                Politics::from_code,
                "league、probationary_party、party",
            )?
            .unwrap_or(Politics::League),
        league_post: r.bool("league_post", false)?,
        school: r
            .code("school", SchoolKind::from_code, &SchoolKind::codes())?
            .unwrap_or(SchoolKind::University),
        marking: r.code("marking", MarkingKind::from_code, "null、deferred、teacher")?,
        identity_verified: r.bool("identity_verified", true)?,
        active_transfer: r.bool("active_transfer", false)?,
        status: r
            .code("status", StudyStatus::from_code, &StudyStatus::codes())?
            .unwrap_or(StudyStatus::Graduating),
        destination,
    };
    Ok(facts)
}

fn parse_destination(naming: Naming, map: &Map<String, Value>) -> Result<Destination> {
    let r = Reader {
        naming,
        prefix: "destination.",
        map,
    };
    r.check_keys(DESTINATION_KEYS)?;
    let kind = r
        .code(
            "kind",
            DestinationKind::from_code,
            &DestinationKind::codes(),
        )?
        .ok_or_else(|| r.err("kind", "缺少去向类型"))?;
    let province = r.str("province")?.map(|s| s.trim().to_string());
    Ok(Destination {
        kind,
        employer_has_org: r.bool("employer_has_org", true)?,
        labor_dispatch: r.bool("labor_dispatch", false)?,
        system: r.code(
            "system",
            SystemCommittee::from_code,
            &SystemCommittee::codes(),
        )?,
        province: province.filter(|p| !p.is_empty()),
        central_unit_in_beijing: r.bool("central_unit_in_beijing", false)?,
        retain_in_school: r.bool("retain_in_school", false)?,
        note: r.code("note", RetentionNote::from_code, &RetentionNote::codes())?,
        chosen_reason: r.code("chosen_reason", Reason::from_code, "R1…R8")?,
        details: None,
    })
}

/// One output line of the contract.
#[derive(Debug, Serialize)]
pub struct Output<'a> {
    pub id: &'a str,
    pub reason: Option<Reason>,
    pub reason_label: Option<&'static str>,
    pub blocked: bool,
    pub metric: Option<Metric>,
    /// `member`, or why not: `over_age` (M5), `joined_under14` (M6), `masses`.
    pub membership: Membership,
    pub destination: &'a str,
    pub where_to_find: &'a str,
    pub jing_yue_min: Option<&'static str>,
    pub approver: &'a str,
    pub fields: Vec<&'static str>,
    pub missing_fields: Vec<&'static str>,
    pub paperwork: &'a [Paper],
    pub rules: &'a [RuleId],
    pub blocks: &'a [Notice],
    pub warnings: &'a [Notice],
    pub tips: &'a [Notice],
    pub intended_reason: Option<Reason>,
    pub age: i32,
}

impl<'a> Output<'a> {
    pub fn new(id: &'a str, r: &'a Recommendation) -> Self {
        Self {
            id,
            reason: r.reason,
            reason_label: r.reason.map(Reason::label),
            blocked: r.blocked,
            metric: r.metric,
            membership: r.membership,
            destination: &r.destination,
            where_to_find: &r.where_to_find,
            jing_yue_min: r.jing_yue_min,
            approver: &r.approver,
            fields: r.fields.iter().map(|f| f.name).collect(),
            missing_fields: r.missing_fields(),
            paperwork: &r.paperwork,
            rules: &r.rules,
            blocks: &r.blocks,
            warnings: &r.warnings,
            tips: &r.tips,
            intended_reason: r.intended_reason,
            age: r.age,
        }
    }
}

/// The whole contract: cases text → recommendations, in input order.
pub fn recommend_all(text: &str, today: NaiveDate) -> Result<Vec<(String, Recommendation)>> {
    Ok(parse(text, today)?
        .into_iter()
        .map(|c| {
            let r = engine::recommend(&c.facts);
            (c.id, r)
        })
        .collect())
}

/// The contract's output: one JSON object per line.
pub fn to_json_lines(results: &[(String, Recommendation)]) -> Result<String> {
    let mut out = String::new();
    for (id, r) in results {
        let line = serde_json::to_string(&Output::new(id, r))
            .map_err(|e| Error::internal(format!("输出序列化失败：{e}")))?;
        out.push_str(&line);
        out.push('\n');
    }
    Ok(out)
}

/// The answer to one case of either kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Graduate(Recommendation),
    Incoming(engine::IncomingAdvice),
}

/// The whole contract for both kinds: cases text → answers, in input order.
pub fn answer_all(text: &str, today: NaiveDate) -> Result<Vec<(String, Answer)>> {
    Ok(parse_any(text, today)?
        .into_iter()
        .map(|c| match c {
            AnyCase::Graduate(c) => (c.id, Answer::Graduate(engine::recommend(&c.facts))),
            AnyCase::Incoming(c) => (
                c.id,
                Answer::Incoming(engine::advise(&c.facts, &c.settings)),
            ),
        })
        .collect())
}

/// The contract's output for both kinds: one JSON object per line; a graduate's line is the
/// same as [`to_json_lines`] writes.
pub fn answers_to_json_lines(results: &[(String, Answer)]) -> Result<String> {
    let mut out = String::new();
    for (id, a) in results {
        let line = match a {
            Answer::Graduate(r) => serde_json::to_string(&Output::new(id, r)),
            Answer::Incoming(a) => serde_json::to_string(&IncomingOutput::new(id, a)),
        }
        .map_err(|e| Error::internal(format!("输出序列化失败：{e}")))?;
        out.push_str(&line);
        out.push('\n');
    }
    Ok(out)
}
