//! The lexicon: data files, extension from a folder, format errors.

use pledge_extract::{Extractor, Lexicon, LexiconError, Options};

#[test]
fn embedded_lexicon_loads() {
    let lex = Lexicon::embedded();
    assert!(lex.units.contains_key("吨/日"));
    assert!(lex.words.iter().any(|w| w == "不超过"));
}

#[test]
fn a_folder_extends_the_lists() {
    let dir = std::env::temp_dir().join(format!("pledge-lex-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = "2023年全区新建冷库4垛。";
    let opts = Options::default();
    assert!(Extractor::default().text(text, &opts).is_empty());
    std::fs::write(dir.join("units.txt"), "垛\tcount\n").unwrap();
    let ex = Extractor::new(Lexicon::from_dir(&dir).unwrap());
    let f = ex.text(text, &opts);
    assert_eq!(f.len(), 1);
    assert_eq!(&*f[0].unit, "垛");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_lines_are_reported_with_their_place() {
    let dir = std::env::temp_dir().join(format!("pledge-lex-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("bounds.txt"), "# comment\n至多\t<=\tsomewhere\n").unwrap();
    match Lexicon::from_dir(&dir) {
        Err(LexiconError::Line { file, line, .. }) => assert_eq!((file.as_str(), line), ("bounds.txt", 2)),
        other => panic!("expected a line error, got {other:?}"),
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_missing_folder_is_an_error() {
    assert!(Lexicon::from_dir(std::path::Path::new("/nonexistent/pledge-lexicon")).is_err());
}
