//! `xianjie recommend --cases FILE|-` (docs/contract.md): graduates and incoming new students.

use super::{Ctx, Failure};
use std::io::Read;
use std::path::PathBuf;
use xianjie::cases::{self, Answer};
use xianjie::engine::{IncomingAction, IncomingAdvice, Recommendation};
use xianjie::Error;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// 案例文件（JSON 数组），`-` 表示标准输入
    #[arg(long)]
    pub cases: PathBuf,
    /// 以便于阅读的表格输出，而不是每行一个 JSON
    #[arg(long)]
    pub table: bool,
}

pub fn run(ctx: &Ctx, args: Args) -> Result<(), Failure> {
    let text = read_input(&args.cases)?;
    let results = cases::answer_all(&text, ctx.today())?;
    let out = if args.table {
        table(&results)
    } else {
        cases::answers_to_json_lines(&results)?
    };
    out!("{out}")?;
    Ok(())
}

fn read_input(path: &PathBuf) -> Result<String, Error> {
    let shown = path.display();
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin().read_to_end(&mut bytes).map_err(|e| {
            Error::invalid(format!(
                "无法读取标准输入：{}",
                xianjie::error::io_reason(&e)
            ))
        })?;
    } else {
        bytes = std::fs::read(path).map_err(|e| {
            Error::invalid(format!(
                "无法读取案例文件 {shown}：{}",
                xianjie::error::io_reason(&e)
            ))
        })?;
    }
    String::from_utf8(bytes)
        .map_err(|_| Error::invalid(format!("案例文件 {shown} 不是 UTF-8 编码的文本")))
}

/// A readable listing for people: one block per case.
fn table(results: &[(String, Answer)]) -> String {
    let mut out = String::new();
    for (id, a) in results {
        match a {
            Answer::Graduate(r) => graduate_block(&mut out, id, r),
            Answer::Incoming(a) => incoming_block(&mut out, id, a),
        }
    }
    out
}

fn graduate_block(out: &mut String, id: &str, r: &Recommendation) {
    let reason = match (r.reason, r.intended_reason) {
        (Some(x), _) => format!("{}（{}）", x.label(), x.code()),
        (None, Some(x)) => format!("暂不能办理，解除阻断后选“{}”（{}）", x.label(), x.code()),
        (None, None) => "不属于学社衔接".to_string(),
    };
    let metric = r.metric.map(|m| m.label()).unwrap_or("不计入衔接率");
    out.push_str(&format!("【{id}】{reason} · {metric} · {}周岁\n", r.age));
    let mut line = |label: &str, text: &str| {
        if !text.is_empty() {
            out.push_str(&format!("    {label}：{text}\n"));
        }
    };
    line("去向组织", &r.destination);
    line("如何查找", &r.where_to_find);
    line("审批", &r.approver);
    let fields: Vec<&str> = r.fields.iter().map(|f| f.name).collect();
    line("需填写", &fields.join("、"));
    let papers: Vec<String> = r
        .paperwork
        .iter()
        .map(|p| format!("{}（{}）", p.title, p.doc))
        .collect();
    line("材料", &papers.join("、"));
    for b in &r.blocks {
        line(&format!("阻断[{}]", b.rule), &b.text);
    }
    for w in &r.warnings {
        line(&format!("提醒[{}]", w.rule), &w.text);
    }
    let rules: Vec<&str> = r.rules.iter().map(|x| x.as_str()).collect();
    line("依据", &rules.join(", "));
    out.push('\n');
}

/// An incoming new student's block (rules.md §9).
fn incoming_block(out: &mut String, id: &str, a: &IncomingAdvice) {
    let counted = if a.counts_in_rate {
        "计入转入一侧的衔接率"
    } else {
        "不计入转入一侧的衔接率"
    };
    let state = if a.blocked && a.action != IncomingAction::NotAMember {
        "（暂不能办理）"
    } else {
        ""
    };
    out.push_str(&format!(
        "【{id}】新生 · {}{state} · {counted} · {}周岁\n",
        a.action.label(),
        a.age
    ));
    let mut line = |label: &str, text: &str| {
        if !text.is_empty() {
            out.push_str(&format!("    {label}：{text}\n"));
        }
    };
    line("说明", &a.reason);
    line("转入组织", &a.target);
    if let Some(d) = &a.deadline {
        let start = d
            .start_by
            .map(|x| format!("{x}前"))
            .unwrap_or_else(|| "入学后一个月内".to_string());
        line("期限", &format!("{start}办理；{}前基本完成", d.done_by));
    }
    for (i, s) in a.steps.iter().enumerate() {
        line(&format!("步骤{}[{}]", i + 1, s.rule), &s.text);
    }
    let docs: Vec<String> = a
        .documents
        .iter()
        .map(|d| format!("{}（{}）", d.title, d.from))
        .collect();
    line("材料", &docs.join("、"));
    line("需填写", &a.fields.join("、"));
    for b in &a.blocks {
        line(&format!("阻断[{}]", b.rule), &b.text);
    }
    for w in &a.warnings {
        line(&format!("提醒[{}]", w.rule), &w.text);
    }
    for t in &a.tips {
        line(&format!("提示[{}]", t.rule), &t.text);
    }
    let rules: Vec<&str> = a.rules.iter().map(|x| x.as_str()).collect();
    line("依据", &rules.join(", "));
    out.push('\n');
}
