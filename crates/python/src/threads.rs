//! How many threads a call uses: every core by default (the global rayon pool, as the
//! CLI's corpus mode), one (the calling thread, for a Spark or Dask worker that has
//! one core), or a pool of N kept for later calls.

use std::sync::{Arc, Mutex};

use pyo3::PyResult;
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use rayon::prelude::*;

/// Pools made for an explicit thread count, kept so that a worker calling once per
/// batch does not start threads each time.
static POOLS: Mutex<Vec<(usize, Arc<rayon::ThreadPool>)>> = Mutex::new(Vec::new());

/// Where work runs.
pub enum Threads {
    /// The calling thread only.
    One,
    /// The global rayon pool (every core).
    All,
    /// A pool of a given size.
    Pool(Arc<rayon::ThreadPool>),
}

impl Threads {
    /// The threads for the `threads=` argument: `None` or 0 → every core.
    pub fn new(threads: Option<usize>) -> PyResult<Self> {
        match threads {
            None | Some(0) => Ok(Threads::All),
            Some(1) => Ok(Threads::One),
            Some(n) if n > 4096 => Err(PyValueError::new_err(format!("threads={n}: too many"))),
            Some(n) => {
                let mut pools = POOLS.lock().unwrap_or_else(|e| e.into_inner());
                if let Some((_, pool)) = pools.iter().find(|(size, _)| *size == n) {
                    return Ok(Threads::Pool(pool.clone()));
                }
                let pool = rayon::ThreadPoolBuilder::new()
                    .num_threads(n)
                    .build()
                    .map_err(|e| PyRuntimeError::new_err(format!("starting {n} threads: {e}")))?;
                let pool = Arc::new(pool);
                pools.push((n, pool.clone()));
                Ok(Threads::Pool(pool))
            }
        }
    }

    /// `f` over `items`, in order, on these threads.
    pub fn map<T: Sync, R: Send>(&self, items: &[T], f: impl Fn(&T) -> R + Sync + Send) -> Vec<R> {
        match self {
            Threads::One => items.iter().map(f).collect(),
            Threads::All => items.par_iter().map(f).collect(),
            Threads::Pool(pool) => pool.install(|| items.par_iter().map(f).collect()),
        }
    }
}
