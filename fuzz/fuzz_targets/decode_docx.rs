//! DOCX: either the bytes as they are (a damaged archive), or an archive built from the input
//! (the bytes split into `word/document.xml`, `word/numbering.xml` and `word/styles.xml`),
//! so that the XML readers and Word numbering are reached. An error or checked text.
#![no_main]

use councilrecs::decode::{self, Format, Hint, Limits, NoConverters};
use libfuzzer_sys::fuzz_target;
use std::io::Write;

fn archive(parts: &[&[u8]]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        let names = ["word/document.xml", "word/numbering.xml", "word/styles.xml"];
        let _ = z.start_file("[Content_Types].xml", opts);
        let _ = z.write_all(b"<Types/>");
        for (name, part) in names.iter().zip(parts) {
            let _ = z.start_file(*name, opts);
            let _ = z.write_all(part);
        }
        let _ = z.finish();
    }
    buf.into_inner()
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    let bytes = if mode & 1 == 0 {
        rest.to_vec()
    } else {
        let parts: Vec<&[u8]> = rest.splitn(3, |&b| b == 0).collect();
        archive(&parts)
    };
    let hint = Hint { name: Some("report.docx"), content_type: None };
    if let Ok(d) = decode::decode(&bytes, Format::Docx, &hint, &Limits::default(), &NoConverters) {
        councilrecs_fuzz::check_decoded(&d);
    }
});
