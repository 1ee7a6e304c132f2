//! The data behind pages and API answers, assembled from the store and the assessment
//! engine, independent of HTML or JSON.

pub mod assign;
pub mod audit;
pub mod document;
pub mod entry;
pub mod format;
pub mod regions;
pub mod review;
pub mod scoreboard;
pub mod target;
