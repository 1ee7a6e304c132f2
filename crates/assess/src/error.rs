//! Why a target cannot be assessed at all (as opposed to a verdict such as NOT_ASSESSABLE).

/// An input the engine refuses rather than guess about: it names the field at fault.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AssessError {
    /// A field of the target is unusable.
    #[error("field target.{field}: {message}")]
    Target {
        /// The target's field (`value`, `baseline_year`).
        field: String,
        /// What is wrong with it.
        message: String,
    },
    /// A field of an observation is unusable.
    #[error("field observations[{index}].{field}: {message}")]
    Observation {
        /// 0-based position of the observation in the input.
        index: usize,
        /// The observation's field (`unit`, `baseline_year`).
        field: String,
        /// What is wrong with it.
        message: String,
    },
    /// An option is unusable.
    #[error("field options.{field}: {message}")]
    Options {
        /// The option (`profile`, `growth`, `tolerance`).
        field: String,
        /// What is wrong with it.
        message: String,
    },
}
