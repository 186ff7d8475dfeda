//! The command-line program. Each area keeps its subcommands in its own file; bodies call
//! library functions and only format their results.

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// `print!` through [`output::emit_fmt`]: a closed pipe is success. Evaluates to a `Result`.
macro_rules! out {
    ($($t:tt)*) => { $crate::cli::output::emit_fmt(format_args!($($t)*)) };
}

/// `println!` through [`output::emit_fmt`]: a closed pipe is success. Evaluates to a `Result`.
macro_rules! outln {
    ($($t:tt)*) => { $crate::cli::output::emit_fmt(format_args!("{}\n", format_args!($($t)*))) };
}

mod backup;
mod collect;
mod dashboard;
mod diagnostics;
mod documents;
mod freshmen;
pub mod output;
mod package;
mod recommend;
mod reconcile;
mod review;
mod roster;
mod settings;
mod store;
mod transfer;
mod usage;

#[derive(Debug, Parser)]
#[command(
    name = "xianjie",
    version,
    about = "学社衔接助手：毕业生团员组织关系转接的本地记录与助手"
)]
pub struct Cli {
    /// 数据库文件（默认：桌面应用使用的用户数据目录中的文件）
    #[arg(long, env = "XIANJIE_DB", global = true)]
    pub db: Option<PathBuf>,
    /// 操作人姓名（记入审计日志）
    #[arg(long, env = "XIANJIE_OPERATOR", global = true)]
    pub operator: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 按 docs/contract.md 对案例文件逐条给出转接建议（每行一个 JSON）
    Recommend(recommend::Args),
    #[command(flatten)]
    Store(store::Command),
    #[command(flatten)]
    Roster(roster::Command),
    #[command(flatten)]
    Documents(documents::Command),
    #[command(flatten)]
    Transfer(transfer::Command),
    #[command(flatten)]
    Backup(backup::Command),
    #[command(flatten)]
    Collect(collect::Command),
    #[command(flatten)]
    Review(review::Command),
    #[command(flatten)]
    Package(package::Command),
    /// 与智慧团建导出的转接列表核对：两边不一致之处逐条列出，可一次采纳
    Reconcile(reconcile::Args),
    /// 工作台：工作日历的下一节点、7月25日目标、各单位衔接率、最紧急的待办
    Dashboard(dashboard::Args),
    #[command(flatten)]
    Settings(settings::Command),
    #[command(flatten)]
    Diagnostics(diagnostics::Command),
    #[command(flatten)]
    Freshmen(freshmen::Command),
}

/// The global options: which office, who acts, and today. A command opens the office once
/// ([`Ctx::open`]) and calls the service layer on it.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub db: Option<PathBuf>,
    pub operator: Option<String>,
    pub clock: xianjie::service::Clock,
}

impl Ctx {
    /// Where the office's data lives: `--db` (its settings beside it), else the per-user folder
    /// the desktop app uses.
    pub fn paths(&self) -> xianjie::Result<xianjie::service::Paths> {
        match &self.db {
            Some(db) => Ok(xianjie::service::Paths::for_db(db)),
            None => xianjie::service::Paths::default_for_user(None),
        }
    }

    /// Opens the office (creating or migrating its database): once per run.
    pub fn open(&self) -> xianjie::Result<xianjie::service::Context> {
        xianjie::service::Context::open(self.paths()?, self.operator.as_deref(), self.clock)
    }

    pub fn today(&self) -> chrono::NaiveDate {
        self.clock.today()
    }
}

/// A failed command: the message (Chinese, one line), the exit status and the error's code
/// (what the diagnostics log keeps — never the message).
#[derive(Debug)]
pub struct Failure {
    pub message: String,
    pub status: u8,
    pub code: &'static str,
}

impl From<xianjie::Error> for Failure {
    fn from(e: xianjie::Error) -> Self {
        let status = match e.code {
            xianjie::ErrorCode::InvalidInput => 2,
            _ => 1,
        };
        Failure {
            message: e.message,
            status,
            code: e.code.as_str(),
        }
    }
}

/// The subcommand's path (`package.import`), the operation the diagnostics log names.
fn operation(m: &clap::ArgMatches) -> String {
    let mut names = Vec::new();
    let mut at = m;
    while let Some((name, sub)) = at.subcommand() {
        names.push(name);
        at = sub;
    }
    names.join(".")
}

/// Opens the diagnostics log in the data folder (`logs/`, beside the database). A log that
/// cannot be opened (a read-only folder) never stops a command, and no folder is created just
/// to log (`xianjie recommend` on a PC without an office leaves no trace).
fn open_log(ctx: &Ctx) -> Option<xianjie::diagnostics::Guard> {
    let paths = ctx.paths().ok()?;
    if !paths.data_dir.is_dir() {
        return None;
    }
    xianjie::diagnostics::init(&paths.data_dir, "xianjie", env!("CARGO_PKG_VERSION")).ok()
}

pub fn main() -> ExitCode {
    let matches = match Cli::command().try_get_matches() {
        Ok(m) => m,
        Err(e) => return usage::fail(e),
    };
    let op = operation(&matches);
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => return usage::fail(e),
    };
    let ctx = Ctx {
        db: cli.db,
        operator: cli.operator,
        clock: xianjie::service::Clock::from_env(),
    };
    let _log = open_log(&ctx);
    xianjie::diagnostics::install_panic_hook();
    let started = std::time::Instant::now();
    let result = match cli.command {
        Command::Recommend(args) => recommend::run(&ctx, args),
        Command::Store(cmd) => store::run(&ctx, cmd),
        Command::Roster(cmd) => roster::run(&ctx, cmd),
        Command::Documents(cmd) => documents::run(&ctx, cmd),
        Command::Transfer(cmd) => transfer::run(&ctx, cmd),
        Command::Backup(cmd) => backup::run(&ctx, cmd),
        Command::Collect(cmd) => collect::run(&ctx, cmd),
        Command::Review(cmd) => review::run(&ctx, cmd),
        Command::Package(cmd) => package::run(&ctx, cmd),
        Command::Reconcile(args) => reconcile::run(&ctx, args),
        Command::Dashboard(args) => dashboard::run(&ctx, args),
        Command::Settings(cmd) => settings::run(&ctx, cmd),
        Command::Diagnostics(cmd) => diagnostics::run(&ctx, cmd),
        Command::Freshmen(cmd) => freshmen::run(&ctx, cmd),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            xianjie::diagnostics::record_failure(&op, f.code, started.elapsed());
            eprintln!("错误：{}", f.message);
            ExitCode::from(f.status)
        }
    }
}
