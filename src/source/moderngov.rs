//! Modern.Gov: the web service's XML (`GetCommittees`, `GetMeetings`, `GetMeeting`) and the HTML
//! pages a crawl needs besides (decision lists and details, the meeting page `ieListDocuments`,
//! issue pages, the month calendar). Element names and classes follow
//! `moderngov-samples/README.md`; every parser trims text and ignores what it does not know.

use super::date::{Date, find_date};
use super::{
    DocLink, LinkKind, ParseError, classify_href, clean_title, collapse, html_str, query_param,
    selector, text_of,
};
use regex::Regex;
use roxmltree::Node;
use scraper::{ElementRef, Html};
use std::sync::LazyLock;

/// Hidden or decorative spans that are not part of a link's title.
const SKIP: &[&str] = &["mgHide", "mgFileSize"];

/// One `committee` of `GetCommittees`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Committee {
    pub id: String,
    pub title: String,
    pub deleted: bool,
    pub expired: bool,
}

/// One meeting stub of `GetMeetings`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingStub {
    pub id: String,
    pub date: Option<Date>,
    pub status: String,
    pub committee_id: String,
    pub committee_title: String,
}

/// A `GetMeeting` response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meeting {
    pub id: String,
    pub date: Option<Date>,
    pub status: String,
    pub committee_title: Option<String>,
    pub items: Vec<AgendaItem>,
}

/// One agenda item of a meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaItem {
    pub id: String,
    pub title: String,
    /// The number as displayed (`9`), without its trailing full stop.
    pub number: Option<String>,
    /// The item's published minutes (HTML), when not empty.
    pub minutes_html: Option<String>,
    pub docs: Vec<DocLink>,
}

fn xml_text(bytes: &[u8]) -> String {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    String::from_utf8_lossy(b).into_owned()
}

fn xml_root<'a>(
    doc: &'a roxmltree::Document<'a>,
    expected: &'static str,
) -> Result<Node<'a, 'a>, ParseError> {
    let root = doc.root_element();
    if root.tag_name().name().eq_ignore_ascii_case(expected) {
        Ok(root)
    } else {
        Err(ParseError::WrongRoot {
            expected,
            found: root.tag_name().name().to_string(),
        })
    }
}

fn parse_xml(text: &str) -> Result<roxmltree::Document<'_>, ParseError> {
    roxmltree::Document::parse(text).map_err(|e| ParseError::Xml(e.to_string()))
}

/// The trimmed text of the first child element called `name`.
fn child(node: Node, name: &str) -> String {
    node.children()
        .find(|c| c.is_element() && c.tag_name().name().eq_ignore_ascii_case(name))
        .map(|c| c.text().unwrap_or("").trim().to_string())
        .unwrap_or_default()
}

fn children<'a, 'i>(node: Node<'a, 'i>, name: &'static str) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children()
        .filter(move |c| c.is_element() && c.tag_name().name().eq_ignore_ascii_case(name))
}

fn is_true(s: &str) -> bool {
    s.trim().eq_ignore_ascii_case("true")
}

/// Parses `GetCommittees`.
pub fn parse_committees(bytes: &[u8]) -> Result<Vec<Committee>, ParseError> {
    let text = xml_text(bytes);
    let doc = parse_xml(&text)?;
    let root = xml_root(&doc, "committees")?;
    Ok(children(root, "committee")
        .map(|c| Committee {
            id: child(c, "committeeid"),
            title: collapse(&child(c, "committeetitle")),
            deleted: is_true(&child(c, "committeedeleted")),
            expired: is_true(&child(c, "committeeexpired")),
        })
        .filter(|c| !c.id.is_empty())
        .collect())
}

/// Parses `GetMeetings`; stubs without a `meetingid` are skipped.
pub fn parse_meetings(bytes: &[u8]) -> Result<Vec<MeetingStub>, ParseError> {
    let text = xml_text(bytes);
    let doc = parse_xml(&text)?;
    let root = xml_root(&doc, "getmeetings")?;
    let mut out = Vec::new();
    for committee in children(root, "committee") {
        let committee_id = child(committee, "committeeid");
        let committee_title = collapse(&child(committee, "committeetitle"));
        for list in children(committee, "committeemeetings") {
            for m in children(list, "meeting") {
                let id = child(m, "meetingid");
                if id.is_empty() {
                    continue;
                }
                out.push(MeetingStub {
                    id,
                    date: Date::parse_dmy(&child(m, "meetingdate")),
                    status: child(m, "meetingstatus"),
                    committee_id: committee_id.clone(),
                    committee_title: committee_title.clone(),
                });
            }
        }
    }
    Ok(out)
}

