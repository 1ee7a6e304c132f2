use proptest::prelude::*;

fn noisy_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "到",
        "2025",
        "年",
        " ",
        "  ",
        "\n",
        "\n\n",
        "１４",
        "．",
        "８",
        "％",
        "(yǐ)",
        "（",
        "）",
        "□记者 王健 报道\n",
        "本报济南讯",
        "。",
        "，",
        "万",
        "亿元",
        "全市",
        "槐荫区",
        "———",
        "\r\n",
        "\u{3000}",
        "①",
        "a",
        "Z",
        ",",
        ".",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn normalization_never_panics_and_offsets_stay_inside(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(doc) = pledge_text::read(&bytes) {
            check(&doc, &bytes);
        }
    }

    #[test]
    fn noisy_chinese_maps_every_char_to_a_char_boundary(text in noisy_text()) {
        let doc = pledge_text::read(text.as_bytes()).unwrap();
        check(&doc, text.as_bytes());
        for (i, c) in doc.norm.text.char_indices() {
            let span = doc.norm.original_span(i..i + c.len_utf8());
            prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            prop_assert!(span.start <= span.end && span.end <= text.len());
        }
        for a in pledge_text::segment(&doc) {
            prop_assert!(text.is_char_boundary(a.body_span[0]) && text.is_char_boundary(a.body_span[1]));
        }
    }
}

fn check(doc: &pledge_text::Document, input: &[u8]) {
    let n = doc.norm.len();
    let all = doc.norm.original_span(0..n);
    assert!(all.start <= all.end && all.end <= input.len());
    for a in pledge_text::segment(doc) {
        assert!(a.body_span[0] <= a.body_span[1] && a.body_span[1] <= input.len());
        assert!(doc.norm.text.is_char_boundary(a.body_range.start));
    }
}
