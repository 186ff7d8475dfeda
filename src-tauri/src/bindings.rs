//! The TypeScript side of the IPC surface: every type the commands take or return — the core's
//! own types, found by walking the commands' signatures — (`ui/src/bindings/index.ts`) and every
//! command's wrapper (`ui/src/bindings/commands.ts`). The test fails when a committed file
//! differs from this output.

use ts_rs::{Config, TypeVisitor, TS};
use xianjie::service::view::RuleRef;
use xianjie::ErrorCode;

/// Every declared type reachable from the commands (and the progress event), by name.
struct Declarations {
    cfg: Config,
    decls: std::collections::BTreeMap<String, String>,
    /// Every type visited once (a tree type refers to itself).
    seen: std::collections::HashSet<std::any::TypeId>,
}

impl TypeVisitor for Declarations {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if !self.seen.insert(std::any::TypeId::of::<T>()) {
            return;
        }
        // Primitives, `Vec<_>` and `Option<_>` have no declaration of their own: their
        // arguments do.
        if T::output_path().is_some() {
            self.decls.insert(T::ident(&self.cfg), T::decl(&self.cfg));
        }
        T::visit_dependencies(self);
        // A `Vec<Found>` or `Option<KeyChange>` names its argument only as a generic: without
        // this a type that a command returns only in a list was never declared.
        T::visit_generics(self);
    }
}

/// The generated file's text: the declaration of every type the commands take or return
/// (the core's own types; IDs as `number`), the error codes and the rule table.
pub fn typescript() -> String {
    // IDs cross IPC as JSON numbers (well below 2^53), not BigInt.
    let mut d = Declarations {
        cfg: Config::new().with_large_int("number"),
        decls: std::collections::BTreeMap::new(),
        seen: std::collections::HashSet::new(),
    };
    crate::commands::visit_types(&mut d);
    d.visit::<crate::progress::Progress>();
    d.visit::<xianjie::Error>();
    d.visit::<RuleRef>();
    let mut out = String::from(
        "// Generated from the Rust types by `scripts/app-bindings.sh` (src-tauri/src/bindings.rs); do not edit by hand.\n",
    );
    for decl in d.decls.values() {
        out.push_str("\nexport ");
        out.push_str(decl);
        out.push('\n');
    }
    let codes: Vec<String> = ErrorCode::ALL
        .iter()
        .map(|c| format!("'{}'", c.as_str()))
        .collect();
    out.push_str(&format!(
        "\n/** The closed error codes, for checking what was thrown. */\nexport const ERROR_CODES: readonly ApiErrorCode[] = [{}]\n",
        codes.join(", ")
    ));
    // Texts cite rules by id ("（M9）"): the window names them by title, their source on hover.
    out.push_str("\n/** Every rule, by id: its title and the policy text it comes from. */\nexport const RULES: Record<string, RuleRef> = {\n");
    for r in xianjie::rule::RuleId::ALL {
        let rule = RuleRef::from(*r);
        let json = serde_json::to_string(&rule).unwrap_or_default();
        out.push_str(&format!("  {}: {json},\n", r.as_str()));
    }
    out.push_str("}\n");
    out
}

/// The committed files, relative to the workspace root.
pub const PATH: &str = "ui/src/bindings/index.ts";
pub const COMMANDS_PATH: &str = "ui/src/bindings/commands.ts";

/// `transfer_step` → `transferStep` (Tauri passes arguments under camelCase names).
fn camel(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut up = false;
    for c in s.chars() {
        if c == '_' {
            up = true;
        } else if up {
            out.extend(c.to_uppercase());
            up = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The type names a TypeScript type string uses (to import them).
fn type_names(ts: &str, into: &mut std::collections::BTreeSet<String>) {
    for word in ts.split(|c: char| !c.is_ascii_alphanumeric() && c != '_') {
        if word.starts_with(|c: char| c.is_ascii_uppercase()) && word != "Array" {
            into.insert(word.to_string());
        }
    }
}

/// The generated wrappers: one typed function per command of `commands::signatures`.
pub fn commands_typescript() -> String {
    let sigs = crate::commands::signatures();
    let mut used = std::collections::BTreeSet::new();
    for s in &sigs {
        type_names(&s.ret, &mut used);
        for (_, t) in &s.args {
            type_names(t, &mut used);
        }
    }
    let mut out = String::from(
        "// Generated from src-tauri/src/commands.rs by `scripts/app-bindings.sh`; do not edit by hand.\n\
         // Every command the window may call, typed; errors are thrown as ApiError {code, message}.\n",
    );
    out.push_str("import { call } from '../api/call'\n");
    let names: Vec<String> = used.into_iter().collect();
    out.push_str(&format!(
        "import type {{ {} }} from './index'\n\n",
        names.join(", ")
    ));
    out.push_str("export const commands = {\n");
    for s in &sigs {
        for line in s.doc.lines().map(str::trim).filter(|l| !l.is_empty()) {
            out.push_str(&format!("  /** {line} */\n"));
        }
        // Trailing optional arguments (`Option<_>`) may be left out: Tauri reads a missing
        // key as `None`, so a command gaining one keeps its callers.
        let optional_from = s
            .args
            .iter()
            .rposition(|(_, t)| !t.ends_with(" | null"))
            .map_or(0, |i| i + 1);
        let params: Vec<String> = s
            .args
            .iter()
            .enumerate()
            .map(|(i, (a, t))| {
                let mark = if i >= optional_from { "?" } else { "" };
                format!("{}{mark}: {t}", camel(a))
            })
            .collect();
        let keys: Vec<String> = s.args.iter().map(|(a, _)| camel(a)).collect();
        let args = if keys.is_empty() {
            String::new()
        } else {
            format!(", {{ {} }}", keys.join(", "))
        };
        out.push_str(&format!(
            "  {}: ({}) => call<{}>('{}'{args}),\n",
            camel(s.name),
            params.join(", "),
            s.ret,
            s.name
        ));
    }
    out.push_str("}\n");
    out
}

/// Compares the committed files with [`typescript`] and [`commands_typescript`]; with
/// `UPDATE_BINDINGS=1` rewrites them. Returns a Chinese message naming the file that differs.
pub fn check(workspace_root: &std::path::Path) -> Result<(), String> {
    for (rel, want) in [(PATH, typescript()), (COMMANDS_PATH, commands_typescript())] {
        let path = workspace_root.join(rel);
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &want)
                .map_err(|e| format!("无法写入 {}：{e}", path.display()))?;
            continue;
        }
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        if have != want {
            return Err(format!(
                "{} 与 src-tauri 的 IPC 声明不一致；请运行 scripts/app-bindings.sh 重新生成并提交",
                path.display()
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn committed_bindings_match_the_rust_types() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        if let Err(e) = super::check(&root) {
            panic!("{e}");
        }
    }
}