/// Parses `GetMeeting`. Restricted documents are left out.
pub fn parse_meeting(bytes: &[u8]) -> Result<Meeting, ParseError> {
    let text = xml_text(bytes);
    let doc = parse_xml(&text)?;
    let root = xml_root(&doc, "meeting")?;
    let mut committee_title = None;
    let mut items = Vec::new();
    for list in children(root, "agendaitems") {
        for it in children(list, "agendaitem") {
            let mut docs = Vec::new();
            for docs_node in children(it, "linkeddocuments") {
                for d in children(docs_node, "linkeddoc") {
                    let url = child(d, "url");
                    if url.is_empty() || is_true(&child(d, "isrestricted")) {
                        continue;
                    }
                    if committee_title.is_none() {
                        let t = collapse(&child(d, "committeetitle"));
                        committee_title = (!t.is_empty()).then_some(t);
                    }
                    docs.push(DocLink {
                        href: url,
                        title: clean_title(&child(d, "title")),
                    });
                }
            }
            let number = [
                child(it, "fulldisplaynumberformat"),
                child(it, "agendaitemnumber"),
            ]
            .into_iter()
            .map(|n| n.trim_end_matches('.').trim().to_string())
            .find(|n| !n.is_empty());
            let minutes = child(it, "minutesnonemptyhtmlbody");
            items.push(AgendaItem {
                id: child(it, "agendaitemid"),
                title: clean_title(&child(it, "agendaitemtitle")),
                number,
                minutes_html: (!minutes.is_empty()).then_some(minutes),
                docs,
            });
        }
    }
    Ok(Meeting {
        id: child(root, "meetingid"),
        date: Date::parse_dmy(&child(root, "meetingdate")),
        status: child(root, "meetingstatus"),
        committee_title,
        items,
    })
}

/// One row of a decision list (`mgDelegatedDecisions`, `mgListOfficerDecisions`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionRow {
    pub href: String,
    pub id: Option<String>,
    pub title: String,
    /// The published date (second column).
    pub published: Option<Date>,
}

/// Parses a decision list page: the rows of `table.mgTabTable` whose first cell links to a
/// decision. Other rows (issue histories) are ignored.
pub fn parse_decision_list(bytes: &[u8]) -> Vec<DecisionRow> {
    let html = Html::parse_document(&html_str(bytes));
    let mut out = Vec::new();
    for table in html.select(&selector("table.mgTabTable")) {
        for row in table.select(&selector("tr")) {
            let cells: Vec<ElementRef> = row.select(&selector("td")).collect();
            let Some(first) = cells.first() else { continue };
            let Some(a) = first.select(&selector("a[href]")).next() else {
                continue;
            };
            let href = a.value().attr("href").unwrap_or("").trim().to_string();
            if classify_href(&href) != LinkKind::Decision {
                continue;
            }
            out.push(DecisionRow {
                id: query_param(&href, "ID"),
                title: clean_title(&text_of(a, SKIP)),
                published: cells.get(1).and_then(|c| find_date(&text_of(*c, &[]))),
                href,
            });
        }
    }
    out
}

/// A decision detail page (`ieDecisionDetails`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DecisionDetail {
    pub title: String,
    /// Labelled fields in page order, labels without their colon (`Decision Maker`).
    pub fields: Vec<(String, String)>,
    pub docs: Vec<DocLink>,
    pub issue_links: Vec<String>,
    /// The "Decided at meeting" link, when there is one.
    pub meeting_href: Option<String>,
}

impl DecisionDetail {
    /// The value of a labelled field (case-insensitive, colon optional).
    pub fn field(&self, label: &str) -> Option<&str> {
        let want = label.trim_end_matches(':').trim();
        self.fields
            .iter()
            .find(|(l, _)| l.eq_ignore_ascii_case(want))
            .map(|(_, v)| v.as_str())
    }

