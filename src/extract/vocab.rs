//! The word lists that several rules share — bodies that decide, the verbs of decisions — each
//! defined once here and built into regular-expression alternations by the rules that use them.
//!
//! A rule that needs "a committee or similar body" or "a decision verb" takes it from here, so a
//! body or verb added once is known to every lead-in, item and boundary rule at the same time.

/// Short joining words, lower case: kept in lower case inside a title (`Report of the
/// Director`), and a line that ends on one runs on to the next (`… written to the`).
pub const JOINING_WORDS: &[&str] = &[
    "and", "of", "the", "for", "to", "in", "on", "a", "an", "with", "by", "at", "or",
];

/// Bodies that take decisions or receive recommendations (lower case, as words).
pub const BODIES: &[&str] = &[
    "cabinet",
    "council",
    "committee",
    "sub-committee",
    "subcommittee",
    "board",
    "panel",
    "executive",
    "mayor",
    "commission",
    "authority",
    "forum",
];

/// Words saying that the list after them holds actions agreed at the meeting, not resolutions:
/// `As additional actions it was agreed:`, `The following actions were agreed:`, `Agreed
/// actions:`, `It was agreed that the following actions be taken:`. Not `The action plan was
/// agreed:`, `Cabinet agreed the recommendations:` or `have concluded the agreed actions:`.
/// A pattern (case ignored where used): the lead-in rules refuse such a line and the status
/// vocabulary reads it as work to do.
pub const AGREED_ACTIONS: &str = r"\bactions?\s+(?:(?:it\s+)?(?:was|were|have\s+been|had\s+been)\s+)?agreed\b|^\W*agreed\s+actions?\b|\bagreed\s+(?:the\s+)?(?:following|additional|further|new)\s+(?:(?:additional|further|new)\s+)?actions?\b|\bagreed\s+that\s+the\s+following\s+actions?\b";

/// Verbs that open a decision or recommendation in the present or imperative (`note`,
/// `approve` …); the third-person forms (`notes`, `approves`) are derived.
pub const DECISION_VERBS: &[&str] = &[
    "note",
    "approve",
    "agree",
    "endorse",
    "delegate",
    "authorise",
    "authorize",
    "recommend",
    "request",
    "accept",
    "adopt",
    "support",
    "receive",
    "welcome",
    "confirm",
    "instruct",
    "ask",
    "acknowledge",
    "allocate",
    "appoint",
    "grant",
    "refer",
    "commission",
    "reaffirm",
    "award",
    "amend",
    "consider",
    "thank",
    "nominate",
    "resolve",
    "decide",
    "reject",
    "defer",
    "establish",
    "commit",
    "invite",
    "review",
    "ensure",
    "commend",
    "congratulate",
];

/// Verbs of the work an action list gives someone (`Robin to speak to …`, `FN to set dates …`),
/// in the infinitive. Not the verbs of a body's decision (`Members to note …`): those are
/// [`DECISION_VERBS`].
pub const ACTION_VERBS: &[&str] = &[
    "provide",
    "speak",
    "arrange",
    "circulate",
    "write",
    "send",
    "contact",
    "update",
    "confirm",
    "check",
    "look",
    "review",
    "bring",
    "report",
    "share",
    "liaise",
    "draft",
    "prepare",
    "follow",
    "investigate",
    "consider",
    "ask",
    "raise",
    "meet",
    "organise",
    "organize",
    "seek",
    "discuss",
    "produce",
    "add",
    "amend",
    "clarify",
    "ensure",
    "email",
    "e-mail",
    "forward",
    "chase",
    "explore",
    "identify",
    "obtain",
    "present",
    "submit",
    "invite",
    "establish",
    "set",
    "agree",
    "respond",
    "issue",
    "publish",
    "collate",
    "compile",
    "feed",
    "take",
    "develop",
    "plan",
    "adapt",
    "gather",
    "keep",
    "monitor",
    "scan",
    "order",
    "request",
    "find",
    "make",
    "put",
    "progress",
    "pursue",
    "book",
    "buy",
    "purchase",
    "source",
    "inform",
    "notify",
    "advise",
    "distribute",
    "complete",
    "finalise",
    "finalize",
    "action",
    "go",
    "research",
    "approach",
    "visit",
    "attend",
    "pass",
    "reply",
    "revise",
    "re-circulate",
    "recirculate",
    "remind",
    "resend",
    "re-send",
    "sign",
    "test",
    "draw",
    "work",
    "feedback",
];

/// Whether a word is one of [`ACTION_VERBS`] (`forward`, `chase`).
pub fn is_action_verb(word: &str) -> bool {
    static SET: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
        std::sync::LazyLock::new(|| ACTION_VERBS.iter().copied().collect());
    SET.contains(word)
}

/// Whether a word is one of [`ACTION_VERBS`] or [`DECISION_VERBS`] in its plain form
/// (`bring`, `approve`).
pub fn is_plain_verb(word: &str) -> bool {
    static SET: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
        std::sync::LazyLock::new(|| ACTION_VERBS.iter().chain(DECISION_VERBS).copied().collect());
    SET.contains(word)
}

/// Verbs by which a body reports what it decided (`noted`, `agreed` …).
pub const DECISION_PAST: &[&str] = &[
    "noted",
    "agreed",
    "approved",
    "endorsed",
    "resolved",
    "accepted",
    "adopted",
    "welcomed",
    "supported",
    "requested",
    "recommended",
    "delegated",
    "authorised",
    "authorized",
    "decided",
    "confirmed",
    "received",
    "commended",
];

/// `(?:a|b|c)`: an alternation of words, longest first so that a word is never cut short by
/// one that is its prefix.
pub fn alternation(words: &[&str]) -> String {
    let mut w: Vec<String> = words.iter().map(|s| regex::escape(s)).collect();
    w.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    w.dedup();
    format!("(?:{})", w.join("|"))
}

/// The words as printed in a heading or in capitals: `cabinet` → `Cabinet`, `sub-committee` →
/// `Sub-Committee` (each part joined by a hyphen capitalised), or every letter in capitals.
pub fn printed(words: &[&str], all_caps: bool) -> Vec<String> {
    words
        .iter()
        .map(|w| {
            if all_caps {
                return w.to_uppercase();
            }
            w.split('-')
                .map(|p| {
                    let mut c = p.chars();
                    c.next()
                        .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
                })
                .collect::<Vec<_>>()
                .join("-")
        })
        .collect()
}

/// [`alternation`] of owned words.
pub fn alternation_of(words: &[String]) -> String {
    let refs: Vec<&str> = words.iter().map(String::as_str).collect();
    alternation(&refs)
}

/// The decision verbs with their third-person forms (`note`, `notes`, `establishes` …).
pub fn decision_verbs_any_person() -> String {
    let mut all: Vec<String> = Vec::new();
    for v in DECISION_VERBS {
        all.push((*v).to_string());
        let third =
            if v.ends_with("sh") || v.ends_with("ch") || v.ends_with('s') || v.ends_with('x') {
                format!("{v}es")
            } else {
                format!("{v}s")
            };
        all.push(third);
    }
    let refs: Vec<&str> = all.iter().map(String::as_str).collect();
    alternation(&refs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alternations_put_longer_words_first() {
        assert_eq!(alternation(&["note", "notes", "a"]), "(?:notes|note|a)");
        let v = decision_verbs_any_person();
        assert!(v.contains("|establishes|") || v.contains("(?:establishes|"));
        assert!(v.contains("|notes|"));
        let re = regex::Regex::new(&format!("^{v}$")).unwrap();
        assert!(re.is_match("approves") && re.is_match("note") && !re.is_match("noting"));
    }
}
