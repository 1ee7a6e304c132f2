//! Integration tests of pledge-model: units, targets, observations and desirability.

mod desirability;
mod observations;
mod targets;
mod units;
