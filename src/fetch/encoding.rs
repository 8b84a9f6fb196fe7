//! `Content-Encoding`: the codings a server may apply to a body (gzip, deflate, brotli), the
//! decoder that undoes them while the body streams in (so that `--max-bytes` counts inflated
//! bytes), and a check that what came out is not still compressed.

use std::io::{BufRead, BufReader, Read};

/// One content coding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coding {
    Gzip,
    Deflate,
    Brotli,
}

/// The `Accept-Encoding` header sent with every request.
pub const ACCEPT: &str = "gzip, deflate, br";

/// The codings of a `Content-Encoding` header, in the order they were applied; an unknown
/// coding is an error (the body could not be read).
pub fn parse(header: Option<&str>) -> Result<Vec<Coding>, String> {
    let Some(h) = header else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for part in h.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        match part.to_ascii_lowercase().as_str() {
            "gzip" | "x-gzip" => out.push(Coding::Gzip),
            "deflate" => out.push(Coding::Deflate),
            "br" => out.push(Coding::Brotli),
            "identity" => {}
            other => {
                let shown: String = other.chars().take(40).collect();
                return Err(format!("unsupported Content-Encoding {shown:?}"));
            }
        }
    }
    if out.len() > 4 {
        return Err(format!("{} content codings stacked", out.len()));
    }
    Ok(out)
}

/// A reader that undoes `codings` (applied in that order) over `inner`.
pub fn decoder<'a>(codings: &[Coding], inner: Box<dyn Read + 'a>) -> Box<dyn Read + 'a> {
    codings.iter().rev().fold(inner, |r, c| match c {
        Coding::Gzip => Box::new(flate2::read::MultiGzDecoder::new(r)) as Box<dyn Read>,
        Coding::Deflate => Box::new(Deflate::new(r)),
        Coding::Brotli => Box::new(brotli_decompressor::Decompressor::new(r, 16 << 10)),
    })
}

/// HTTP "deflate" is meant to be zlib-wrapped, but some servers send raw deflate: the first
/// two bytes tell which.
enum Deflate<'a> {
    Start(Option<BufReader<Box<dyn Read + 'a>>>),
    Zlib(flate2::bufread::ZlibDecoder<BufReader<Box<dyn Read + 'a>>>),
    Raw(flate2::bufread::DeflateDecoder<BufReader<Box<dyn Read + 'a>>>),
}

impl<'a> Deflate<'a> {
    fn new(inner: Box<dyn Read + 'a>) -> Deflate<'a> {
        Deflate::Start(Some(BufReader::new(inner)))
    }
}

/// Whether two bytes start a zlib stream (RFC 1950: deflate method, header check).
fn zlib_header(b: &[u8]) -> bool {
    b.len() >= 2 && b[0] & 0x0f == 8 && (u16::from(b[0]) << 8 | u16::from(b[1])) % 31 == 0
}

impl Read for Deflate<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if let Deflate::Start(inner) = self {
            let Some(mut r) = inner.take() else {
                return Ok(0);
            };
            let zlib = zlib_header(r.fill_buf()?);
            *self = if zlib {
                Deflate::Zlib(flate2::bufread::ZlibDecoder::new(r))
            } else {
                Deflate::Raw(flate2::bufread::DeflateDecoder::new(r))
            };
        }
        match self {
            Deflate::Zlib(d) => d.read(buf),
            Deflate::Raw(d) => d.read(buf),
            Deflate::Start(_) => Ok(0),
        }
    }
}

/// The compression format a body still seems to be in, from its first bytes: a gzip member
/// or a zlib stream. (Brotli has no signature; a brotli body sent without its header reads as
/// binary noise and is refused by the readers downstream.)
pub fn still_compressed(head: &[u8]) -> Option<&'static str> {
    if head.starts_with(&[0x1f, 0x8b]) {
        Some("gzip")
    } else if head.len() >= 2 && head[0] == 0x78 && matches!(head[1], 0x01 | 0x5e | 0x9c | 0xda) {
        Some("zlib")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn decode(codings: &[Coding], bytes: Vec<u8>) -> std::io::Result<Vec<u8>> {
        let mut out = Vec::new();
        decoder(codings, Box::new(std::io::Cursor::new(bytes))).read_to_end(&mut out)?;
        Ok(out)
    }

    #[test]
    fn codings_are_read_in_order() {
        assert_eq!(parse(None), Ok(vec![]));
        assert_eq!(parse(Some("identity")), Ok(vec![]));
        assert_eq!(
            parse(Some("deflate, GZIP")),
            Ok(vec![Coding::Deflate, Coding::Gzip])
        );
        assert!(parse(Some("compress")).unwrap_err().contains("compress"));
        assert!(parse(Some("gzip,gzip,gzip,gzip,gzip")).is_err());
    }

    #[test]
    fn gzip_deflate_and_raw_deflate_decode() {
        let text = b"<p>RESOLVED: that the peer challenge report be noted.</p>".repeat(20);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(&text).unwrap();
        assert_eq!(decode(&[Coding::Gzip], gz.finish().unwrap()).unwrap(), text);
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(&text).unwrap();
        assert_eq!(
            decode(&[Coding::Deflate], z.finish().unwrap()).unwrap(),
            text
        );
        let mut raw =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        raw.write_all(&text).unwrap();
        assert_eq!(
            decode(&[Coding::Deflate], raw.finish().unwrap()).unwrap(),
            text
        );
        assert!(decode(&[Coding::Gzip], b"not gzip at all".to_vec()).is_err());
    }

    #[test]
    fn compressed_bodies_are_recognised() {
        assert_eq!(still_compressed(&[0x1f, 0x8b, 8, 0]), Some("gzip"));
        assert_eq!(still_compressed(&[0x78, 0x9c, 1]), Some("zlib"));
        assert_eq!(still_compressed(b"<html>"), None);
        assert_eq!(still_compressed(b"x-ray report"), None);
        assert_eq!(still_compressed(b""), None);
    }
}
