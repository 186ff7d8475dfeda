//! CLI subcommands of the store area.

use super::{Ctx, Failure};
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum Command {}

pub fn run(_ctx: &Ctx, cmd: Command) -> Result<(), Failure> {
    match cmd {}
}
