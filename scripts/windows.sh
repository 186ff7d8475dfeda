#!/usr/bin/env bash
# Windows, built and tested from Linux (docs/installers.md). Cross-builds the command-line
# program and the desktop app for x86_64-pc-windows-gnu (profile `dist`: release, no debug
# info, stripped), packs the NSIS installer and the portable .zip, runs the core's tests as
# Windows programs under Wine, installs the installer silently under Wine and checks the
# installed programs against the Linux build, then uninstalls.
#   scripts/windows.sh setup       apt packages (MinGW-w64, NSIS, Wine) and the Rust target
#   scripts/windows.sh build       programs, installer and .zip → target/windows/
#   scripts/windows.sh test        cargo test (the core's and its crates' unit tests, tests/it) under Wine
#   scripts/windows.sh installed   install silently under Wine, check, uninstall
#   scripts/windows.sh all         all four, in that order (what scripts/check.sh runs)
# Everything stays inside target/: the Wine prefix is target/wine (WINEPREFIX), nothing is
# downloaded but crates and Debian packages.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TRIPLE=x86_64-pc-windows-gnu
PROFILE=dist
BIN=$ROOT/target/$TRIPLE/$PROFILE
DIST=$ROOT/target/windows
VERSION=$(sed -n 's/^version = "\([^"]*\)"/\1/p' Cargo.toml | head -1)
INSTALLER=$DIST/学社衔接助手_${VERSION}_x64_安装程序.exe
ZIP=$DIST/学社衔接助手_${VERSION}_x64_免安装版.zip
WINE=/usr/lib/wine/wine64
WINESERVER=/usr/lib/wine/wineserver
export WINEPREFIX=$ROOT/target/wine WINEDEBUG=-all
# No Mono/Gecko install prompts (they would download), no menu entries on the Linux desktop.
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
export WINESERVER

step() { echo "== windows: $*"; }
fail() { echo "windows: $*" >&2; exit 1; }
secs() { echo "$((SECONDS - $1)) s"; }

setup() {
  # shellcheck source=scripts/setup.sh
  source scripts/setup.sh
  # gcc/g++: linker and C parts (SQLite, mimalloc); binutils' windres: the CLI's resources;
  # nsis: makensis; wine64: runs the tests and the installer (64-bit only).
  apt_install gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64 binutils-mingw-w64-x86-64 nsis wine64 \
    python3 poppler-utils
  rustup target list --installed | grep -qx "$TRIPLE" || rustup target add "$TRIPLE"
}

