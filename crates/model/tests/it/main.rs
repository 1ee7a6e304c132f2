//! Integration tests of pledge-model: units, targets, observations, desirability and fact names.

mod desirability;
mod facts;
mod observations;
mod targets;
mod units;
