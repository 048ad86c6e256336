//! Files for the end-to-end tests: a phone's photo, and hostile files for the tests of
//! the input limits, made once per test binary (compressing them with a debug build
//! takes a second or two).

use std::io::Write;
use std::sync::OnceLock;

use consult_domain::limits;

/// A JPEG as a phone writes it: JFIF, then EXIF with a GPS position, then the picture.
pub fn phone_jpeg() -> Vec<u8> {
    let mut j = vec![0xFF, 0xD8];
    j.extend_from_slice(&[0xFF, 0xE0, 0x00, 0x06, b'J', b'F', b'I', b'F']);
    let exif = b"Exif\0\0GPS 31.2304N 121.4737E";
    j.extend_from_slice(&[0xFF, 0xE1, 0x00, (exif.len() + 2) as u8]);
    j.extend_from_slice(exif);
    j.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x02, 1, 2, 3, 4, 0xFF, 0xD9]);
    j
}

/// A .docx of a quarter of a megabyte whose `word/document.xml` unpacks to just over
/// [`limits::ZIP_MEMBER_BYTES`] (and says so): a zip bomb, as far as the bounds go.
pub fn docx_bomb() -> &'static [u8] {
    static BOMB: OnceLock<Vec<u8>> = OnceLock::new();
    BOMB.get_or_init(|| {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let fast = zip::write::SimpleFileOptions::default().compression_level(Some(1));
        zip.start_file("[Content_Types].xml", fast).unwrap();
        zip.write_all(b"<?xml version=\"1.0\"?><Types/>").unwrap();
        zip.start_file("word/document.xml", fast).unwrap();
        past_the_limit(
            &mut zip,
            "<w:p><w:r><w:t>第一条 本条例自公布之日起施行。</w:t></w:r></w:p>",
        );
        zip.finish().unwrap().into_inner()
    })
}

/// The /record template whose first sheet unpacks to just over
/// [`limits::ZIP_MEMBER_BYTES`] of rows (and says so).
pub fn xlsx_bomb() -> &'static [u8] {
    static BOMB: OnceLock<Vec<u8>> = OnceLock::new();
    BOMB.get_or_init(|| {
        let template = consult_domain::offline::template().unwrap();
        let mut source = zip::ZipArchive::new(std::io::Cursor::new(template)).unwrap();
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let fast = zip::write::SimpleFileOptions::default().compression_level(Some(1));
        for i in 0..source.len() {
            let member = source.by_index_raw(i).unwrap();
            if member.name().unwrap() != "xl/worksheets/sheet1.xml" {
                zip.raw_copy_file(member).unwrap();
            }
        }
        zip.start_file("xl/worksheets/sheet1.xml", fast).unwrap();
        zip.write_all(b"<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>")
            .unwrap();
        past_the_limit(
            &mut zip,
            "<row><c t=\"inlineStr\"><is><t>很好</t></is></c></row>",
        );
        zip.write_all(b"</sheetData></worksheet>").unwrap();
        zip.finish().unwrap().into_inner()
    })
}

/// Writes `piece` over and over into the member being written, until it is larger
/// than one member may unpack to.
fn past_the_limit(zip: &mut zip::ZipWriter<std::io::Cursor<Vec<u8>>>, piece: &str) {
    let chunk = piece.repeat(10_000).into_bytes();
    let mut written = 0;
    while written <= limits::ZIP_MEMBER_BYTES as usize {
        zip.write_all(&chunk).unwrap();
        written += chunk.len();
    }
}