# The test prefix: Windows 10, the test-only ProcessPrng shim, shell folders that are real
# folders (Wine links Desktop, Documents … to $HOME, which the installer would write into).
prefix() {
  if [[ ! -f $WINEPREFIX/.xianjie-ready ]]; then
    local t=$SECONDS
    rm -rf "$WINEPREFIX"
    mkdir -p "$WINEPREFIX"
    "$WINE" wineboot -i >/dev/null 2>&1 || true
    "$WINESERVER" -w
    "$WINE" winecfg -v win10 >/dev/null 2>&1
    "$WINESERVER" -w
    local u
    for u in "$WINEPREFIX"/drive_c/users/*/; do
      for link in "$u"*; do
        if [[ -L $link ]]; then rm "$link" && mkdir "$link"; fi
      done
    done
    [[ -d $WINEPREFIX/drive_c/windows/system32 ]] || fail "Wine 前缀初始化失败（$WINEPREFIX）"
    touch "$WINEPREFIX/.xianjie-ready"
    echo "Wine prefix ready in $(secs $t)"
  fi
  # Rust's std imports ProcessPrng from bcryptprimitives.dll, which Wine 8 lacks. Built from
  # the committed source into this prefix only; never into the installer or the .zip.
  mkdir -p "$ROOT/target/windows-test"
  local shim=$ROOT/target/windows-test/bcryptprimitives.dll
  if [[ ! -f $shim || scripts/windows/processprng.c -nt $shim ]]; then
    x86_64-w64-mingw32-gcc -O2 -shared -o "$shim" scripts/windows/processprng.c -ladvapi32
  fi
  cp "$shim" "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"
}

build() {
  local t=$SECONDS
  # The app embeds ui/dist (check.sh builds it; done here when missing).
  if [[ ! -f ui/dist/index.html ]]; then
    [[ -d ui/node_modules ]] || (cd ui && npm install --no-audit --no-fund)
    (cd ui && npm run build)
  fi
  step "cargo build --profile $PROFILE --target $TRIPLE（命令行程序与桌面应用，一次构建）"
  cargo build --locked --profile "$PROFILE" --target "$TRIPLE" \
    -p xianjie-app -p xianjie --bin xianjie-app --bin xianjie
  echo "built in $(secs $t)"

  # No MinGW runtime DLL may be needed beside the programs (only Windows' own DLLs and, for
  # the app, WebView2Loader.dll, which ships beside it).
  local exe dlls
  for exe in xianjie.exe xianjie-app.exe; do
    dlls=$(x86_64-w64-mingw32-objdump -p "$BIN/$exe" | sed -n 's/^\s*DLL Name: //p' | sort -u)
    echo "$exe imports: $(echo "$dlls" | tr '\n' ' ')"
    if echo "$dlls" | grep -Eiq '^(lib.*|.*gcc.*|.*stdc\+\+.*|.*pthread.*)\.dll$'; then
      fail "$exe 需要 MinGW 运行库 DLL：$dlls"
    fi
    if x86_64-w64-mingw32-objdump -h "$BIN/$exe" | grep -q '\.debug_'; then
      fail "$exe 含调试信息（应已剥离）"
    fi
  done
  # Icon, version information and the product name (UTF-16 in the resource) in both.
  for exe in xianjie.exe xianjie-app.exe; do
    x86_64-w64-mingw32-objdump -h "$BIN/$exe" | grep -q ' \.rsrc ' ||
      fail "$exe 没有资源（图标、版本信息）"
    python3 -c 'import sys; sys.exit("学社衔接助手".encode("utf-16-le") not in open(sys.argv[1], "rb").read())' \
      "$BIN/$exe" || fail "$exe 的版本信息中没有产品名“学社衔接助手”"
  done
  [[ -f $BIN/WebView2Loader.dll ]] || fail "缺少 $BIN/WebView2Loader.dll（应由 tauri-build 复制）"

  step "安装包与免安装版"
  local stage=$DIST/stage/学社衔接助手
  rm -rf "$DIST/stage" && mkdir -p "$stage/fonts"
  cp "$BIN/xianjie-app.exe" "$BIN/xianjie.exe" "$BIN/WebView2Loader.dll" "$stage/"
  cp assets/fonts/NotoSerifCJKsc-Regular.otf assets/fonts/OFL.txt "$stage/fonts/"
  # Notepad-friendly: UTF-8 with a BOM, CRLF.
  { printf '\xEF\xBB\xBF'; sed 's/$/\r/' packaging/windows/使用说明.txt; } >"$stage/使用说明.txt"
  [[ ! -e $stage/bcryptprimitives.dll ]] || fail "测试用的 bcryptprimitives.dll 不得打包"
  rm -f "$INSTALLER" "$ZIP"
  makensis -INPUTCHARSET UTF8 -V2 -DVERSION="$VERSION" -DSTAGE="$stage" -DOUTFILE="$INSTALLER" \
    -DICON="$ROOT/src-tauri/icons/icon.ico" packaging/windows/installer.nsi
  python3 - "$DIST/stage" "$ZIP" <<'PY'
import os, sys, zipfile
stage, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for base, _, files in sorted(os.walk(stage)):
        for f in sorted(files):
            p = os.path.join(base, f)
            z.write(p, os.path.relpath(p, stage))
PY
  local f
  for f in "$BIN/xianjie.exe" "$BIN/xianjie-app.exe" "$INSTALLER" "$ZIP"; do
    awk -v b="$(stat -c %s "$f")" -v f="${f#"$ROOT"/}" 'BEGIN { printf "%7.1f MB  %10d bytes  %s\n", b / 1e6, b, f }'
  done
  echo "build, installer and zip in $(secs $t)"
}

test_core() {
  prefix
  local t=$SECONDS
  step "cargo test --target $TRIPLE under Wine (unit tests and tests/it)"
  # The same profile as the programs, so that the dependencies compile once for both.
  CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=$WINE \
    cargo test --locked --profile "$PROFILE" --target "$TRIPLE" -p xianjie --lib --test it
  # The crates under it: the domain (ids, dates, the engine), the sheet readers, the store.
  CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=$WINE \
    cargo test --locked --profile "$PROFILE" --target "$TRIPLE" \
    -p xianjie-domain -p xianjie-sheet -p xianjie-store --lib
  echo "Windows tests in $(secs $t)"
}

# Runs the installed CLI in the prefix, from the repository (relative paths resolve there).
xj() { "$WINE" "$INST/xianjie.exe" "$@"; }

installed() {
  prefix
  [[ -f $INSTALLER ]] || fail "找不到安装包 $INSTALLER（先运行 scripts/windows.sh build）"
  local t=$SECONDS
  # Wine names the Windows user after the Unix one (users/Public is the shared profile).
  local profile_dir=$WINEPREFIX/drive_c/users/$(id -un)
  INST="$profile_dir/AppData/Local/Programs/学社衔接助手"
  local data="$profile_dir/AppData/Roaming/xianjie"
  rm -rf "$INST" "$data"

  local linux=$ROOT/target/debug/xianjie
  [[ -x $linux ]] || cargo build --locked --bin xianjie

  step "静默安装（/S）"
  "$WINE" "$INSTALLER" /S
  "$WINESERVER" -w
  [[ -f $INST/xianjie.exe && -f $INST/xianjie-app.exe && -f $INST/WebView2Loader.dll ]] ||
    fail "安装后找不到程序（$INST）"
  [[ -f $INST/fonts/NotoSerifCJKsc-Regular.otf ]] || fail "安装后找不到介绍信字体"
  [[ ! -e $INST/bcryptprimitives.dll ]] || fail "安装目录中不得有测试用 DLL"
  [[ -f "$profile_dir/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/学社衔接助手.lnk" ]] ||
    fail "开始菜单快捷方式缺失"
  # reg query prints in the console's code page; the exported .reg file is UTF-16.
  rm -f "$WINEPREFIX/drive_c/uninstall-entry.reg"
  "$WINE" reg export 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\cn.xianjie.desktop' \
    'C:\uninstall-entry.reg' /y >/dev/null 2>&1 || true
  python3 -c 'import sys; sys.exit("\"DisplayName\"=\"学社衔接助手\"" not in open(sys.argv[1], "rb").read().decode("utf-16"))' \
    "$WINEPREFIX/drive_c/uninstall-entry.reg" 2>/dev/null || fail "控制面板卸载项缺失"
  echo "installed size: $(du -sh "$INST" | cut -f1) ($(du -sb "$INST" | cut -f1) bytes)"

  local work
  work=$(mktemp -d)
  # Data in folders named in Chinese, with spaces and long names, on the Windows side.
  local wdir="$profile_dir/学社 衔接/2026 届毕业生团组织关系转接工作资料（信息工程学院团总支办公室共用）"
  rm -rf "$profile_dir/学社 衔接" && mkdir -p "$wdir"
  local wdir_w
  wdir_w=$("$WINE" winepath -w "$wdir" 2>/dev/null | tr -d '\r')
  local db="$wdir_w\\团委 数据库.db"

  step "--version"
  local v
  v=$(xj --version | tr -d '\r')
  [[ $v == "xianjie $VERSION" ]] || fail "--version 输出 “$v”"

  step "公开案例（fixtures/cases/public.json）"
  xj recommend --cases fixtures/cases/public.json | tr -d '\r' >"$work/public.jsonl"
  # Each expectation as tests/it/cases.rs checks it: reason, blocked and metric when given,
  # rule ids the answer has and lacks.
  python3 - fixtures/cases/public.expected.jsonl "$work/public.jsonl" <<'PY' || fail "公开案例与预期不同"
import json, sys
want = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
got = [json.loads(l) for l in open(sys.argv[2]) if l.strip()]
assert len(want) == len(got), f"{len(got)} answers for {len(want)} cases"
ok = 0
for w, g in zip(want, got):
    bad = [k for k in ("id", "reason", "blocked", "metric") if k in w and g.get(k) != w[k]]
    bad += [f"lacks {r}" for r in w.get("has", []) if r not in g["rules"]]
    bad += [f"has {r}" for r in w.get("lacks", []) if r in g["rules"]]
    if bad:
        print(w["id"], bad, file=sys.stderr)
    else:
        ok += 1
print(f"public cases: {ok}/{len(want)} as expected")
sys.exit(ok != len(want))
PY
  "$linux" recommend --cases fixtures/cases/public.json >"$work/public-linux.jsonl"
  cmp "$work/public-linux.jsonl" "$work/public.jsonl" || fail "公开案例：Windows 与 Linux 的输出不同"

  step "默认数据位置 %APPDATA%\\xianjie"
  XIANJIE_OPERATOR=测试 xj graduates --year 2026 >/dev/null
  [[ -f $data/xianjie.db ]] || fail "默认数据库不在 %APPDATA%\\xianjie"

  step "演示数据库（中文文件夹）与名单导入（与 Linux 版相同的错误）"
  export XIANJIE_OPERATOR=测试
  xj demo --db "$db" >/dev/null
  "$linux" demo --db "$work/linux.db" >/dev/null
  local ok=0
  for roster in fixtures/roster/messy-roster.xlsx fixtures/roster/messy-roster.xls; do
    set +e
    xj import "$roster" --db "$db" --dry-run >"$work/win.out" 2>"$work/win.err"
    local wst=$?
    "$linux" import "$roster" --db "$work/linux.db" --dry-run >"$work/lin.out" 2>"$work/lin.err"
    local lst=$?
    set -e
    tr -d '\r' <"$work/win.out" >"$work/win.txt" && tr -d '\r' <"$work/win.err" >>"$work/win.txt"
    cat "$work/lin.out" "$work/lin.err" >"$work/lin.txt"
    [[ $wst == "$lst" ]] || fail "$roster：退出码 Windows $wst，Linux $lst"
    diff -u "$work/lin.txt" "$work/win.txt" || fail "$roster：导入结果与 Linux 版不同"
    ok=$((ok + 1))
  done
  echo "messy rosters: $ok/2 identical to Linux (exit $lst, $(grep -c . "$work/lin.txt") lines)"

  step "汇总表 F1–F6（中文长文件名）"
  local form
  for form in f1 f2 f3 f4 f5 f6; do
    xj table "$form" --year 2026 --on 2026-06-15 --school 星河大学 \
      --out "$wdir_w\\${form^^} 汇总表 星河大学信息工程学院 2026 届.xlsx" >/dev/null
    "$linux" table "$form" --year 2026 --on 2026-06-15 --school 星河大学 \
      --out "$work/$form.xlsx" >/dev/null
    python3 - "$wdir/${form^^} 汇总表 星河大学信息工程学院 2026 届.xlsx" "$work/$form.xlsx" <<'PY' ||
import sys, zipfile
a, b = (zipfile.ZipFile(p) for p in sys.argv[1:3])
parts = [n for n in a.namelist() if n.startswith("xl/") and n.endswith(".xml") and "styles" not in n]
assert parts == [n for n in b.namelist() if n in parts], "different parts"
for n in parts:
    assert a.read(n) == b.read(n), n
PY
      fail "${form^^}：Windows 与 Linux 生成的表格内容不同"
  done
  echo "F1–F6: written under a Chinese path, cells identical to Linux"

  step "介绍信：GBK 编码的 CSV 批量开具，pdftotext 读回姓名"
  local org=共青团星河大学信息工程学院委员会
  for side in win lin; do
    local run=xj dbx=$db
    [[ $side == lin ]] && run=$linux dbx=$work/linux.db
    $run letter issuer --org "$org" --phone 027-88880000 --address 星河市大学路1号 \
      --postcode 430072 --handler 李文 --handler-mobile 13800001111 --db "$dbx" >/dev/null
  done
  "$linux" graduates --year 2026 --on 2026-06-15 --json --db "$work/linux.db" >"$work/grads.json"
  python3 - "$work/grads.json" "$work/batch.csv" "$work/names.txt" <<'PY'
import json, sys
# Three the engine gives a letter (L1): an overage (M5) or M6 graduate gets none.
grads = [
    g for g in json.load(open(sys.argv[1]))
    if any(p["doc"] == "L1" for p in (g.get("recommendation") or {}).get("paperwork", []))
][:3]
rows = ["团员,转入团委全称,转接原因"] + [
    f"{g['member']['id']},共青团某某市某某区委员会,毕业" for g in grads
]
# What Excel on a Chinese Windows saves as "CSV（逗号分隔）": GBK, CRLF.
open(sys.argv[2], "wb").write(("\r\n".join(rows) + "\r\n").encode("gbk"))
open(sys.argv[3], "w").write("\n".join(g["member"]["name"] for g in grads) + "\n")
PY
  cp "$work/batch.csv" "$wdir/批量 开具 名单.csv"
  xj letter batch --csv "$wdir_w\\批量 开具 名单.csv" --issuer "$org" --date 2026-06-20 \
    --out "$wdir_w\\介绍信 2026 届 第一批.pdf" --db "$db" >/dev/null
  "$linux" letter batch --csv "$work/batch.csv" --issuer "$org" --date 2026-06-20 \
    --out "$work/letters.pdf" --db "$work/linux.db" >/dev/null
  pdftotext -layout "$wdir/介绍信 2026 届 第一批.pdf" "$work/letters.txt"
  local name
  while read -r name; do
    grep -q "$name" "$work/letters.txt" || fail "介绍信中找不到“$name”"
  done <"$work/names.txt"
  cmp "$wdir/介绍信 2026 届 第一批.pdf" "$work/letters.pdf" ||
    fail "Windows 与 Linux 开具的介绍信 PDF 不同"
  echo "letters: $(wc -l <"$work/names.txt") names read back; PDF byte-identical to Linux"

  step "管道提前关闭（… | head -1）视为成功"
  set +o pipefail
  xj graduates --year 2026 --db "$db" | head -1 >/dev/null
  local st=${PIPESTATUS[0]}
  set -o pipefail
  [[ $st == 0 ]] || fail "管道关闭后退出码为 $st"

  step "Windows 行为测试（tests/it/platform.rs）针对已安装的命令行程序"
  XIANJIE_EXE="$INST/xianjie.exe" CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=$WINE \
    cargo test --locked --profile "$PROFILE" --target "$TRIPLE" -p xianjie --test it -- platform::

  step "静默卸载（/S），数据保留"
  "$WINE" "$INST/uninstall.exe" /S
  "$WINESERVER" -w
  sleep 1
  "$WINESERVER" -w
  [[ ! -e $INST/xianjie.exe ]] || fail "卸载后程序仍在"
  [[ ! -e "$profile_dir/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/学社衔接助手.lnk" ]] ||
    fail "卸载后开始菜单快捷方式仍在"
  if "$WINE" reg query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\cn.xianjie.desktop' >/dev/null 2>&1; then
    fail "卸载后卸载项仍在"
  fi
  [[ -f $data/xianjie.db ]] || fail "卸载删除了 %APPDATA%\\xianjie 中的数据"
  rm -rf "$work"
  echo "installer checks passed in $(secs $t)"
}

case "${1:-}" in
  setup) setup ;;
  build) build ;;
  test) test_core ;;
  installed) installed ;;
  all)
    setup
    build
    test_core
    installed
    echo "Windows：构建、Wine 下的测试与安装检查全部通过。"
    ;;
  *)
    sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
