//! The one harness of the integration tests, in the manner of ripgrep's `tests/util.rs`: a
//! scratch working folder removed when dropped, and the `councilrecs` binary run by its path,
//! in that folder or in the repository.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// A fresh folder under the target directory, removed when dropped.
pub struct Dir {
    pub root: PathBuf,
}

impl Dir {
    /// A new empty folder named after the test.
    pub fn new(name: &str) -> Dir {
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        let root = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).expect("create test folder");
        Dir { root }
    }

    /// Writes a file (creating folders as needed) and returns its path.
    pub fn create(&self, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.root.join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("create parent folder");
        }
        std::fs::write(&p, contents).expect("write test file");
        p
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// A `councilrecs` command run inside this folder.
    pub fn command(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_councilrecs"));
        cmd.current_dir(&self.root);
        cmd
    }
}

impl std::ops::Deref for Dir {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.root
    }
}

impl AsRef<Path> for Dir {
    fn as_ref(&self) -> &Path {
        &self.root
    }
}

impl AsRef<std::ffi::OsStr> for Dir {
    fn as_ref(&self) -> &std::ffi::OsStr {
        self.root.as_os_str()
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// The `councilrecs` binary, run in the repository (so that `fixtures/` and `tests/data/` are
/// found).
pub fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_councilrecs"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

/// Runs a command to completion with standard input closed.
pub fn run(cmd: &mut Command) -> Output {
    cmd.stdin(Stdio::null()).output().expect("run councilrecs")
}

/// Runs a command to completion with `input` on its standard input.
pub fn run_with_input(cmd: &mut Command, input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run councilrecs");
    let mut stdin = child.stdin.take().expect("stdin");
    // A child that stops reading early closes the pipe; what it printed tells why.
    let _ = stdin.write_all(input);
    drop(stdin);
    child.wait_with_output().expect("wait for councilrecs")
}

/// The JSON records a run printed, one per line.
pub fn records(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {e}: {l}")))
        .collect()
}

/// The JSON records of a JSON Lines file.
pub fn read_jsonl(path: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {e}: {l}")))
        .collect()
}

/// The path of a fixture of the repository.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

/// The path of an external program the test needs, found on `PATH` (the first of `names`).
/// Missing, it fails the test when `CI=true` (CI installs it) and skips it otherwise, saying so.
pub fn tool(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    for name in names {
        for dir in std::env::split_paths(&path) {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!(
            "{} is not installed, and CI must run this test",
            names.join(" or ")
        );
    }
    eprintln!("skipped: {} is not installed", names.join(" or "));
    None
}

/// Runs a command whose standard output is closed by its reader: at once (`read` 0), or after
/// reading `read` bytes, as `| head -c N` does. Returns the exit code and standard error.
pub fn with_early_close(cmd: &mut Command, read: usize) -> (Option<i32>, String) {
    use std::io::Read;
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run councilrecs");
    let mut stdout = child.stdout.take().expect("stdout");
    if read > 0 {
        let mut buf = vec![0u8; read];
        let _ = stdout.read_exact(&mut buf);
    }
    drop(stdout);
    let out = child.wait_with_output().expect("wait for councilrecs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
