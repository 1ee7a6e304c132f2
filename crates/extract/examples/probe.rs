//! Prints the facts of sentences given as arguments (a debugging aid):
//! `cargo run -p pledge-extract --example probe -- [--date YYYY-MM-DD] TEXT…`.

fn main() {
    let mut date = None;
    let mut args = std::env::args().skip(1).peekable();
    if args.peek().is_some_and(|a| a == "--date") {
        args.next();
        date = args.next().and_then(|d| d.parse().ok());
    }
    for text in args {
        let opts = pledge_extract::Options {
            doc_id: "probe".into(),
            date,
            place: None,
        };
        println!("== {text}");
        for f in pledge_extract::extract_text(&text, &opts) {
            println!(
                "  {:?} {} {:?} {:?} b{:?} {:?} {:?} {:?} {}{} {} [{}] «{}»",
                f.kind,
                f.scope,
                f.year,
                f.period,
                f.baseline_year,
                f.measure,
                f.direction,
                f.bound,
                f.value,
                f.value_max.map(|m| format!("-{m}")).unwrap_or_default(),
                f.unit,
                f.indicator,
                f.quote
            );
        }
    }
}
