//! Corpus mode: order, bad lines, chunking.

use pledge_extract::corpus::{Chunking, run};
use pledge_extract::{CorpusError, Extractor};

#[test]
fn keeps_input_order_and_reports_bad_lines() {
    let input = concat!(
        r#"{"id":"a","text":"2023年全区新增就业5000人。","date":"2024-01-10"}"#,
        "\n",
        "not json\n",
        r#"{"id":"b","text":"到2026年，全市绿化覆盖率达到45%。"}"#,
        "\n\n",
        r#"{"id":"c","text":"今年全县将新建学校3所。","date":"2024-13-01"}"#,
        "\n",
    );
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let chunking = Chunking {
        lines: 1,
        bytes: 1 << 20,
    };
    let summary = run(&Extractor::default(), input.as_bytes(), &mut out, chunking, None, |e| {
        if let CorpusError::BadLine { line, .. } = e {
            errors.push(*line);
        }
    })
    .unwrap();
    assert_eq!(errors, vec![2, 5]);
    assert_eq!((summary.documents, summary.bad_lines), (2, 2));
    let text = String::from_utf8(out).unwrap();
    let docs: Vec<String> = text
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["doc"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(docs, vec!["a", "b"]);
}

#[test]
fn same_output_on_a_pool() {
    let mut input = String::new();
    for i in 0..40 {
        input.push_str(&format!(
            r#"{{"id":"d{i}","text":"2023年全区新增就业{}人。"}}"#,
            100 + i
        ));
        input.push('\n');
    }
    let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
    let mut a = Vec::new();
    let mut b = Vec::new();
    run(
        &Extractor::default(),
        input.as_bytes(),
        &mut a,
        Chunking::default(),
        None,
        |_| {},
    )
    .unwrap();
    run(
        &Extractor::default(),
        input.as_bytes(),
        &mut b,
        Chunking {
            lines: 7,
            bytes: 1 << 20,
        },
        Some(&pool),
        |_| {},
    )
    .unwrap();
    assert_eq!(a, b);
    assert_eq!(String::from_utf8(a).unwrap().lines().count(), 40);
}
