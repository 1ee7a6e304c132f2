//! Integration tests of pledge-store.
//!
//! `contract` holds the backend-neutral suite: every case takes a fresh, empty
//! `&dyn Store`. `contract_tests!` turns it into one `#[test]` per case for a backend's
//! fixture; `sqlite` runs it on temporary SQLite files, `postgres` on databases of a
//! PostgreSQL server the tests start themselves (or `PLEDGE_TEST_PG_URL`).

#[macro_use]
mod contract;
mod kill;
mod library;
mod postgres;
mod sqlite;
