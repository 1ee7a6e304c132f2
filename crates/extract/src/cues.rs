//! The lexicon's words found in a text, with lookups by position, and the reading of
//! target against actual (`将`/`力争`/`到…年`/`目标` against `完成`/`已`/`截至`/`同比`).

use pledge_model::Kind;

use crate::lexicon::{KindCue, Lexicon, Tags};

/// One lexicon word found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cue {
    /// Byte start.
    pub start: usize,
    /// Byte end.
    pub end: usize,
    /// Index of the word in the lexicon.
    pub word: usize,
}

/// The words of one text, in order (leftmost-longest, not overlapping).
#[derive(Debug, Clone, Default)]
pub struct Cues {
    /// The words found.
    pub list: Vec<Cue>,
}

impl Cues {
    /// Finds the lexicon's words in `s`.
    pub fn find(lex: &Lexicon, s: &str) -> Self {
        Self::find_in(lex, s, Vec::new())
    }

    /// [`Cues::find`] into `room` (cleared first), so one buffer serves many texts.
    pub fn find_in(lex: &Lexicon, s: &str, mut room: Vec<Cue>) -> Self {
        room.clear();
        room.reserve(s.len() / 24 + 4);
        lex.find_words(s, |start, end, word| room.push(Cue { start, end, word }));
        Self { list: room }
    }

    /// The word starting at byte `i`.
    pub fn starting_at(&self, i: usize) -> Option<Cue> {
        self.list
            .binary_search_by_key(&i, |c| c.start)
            .ok()
            .map(|k| self.list[k])
    }

    /// The word ending at byte `i`.
    pub fn ending_at(&self, i: usize) -> Option<Cue> {
        self.list.binary_search_by_key(&i, |c| c.end).ok().map(|k| self.list[k])
    }

    /// The words inside `start..end`.
    pub fn within(&self, start: usize, end: usize) -> &[Cue] {
        let a = self.list.partition_point(|c| c.start < start);
        let b = self.list.partition_point(|c| c.end <= end);
        if a < b { &self.list[a..b] } else { &[] }
    }
}

/// What the words of a stretch of text say about kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KindSignal {
    /// A commitment or forecast word.
    pub target: bool,
    /// A forecast word (`预计`): a target with no due date unless one is given.
    pub forecast: bool,
    /// A report word.
    pub actual: bool,
}

impl KindSignal {
    /// Reads the sentence-level cue words in `cues` (target nouns count only next to a
    /// number; see [`KindSignal::near`]).
    pub fn of(lex: &Lexicon, words: &[Cue], shadow: &str) -> Self {
        let mut k = KindSignal::default();
        for c in words {
            match lex.tags[c.word].kind {
                Some(KindCue::Target) => {
                    k.target = true;
                    let w = &shadow[c.start..c.end];
                    if w == "预计" || w == "预期" {
                        k.forecast = true;
                    }
                }
                Some(KindCue::Actual) => k.actual = true,
                _ => {}
            }
        }
        k
    }

    /// Adds target nouns (`指标任务`, `计划`) found next to a number.
    pub fn near(mut self, tags: &Tags) -> Self {
        match tags.kind {
            Some(KindCue::Target | KindCue::TargetNoun) => self.target = true,
            Some(KindCue::Actual) => self.actual = true,
            None => {}
        }
        self
    }

    /// The kind this signal decides, if it decides one (target words win, as a report
    /// word next to a commitment describes the commitment: `将…实现…`).
    pub fn decide(self) -> Option<Kind> {
        if self.target {
            Some(Kind::Target)
        } else if self.actual {
            Some(Kind::Actual)
        } else {
            None
        }
    }
}
