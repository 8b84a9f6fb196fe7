//! Every regular expression of `src/extract/` says what it is for: a `///` comment with one
//! example it matches and one it must not, both in backticks, and a negative word (`not`,
//! `never`, `nor`) before the second. The unit tests of each module assert those examples, so
//! the comments cannot drift from the patterns.

use std::path::Path;

/// One place a regular expression is built: a `static` whose initialiser compiles one (or a
/// table of them), or a compile call outside such a static.
#[derive(Debug)]
struct Site {
    line: usize,
    code: String,
    doc: String,
}

/// Whether the line compiles a pattern written here (a literal or a `format!`), rather than
/// one made elsewhere (`re_new(&p)` compiles a table's pattern, documented where it is made).
fn compiles(line: &str) -> bool {
    ["re_new(", "Regex::new("].iter().any(|call| {
        line.match_indices(call).any(|(i, _)| {
            let arg = line[i + call.len()..].trim_start_matches('&');
            arg.is_empty()
                || arg.starts_with("r\"")
                || arg.starts_with("r#")
                || arg.starts_with('"')
                || arg.starts_with("format!")
        })
    })
}

fn is_static(line: &str) -> bool {
    let t = line.trim_start();
    (t.starts_with("static ")
        || t.starts_with("pub static ")
        || t.starts_with("pub(crate) static "))
        && t.contains("LazyLock<")
}

/// The `///` lines directly above line `i` (attributes between are skipped), joined.
fn doc_above(lines: &[&str], i: usize) -> String {
    let mut doc = Vec::new();
    let mut j = i;
    while j > 0 {
        j -= 1;
        let t = lines[j].trim_start();
        if let Some(d) = t.strip_prefix("///") {
            doc.push(d.trim());
        } else if !t.starts_with("#[") {
            break;
        }
    }
    doc.reverse();
    doc.join(" ")
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// The last line of the statement that starts at line `i`: the line itself when it ends with
/// `;`, else the last line before the next one indented no deeper than it (a closing `});` is
/// included). Brackets are not counted: patterns are full of unbalanced ones.
fn statement_end(lines: &[&str], i: usize) -> usize {
    if lines[i].trim_end().ends_with(';') {
        return i;
    }
    let mut last = i;
    for (k, l) in lines.iter().enumerate().skip(i + 1) {
        if l.trim().is_empty() {
            continue;
        }
        if indent(l) <= indent(lines[i]) {
            return if l.trim_start().starts_with(['}', ')']) {
                k
            } else {
                last
            };
        }
        last = k;
    }
    last
}

/// The regex sites of one source file, up to its unit tests.
fn sites(source: &str) -> Vec<Site> {
    let lines: Vec<&str> = source.lines().collect();
    let end = lines
        .iter()
        .position(|l| l.trim() == "#[cfg(test)]")
        .unwrap_or(lines.len());
    let mut out = Vec::new();
    let mut i = 0;
    while i < end {
        let l = lines[i];
        if is_static(l) {
            let last = statement_end(&lines, i);
            // A static that compiles anything is a pattern (or a table of them) to document.
            let any_compile = |l: &&str| {
                ["re_new(", "Regex::new(", "RegexSet::new("]
                    .iter()
                    .any(|c| l.contains(c))
            };
            if lines[i..=last].iter().any(any_compile) {
                out.push(Site {
                    line: i + 1,
                    code: l.trim().to_string(),
                    doc: doc_above(&lines, i),
                });
            }
            i = last + 1;
            continue;
        }
        if compiles(l) {
            // A pattern built in a function body is documented on the function.
            let start = (0..i)
                .rev()
                .find(|&k| {
                    let t = lines[k].trim_start();
                    t.starts_with("fn ")
                        || t.starts_with("pub fn ")
                        || t.starts_with("pub(crate) fn ")
                })
                .unwrap_or(i);
            out.push(Site {
                line: i + 1,
                code: l.trim().to_string(),
                doc: doc_above(&lines, start),
            });
        }
        i += 1;
    }
    out
}

/// Whether `word` is one that introduces what a pattern must not match.
fn negative(word: &str) -> bool {
    matches!(word.to_ascii_lowercase().as_str(), "not" | "never" | "nor")
}

/// Why a comment does not document its pattern, or `None` when it does: it needs an example
/// in backticks, then (outside backticks) `not`, `never` or `nor`, then another example.
fn fault(doc: &str) -> Option<&'static str> {
    if doc.is_empty() {
        return Some("no `///` comment");
    }
    let mut examples = 0;
    let mut before = false;
    let mut negated = false;
    for (i, part) in doc.split('`').enumerate() {
        if i % 2 == 1 {
            examples += 1;
            if negated {
                return None;
            }
            before = true;
        } else if before && part.split(|c: char| !c.is_alphanumeric()).any(negative) {
            negated = true;
        }
    }
    Some(if examples < 2 {
        "fewer than two examples in backticks"
    } else {
        "no example it must not match (`not`, `never` or `nor` before a second example)"
    })
}

