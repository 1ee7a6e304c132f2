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
    /// A bit per byte offset where a word starts, and one where a word ends: most
    /// lookups by position find nothing, and a bit test says so without a search.
    starts: Vec<u64>,
    ends: Vec<u64>,
}

/// Whether bit `i` of `bits` is set.
#[inline]
fn has(bits: &[u64], i: usize) -> bool {
    bits.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
}

impl Cues {
    /// Finds the lexicon's words in `s`.
    pub fn find(lex: &Lexicon, s: &str) -> Self {
        let mut list = Vec::new();
        lex.find_words(s, |start, end, word| list.push(Cue { start, end, word }));
        Self::from_list(list, s.len())
    }

    /// The words `list` (in order, not overlapping) of a text of `len` bytes.
    pub fn from_list(list: Vec<Cue>, len: usize) -> Self {
        let mut cues = Self {
            list,
            starts: Vec::new(),
            ends: Vec::new(),
        };
        cues.index(len);
        cues
    }

    /// Takes the word list out, leaving the position bits' room for [`Cues::reuse`].
    pub fn take_list(&mut self) -> Vec<Cue> {
        std::mem::take(&mut self.list)
    }

    /// Replaces the words with `list` (in order, not overlapping) of a text of `len`
    /// bytes, reusing the room of the position bits.
    pub fn reuse(&mut self, list: Vec<Cue>, len: usize) {
        self.list = list;
        self.index(len);
    }

    fn index(&mut self, len: usize) {
        let words = len / 64 + 1;
        for bits in [&mut self.starts, &mut self.ends] {
            bits.clear();
            bits.resize(words, 0);
        }
        for c in &self.list {
            if let Some(w) = self.starts.get_mut(c.start / 64) {
                *w |= 1 << (c.start % 64);
            }
            if let Some(w) = self.ends.get_mut(c.end / 64) {
                *w |= 1 << (c.end % 64);
            }
        }
    }

    /// Whether a word starts at byte `i` (a bit test).
    pub fn starts_at(&self, i: usize) -> bool {
        has(&self.starts, i)
    }

    /// The word starting at byte `i`.
    pub fn starting_at(&self, i: usize) -> Option<Cue> {
        if !has(&self.starts, i) {
            return None;
        }
        self.list
            .binary_search_by_key(&i, |c| c.start)
            .ok()
            .map(|k| self.list[k])
    }

    /// The word ending at byte `i`.
    pub fn ending_at(&self, i: usize) -> Option<Cue> {
        if !has(&self.ends, i) {
            return None;
        }
        self.list.binary_search_by_key(&i, |c| c.end).ok().map(|k| self.list[k])
    }

    /// The words inside `start..end`.
    pub fn within(&self, start: usize, end: usize) -> &[Cue] {
        let a = self.list.partition_point(|c| c.start < start);
        let b = self.list.partition_point(|c| c.end <= end);
        if a < b { &self.list[a..b] } else { &[] }
    }
}

/// The estimate word: a forecast, and in a review a preliminary result.
const ESTIMATE: &str = "预计";

/// What the words of a stretch of text say about kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KindSignal {
    /// A commitment or forecast word.
    pub target: bool,
    /// A forecast word (`预计`): a target with no due date unless one is given.
    pub forecast: bool,
    /// A report word.
    pub actual: bool,
    /// A commitment word other than an estimate (`目标`, `力争`, `预期`): what a review's
    /// `预计` does not turn into a result.
    pub commits: bool,
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
                    if w == ESTIMATE || w == "预期" {
                        k.forecast = true;
                    }
                    if w != ESTIMATE {
                        k.commits = true;
                    }
                }
                Some(KindCue::Actual) => k.actual = true,
                _ => {}
            }
        }
        k
    }

    /// The signal read in a review of a past year, where a forecast (`预计全年实现…`)
    /// reports the year's result: a forecast alone is no commitment there.
    pub fn reviewed(mut self) -> Self {
        if self.forecast && !self.commits {
            self.forecast = false;
            self.target = false;
            self.actual = true;
        }
        self
    }

    /// Adds the kind of `word` (its tags `tags`) found next to a number, target nouns
    /// (`指标任务`, `计划`) among them.
    pub fn near(mut self, tags: &Tags, word: &str) -> Self {
        match tags.kind {
            Some(KindCue::Target | KindCue::TargetNoun) => {
                self.target = true;
                if word == ESTIMATE {
                    self.forecast = true;
                } else {
                    self.commits = true;
                }
            }
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
