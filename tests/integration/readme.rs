//! The README's example record is what `extract` gives for the fixture it names, field for
//! field. When the extractor changes, `COUNCILRECS_UPDATE_README=1 cargo test --release
//! --test integration readme` writes the new record into the README.

use crate::util::{bin, records, run};
use councilrecs::model::Record;
use serde::Serialize;
use std::io::{self, Write};

const README: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
const MARK: &str = "<!-- example record: ";

/// Lays a record out for reading: one line per field, one line per item of a list, the rest
/// compact, in the record's own field order.
#[derive(Default)]
struct Layout {
    depth: usize,
    /// For each open array, whether it has had an item.
    arrays: Vec<bool>,
}

impl serde_json::ser::Formatter for Layout {
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth += 1;
        w.write_all(b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth -= 1;
        w.write_all(if self.depth == 0 { b"\n}" } else { b"}" })
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        if self.depth == 1 {
            w.write_all(b"\n  ")?;
        }
        Ok(())
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(if self.depth == 1 { b": " } else { b":" })
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth += 1;
        self.arrays.push(false);
        w.write_all(b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth -= 1;
        let had = self.arrays.pop().unwrap_or(false);
        w.write_all(if self.depth == 1 && had {
            b"\n  ]"
        } else {
            b"]"
        })
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        if let Some(had) = self.arrays.last_mut() {
            *had = true;
        }
        if !first {
            w.write_all(b",")?;
        }
        if self.depth == 2 {
            w.write_all(b"\n    ")?;
        }
        Ok(())
    }
}

fn layout(r: &Record) -> String {
    let mut buf = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, Layout::default());
    r.serialize(&mut ser).expect("serialise");
    format!("{}\n", String::from_utf8(buf).expect("utf-8"))
}

#[test]
fn the_readme_example_record_is_the_fixtures_record() {
    let readme = std::fs::read_to_string(README).expect("README");
    let at = readme
        .find(MARK)
        .expect("the README marks its example record");
    let rest = &readme[at + MARK.len()..];
    let fixture = &rest[..rest.find(" -->").expect("end of the mark")];
    let open = rest.find("```json\n").expect("a json block after the mark") + "```json\n".len();
    let close = open + rest[open..].find("```").expect("end of the block");
    let shown = &rest[open..close];

    let out = run(bin().args(["extract", "-q", fixture]));
    assert_eq!(out.status.code(), Some(0));
    let actual = records(&out).remove(0);
    let record: Record = serde_json::from_value(actual.clone()).expect("a record");
    let parsed: serde_json::Value = serde_json::from_str(shown).unwrap_or(serde_json::Value::Null);
    if parsed == actual {
        return;
    }
    let fresh = layout(&record);
    if std::env::var_os("COUNCILRECS_UPDATE_README").is_some() {
        let start = at + MARK.len() + open;
        let end = at + MARK.len() + close;
        let updated = format!("{}{}{}", &readme[..start], fresh, &readme[end..]);
        std::fs::write(README, updated).expect("write README");
        return;
    }
    panic!("the README's example record is not what {fixture} gives; it gives:\n{fresh}");
}
