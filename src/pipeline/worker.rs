//! The child's side of isolation (`councilrecs isolated-record`): read one [`Request`] line and
//! the document's bytes on standard input, read the document in this process, print the
//! [`Reply`] on standard output. A request from another version is refused.

use super::in_process;
use super::protocol::{MAX_REQUEST_LINE, Reply, Request, VERSION};
use std::io::{self, BufRead, Read, Write};

/// Serves one request from `input`, answering on `output`.
pub fn serve(mut input: impl BufRead, mut output: impl Write) -> io::Result<()> {
    let mut line = String::new();
    (&mut input).take(MAX_REQUEST_LINE).read_line(&mut line)?;
    let request: Request =
        serde_json::from_str(&line).map_err(|e| invalid(format!("not a document request: {e}")))?;
    if request.version != VERSION {
        return Err(invalid(format!(
            "the request comes from councilrecs {}, this is {VERSION}",
            request.version
        )));
    }
    let limit = request.limits.max_bytes as u64;
    if request.len > limit {
        return Err(invalid(format!(
            "the document is {} bytes; the limit is {limit}",
            request.len
        )));
    }
    let mut bytes = Vec::with_capacity(request.len as usize);
    input.take(request.len).read_to_end(&mut bytes)?;
    if bytes.len() as u64 != request.len {
        return Err(invalid(format!(
            "the document ended after {} of {} bytes",
            bytes.len(),
            request.len
        )));
    }
    let reading = in_process::read(
        &bytes,
        request.format,
        &request.hint(),
        &request.record(),
        &request.tools,
    );
    let reply = Reply {
        version: VERSION.to_string(),
        reading,
    };
    serde_json::to_writer(&mut output, &reply)?;
    output.write_all(b"\n")?;
    output.flush()
}

fn invalid(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::RecordConfig;
    use crate::decode::{Format, Hint};
    use crate::tools::Tools;

    fn request(bytes: &[u8]) -> Request {
        Request::new(
            bytes,
            Format::Text,
            &Hint::default(),
            &RecordConfig::default(),
            &Tools::default(),
        )
    }

    fn input(req: &Request, bytes: &[u8]) -> Vec<u8> {
        let mut v = serde_json::to_vec(req).unwrap();
        v.push(b'\n');
        v.extend_from_slice(bytes);
        v
    }

    #[test]
    fn a_request_is_answered_with_its_reading() {
        let doc = b"RESOLVED:\n\n1. That the report be noted.\n";
        let mut out = Vec::new();
        serve(&input(&request(doc), doc)[..], &mut out).unwrap();
        let reply: Reply = serde_json::from_slice(&out).unwrap();
        assert_eq!(reply.version, VERSION);
        let content = reply.reading.unwrap();
        assert_eq!(content.recommendations.len(), 1);
        assert_eq!(content.encoding.as_deref(), Some("UTF-8"));
    }

    #[test]
    fn another_version_or_a_short_document_is_refused() {
        let doc = b"RESOLVED: that the report be noted.";
        let mut old = request(doc);
        old.version = "0.0.0-other".into();
        let e = serve(&input(&old, doc)[..], Vec::new()).unwrap_err();
        assert!(e.to_string().contains("councilrecs 0.0.0-other"), "{e}");
        let e = serve(&input(&request(doc), &doc[..10])[..], Vec::new()).unwrap_err();
        assert!(e.to_string().contains("ended after 10 of"), "{e}");
        let e = serve(&b"--max-bytes 10\n"[..], Vec::new()).unwrap_err();
        assert!(e.to_string().starts_with("not a document request"), "{e}");
    }
}
