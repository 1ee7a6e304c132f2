//! The vocabulary of pledge: fact records, targets, observations and units.
//!
//! This crate holds plain data types and pure functions only (no I/O), so that the
//! extractor, the assessment engine, the store and the web share one definition of
//! what a target or an observation is.

pub mod desirability;
pub mod display;
pub mod fact;
pub mod observation;
pub mod target;
pub mod unit;
pub mod web;

pub use desirability::Desirability;
pub use fact::{Bound, Direction, Fact, Kind, Measure, SharedStr};
pub use observation::Observation;
pub use target::{Target, TargetError};
pub use unit::Unit;
pub use web::is_web_address;
