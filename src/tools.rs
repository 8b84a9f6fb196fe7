//! The external converters, `pdftotext` (poppler-utils) and `antiword`: found on `PATH` once
//! (when the configuration is built) and run on a document's bytes.
//!
//! This is the one module that starts converter processes; the decoders reach it only through
//! [`Converters`]. The bytes go to the tool on standard input (or, for a tool that must seek,
//! through a private temporary file that is removed afterwards), the tool runs under a time
//! limit and an output cap, and what it prints comes back as bytes. A tool that is not
//! installed is reported as such so that the decoders can degrade gracefully.

use crate::decode::{Converters, Tool, ToolError};
use serde::{Deserialize, Serialize};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The converters that may be run: the full path of each installed one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tools {
    pub pdftotext: Option<PathBuf>,
    pub antiword: Option<PathBuf>,
}

impl Tools {
    /// The converters installed on `PATH`.
    pub fn installed() -> Tools {
        Tools {
            pdftotext: find_tool(Tool::Pdftotext.name()),
            antiword: find_tool(Tool::Antiword.name()),
        }
    }

    /// The path of `tool`, when it may be run.
    pub fn path(&self, tool: Tool) -> Option<&Path> {
        match tool {
            Tool::Pdftotext => self.pdftotext.as_deref(),
            Tool::Antiword => self.antiword.as_deref(),
        }
    }
}

impl Converters for Tools {
    fn has(&self, tool: Tool) -> bool {
        self.path(tool).is_some()
    }

    fn run(&self, tool: Tool, input: &[u8], max_output: usize) -> Result<Vec<u8>, ToolError> {
        let Some(path) = self.path(tool) else {
            return Err(ToolError::Missing(tool.name().to_string()));
        };
        let limits = RunLimits {
            max_output,
            ..RunLimits::default()
        };
        match tool {
            // UTF-8 text in reading order, a form feed between pages; the PDF on standard input.
            Tool::Pdftotext => {
                run_with_stdin(path, &["-enc", "UTF-8", "-q", "fd://0", "-"], input, limits)
            }
            // `-w 0`: one line per paragraph; `-m UTF-8.txt`: UTF-8 output. It must seek.
            Tool::Antiword => {
                run_with_temp_file(path, &["-w", "0", "-m", "UTF-8.txt"], input, limits)
            }
        }
    }
}

/// Limits on one run of a tool.
#[derive(Debug, Clone, Copy)]
struct RunLimits {
    timeout: Duration,
    max_output: usize,
}

impl Default for RunLimits {
    fn default() -> Self {
        RunLimits {
            timeout: Duration::from_secs(30),
            max_output: 64 << 20,
        }
    }
}

/// The full path of an executable found on `PATH`, if any.
fn find_tool(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| is_executable(p))
}

fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// Runs `tool args…` with `input` on standard input and returns its standard output.
fn run_with_stdin(
    tool: &Path,
    args: &[&str],
    input: &[u8],
    limits: RunLimits,
) -> Result<Vec<u8>, ToolError> {
    run(tool, args, Some(input), limits)
}

/// Runs `tool args… FILE` where FILE is a private temporary copy of `input`, for tools that
/// cannot read a pipe.
fn run_with_temp_file(
    tool: &Path,
    args: &[&str],
    input: &[u8],
    limits: RunLimits,
) -> Result<Vec<u8>, ToolError> {
    let name = tool_name(tool);
    let failed = |e: std::io::Error| ToolError::Failed {
        tool: name.clone(),
        message: format!("cannot write a temporary copy of the document: {e}"),
    };
    let mut file = tempfile::NamedTempFile::new().map_err(failed)?;
    file.write_all(input).map_err(failed)?;
    file.flush().map_err(failed)?;
    let path = file.path().to_string_lossy().into_owned();
    let mut all: Vec<&str> = args.to_vec();
    all.push(&path);
    run(tool, &all, None, limits)
}

fn tool_name(tool: &Path) -> String {
    tool.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| tool.display().to_string())
}

