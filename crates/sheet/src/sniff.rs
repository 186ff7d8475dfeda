//! Why a roster file cannot be opened, in words a secretary can act on.
//!
//! The workbook reader's own errors are English and technical ("invalid Zip archive"); the
//! file's first bytes tell the real story: empty, a CSV renamed .xlsx, a password-protected
//! workbook (an OLE file holding `EncryptedPackage`), an .xls renamed .xlsx, a Word file.

use calamine::{XlsError, XlsxError};
use std::path::Path;
use xianjie_domain::error::io_reason;
use xianjie_domain::Error;

const OLE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
const ZIP: [u8; 4] = *b"PK\x03\x04";

/// The message for a file at `path` the reader refused with `e`.
pub fn open_error(path: &Path, e: &calamine::Error) -> Error {
    let file = path.display().to_string();
    if path.is_dir() {
        return Error::invalid(format!("“{file}”是文件夹，不是名单文件"));
    }
    match std::fs::read(path) {
        Ok(bytes) => bytes_error(&file, &bytes, e),
        Err(io) => Error::invalid(format!("无法读取“{file}”：{}", io_reason(&io))),
    }
}

/// The message for workbook `bytes` (named `file`) the reader refused with `e`.
pub fn bytes_error(file: &str, bytes: &[u8], e: &calamine::Error) -> Error {
    let ext = Path::new(file)
        .extension()
        .and_then(|x| x.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let resave = "请在 Excel 或 WPS 中打开，“另存为”Excel 工作簿（.xlsx）后再导入";
    let why = if bytes.is_empty() {
        "是空文件（0 字节），可能未下载或复制完整".to_string()
    } else if bytes.starts_with(&OLE) {
        if encrypted(bytes) || matches!(e, calamine::Error::Xls(XlsError::Password)) {
            "设有打开密码，无法读取：请在 Excel 或 WPS 中打开，取消“用密码进行加密”后保存，再导入"
                .to_string()
        } else if ext != "xls" {
            format!("实际是旧版 .xls 格式，扩展名却是 .{ext}：请把扩展名改为 .xls，或{resave}")
        } else {
            format!("不是有效的 .xls 文件（内容已损坏）：{resave}")
        }
    } else if bytes.starts_with(&ZIP) {
        match e {
            calamine::Error::Xlsx(XlsxError::Zip(_)) => {
                format!("已损坏或不完整（压缩内容无法解开）：请重新下载或复制，或{resave}")
            }
            _ => {
                format!("是压缩包，但里面没有 Excel 工作表（可能是 Word 文档或其他文件）：{resave}")
            }
        }
    } else if looks_like_text(bytes) {
        format!("是文本文件（如 CSV），不是 Excel 工作簿：{resave}")
    } else if !matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "xlsb" | "ods") {
        "不是 Excel 文件（仅支持 .xlsx 和 .xls）".to_string()
    } else {
        format!("已损坏或不是 Excel 工作簿：{resave}")
    };
    Error::invalid(format!("无法打开“{file}”：{why}"))
}

/// An encrypted Office file: UTF-16 `EncryptedPackage` in its OLE directory.
fn encrypted(bytes: &[u8]) -> bool {
    let name: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    bytes.windows(name.len()).any(|w| w == name.as_slice())
}

/// UTF-8 (with or without BOM) with no NUL in its first KiB: a CSV or other text file.
fn looks_like_text(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    !head.contains(&0)
        && match std::str::from_utf8(head) {
            Ok(_) => true,
            // A multi-byte character cut at 1 KiB.
            Err(e) => e.valid_up_to() + 4 >= head.len(),
        }
}
