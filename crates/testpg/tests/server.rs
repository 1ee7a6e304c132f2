//! The throwaway server starts, hands out databases, and they accept connections.

#[test]
fn a_new_database_accepts_connections_and_can_be_dropped() {
    let Some((name, url)) = pledge_testpg::new_database() else {
        return;
    };
    let mut client = postgres::Client::connect(&url, postgres::NoTls).expect("connects");
    let row = client.query_one("SELECT current_database()", &[]).expect("queries");
    assert_eq!(row.get::<_, String>(0), name);
    drop(client);
    pledge_testpg::drop_database(&name);
    assert!(
        postgres::Client::connect(&url, postgres::NoTls).is_err(),
        "the database is gone"
    );
}