fn problems(name: &str, source: &str) -> Vec<String> {
    sites(source)
        .into_iter()
        .filter_map(|s| fault(&s.doc).map(|f| format!("{name}:{}: {f}: {}", s.line, s.code)))
        .collect()
}

#[test]
fn every_extract_regex_has_a_match_and_a_non_match_example() {
    let dir = Path::new("src/extract");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("src/extract")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .collect();
    files.sort();
    let mut bad = Vec::new();
    let mut count = 0;
    for path in &files {
        let source = std::fs::read_to_string(path).expect("source");
        count += sites(&source).len();
        bad.extend(problems(&path.display().to_string(), &source));
    }
    assert!(count >= 110, "too few regex sites found: {count}");
    assert!(
        bad.is_empty(),
        "{} regexes lack a documented match and non-match:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

#[test]
fn the_check_catches_a_missing_or_weak_comment() {
    let good = "/// A heading: `Cabinet`. Not `cabinet maker`.\n\
                static A: LazyLock<Regex> = LazyLock::new(|| {\n    re_new(r\"^Cabinet$\").unwrap()\n});\n";
    assert!(
        problems("good", good).is_empty(),
        "{:?}",
        problems("good", good)
    );
    let none = "use x;\n\nstatic A: LazyLock<Regex> =\n    LazyLock::new(|| re_new(r\"^Cabinet$\").unwrap());\n";
    assert_eq!(problems("none", none).len(), 1);
    assert!(problems("none", none)[0].contains("none:3: no `///` comment"));
    let no_negative = "/// A heading: `Cabinet`, `Council`.\n\
                       static A: LazyLock<Regex> = LazyLock::new(|| re_new(r\"^C\").unwrap());\n";
    assert!(problems("neg", no_negative)[0].contains("must not"));
    // `not` inside an example, or before the first one, does not introduce a non-match.
    let inside = "/// Not a count: `Green = not started`, `Amber`.\n\
                  static A: LazyLock<Regex> = LazyLock::new(|| re_new(r\"^C\").unwrap());\n";
    assert!(problems("inside", inside)[0].contains("must not"));
    let one_example = "/// A heading: `Cabinet`; never a sentence.\n\
                       static A: LazyLock<Regex> = LazyLock::new(|| re_new(r\"^C\").unwrap());\n";
    assert!(problems("one", one_example)[0].contains("two examples"));
    // Two statics in a row: the second is checked on its own comment.
    let two = "/// `a`, not `b`.\n\
               static A: LazyLock<Regex> = LazyLock::new(|| re_new(r\"a\").unwrap());\n\
               static B: LazyLock<Regex> =\n    LazyLock::new(|| re_new(r\"b\").unwrap());\n";
    assert_eq!(problems("two", two).len(), 1);
    assert!(problems("two", two)[0].contains("two:3:"));
    // A pattern built inside a function, documented on the function.
    let local = "/// `a` and not `b`.\nfn f() {\n    let x = 1;\n    let re =\n        re_new(r\"a\").unwrap();\n}\n";
    assert!(
        problems("local", local).is_empty(),
        "{:?}",
        problems("local", local)
    );
    let local_bare =
        "fn f() {\n    let x = 1;\n    let re = re_new(&format!(\"{x}\")).unwrap();\n}\n";
    assert_eq!(problems("bare", local_bare).len(), 1);
    // Compiling a pattern made elsewhere is not a pattern of its own.
    let compiler = "fn compile(p: &str) -> Regex {\n    re_new(p).unwrap()\n}\nfn g() {\n    Regex::new(&p)\n}\n";
    assert!(problems("compiler", compiler).is_empty());
    // A table compiled into a static counts as well; tests below `#[cfg(test)]` do not.
    let table = "static T: LazyLock<Vec<Regex>> = LazyLock::new(|| {\n    W.iter().map(|w| re_new(w).unwrap()).collect()\n});\n#[cfg(test)]\nmod tests {\n    fn t() { re_new(\"x\"); }\n}\n";
    assert_eq!(problems("table", table).len(), 1);
}