    /// The date of the decision, else its publication date.
    pub fn date(&self) -> Option<Date> {
        ["Date of decision", "Publication date"]
            .iter()
            .find_map(|l| self.field(l).and_then(find_date))
    }

    /// Who decided: the decision maker, else the committee of the meeting it was made at.
    pub fn maker(&self) -> Option<String> {
        if let Some(m) = self.field("Decision Maker").filter(|m| !m.is_empty()) {
            return Some(m.to_string());
        }
        let at = self.field("Decided at meeting")?;
        let committee = at.split_once(" - ").map_or(at, |(_, c)| c).trim();
        (!committee.is_empty()).then(|| committee.to_string())
    }
}

fn modgov_root(html: &Html) -> ElementRef<'_> {
    html.select(&selector("div#modgov"))
        .next()
        .unwrap_or_else(|| html.root_element())
}

/// The page's own title (`h2.mgSubTitleTxt`; the `h1` only names the page type).
fn subtitle(root: ElementRef) -> Option<String> {
    root.select(&selector("h2.mgSubTitleTxt"))
        .next()
        .map(|h| text_of(h, &[]))
}

fn links_of_kind(scope: ElementRef, kind: LinkKind) -> Vec<DocLink> {
    let mut out: Vec<DocLink> = Vec::new();
    for a in scope.select(&selector("a[href]")) {
        let href = a.value().attr("href").unwrap_or("").trim();
        if classify_href(href) == kind && !out.iter().any(|d| d.href == href) {
            out.push(DocLink {
                href: href.to_string(),
                title: clean_title(&text_of(a, SKIP)),
            });
        }
    }
    out
}

/// Parses a decision detail page.
pub fn parse_decision_detail(bytes: &[u8]) -> Result<DecisionDetail, ParseError> {
    let html = Html::parse_document(&html_str(bytes));
    let root = modgov_root(&html);
    let title = subtitle(root).ok_or(ParseError::Missing("decision title (h2.mgSubTitleTxt)"))?;
    let mut fields = Vec::new();
    let mut meeting_href = None;
    for p in root.select(&selector("p")) {
        let Some(label) = p.select(&selector("span.mgLabel")).next() else {
            continue;
        };
        let name = text_of(label, &[]).trim_end_matches(':').trim().to_string();
        let value = text_of(p, &["mgLabel"]);
        if name.eq_ignore_ascii_case("Decided at meeting") {
            meeting_href = p
                .select(&selector("a[href]"))
                .next()
                .and_then(|a| a.value().attr("href"))
                .map(str::to_string);
        }
        fields.push((name, value));
    }
    let mut docs = Vec::new();
    for list in root.select(&selector("ul.mgBulletList")) {
        for d in links_of_kind(list, LinkKind::Document) {
            if !docs.iter().any(|x: &DocLink| x.href == d.href) {
                docs.push(d);
            }
        }
    }
    let issue_links = links_of_kind(root, LinkKind::Issue)
        .into_iter()
        .map(|d| d.href)
        .collect();
    Ok(DecisionDetail {
        title,
        fields,
        docs,
        issue_links,
        meeting_href,
    })
}

/// One agenda item as the meeting page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PageItem {
    pub number: Option<String>,
    pub title: String,
    pub docs: Vec<DocLink>,
    pub issue_links: Vec<String>,
    pub decision_links: Vec<String>,
}

/// The meeting page (`ieListDocuments`): the stand-in for `GetMeeting`, and where issue pages
/// are linked from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MeetingPage {
    pub committee: Option<String>,
    pub date: Option<Date>,
    pub items: Vec<PageItem>,
    /// Documents of the whole meeting (agenda pack, printed minutes), outside any item.
    pub docs: Vec<DocLink>,
}

