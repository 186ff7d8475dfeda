//! Windows only: gives the `xianjie` command-line program its icon, version information
//! (product name 学社衔接助手) and manifest (Windows 10, long paths), as the desktop app gets
//! them from tauri-build. Built with the MinGW resource compiler for the `-gnu` targets (how
//! scripts/windows.sh builds); other targets are left as they are.

use std::env;
use std::path::PathBuf;
use std::process::{Command, ExitCode};

fn main() -> ExitCode {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src-tauri/icons/icon.ico");
    println!("cargo:rerun-if-env-changed=WINDRES");
    let var = |k: &str| env::var(k).unwrap_or_default();
    if var("CARGO_CFG_TARGET_OS") != "windows" {
        return ExitCode::SUCCESS;
    }
    if var("CARGO_CFG_TARGET_ENV") != "gnu" {
        println!("cargo:warning=xianjie.exe is built without icon and version information (only the -gnu targets compile them)");
        return ExitCode::SUCCESS;
    }
    match compile(&var) {
        Ok(obj) => {
            // The program only: tests and benches need no icon.
            println!("cargo:rustc-link-arg-bin=xianjie={}", obj.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("Windows resource for xianjie.exe: {e}");
            ExitCode::FAILURE
        }
    }
}

fn compile(var: &dyn Fn(&str) -> String) -> Result<PathBuf, String> {
    let out = PathBuf::from(var("OUT_DIR"));
    let root = PathBuf::from(var("CARGO_MANIFEST_DIR"));
    let version = var("CARGO_PKG_VERSION");
    let mut parts: Vec<u16> = version
        .split(['.', '-', '+'])
        .take(3)
        .map(|p| p.parse().unwrap_or(0))
        .collect();
    parts.resize(4, 0);
    let numeric = parts
        .iter()
        .map(u16::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let manifest = out.join("xianjie.manifest");
    std::fs::write(&manifest, MANIFEST).map_err(|e| e.to_string())?;
    let icon = root.join("src-tauri").join("icons").join("icon.ico");
    // windres reads the .rc as UTF-8 (--codepage 65001) and stores the strings as UTF-16.
    let rc = format!(
        r#"1 ICON "{icon}"
1 24 "{manifest}"
1 VERSIONINFO
FILEVERSION {numeric}
PRODUCTVERSION {numeric}
FILEOS 0x40004
FILETYPE 0x1
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "080404b0"
    BEGIN
      VALUE "CompanyName", "学社衔接助手"
      VALUE "FileDescription", "学社衔接助手（命令行）"
      VALUE "FileVersion", "{version}"
      VALUE "InternalName", "xianjie"
      VALUE "OriginalFilename", "xianjie.exe"
      VALUE "ProductName", "学社衔接助手"
      VALUE "ProductVersion", "{version}"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x0804, 1200
  END
END
"#,
        icon = rc_path(&icon),
        manifest = rc_path(&manifest),
    );
    let rc_file = out.join("xianjie.rc");
    std::fs::write(&rc_file, rc).map_err(|e| e.to_string())?;
    let obj = out.join("xianjie-res.o");
    let windres = windres(var);
    let status = Command::new(&windres)
        .arg("--codepage=65001")
        .arg("--input-format=rc")
        .arg("--output-format=coff")
        .arg("-i")
        .arg(&rc_file)
        .arg("-o")
        .arg(&obj)
        .status()
        .map_err(|e| {
            format!("cannot run {windres} ({e}); install the MinGW-w64 binutils or set WINDRES")
        })?;
    if !status.success() {
        return Err(format!("{windres} failed ({status})"));
    }
    Ok(obj)
}

/// `WINDRES`, else the cross tool for the target (`x86_64-w64-mingw32-windres`), else
/// `windres` (a MinGW installation on Windows itself).
fn windres(var: &dyn Fn(&str) -> String) -> String {
    let set = var("WINDRES");
    if !set.is_empty() {
        return set;
    }
    let arch = var("CARGO_CFG_TARGET_ARCH");
    let cross = format!("{arch}-w64-mingw32-windres");
    let found = env::var_os("PATH")
        .is_some_and(|path| env::split_paths(&path).any(|d| d.join(&cross).is_file()));
    if found {
        cross
    } else {
        "windres".into()
    }
}

/// Forward slashes and escaped quotes: what the resource compiler's strings accept.
fn rc_path(p: &std::path::Path) -> String {
    p.display()
        .to_string()
        .replace('\\', "/")
        .replace('"', "\"\"")
}

/// Windows 10 and later; long paths where the system allows them; no elevation.
const MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<assembly xmlns="urn:schemas-microsoft-com:asm.v1" manifestVersion="1.0">
  <assemblyIdentity type="win32" name="xianjie" version="0.0.0.0" processorArchitecture="amd64"/>
  <description>学社衔接助手（命令行）</description>
  <compatibility xmlns="urn:schemas-microsoft-com:compatibility.v1">
    <application>
      <supportedOS Id="{8e0f7a12-bfb3-4fe8-b9a5-48fd50a15a9a}"/>
    </application>
  </compatibility>
  <application xmlns="urn:schemas-microsoft-com:asm.v3">
    <windowsSettings>
      <longPathAware xmlns="http://schemas.microsoft.com/SMI/2016/WindowsSettings">true</longPathAware>
    </windowsSettings>
  </application>
  <trustInfo xmlns="urn:schemas-microsoft-com:asm.v3">
    <security>
      <requestedPrivileges>
        <requestedExecutionLevel level="asInvoker" uiAccess="false"/>
      </requestedPrivileges>
    </security>
  </trustInfo>
</assembly>
"#;
