//! `xianjie recommend --cases FILE|-` (docs/contract.md).

use super::{Ctx, Failure};
use std::io::Read;
use std::path::PathBuf;
use xianjie::cases;
use xianjie::engine::Recommendation;
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
    let results = cases::recommend_all(&text, ctx.today())?;
    let out = if args.table {
        table(&results)
    } else {
        cases::to_json_lines(&results)?
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
fn table(results: &[(String, Recommendation)]) -> String {
    let mut out = String::new();
    for (id, r) in results {
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
    out
}
