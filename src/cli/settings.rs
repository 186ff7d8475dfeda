//! `xianjie settings show|set`: the same settings as the app's 设置 page — the office's
//! details, 学校类型, letter-number digits, backups kept, this computer's operator — loaded,
//! checked and saved by `service::settings`.

use super::{Ctx, Failure};
use clap::Subcommand;
use xianjie::service::settings::{self, Settings};
use xianjie::Error;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 设置：本单位信息、学校类型、介绍信编号位数、保留备份数、本机操作人
    #[command(subcommand)]
    Settings(SettingsCmd),
}

#[derive(Debug, Subcommand)]
pub enum SettingsCmd {
    /// 显示全部设置
    Show {
        #[arg(long)]
        json: bool,
    },
    /// 修改设置，例如 --set school_kind=secondary_vocational --set operator=李老师
    Set {
        #[arg(long = "set", value_name = "KEY=VALUE", required = true)]
        set: Vec<String>,
    },
}

/// The settings with `KEY=VALUE` changes applied (keys as in `settings show --json`).
fn with_changes(s: &Settings, changes: &[String]) -> Result<Settings, Error> {
    let mut v = serde_json::to_value(s).map_err(|e| Error::internal(e.to_string()))?;
    for c in changes {
        let (k, val) = c.split_once('=').ok_or_else(|| {
            Error::invalid(format!("--set：“{c}”应为 键=值，例如 operator=李老师"))
        })?;
        let k = k.trim();
        let slot = v
            .get_mut(k)
            .ok_or_else(|| Error::invalid(format!("--set：没有名为“{k}”的设置")))?;
        *slot = if slot.is_number() {
            serde_json::Value::from(
                val.trim()
                    .parse::<u64>()
                    .map_err(|_| Error::invalid(format!("--set {k}：“{val}”不是整数")))?,
            )
        } else {
            serde_json::Value::from(val.to_string())
        };
    }
    serde_json::from_value(v).map_err(|e| Error::invalid(format!("--set：设置无效：{e}")))
}

fn print(s: &Settings) -> Result<(), Error> {
    let o = &s.office;
    for (k, label, v) in [
        ("college", "学校（学院）名称", o.college.as_str()),
        (
            "committee_full_name",
            "团委全称",
            o.committee_full_name.as_str(),
        ),
        ("handler", "经办人", o.handler.as_str()),
        ("office_phone", "联系电话", o.office_phone.as_str()),
        ("mobile", "经办人手机", o.mobile.as_str()),
        ("address", "通讯地址", o.address.as_str()),
        ("postcode", "邮政编码", o.postcode.as_str()),
        ("operator", "操作人", s.operator.as_str()),
        ("school_kind", "学校类型", s.school_kind.as_str()),
    ] {
        outln!("{label}（{k}）：{v}")?;
    }
    outln!("介绍信编号位数（letter_digits）：{}", s.letter_digits)?;
    outln!("保留备份数（backups_kept）：{}", s.backups_kept)?;
    Ok(())
}

pub fn run(ctx: &Ctx, cmd: Command) -> Result<(), Failure> {
    let Command::Settings(cmd) = cmd;
    let mut c = ctx.open()?;
    match cmd {
        SettingsCmd::Show { json } => {
            let s = settings::load(&c)?;
            if json {
                return Ok(super::output::json(&s)?);
            }
            print(&s)?;
        }
        SettingsCmd::Set { set } => {
            let s = with_changes(&settings::load(&c)?, &set)?;
            let saved = settings::save(&mut c, &s)?;
            outln!("已保存")?;
            print(&saved)?;
        }
    }
    Ok(())
}
