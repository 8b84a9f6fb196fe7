//! The report as flat tables (one row per council, cell, cluster member, chain document,
//! followed recommendation sighting and completion), for CSV.

use super::Report;

/// A named table of strings.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub name: &'static str,
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
}

/// The names of [`tables`], in order.
pub const NAMES: [&str; 7] = [
    "councils",
    "documents",
    "themes",
    "clusters",
    "chains",
    "chain_recommendations",
    "chain_completions",
];

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

fn num<T: ToString>(x: T) -> String {
    x.to_string()
}

fn json<T: serde::Serialize>(x: &T) -> String {
    serde_json::to_value(x)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Every table of the report.
pub fn tables(r: &Report) -> Vec<Table> {
    vec![
        councils(r),
        documents(r),
        themes(r),
        clusters(r),
        chains(r),
        chain_recommendations(r),
        chain_completions(r),
    ]
}

fn councils(r: &Report) -> Table {
    Table {
        name: "councils",
        headers: vec![
            "council",
            "code",
            "name",
            "basis",
            "documents",
            "failed",
            "recommendations",
            "peer",
            "officer",
            "resolution",
            "other",
            "left_out",
            "actions",
            "completed",
            "in_progress",
            "remaining",
            "unknown",
            "share_completed",
            "themes",
            "first_date",
            "last_date",
            "clusters",
        ],
        rows: r
            .councils
            .iter()
            .map(|c| {
                let (k, a) = (&c.recommendations, &c.actions);
                vec![
                    c.council.clone(),
                    opt(&c.code),
                    c.name.clone(),
                    json(&c.basis),
                    num(c.documents),
                    num(c.failed),
                    num(k.total),
                    num(k.peer),
                    num(k.officer),
                    num(k.resolution),
                    num(k.other),
                    num(c.left_out),
                    num(a.total),
                    num(a.completed),
                    num(a.in_progress),
                    num(a.remaining),
                    num(a.unknown),
                    c.share_completed.map(num).unwrap_or_default(),
                    c.themes.join(";"),
                    opt(&c.first_date),
                    opt(&c.last_date),
                    num(c.clusters),
                ]
            })
            .collect(),
    }
}

fn documents(r: &Report) -> Table {
    Table {
        name: "documents",
        headers: vec![
            "council",
            "council_name",
            "document",
            "url",
            "title",
            "kind",
            "date",
            "recommendations",
            "actions",
            "themes",
            "stage",
            "error",
        ],
        rows: r
            .documents
            .iter()
            .map(|d| {
                vec![
                    d.council.clone(),
                    d.council_name.clone(),
                    d.document.clone(),
                    opt(&d.url),
                    opt(&d.title),
                    json(&d.kind),
                    opt(&d.date),
                    num(d.recommendations),
                    num(d.actions),
                    num(d.themes),
                    d.stage.map(|s| json(&s)).unwrap_or_default(),
                    opt(&d.error),
                ]
            })
            .collect(),
    }
}

fn themes(r: &Report) -> Table {
    let m = &r.theme_matrix;
    let mut rows = Vec::new();
    for row in &m.rows {
        for (col, cell) in m.columns.iter().zip(&row.cells) {
            rows.push(vec![
                row.council.clone(),
                row.council_name.clone(),
                col.id.clone(),
                col.label.clone(),
                num(col.canonical),
                num(cell.documents),
                num(cell.recommendations),
                num(cell.actions),
            ]);
        }
        rows.push(vec![
            row.council.clone(),
            row.council_name.clone(),
            "unassigned".into(),
            "No theme".into(),
            "false".into(),
            "0".into(),
            num(row.unassigned.recommendations),
            num(row.unassigned.actions),
        ]);
    }
    Table {
        name: "themes",
        headers: vec![
            "council",
            "council_name",
            "theme",
            "label",
            "canonical",
            "documents",
            "recommendations",
            "actions",
        ],
        rows,
    }
}

fn clusters(r: &Report) -> Table {
    let rows = r
        .clusters
        .iter()
        .flat_map(|c| {
            c.members.iter().map(move |m| {
                vec![
                    num(c.id),
                    c.representative.clone(),
                    num(c.councils),
                    num(c.size),
                    num(c.cohesion),
                    m.council.clone(),
                    m.council_name.clone(),
                    m.document.clone(),
                    opt(&m.title),
                    opt(&m.date),
                    opt(&m.id),
                    json(&m.kind),
                    m.text.clone(),
                    num(m.similarity),
                ]
            })
        })
        .collect();
    Table {
        name: "clusters",
        headers: vec![
            "cluster",
            "representative",
            "councils",
            "size",
            "cohesion",
            "council",
            "council_name",
            "document",
            "title",
            "date",
            "id",
            "kind",
            "text",
            "similarity",
        ],
        rows,
    }
}

fn chains(r: &Report) -> Table {
    let rows = r
        .chains
        .iter()
        .enumerate()
        .flat_map(|(n, ch)| {
            ch.documents.iter().enumerate().map(move |(k, d)| {
                vec![
                    num(n + 1),
                    ch.council.clone(),
                    ch.council_name.clone(),
                    num(k + 1),
                    json(&d.stage),
                    opt(&d.date),
                    opt(&d.title),
                    d.document.clone(),
                    num(d.recommendations),
                    num(d.actions),
                    num(d.completed),
                ]
            })
        })
        .collect();
    Table {
        name: "chains",
        headers: vec![
            "chain",
            "council",
            "council_name",
            "step",
            "stage",
            "date",
            "title",
            "document",
            "recommendations",
            "actions",
            "completed",
        ],
        rows,
    }
}

fn chain_recommendations(r: &Report) -> Table {
    let mut rows = Vec::new();
    for (n, ch) in r.chains.iter().enumerate() {
        for f in &ch.recommendations {
            let base = vec![
                num(n + 1),
                ch.council.clone(),
                opt(&f.id),
                f.text.clone(),
                f.document.clone(),
            ];
            if f.later.is_empty() {
                let mut row = base.clone();
                row.extend(std::iter::repeat_n(String::new(), 7));
                rows.push(row);
            }
            for s in &f.later {
                let mut row = base.clone();
                row.extend([
                    s.document.clone(),
                    opt(&s.date),
                    json(&s.stage),
                    s.r#as.to_string(),
                    s.text.clone(),
                    s.status.map(|x| json(&x)).unwrap_or_default(),
                    num(s.similarity),
                ]);
                rows.push(row);
            }
        }
    }
    Table {
        name: "chain_recommendations",
        headers: vec![
            "chain",
            "council",
            "id",
            "text",
            "document",
            "later_document",
            "later_date",
            "later_stage",
            "later_as",
            "later_text",
            "later_status",
            "similarity",
        ],
        rows,
    }
}

fn chain_completions(r: &Report) -> Table {
    let mut rows = Vec::new();
    for (n, ch) in r.chains.iter().enumerate() {
        for c in &ch.completed {
            rows.push(vec![
                num(n + 1),
                ch.council.clone(),
                c.earlier_text.clone(),
                json(&c.from_status),
                c.from_document.clone(),
                opt(&c.from_date),
                c.text.clone(),
                c.to_document.clone(),
                opt(&c.to_date),
                num(c.similarity),
            ]);
        }
    }
    Table {
        name: "chain_completions",
        headers: vec![
            "chain",
            "council",
            "earlier_text",
            "from_status",
            "from_document",
            "from_date",
            "text",
            "to_document",
            "to_date",
            "similarity",
        ],
        rows,
    }
}
