//! Published progress methods, reproduced so that their test vectors
//! (`progress-methods.md` §7) can be checked and their verdicts shown beside ours.
//!
//! These are library helpers: the engine ([`crate::assess`]) implements §6, and these
//! modules implement what each source does, quirks included where the vectors need them
//! (sdg-build's 0.001 substitution lives only in [`sdg_build`]).

pub mod cn;
pub mod dns;
pub mod eustat;
pub mod sdg_build;
pub mod undp;