/// Parses a meeting page. Items are the rows of `table.mgItemTable`; links are sorted into
/// documents, issue pages and decisions by their href.
pub fn parse_meeting_page(bytes: &[u8]) -> Result<MeetingPage, ParseError> {
    let html = Html::parse_document(&html_str(bytes));
    let root = modgov_root(&html);
    let heading = subtitle(root).unwrap_or_default();
    let (committee, date) = split_heading(&heading);
    let mut items = Vec::new();
    let mut in_items: Vec<String> = Vec::new();
    for row in root.select(&selector("table.mgItemTable tr")) {
        let number = row
            .select(&selector("td.mgItemNumberCell"))
            .next()
            .map(|c| text_of(c, &[]).trim_end_matches('.').to_string())
            .filter(|n| !n.is_empty());
        let title = row
            .select(&selector(".mgAiTitleTxt"))
            .map(|t| clean_title(&text_of(t, SKIP)))
            .find(|t| !t.is_empty() && Some(t.trim_end_matches('.')) != number.as_deref())
            .unwrap_or_default();
        let title = match &number {
            Some(n) => title
                .strip_prefix(n.as_str())
                .map(|t| t.trim_start_matches('.').trim().to_string())
                .unwrap_or(title),
            None => title,
        };
        let docs = links_of_kind(row, LinkKind::Document);
        let issue_links: Vec<String> = links_of_kind(row, LinkKind::Issue)
            .into_iter()
            .map(|d| d.href)
            .collect();
        let decision_links: Vec<String> = links_of_kind(row, LinkKind::Decision)
            .into_iter()
            .map(|d| d.href)
            .collect();
        if title.is_empty() && docs.is_empty() && issue_links.is_empty() {
            continue;
        }
        in_items.extend(docs.iter().map(|d| d.href.clone()));
        items.push(PageItem {
            number,
            title,
            docs,
            issue_links,
            decision_links,
        });
    }
    let docs = links_of_kind(root, LinkKind::Document)
        .into_iter()
        .filter(|d| !in_items.contains(&d.href))
        .collect();
    if heading.is_empty() && items.is_empty() {
        return Err(ParseError::Missing("meeting heading or agenda items"));
    }
    Ok(MeetingPage {
        committee,
        date,
        items,
        docs,
    })
}

/// A whole meeting's document on its page, outside any item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeetingDoc {
    /// The agenda with all its reports in one file (`Agenda reports pack`, `Public pack`).
    Pack,
    /// The meeting's minutes as printed (`Printed minutes`, `Printed draft minutes`).
    Minutes,
}

/// A meeting-level document title that is a pack or the printed minutes: matches
/// "Agenda reports pack", "Public reports pack", "Printed draft minutes" and "Minutes"; must
/// not match "Agenda frontsheet" nor "Minutes of the previous meeting - appendix".
static MEETING_DOC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:(?:agenda|public|supplementary|additional|reports?|documents?)\s+){0,3}pack|(?:(?:printed|signed|approved|draft|printed\s+draft)\s+)?minutes)(?:\s*[-:(].*)?$")
        .unwrap_or_else(|_| unreachable!())
});

/// Whether a meeting page's own document is a pack or the printed minutes.
pub fn meeting_doc(title: &str) -> Option<MeetingDoc> {
    let t = title.trim();
    let c = MEETING_DOC.captures(t)?;
    let head = c.get(0).map_or("", |m| m.as_str()).to_ascii_lowercase();
    if head.contains("minutes") && !head.contains("pack") {
        // "Minutes - Appendix" is an attachment, not the minutes.
        (!head.contains("appendix")).then_some(MeetingDoc::Minutes)
    } else {
        Some(MeetingDoc::Pack)
    }
}

/// Whether two titles name the same item (case, spacing and punctuation aside).
pub fn same_title(a: &str, b: &str) -> bool {
    let key = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    let (a, b) = (key(a), key(b));
    !a.is_empty() && a == b
}

/// `Cabinet - Monday, 16th January, 2023 10.00 am` → committee and date.
fn split_heading(h: &str) -> (Option<String>, Option<Date>) {
    let date = find_date(h);
    let committee = h
        .split_once(" - ")
        .map(|(c, _)| c.trim().to_string())
        .filter(|c| !c.is_empty() && find_date(c).is_none());
    (committee, date)
}

/// An issue page (`mgIssueHistoryHome`, `ieIssueDetails`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct IssuePage {
    pub title: String,
    pub docs: Vec<DocLink>,
    pub decision_links: Vec<String>,
}

