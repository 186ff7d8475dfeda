//! `xianjie-gen`: writes the synthetic rosters (the committed fixtures and benchmark inputs).
//!   xianjie-gen roster --rows N --out FILE [--seed S]   a large valid roster (.xlsx)
//!   xianjie-gen demo [--out-dir fixtures/demo]          the demo roster (.xlsx and .json)
//!   xianjie-gen messy [--out-dir fixtures/roster]       the messy roster (.xlsx and .json)
//!   xianjie-gen collect-fill --in DIR --out DIR         fills exported 毕业去向 workbooks
//!   xianjie-gen package --school S --college C --graduates N --first I --on DATE --out FILE
//!                                                       a generated college's package
//!   xianjie-gen zhtj-export --db DB --year Y --on DATE --done N --out FILE
//!                                                       智慧团建's transfer list for a store
//!   xianjie-gen zhtj-incoming --db DB --year Y --on DATE --done N --out FILE
//!                                                       智慧团建's list of transfers in
//!   xianjie-gen freshmen [--out-dir fixtures/freshmen]  the 300-student freshmen list
//!   xianjie-gen freshmen-bad [--out-dir fixtures/bad]   the malformed freshmen lists
//!   xianjie-gen freshmen-large --rows N --out FILE      a large freshmen list (benchmark)

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use xianjie_testdata::synth::{self, SheetSpec};

fn write(spec: &SheetSpec, dir: &Path, stem: &str) -> xianjie::Result<()> {
    std::fs::create_dir_all(dir)?;
    spec.write_xlsx(&dir.join(format!("{stem}.xlsx")))?;
    spec.write_json(&dir.join(format!("{stem}.json")))
}

/// The value after `flag`, if given.
fn arg(args: &[String], flag: &str) -> Option<String> {
    args.iter()
        .position(|a| a == flag)
        .and_then(|i| args.get(i + 1).cloned())
}

fn date(s: &str) -> xianjie::Result<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| xianjie::Error::invalid(format!("日期“{s}”应为 YYYY-MM-DD")))
}

fn run(args: &[String]) -> xianjie::Result<()> {
    let bad = |m: &str| xianjie::Error::invalid(m.to_string());
    match args.first().map(String::as_str) {
        Some("roster") => {
            let rows: usize = arg(args, "--rows")
                .and_then(|v| v.parse().ok())
                .ok_or_else(|| bad("--rows N"))?;
            let out = arg(args, "--out").ok_or_else(|| bad("--out FILE"))?;
            let seed = arg(args, "--seed")
                .and_then(|v| v.parse().ok())
                .unwrap_or(1);
            synth::large::sheet(rows, seed).write_xlsx(Path::new(&out))
        }
        Some("demo") => {
            let dir = arg(args, "--out-dir").unwrap_or_else(|| "fixtures/demo".into());
            write(&synth::demo::sheet(), &PathBuf::from(dir), "demo-roster")
        }
        Some("messy") => {
            let dir = arg(args, "--out-dir").unwrap_or_else(|| "fixtures/roster".into());
            write(&synth::messy::sheet(), &PathBuf::from(dir), "messy-roster")
        }
        Some("collect-fill") => {
            let from = arg(args, "--in").ok_or_else(|| bad("--in DIR"))?;
            let to = arg(args, "--out").ok_or_else(|| bad("--out DIR"))?;
            let files = xianjie_testdata::collect::fill_dir(Path::new(&from), Path::new(&to))?;
            println!("{}", files.len());
            Ok(())
        }
        Some("package") => {
            let need = |f: &str| arg(args, f).ok_or_else(|| bad(f));
            let num = |f: &str| need(f).and_then(|v| v.parse::<usize>().map_err(|_| bad(f)));
            xianjie_testdata::school::package(
                Path::new(&need("--out")?),
                &need("--school")?,
                &need("--college")?,
                num("--graduates")?,
                num("--first")?,
                date(&need("--on")?)?,
                // The school's public key (`age1…`); without it a format-1 package.
                arg(args, "--to").as_deref(),
            )
        }
        Some("zhtj-export") => {
            let need = |f: &str| arg(args, f).ok_or_else(|| bad(f));
            let n = xianjie_testdata::school::export(
                Path::new(&need("--db")?),
                need("--year")?.parse().map_err(|_| bad("--year"))?,
                date(&need("--on")?)?,
                need("--done")?.parse().map_err(|_| bad("--done"))?,
                Path::new(&need("--out")?),
            )?;
            println!("{n}");
            Ok(())
        }
        Some("zhtj-incoming") => {
            let need = |f: &str| arg(args, f).ok_or_else(|| bad(f));
            let n = xianjie_testdata::school::export_incoming(
                Path::new(&need("--db")?),
                need("--year")?.parse().map_err(|_| bad("--year"))?,
                date(&need("--on")?)?,
                need("--done")?.parse().map_err(|_| bad("--done"))?,
                Path::new(&need("--out")?),
            )?;
            println!("{n}");
            Ok(())
        }
        Some("freshmen") => {
            let dir = PathBuf::from(arg(args, "--out-dir").unwrap_or_else(|| "fixtures/freshmen".into()));
            std::fs::create_dir_all(&dir)?;
            xianjie_testdata::freshmen::sheet().write_xlsx(&dir.join("freshmen-300.xlsx"))
        }
        Some("freshmen-bad") => {
            let dir = PathBuf::from(arg(args, "--out-dir").unwrap_or_else(|| "fixtures/bad".into()));
            std::fs::create_dir_all(&dir)?;
            for (file, spec, _) in xianjie_testdata::freshmen::bad() {
                spec.write_xlsx(&dir.join(file))?;
            }
            Ok(())
        }
        Some("freshmen-large") => {
            let rows: usize = arg(args, "--rows")
                .and_then(|v| v.parse().ok())
                .ok_or_else(|| bad("--rows N"))?;
            let out = arg(args, "--out").ok_or_else(|| bad("--out FILE"))?;
            xianjie_testdata::freshmen::large(rows, 1).write_xlsx(Path::new(&out))
        }
        _ => Err(bad(
            "用法：xianjie-gen roster|demo|messy|collect-fill|package|zhtj-export|freshmen|freshmen-bad|freshmen-large …",
        )),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("错误：{}", e.message);
            ExitCode::from(2)
        }
    }
}
