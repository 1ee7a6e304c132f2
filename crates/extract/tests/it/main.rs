//! Integration tests of the extraction grammar, one module per grammar piece, on
//! sentences written for these tests (not copied from the shared page).

mod bounds;
mod corpus;
mod devset;
mod kinds;
mod lexicon;
mod lists;
mod not_facts;
mod numbers;
mod periods;
mod quotes;
mod scope;
mod snapshot;
mod tables;
mod units;

use pledge_extract::{Options, extract_text};
use pledge_model::Fact;

/// The facts of `text` read as a document dated 2024-06-01.
pub fn facts(text: &str) -> Vec<Fact> {
    facts_on(text, Some("2024-06-01"))
}

/// The facts of `text` read as a document of the given date.
pub fn facts_on(text: &str, date: Option<&str>) -> Vec<Fact> {
    let opts = Options {
        doc_id: "t".into(),
        date: date.map(|d| d.parse().expect("test date")),
        place: None,
    };
    extract_text(text, &opts)
}

/// The single fact of `text`.
pub fn one(text: &str) -> Fact {
    let mut f = facts(text);
    assert_eq!(f.len(), 1, "expected one fact in {text}: {f:#?}");
    f.remove(0)
}
