//! Integration tests of pledge-assess: the vectors of `progress-methods.md` §7, the
//! examples of `assess-io.md`, derived vectors for every rule and observation form, the
//! batch protocol, and property tests.

mod as_of;
mod batch;
mod common;
mod examples;
mod forms;
mod methods;
mod props;
mod ranking;
mod rules;
mod unified;