/// Parses an issue page.
pub fn parse_issue_page(bytes: &[u8]) -> Result<IssuePage, ParseError> {
    let html = Html::parse_document(&html_str(bytes));
    let root = modgov_root(&html);
    let title = subtitle(root).ok_or(ParseError::Missing("issue title (h2.mgSubTitleTxt)"))?;
    Ok(IssuePage {
        title,
        docs: links_of_kind(root, LinkKind::Document),
        decision_links: links_of_kind(root, LinkKind::Decision)
            .into_iter()
            .map(|d| d.href)
            .collect(),
    })
}

/// A meeting linked from a calendar page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarMeeting {
    pub href: String,
    pub committee_id: Option<String>,
    pub meeting_id: String,
    pub date: Option<Date>,
    /// The link's words without its date and time, usually the committee's name.
    pub label: String,
}

/// Every meeting-page link (`ieListDocuments.aspx?CId=…&MId=…`) on a page such as the month
/// calendar (`mgCalendarMonthView.aspx`), used when the web service is switched off. The date
/// comes from the link's title or text when it carries one.
pub fn parse_calendar(bytes: &[u8]) -> Vec<CalendarMeeting> {
    let html = Html::parse_document(&html_str(bytes));
    let mut out: Vec<CalendarMeeting> = Vec::new();
    for a in html.select(&selector("a[href]")) {
        let href = a.value().attr("href").unwrap_or("").trim();
        if classify_href(href) != LinkKind::Meeting {
            continue;
        }
        let Some(mid) = query_param(href, "MId") else {
            continue;
        };
        if out.iter().any(|m| m.meeting_id == mid) {
            continue;
        }
        let text = text_of(a, SKIP);
        let title = a.value().attr("title").map(collapse).unwrap_or_default();
        let date = find_date(&title).or_else(|| find_date(&text));
        out.push(CalendarMeeting {
            href: href.to_string(),
            committee_id: query_param(href, "CId"),
            meeting_id: mid,
            date,
            label: strip_time(&text),
        });
    }
    out
}

