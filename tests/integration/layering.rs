//! The layering of `src/`, read from the source text: which top-level module names which
//! (`crate::…` paths), checked to have no circle; only `cmd` sees the command line; and the
//! pure layers (`decode`, `extract`, `source`) start no process and read no environment
//! variable.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file under `src/`, sorted.
fn sources() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(&root)
        .into_iter()
        .map(|e| e.expect("walk src").into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    assert!(files.len() > 50, "too few source files: {}", files.len());
    files
}

/// The path of a file below `src/`, with `/` separators.
fn rel(path: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    path.strip_prefix(&root)
        .expect("under src")
        .to_string_lossy()
        .replace('\\', "/")
}

/// The top-level module a file belongs to (`None` for the crate root, `lib.rs` and `main.rs`).
fn top_module(rel: &str) -> Option<String> {
    match rel.split_once('/') {
        Some((dir, _)) => Some(dir.to_string()),
        None => match rel.strip_suffix(".rs") {
            Some("lib" | "main") | None => None,
            Some(name) => Some(name.to_string()),
        },
    }
}

/// The code of a file without its comments (whole-line ones and trailing `// …`).
fn code(text: &str) -> String {
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .map(|l| match l.find(" // ") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn ident_at(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// The first segments of the paths in a `{…}` group at the start of `s`.
fn group_heads(s: &str) -> Vec<String> {
    let mut heads = Vec::new();
    let mut depth = 0usize;
    let mut item_start = true;
    for (i, c) in s.char_indices() {
        match c {
            '{' => {
                depth += 1;
                if depth == 1 {
                    item_start = true;
                }
            }
            '}' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            ',' if depth == 1 => item_start = true,
            c if depth == 1 && item_start && !c.is_whitespace() => {
                item_start = false;
                let id = ident_at(&s[i..]);
                if !id.is_empty() {
                    heads.push(id.to_string());
                }
            }
            _ => {}
        }
    }
    heads
}

/// The top-level modules a piece of code names through `crate::` (and, in a top-level file,
/// `super::`).
fn references(code: &str, top_level_file: bool) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut prefixes = vec!["crate::"];
    if top_level_file {
        prefixes.push("super::");
    }
    for prefix in prefixes {
        for (i, _) in code.match_indices(prefix) {
            let before = code[..i].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
                continue;
            }
            let rest = &code[i + prefix.len()..];
            if rest.starts_with('{') {
                out.extend(group_heads(rest));
            } else {
                let id = ident_at(rest);
                if !id.is_empty() {
                    out.insert(id.to_string());
                }
            }
        }
    }
    out
}

/// Top-level module → the top-level modules it names.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let files = sources();
    let modules: BTreeSet<String> = files.iter().filter_map(|f| top_module(&rel(f))).collect();
    let mut g: BTreeMap<String, BTreeSet<String>> = modules
        .iter()
        .map(|m| (m.clone(), BTreeSet::new()))
        .collect();
    for f in &files {
        let r = rel(f);
        let Some(m) = top_module(&r) else { continue };
        let top_level_file = !r.contains('/') || r == format!("{m}/mod.rs");
        let text = std::fs::read_to_string(f).expect("read source");
        for target in references(&code(&text), top_level_file) {
            if target != m && modules.contains(&target) {
                g.get_mut(&m).expect("module").insert(target);
            }
        }
    }
    g
}

/// A circle in the graph, if there is one.
fn circle(g: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        m: &str,
        g: &BTreeMap<String, BTreeSet<String>>,
        done: &mut BTreeSet<String>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = stack.iter().position(|s| s == m) {
            let mut c = stack[at..].to_vec();
            c.push(m.to_string());
            return Some(c);
        }
        if done.contains(m) {
            return None;
        }
        stack.push(m.to_string());
        for next in g.get(m).into_iter().flatten() {
            if let Some(c) = visit(next, g, done, stack) {
                return Some(c);
            }
        }
        stack.pop();
        done.insert(m.to_string());
        None
    }
    let mut done = BTreeSet::new();
    g.keys()
        .find_map(|m| visit(m, g, &mut done, &mut Vec::new()))
}

