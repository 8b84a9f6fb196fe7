//! The child's side of isolation (`councilrecs isolated-record`): read a [`Request`] line and
//! the document's bytes on standard input, read the document in this process, print the
//! [`Reply`] as one line on standard output; then the next request, until standard input
//! ends. A request from another version is refused.

use super::in_process;
use super::protocol::{MAX_REQUEST_LINE, Reply, Request, VERSION};
use std::io::{self, BufRead, Read, Write};

/// Serves requests from `input` until it ends, answering each on `output`.
pub fn serve(mut input: impl BufRead, mut output: impl Write) -> io::Result<()> {
    while serve_one(&mut input, &mut output)? {}
    Ok(())
}

/// Serves one request; false when `input` has ended before it.
fn serve_one(input: &mut impl BufRead, output: &mut impl Write) -> io::Result<bool> {
    let mut line = String::new();
    if (&mut *input).take(MAX_REQUEST_LINE).read_line(&mut line)? == 0 {
        return Ok(false);
    }
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
    let mut bytes = Vec::with_capacity(usize::try_from(request.len).unwrap_or(0));
    (&mut *input).take(request.len).read_to_end(&mut bytes)?;
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
    serde_json::to_writer(&mut *output, &reply)?;
    output.write_all(b"\n")?;
    output.flush()?;
    Ok(true)
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
    fn requests_are_answered_one_line_each_until_the_input_ends() {
        let a = b"RESOLVED:\n\n1. That the report be noted.\n";
        let b = b"RESOLVED:\n\n1. That the plan be approved.\n2. That the budget be agreed.\n";
        let mut input = input(&request(a), a);
        input.extend(super::tests::input(&request(b), b));
        let mut out = Vec::new();
        serve(&input[..], &mut out).unwrap();
        let lines: Vec<Reply> = out
            .split(|&c| c == b'\n')
            .filter(|l| !l.is_empty())
            .map(|l| serde_json::from_slice(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 2);
        let counts: Vec<usize> = lines
            .into_iter()
            .map(|r| r.reading.unwrap().recommendations.len())
            .collect();
        assert_eq!(counts, [1, 2]);
        let mut none = Vec::new();
        serve(&b""[..], &mut none).unwrap();
        assert!(none.is_empty());
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