/// `Cabinet, 10.00 am` → `Cabinet`.
fn strip_time(s: &str) -> String {
    let cut = s
        .split(',')
        .next()
        .unwrap_or(s)
        .trim_end_matches(|c: char| c.is_ascii_digit() || ".:apm ".contains(c));
    cut.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const MEETING: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<meeting><meetingid>77</meetingid><meetingdate>14/03/2023</meetingdate>
<meetingstatus>Confirmed</meetingstatus>
<agendaitems>
 <agendaitem><agendaitemid>501</agendaitemid><agendaitemtitle>Corporate Peer
 Challenge</agendaitemtitle><agendaitemnumber>6</agendaitemnumber>
 <fulldisplaynumberformat>5.</fulldisplaynumberformat>
 <minutesnonemptyhtmlbody>&lt;p&gt;RESOLVED: that the report be noted.&lt;/p&gt;</minutesnonemptyhtmlbody>
 <linkeddocuments>
  <linkeddoc><attachmentid>9</attachmentid><title>CPC report</title><url>http://h/mgConvert2PDF.aspx?ID=9</url><isrestricted>False</isrestricted><committeetitle>Cabinet</committeetitle></linkeddoc>
  <linkeddoc><attachmentid>10</attachmentid><title>Exempt appendix</title><url>http://h/mgConvert2PDF.aspx?ID=10</url><isrestricted>True</isrestricted></linkeddoc>
 </linkeddocuments></agendaitem>
 <agendaitem><agendaitemid>502</agendaitemid><agendaitemtitle>Apologies</agendaitemtitle>
 <minutesnonemptyhtmlbody>
 </minutesnonemptyhtmlbody></agendaitem>
</agendaitems></meeting>"#;

    #[test]
    fn get_meeting_items_and_documents() {
        let m = parse_meeting(MEETING.as_bytes()).unwrap();
        assert_eq!(m.id, "77");
        assert_eq!(m.date, Date::new(2023, 3, 14));
        assert_eq!(m.committee_title.as_deref(), Some("Cabinet"));
        assert_eq!(m.items.len(), 2);
        let it = &m.items[0];
        assert_eq!(it.title, "Corporate Peer Challenge");
        assert_eq!(it.number.as_deref(), Some("5"));
        assert_eq!(
            it.minutes_html.as_deref(),
            Some("<p>RESOLVED: that the report be noted.</p>")
        );
        assert_eq!(
            it.docs,
            [DocLink {
                href: "http://h/mgConvert2PDF.aspx?ID=9".into(),
                title: "CPC report".into()
            }]
        );
        assert_eq!(m.items[1].minutes_html, None);
    }

    #[test]
    fn committees_and_meeting_stubs() {
        let c = parse_committees(
            b"<committees><committeescount> 2</committeescount><committee><committeeid>1</committeeid>\
              <committeetitle> Cabinet </committeetitle><committeedeleted>False</committeedeleted>\
              <committeeexpired>True</committeeexpired></committee><committee><committeeid>\n</committeeid></committee></committees>",
        )
        .unwrap();
        assert_eq!(
            c,
            [Committee {
                id: "1".into(),
                title: "Cabinet".into(),
                deleted: false,
                expired: true
            }]
        );
        let s = parse_meetings(
            b"<getmeetings><committee><committeeid>1</committeeid><committeetitle>Cabinet</committeetitle>\
              <committeemeetings><meeting><meetingid>5</meetingid><meetingdate>01/02/2023</meetingdate>\
              <meetingstatus>Cancelled</meetingstatus></meeting><meeting><meetingdate>01/03/2023</meetingdate></meeting>\
              </committeemeetings></committee></getmeetings>",
        )
        .unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].date, Date::new(2023, 2, 1));
        assert_eq!(s[0].committee_title, "Cabinet");
        let e = parse_committees(b"<html><body>Service unavailable</body></html>").unwrap_err();
        assert!(matches!(e, ParseError::WrongRoot { .. }));
        assert!(matches!(
            parse_committees(b"not xml at all").unwrap_err(),
            ParseError::Xml(_)
        ));
    }

    #[test]
    fn decision_list_skips_issue_rows_and_hidden_refs() {
        let page = br#"<table class="mgTabTable"><caption class="mgSectionTitle">Decisions</caption>
<tr><td class="mgMainTxt"><a href="ieDecisionDetails.aspx?ID=12">Peer Challenge action plan<span class="mgHide"> ref&#58; 12</span></a></td><td class="mgMainTxt">05&#47;06&#47;2023</td></tr>
<tr><td class="mgMainTxt"><a href="mgIssueHistoryHome.aspx?IId=3">An issue</a></td><td class="mgMainTxt">06&#47;06&#47;2023</td></tr>
</table>"#;
        let rows = parse_decision_list(page);
        assert_eq!(
            rows,
            [DecisionRow {
                href: "ieDecisionDetails.aspx?ID=12".into(),
                id: Some("12".into()),
                title: "Peer Challenge action plan".into(),
                published: Date::new(2023, 6, 5),
            }]
        );
    }

    #[test]
    fn decision_detail_fields_documents_and_issue() {
        let page = br#"<div id="modgov"><h1 class="mgMainTitleTxt">Decision details</h1>
<h2 class="mgSubTitleTxt">Peer review response</h2>
<ul class="mgActionList"><li><a href="mgIssueHistoryHome.aspx?IId=44&amp;Opt=0">Find out more</a></li></ul>
<div class="mgContent"><p><span class="mgLabel">Decision Maker: </span>Cabinet</p>
<p><span class="mgLabel">Date of decision: </span>19&#47;10&#47;2023</p>
<p><span class="mgLabel">Decided at meeting: </span><a href="ieListDocuments.aspx?CId=1&amp;MID=2">19&#47;10&#47;2023 - Cabinet</a></p>
<p class="mgLabel">Accompanying Documents:</p>
<ul class="mgBulletList"><li><a href="documents/s77/Report.pdf">Report <span class="mgFileSize">PDF 1 KB</span></a></li></ul>
</div></div>"#;
        let d = parse_decision_detail(page).unwrap();
        assert_eq!(d.title, "Peer review response");
        assert_eq!(d.maker().as_deref(), Some("Cabinet"));
        assert_eq!(d.date(), Date::new(2023, 10, 19));
        assert_eq!(d.docs[0].title, "Report");
        assert_eq!(d.docs[0].href, "documents/s77/Report.pdf");
        assert_eq!(d.issue_links, ["mgIssueHistoryHome.aspx?IId=44&Opt=0"]);
        assert_eq!(
            d.meeting_href.as_deref(),
            Some("ieListDocuments.aspx?CId=1&MID=2")
        );
    }

    #[test]
    fn meeting_page_items() {
        let page = br#"<div id="modgov"><h2 class="mgSubTitleTxt">Cabinet - Tuesday, 14th March, 2023 10.00 am</h2>
<ul class="mgBulletList"><li><a href="documents/g77/Agenda.pdf">Agenda frontsheet</a></li></ul>
<table class="mgItemTable">
<tr><td class="mgItemNumberCell"><p class="mgAiTitleTxt">5.</p></td><td><p class="mgAiTitleTxt"><a href="mgAi.aspx?ID=501">Corporate Peer Challenge</a></p>
<ul class="mgActionList"><li><a href="mgIssueHistoryHome.aspx?IId=8">View the background to item 5.</a></li></ul>
<ul class="mgBulletList"><li><a href="documents/s9/CPC.pdf">CPC report <span class="mgFileSize">PDF 2 MB</span></a></li></ul></td></tr>
<tr><td class="mgItemNumberCell"><p class="mgAiTitleTxt">6.</p></td><td><p class="mgAiTitleTxt">Apologies</p></td></tr>
</table></div>"#;
        let m = parse_meeting_page(page).unwrap();
        assert_eq!(m.committee.as_deref(), Some("Cabinet"));
        assert_eq!(m.date, Date::new(2023, 3, 14));
        assert_eq!(m.items.len(), 2);
        assert_eq!(m.items[0].number.as_deref(), Some("5"));
        assert_eq!(m.items[0].title, "Corporate Peer Challenge");
        assert_eq!(m.items[0].issue_links, ["mgIssueHistoryHome.aspx?IId=8"]);
        assert_eq!(m.items[0].docs[0].title, "CPC report");
        assert_eq!(m.items[1].title, "Apologies");
        assert_eq!(m.docs.len(), 1);
        assert_eq!(m.docs[0].title, "Agenda frontsheet");
    }

    #[test]
    fn packs_and_printed_minutes_are_told_from_other_meeting_documents() {
        assert_eq!(meeting_doc("Agenda reports pack"), Some(MeetingDoc::Pack));
        assert_eq!(meeting_doc("Public reports pack"), Some(MeetingDoc::Pack));
        assert_eq!(
            meeting_doc("Supplementary agenda pack"),
            Some(MeetingDoc::Pack)
        );
        assert_eq!(meeting_doc("Printed minutes"), Some(MeetingDoc::Minutes));
        assert_eq!(
            meeting_doc("Printed draft minutes"),
            Some(MeetingDoc::Minutes)
        );
        assert_eq!(meeting_doc("Minutes"), Some(MeetingDoc::Minutes));
        assert_eq!(meeting_doc("Agenda frontsheet"), None);
        assert_eq!(
            meeting_doc("Minutes of the previous meeting - appendix"),
            None
        );
        assert_eq!(meeting_doc("Decisions"), None);
        assert!(same_title(
            "Corporate Peer Challenge.",
            "corporate  peer challenge"
        ));
        assert!(!same_title("Peer challenge", "Peer challenge update"));
    }

    #[test]
    fn calendar_links() {
        let page = br#"<table><tr><td>14<ul><li><a href="ieListDocuments.aspx?CId=1&amp;MId=77" title="Meeting of Cabinet, 14/03/2023 10.00 am">Cabinet, 10.00 am</a></li></ul></td></tr></table>"#;
        let m = parse_calendar(page);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].meeting_id, "77");
        assert_eq!(m[0].committee_id.as_deref(), Some("1"));
        assert_eq!(m[0].date, Date::new(2023, 3, 14));
        assert_eq!(m[0].label, "Cabinet");
    }
}
