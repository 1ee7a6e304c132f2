//! Integration tests of pledge-store.
//!
//! `contract` holds the backend-neutral suite: every case takes a fresh, empty
//! `&dyn Store`. `contract_tests!` turns it into one `#[test]` per case for a backend's
//! fixture; `sqlite` runs it on temporary SQLite files, and the PostgreSQL backend of
//! issue 7 runs the very same cases with `contract_tests!(its_fixture)`.

#[macro_use]
mod contract;
mod kill;
mod library;
mod sqlite;
