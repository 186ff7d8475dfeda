; 学社衔接助手 Windows installer (NSIS 3, built by scripts/windows.sh with Debian's makensis).
;
; Per-user: no administrator rights (office PCs often deny them). Installs the desktop app,
; the command-line program and the letter font into %LOCALAPPDATA%\Programs\学社衔接助手,
; with Start-menu shortcuts, an optional desktop shortcut and an uninstall entry under HKCU.
; The office's data (%APPDATA%\xianjie) is never touched by installing and is kept by
; uninstalling unless the user ticks its removal. Nothing is downloaded: when the WebView2
; runtime is missing the installer says in Chinese how to get it.
;
; Defines (makensis -D…): VERSION (x.y.z), STAGE (folder with the files to install),
; OUTFILE (the installer to write), ICON (the .ico).

Unicode true
Target amd64-unicode
SetCompressor /SOLID lzma
SetCompressorDictSize 64
RequestExecutionLevel user
ManifestSupportedOS all
ManifestDPIAware true

!ifndef VERSION
  !error "VERSION not defined (makensis -DVERSION=x.y.z)"
!endif
!ifndef STAGE
  !error "STAGE not defined (makensis -DSTAGE=folder)"
!endif
!ifndef OUTFILE
  !error "OUTFILE not defined"
!endif
!ifndef ICON
  !error "ICON not defined"
!endif

!define PRODUCT "学社衔接助手"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\cn.xianjie.desktop"
; WebView2 Evergreen runtime's client id (Microsoft's documented detection keys).
!define WEBVIEW2_CLIENT "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "WinVer.nsh"
!include "x64.nsh"
!include "FileFunc.nsh"

Name "${PRODUCT}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${PRODUCT}"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
BrandingText "${PRODUCT} ${VERSION}"
ShowInstDetails show
ShowUninstDetails show

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=2052 "FileDescription" "${PRODUCT} 安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "CompanyName" "${PRODUCT}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "MIT License"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TITLE "安装 ${PRODUCT} ${VERSION}"
!define MUI_WELCOMEPAGE_TEXT "本向导将把 ${PRODUCT}（高校团委学社衔接离线助手）安装到您的用户文件夹，不需要管理员权限。$\r$\n$\r$\n系统要求：Windows 10 或更新版本（64 位），以及 Microsoft Edge WebView2 运行时（Windows 11 与已更新的 Windows 10 自带）。$\r$\n$\r$\n您的数据保存在 %APPDATA%\xianjie，安装与升级都不会改动它。"
!define MUI_COMPONENTSPAGE_NODESC
!define MUI_FINISHPAGE_RUN "$INSTDIR\xianjie-app.exe"
!define MUI_FINISHPAGE_RUN_TEXT "运行 ${PRODUCT}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "SimpChinese"

Function .onInit
  ${IfNot} ${RunningX64}
  ${OrIfNot} ${AtLeastBuild} 10240
    MessageBox MB_ICONSTOP "${PRODUCT} 需要 64 位的 Windows 10 或更新版本，本机系统版本过低，无法安装。" /SD IDOK
    Abort
  ${EndIf}
FunctionEnd

Section "${PRODUCT}（桌面应用与命令行程序）" SecMain
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File "${STAGE}\xianjie-app.exe"
  File "${STAGE}\xianjie.exe"
  File "${STAGE}\WebView2Loader.dll"
  File "${STAGE}\使用说明.txt"
  SetOutPath "$INSTDIR\fonts"
  File "${STAGE}\fonts\NotoSerifCJKsc-Regular.otf"
  File "${STAGE}\fonts\OFL.txt"
  SetOutPath "$INSTDIR"

  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortCut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\xianjie-app.exe" "" "$INSTDIR\xianjie-app.exe" 0
  ; A console with xianjie on its PATH (the user's PATH is left alone).
  CreateShortCut "$SMPROGRAMS\${PRODUCT} 命令行.lnk" "$SYSDIR\cmd.exe" '/k "set PATH=$INSTDIR;%PATH% && xianjie --help"' "$INSTDIR\xianjie.exe" 0

  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PRODUCT}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\xianjie-app.exe"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" "$0"

  Call CheckWebView2
