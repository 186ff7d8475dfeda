//! The school's public key as a QR code, for a poster, a slide or a phone screen: a college
//! scans it instead of typing 62 characters. SVG for the window and print; PNG where a
//! picture file is wanted (chat apps), drawn with the `png` encoder the app already ships.

use qrcode::{Color, EcLevel, QrCode};
use xianjie_domain::{Error, Result};

/// Pixels per QR module in [`qr_png`]; with the quiet zone a 62-character key is ~300 px.
const PNG_MODULE_PX: usize = 8;
/// The blank border the QR standard asks for, in modules.
const QUIET_ZONE: usize = 4;

fn code(text: &str) -> Result<QrCode> {
    // Level M: survives a creased printout, still small for a short key.
    QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .map_err(|e| Error::invalid(format!("内容无法生成二维码：{e}")))
}

/// An SVG document of the QR code of `text` (black on white, with the quiet zone).
pub fn qr_svg(text: &str) -> Result<String> {
    Ok(code(text)?
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(240, 240)
        .quiet_zone(true)
        .build())
}

/// A PNG picture (8-bit grey) of the QR code of `text`, with the quiet zone.
pub fn qr_png(text: &str) -> Result<Vec<u8>> {
    let code = code(text)?;
    let modules = code.width();
    let colors = code.to_colors();
    let side = (modules + 2 * QUIET_ZONE) * PNG_MODULE_PX;
    let mut pixels = vec![0xffu8; side * side];
    for (i, color) in colors.iter().enumerate() {
        if *color != Color::Dark {
            continue;
        }
        let (mx, my) = (i % modules + QUIET_ZONE, i / modules + QUIET_ZONE);
        for y in my * PNG_MODULE_PX..(my + 1) * PNG_MODULE_PX {
            let row = y * side;
            pixels[row + mx * PNG_MODULE_PX..row + (mx + 1) * PNG_MODULE_PX].fill(0);
        }
    }
    let side = u32::try_from(side).map_err(|_| Error::invalid("内容过长，无法生成二维码"))?;
    let mut out = Vec::new();
    let failed = |e: png::EncodingError| Error::internal(format!("二维码图片生成失败：{e}"));
    let mut encoder = png::Encoder::new(&mut out, side, side);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(failed)?;
    writer.write_image_data(&pixels).map_err(failed)?;
    writer.finish().map_err(failed)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_and_png_of_a_key() {
        let key = crate::SchoolKey::generate().recipient().text();
        let svg = qr_svg(&key).unwrap();
        assert!(svg.starts_with("<?xml"), "{}", &svg[..40]);
        assert!(svg.contains("<svg") && svg.contains("</svg>"));
        let png = qr_png(&key).unwrap();
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
        let decoder = png::Decoder::new(std::io::Cursor::new(&png));
        let reader = decoder.read_info().unwrap();
        let info = reader.info();
        assert_eq!(info.width, info.height);
        assert!(info.width >= 200, "{}", info.width);
    }

    #[test]
    fn too_long_is_an_error_not_a_panic() {
        let e = qr_svg(&"x".repeat(10_000)).unwrap_err();
        assert_eq!(e.code, xianjie_domain::ErrorCode::InvalidInput);
    }
}