#[test]
fn paths_are_read_from_use_lines_and_code() {
    let sample = "use crate::decode::{self, Hint};\nuse crate::{model::Record, output};\n\
                  // crate::fetch in a comment\nlet x = crate::store::default_dir(); // crate::cli\n\
                  use super::tools;";
    let found: Vec<String> = references(&code(sample), true).into_iter().collect();
    assert_eq!(found, ["decode", "model", "output", "store", "tools"]);
    assert_eq!(
        references(&code(sample), false)
            .into_iter()
            .collect::<Vec<_>>(),
        ["decode", "model", "output", "store"]
    );
    assert_eq!(top_module("decode/pdf.rs").as_deref(), Some("decode"));
    assert_eq!(top_module("config.rs").as_deref(), Some("config"));
    assert_eq!(top_module("lib.rs"), None);
    let mut g = BTreeMap::new();
    g.insert("a".to_string(), BTreeSet::from(["b".to_string()]));
    g.insert("b".to_string(), BTreeSet::from(["c".to_string()]));
    g.insert("c".to_string(), BTreeSet::from(["a".to_string()]));
    assert_eq!(circle(&g).expect("a circle"), ["a", "b", "c", "a"]);
    g.get_mut("c").expect("c").clear();
    assert_eq!(circle(&g), None);
}

#[test]
fn the_modules_name_each_other_without_a_circle() {
    let g = graph();
    for m in [
        "cli", "cmd", "config", "decode", "extract", "pipeline", "model", "tools",
    ] {
        assert!(g.contains_key(m), "no module {m}");
    }
    assert_eq!(circle(&g), None, "the modules name each other in a circle");
    if std::env::var_os("COUNCILRECS_PRINT_MODULES").is_some() {
        for (m, to) in &g {
            eprintln!(
                "{m} -> {}",
                to.iter().cloned().collect::<Vec<_>>().join(", ")
            );
        }
    }
    // The road runs down: the command line, then the commands, then the one pipeline.
    assert!(g["cmd"].contains("cli") && g["cmd"].contains("config"));
    assert!(g["pipeline"].contains("decode") && g["pipeline"].contains("extract"));
    let users_of_cli: Vec<&String> = g
        .iter()
        .filter(|(m, to)| *m != "cmd" && to.contains("cli"))
        .map(|(m, _)| m)
        .collect();
    assert!(
        users_of_cli.is_empty(),
        "only cmd may see the command line: {users_of_cli:?}"
    );
    // The pure layers stand on each other, the record types and the council registry (data).
    for pure in ["decode", "extract", "source"] {
        let allowed =
            BTreeSet::from(["decode", "extract", "source", "model", "registry"].map(String::from));
        let extra: Vec<&String> = g[pure].difference(&allowed).collect();
        assert!(extra.is_empty(), "{pure} names {extra:?}");
    }
}

#[test]
fn pure_layers_start_no_process_and_read_no_environment() {
    const FORBIDDEN: [&str; 7] = [
        "std::process",
        "Command::new",
        "env::var",
        "std::env",
        "tempfile",
        "clap",
        "reqwest",
    ];
    let mut found = Vec::new();
    for f in sources() {
        let r = rel(&f);
        let pure = ["decode/", "extract/", "source/"]
            .iter()
            .any(|d| r.starts_with(d));
        let text = code(&std::fs::read_to_string(&f).expect("read source"));
        if pure {
            for word in FORBIDDEN {
                if text.contains(word) {
                    found.push(format!("{r}: {word}"));
                }
            }
        }
        // Clap is the command line's: only `cli` and `cmd` (and the program) use it.
        let command_line = r == "cli.rs" || r == "main.rs" || r.starts_with("cmd/");
        if !command_line && text.contains("clap") {
            found.push(format!("{r}: clap"));
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}
