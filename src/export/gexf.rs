//! GEXF 1.3, the graph format Gephi reads: a dynamic graph whose nodes are posts and people
//! and whose edges are the lines between posts and the tenures of people in posts, each
//! with its spells in time, so Gephi's timeline replays the chart.
//!
//! GEXF dates are whole days and its intervals include both ends, so a partial date starts
//! on its first possible day and an end is written as the last day the chart may show it.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use crate::date::{Day, PartialDate};
use crate::model::{Chart, Span};

/// A span as GEXF's `start` and `end` (inclusive), each absent when open.
fn bounds(span: Span) -> (Option<String>, Option<String>) {
    let start = (span.start.0 > i32::MIN).then(|| span.start.to_string());
    let end = (span.end != Day::OPEN).then(|| Day(span.end.0 - 1).to_string());
    (start, end)
}

struct Gexf {
    w: Writer<Vec<u8>>,
}

impl Gexf {
    fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        let mut e = BytesStart::new(name);
        for (k, v) in attrs {
            e.push_attribute((*k, *v));
        }
        let _ = self.w.write_event(Event::Start(e));
    }

    fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        let mut e = BytesStart::new(name);
        for (k, v) in attrs {
            e.push_attribute((*k, *v));
        }
        let _ = self.w.write_event(Event::Empty(e));
    }

    fn close(&mut self, name: &str) {
        let _ = self.w.write_event(Event::End(BytesEnd::new(name)));
    }

    fn text(&mut self, name: &str, text: &str) {
        self.open(name, &[]);
        let _ = self.w.write_event(Event::Text(BytesText::new(text)));
        self.close(name);
    }

    /// An element with a spell, `start` and `end` left out where open.
    fn spanned(&mut self, name: &str, attrs: &[(&str, &str)], span: Span, empty: bool) {
        let (start, end) = bounds(span);
        let mut all: Vec<(&str, &str)> = attrs.to_vec();
        if let Some(s) = &start {
            all.push(("start", s));
        }
        if let Some(e) = &end {
            all.push(("end", e));
        }
        if empty {
            self.empty(name, &all);
        } else {
            self.open(name, &all);
        }
    }

    fn value(&mut self, attribute: &str, value: &str, span: Option<Span>) {
        match span {
            Some(span) => self.spanned(
                "attvalue",
                &[("for", attribute), ("value", value)],
                span,
                true,
            ),
            None => self.empty("attvalue", &[("for", attribute), ("value", value)]),
        }
    }
}

fn day_text(date: Option<PartialDate>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

/// The chart as a GEXF 1.3 dynamic graph.
pub fn to_gexf(chart: &Chart) -> String {
    let mut g = Gexf {
        w: Writer::new_with_indent(Vec::new(), b' ', 2),
    };
    let _ =
        g.w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
    g.open(
        "gexf",
        &[
            ("xmlns", "http://gexf.net/1.3"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
            ),
            ("version", "1.3"),
        ],
    );
    g.open("meta", &[]);
    g.text("creator", "govchart");
    g.text("description", &chart.info.title);
    g.close("meta");
    g.open(
        "graph",
        &[
            ("mode", "dynamic"),
            ("defaultedgetype", "directed"),
            ("timeformat", "date"),
        ],
    );
    g.open("attributes", &[("class", "node"), ("mode", "static")]);
    g.empty(
        "attribute",
        &[("id", "type"), ("title", "type"), ("type", "string")],
    );
    g.empty(
        "attribute",
        &[("id", "id"), ("title", "govchart id"), ("type", "string")],
    );
    g.close("attributes");
    g.open("attributes", &[("class", "node"), ("mode", "dynamic")]);
    g.empty(
        "attribute",
        &[
            ("id", "organisation"),
            ("title", "organisation"),
            ("type", "string"),
        ],
    );
    g.close("attributes");
    g.open("attributes", &[("class", "edge"), ("mode", "static")]);
    for (id, title) in [
        ("kind", "kind"),
        ("certainty", "certainty"),
        ("start_date", "start as the chart gives it"),
        ("end_date", "end as the chart gives it"),
    ] {
        g.empty(
            "attribute",
            &[("id", id), ("title", title), ("type", "string")],
        );
    }
    g.close("attributes");
    g.open("nodes", &[]);
    for post in &chart.posts {
        let id = format!("post:{}", post.key);
        let shown = post.shown_span();
        g.spanned("node", &[("id", &id), ("label", &post.title)], shown, false);
        g.open("attvalues", &[]);
        g.value("type", "post", None);
        g.value("id", &post.key, None);
        for (org, span) in chart.segments(post) {
            let span = span.intersect(shown);
            if !span.is_empty() {
                g.value("organisation", &chart.org(org).name, Some(span));
            }
        }
        g.close("attvalues");
        g.close("node");
    }
    for person in &chart.people {
        let id = format!("person:{}", person.key);
        g.open("node", &[("id", &id), ("label", &person.name)]);
        g.open("attvalues", &[]);
        g.value("type", "person", None);
        g.value("id", &person.key, None);
        g.close("attvalues");
        let tenures = &chart.tenures[person.tenures.start as usize..person.tenures.end as usize];
        let mut spans: Vec<Span> = tenures
            .iter()
            .map(|t| t.span())
            .filter(|s| !s.is_empty())
            .collect();
        spans.sort_by_key(|s| s.start);
        let mut merged: Vec<Span> = Vec::new();
        for span in spans {
            match merged.last_mut() {
                Some(last) if span.start <= last.end => last.end = last.end.max(span.end),
                _ => merged.push(span),
            }
        }
        if !merged.is_empty() {
            g.open("spells", &[]);
            for span in merged {
                g.spanned("spell", &[], span, true);
            }
            g.close("spells");
        }
        g.close("node");
    }
    g.close("nodes");
    g.open("edges", &[]);
    for (i, line) in chart.lines.iter().enumerate() {
        let id = format!("line:{}", i + 1);
        let (from, to) = (
            format!("post:{}", chart.post(line.from).key),
            format!("post:{}", chart.post(line.to).key),
        );
        g.spanned(
            "edge",
            &[
                ("id", &id),
                ("source", &from),
                ("target", &to),
                ("label", line.kind.phrase()),
            ],
            line.span(),
            false,
        );
        g.open("attvalues", &[]);
        g.value("kind", line.kind.as_str(), None);
        g.value("certainty", line.fact.certainty.as_str(), None);
        g.value("start_date", &day_text(line.start), None);
        g.value("end_date", &day_text(line.end), None);
        g.close("attvalues");
        g.close("edge");
    }
    for (i, t) in chart.tenures.iter().enumerate() {
        let id = format!("tenure:{}", i + 1);
        let (from, to) = (
            format!("person:{}", chart.person(t.person).key),
            format!("post:{}", chart.post(t.post).key),
        );
        let kind = if t.acting { "holds (acting)" } else { "holds" };
        g.spanned(
            "edge",
            &[
                ("id", &id),
                ("source", &from),
                ("target", &to),
                ("label", kind),
            ],
            t.span(),
            false,
        );
        g.open("attvalues", &[]);
        g.value("kind", kind, None);
        g.value("certainty", t.fact.certainty.as_str(), None);
        g.value("start_date", &t.start.to_string(), None);
        g.value("end_date", &day_text(t.end), None);
        g.close("attvalues");
        g.close("edge");
    }
    g.close("edges");
    g.close("graph");
    g.close("gexf");
    let mut text = String::from_utf8(g.w.into_inner()).unwrap_or_default();
    text.push('\n');
    text
}