SectionEnd

Section "桌面快捷方式" SecDesktop
  SetShellVarContext current
  CreateShortCut "$DESKTOP\${PRODUCT}.lnk" "$INSTDIR\xianjie-app.exe" "" "$INSTDIR\xianjie-app.exe" 0
SectionEnd

; The window is Microsoft Edge WebView2; the command-line program does not need it.
Function CheckWebView2
  StrCpy $1 ""
  ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_CLIENT}" "pv"
  ${If} $0 != ""
  ${AndIf} $0 != "0.0.0.0"
    StrCpy $1 $0
  ${EndIf}
  ReadRegStr $0 HKLM "SOFTWARE\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_CLIENT}" "pv"
  ${If} $0 != ""
  ${AndIf} $0 != "0.0.0.0"
    StrCpy $1 $0
  ${EndIf}
  ReadRegStr $0 HKCU "Software\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_CLIENT}" "pv"
  ${If} $0 != ""
  ${AndIf} $0 != "0.0.0.0"
    StrCpy $1 $0
  ${EndIf}
  ${If} $1 == ""
    DetailPrint "未检测到 Microsoft Edge WebView2 运行时"
    MessageBox MB_ICONINFORMATION "本机未检测到 Microsoft Edge WebView2 运行时，${PRODUCT} 的窗口需要它才能打开（命令行程序 xianjie.exe 不需要）。$\r$\n$\r$\n获取方法（安装时不需要联网，安装本程序也会照常完成）：$\r$\n1. 向学校信息中心索取“Microsoft Edge WebView2 运行时”离线安装包（x64 独立安装程序，文件名类似 MicrosoftEdgeWebView2RuntimeInstallerX64.exe）；$\r$\n2. 或在能上网的电脑上打开微软官网 developer.microsoft.com/microsoft-edge/webview2 ，下载“常青版独立安装程序 x64”，用 U 盘拷到本机；$\r$\n3. 双击运行该安装包（通常不需要管理员权限），完成后即可打开${PRODUCT}。$\r$\n$\r$\nWindows 11 和已更新的 Windows 10 自带该运行时。" /SD IDOK
  ${Else}
    DetailPrint "已检测到 Microsoft Edge WebView2 运行时 $1"
  ${EndIf}
FunctionEnd

Section "un.${PRODUCT}" UnSecMain
  SectionIn RO
  SetShellVarContext current
  Delete "$INSTDIR\xianjie-app.exe"
  Delete "$INSTDIR\xianjie.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\使用说明.txt"
  Delete "$INSTDIR\fonts\NotoSerifCJKsc-Regular.otf"
  Delete "$INSTDIR\fonts\OFL.txt"
  RMDir "$INSTDIR\fonts"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${PRODUCT}.lnk"
  Delete "$SMPROGRAMS\${PRODUCT} 命令行.lnk"
  Delete "$DESKTOP\${PRODUCT}.lnk"
  DeleteRegKey HKCU "${UNINST_KEY}"
SectionEnd

; Off by default (and in a silent uninstall): the office's records are kept for a reinstall
; or a move to a new PC unless the user asks.
Section /o "un.同时删除我的数据（数据库、设置与全部备份，%APPDATA%\xianjie）" UnSecData
  SetShellVarContext current
  MessageBox MB_YESNO|MB_ICONEXCLAMATION "将永久删除 $APPDATA\xianjie 中的数据库、设置与全部备份，无法恢复。$\r$\n如需换电脑，请先在“设置 › 数据备份”中导出。确定删除吗？" /SD IDNO IDYES +2
  Return
  RMDir /r "$APPDATA\xianjie"
SectionEnd
