//! Command-line mistakes in Chinese: clap's own messages are English, and the people typing
//! these commands are secretaries. Help and version output pass through unchanged.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use std::process::ExitCode;

/// Prints `e` (help, version, or a Chinese explanation of the mistake) and gives the exit
/// status: 0 for help and version, 2 for a mistake.
pub fn fail(e: clap::Error) -> ExitCode {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("错误：{}", explain(&e));
            eprintln!("（用 xianjie --help 或 xianjie <命令> --help 查看用法）");
            ExitCode::from(2)
        }
    }
}

fn context(e: &clap::Error, k: ContextKind) -> String {
    match e.get(k) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join("、"),
        Some(ContextValue::Number(n)) => n.to_string(),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::StyledStrs(v)) => v
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join("、"),
        _ => String::new(),
    }
}

/// One Chinese sentence naming the argument or value that is wrong.
pub fn explain(e: &clap::Error) -> String {
    let arg = context(e, ContextKind::InvalidArg);
    let value = context(e, ContextKind::InvalidValue);
    let sub = context(e, ContextKind::InvalidSubcommand);
    let hint = |k: ContextKind, what: &str| {
        let s = context(e, k);
        if s.is_empty() {
            String::new()
        } else {
            format!("；是否想用{what}“{s}”？")
        }
    };
    match e.kind() {
        ErrorKind::InvalidSubcommand => format!(
            "没有“{sub}”这个命令{}",
            hint(ContextKind::SuggestedSubcommand, "命令")
        ),
        ErrorKind::UnknownArgument => format!(
            "不认识的参数“{arg}”{}",
            hint(ContextKind::SuggestedArg, "参数")
        ),
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数：{arg}"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "缺少命令或参数".to_string()
        }
        ErrorKind::InvalidValue => {
            let valid = context(e, ContextKind::ValidValue);
            if value.is_empty() {
                format!("参数 {arg} 需要一个值")
            } else if valid.is_empty() {
                format!("参数 {arg} 的值“{value}”无效")
            } else {
                format!("参数 {arg} 的值“{value}”无效，可选：{valid}")
            }
        }
        ErrorKind::ValueValidation => {
            // A parser's own message is shown only when it is ours (Chinese).
            let why = std::error::Error::source(e)
                .map(|s| s.to_string())
                .filter(|s| s.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)))
                .map(|s| format!("：{s}"))
                .unwrap_or_else(|| "（格式不对，例如应为数字）".into());
            format!("参数 {arg} 的值“{value}”无效{why}")
        }
        ErrorKind::ArgumentConflict => format!(
            "参数 {arg} 不能与 {} 同时使用",
            context(e, ContextKind::PriorArg)
        ),
        ErrorKind::TooManyValues => format!("参数 {arg} 的值太多：“{value}”"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("参数 {arg} 的值个数不对")
        }
        ErrorKind::NoEquals => format!("参数 {arg} 的值需用等号给出，例如 {arg}=值"),
        ErrorKind::InvalidUtf8 => "参数中含有无法识别的字符（不是 UTF-8 编码）".to_string(),
        _ => "命令行参数有误".to_string(),
    }
}
