//! The README's tables of theme frameworks and action statuses are the extractor's own tables,
//! word for word. When a rule adds a name or a phrase, `COUNCILRECS_UPDATE_README=1 cargo test
//! --release --test integration readme_tables` writes the new tables into the README.

use councilrecs::extract::{status, theme_names};

const README: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");

/// The text between `<!-- NAME:begin -->` and `<!-- NAME:end -->`.
fn section<'a>(readme: &'a str, name: &str) -> (usize, usize, &'a str) {
    let begin = format!("<!-- {name}:begin -->\n");
    let end = format!("<!-- {name}:end -->");
    let a = readme.find(&begin).expect("begin marker") + begin.len();
    let b = readme[a..].find(&end).expect("end marker") + a;
    (a, b, &readme[a..b])
}

fn check(name: &str, table: String) {
    let readme = std::fs::read_to_string(README).expect("README");
    let (a, b, current) = section(&readme, name);
    if current == table {
        return;
    }
    if std::env::var_os("COUNCILRECS_UPDATE_README").is_some() {
        let updated = format!("{}{table}{}", &readme[..a], &readme[b..]);
        std::fs::write(README, updated).expect("write README");
        return;
    }
    panic!(
        "the README's {name} table differs from the extractor's; rerun with COUNCILRECS_UPDATE_README=1\n--- README\n{current}\n--- extractor\n{table}"
    );
}

#[test]
fn frameworks_table_is_the_extractors() {
    let t = theme_names::markdown_table();
    assert!(t.contains("| `cqc_asc` | `cqc_working_with_people` |"));
    assert!(t.contains("“leadership of place”"));
    check("frameworks", t);
}

#[test]
fn statuses_table_is_the_extractors() {
    let t = status::markdown_table();
    assert!(t.contains("| could now be closed | prose | `completed` |"));
    check("statuses", t);
}