fn run(
    tool: &Path,
    args: &[&str],
    input: Option<&[u8]>,
    limits: RunLimits,
) -> Result<Vec<u8>, ToolError> {
    let name = tool_name(tool);
    let mut child = Command::new(tool)
        .args(args)
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => ToolError::Missing(name.clone()),
            _ => ToolError::Failed {
                tool: name.clone(),
                message: format!("cannot start: {e}"),
            },
        })?;
    let stdin = child.stdin.take();
    let stdout = child.stdout.take();
    let stderr = child.stderr.take();
    let max = limits.max_output;
    let outcome = std::thread::scope(|s| {
        if let (Some(mut w), Some(bytes)) = (stdin, input) {
            // A tool that stops reading early closes the pipe; that is not an error here.
            s.spawn(move || {
                let _ = w.write_all(bytes);
            });
        }
        let out = s.spawn(move || read_capped(stdout, max));
        let err = s.spawn(move || read_capped(stderr, 4096));
        let start = Instant::now();
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break Some(status),
                Ok(None) if start.elapsed() >= limits.timeout => {
                    let _ = child.kill();
                    let _ = child.wait();
                    break None;
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(5)),
                Err(_) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    break None;
                }
            }
        };
        let (out, overflow) = out.join().unwrap_or_default();
        let (err, _) = err.join().unwrap_or_default();
        (status, out, overflow, err)
    });
    let (status, out, overflow, err) = outcome;
    let Some(status) = status else {
        return Err(ToolError::Timeout {
            tool: name,
            secs: limits.timeout.as_secs(),
        });
    };
    if overflow {
        return Err(ToolError::TooMuchOutput {
            tool: name,
            limit: max,
        });
    }
    if !status.success() {
        let message = String::from_utf8_lossy(&err).trim().to_string();
        return Err(ToolError::Failed {
            tool: name,
            message: if message.is_empty() {
                format!("exited with {status}")
            } else {
                message
            },
        });
    }
    Ok(out)
}

/// Reads a pipe to its end, keeping at most `max` bytes; the flag tells whether more came.
fn read_capped(pipe: Option<impl Read>, max: usize) -> (Vec<u8>, bool) {
    let Some(mut pipe) = pipe else {
        return (Vec::new(), false);
    };
    let mut out = Vec::new();
    let mut buf = [0u8; 64 << 10];
    let mut overflow = false;
    loop {
        match pipe.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                if out.len() + n > max {
                    overflow = true;
                    let room = max - out.len();
                    out.extend_from_slice(&buf[..room]);
                } else if !overflow {
                    out.extend_from_slice(&buf[..n]);
                }
            }
        }
    }
    (out, overflow)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_tool_is_reported() {
        let r = run_with_stdin(
            Path::new("/nonexistent/councilrecs-no-such-tool"),
            &[],
            b"x",
            RunLimits::default(),
        );
        assert_eq!(
            r,
            Err(ToolError::Missing("councilrecs-no-such-tool".into()))
        );
        assert_eq!(find_tool("councilrecs-no-such-tool"), None);
        let none = Tools::default();
        assert!(!none.has(Tool::Pdftotext));
        assert_eq!(
            none.run(Tool::Antiword, b"x", 100),
            Err(ToolError::Missing("antiword".into()))
        );
    }

    #[test]
    fn output_time_and_size_limits() {
        let Some(cat) = find_tool("cat") else {
            return;
        };
        let out = run_with_stdin(&cat, &[], b"hello", RunLimits::default()).unwrap();
        assert_eq!(out, b"hello");
        let big = vec![b'a'; 10_000];
        let r = run_with_stdin(
            &cat,
            &[],
            &big,
            RunLimits {
                max_output: 100,
                ..RunLimits::default()
            },
        );
        assert!(matches!(
            r,
            Err(ToolError::TooMuchOutput { limit: 100, .. })
        ));
        let copy = run_with_temp_file(&cat, &[], b"from a file", RunLimits::default()).unwrap();
        assert_eq!(copy, b"from a file");
        if let Some(sleep) = find_tool("sleep") {
            let r = run_with_stdin(
                &sleep,
                &["5"],
                b"",
                RunLimits {
                    timeout: Duration::from_millis(100),
                    ..RunLimits::default()
                },
            );
            assert!(matches!(r, Err(ToolError::Timeout { .. })));
        }
    }
}
