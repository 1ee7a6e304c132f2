use encoding_rs::{GB18030, UTF_16BE, UTF_16LE};
use pledge_text::{DecodeError, Encoding, decode};

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend(if big_endian { [0xFE, 0xFF] } else { [0xFF, 0xFE] });
    }
    for u in text.encode_utf16() {
        out.extend(if big_endian { u.to_be_bytes() } else { u.to_le_bytes() });
    }
    out
}

#[test]
fn utf8_with_and_without_bom() {
    let plain = decode("到2025年".as_bytes()).unwrap();
    assert_eq!(plain.encoding, Encoding::Utf8);
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend("到2025年".as_bytes());
    let d = decode(&bom).unwrap();
    assert_eq!(d.encoding, Encoding::Utf8Bom);
    assert_eq!(d.text, "到2025年");
    assert_eq!(d.original_offset(0), 3);
}

#[test]
fn gbk_is_detected_and_offsets_point_into_the_gbk_bytes() {
    let text = "全市GDP增长6.0%，达到１２万亿元";
    let (bytes, _, bad) = GB18030.encode(text);
    assert!(!bad);
    let d = decode(&bytes).unwrap();
    assert_eq!(d.encoding, Encoding::Gb18030);
    assert_eq!(d.text, text);
    // `GDP` starts after two 2-byte characters.
    let at = d.text.find("GDP").unwrap();
    assert_eq!(d.original_offset(at), 4);
    assert_eq!(d.original_offset(d.text.len()), bytes.len());
}

#[test]
fn gb18030_four_byte_sequences_map_offsets() {
    let text = "𠀀甲"; // U+20000 needs a four-byte GB18030 sequence
    let (bytes, _, _) = GB18030.encode(text);
    let d = decode(&bytes).unwrap();
    assert_eq!(d.text, text);
    assert_eq!(d.original_offset(text.find('甲').unwrap()), 4);
}

#[test]
fn utf16_with_bom_both_endians() {
    for big in [false, true] {
        let d = decode(&utf16("节能减排 2025", big, true)).unwrap();
        assert_eq!(d.text, "节能减排 2025");
        assert_eq!(d.encoding, if big { Encoding::Utf16Be } else { Encoding::Utf16Le });
        assert_eq!(d.original_offset(d.text.find('2').unwrap()), 2 + 5 * 2);
    }
    let _ = (UTF_16LE, UTF_16BE);
}

#[test]
fn utf16_without_bom_is_recognised_by_its_zero_bytes() {
    let d = decode(&utf16("plan target 2025\n", false, false)).unwrap();
    assert_eq!(d.text, "plan target 2025\n");
}

#[test]
fn binary_input_names_the_offset() {
    let err = decode(b"abc\x00\x01\x02def").unwrap_err();
    assert_eq!(err, DecodeError::Binary { offset: 3, byte: 0 });
    assert!(err.to_string().contains("offset 3"));
}

#[test]
fn undecodable_input_names_the_offset() {
    // 0xFF is invalid in both UTF-8 and GB18030.
    let err = decode(b"plan \xFF\xFF target").unwrap_err();
    match err {
        DecodeError::Undecodable { offset, .. } => assert_eq!(offset, 5),
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn broken_utf16_surrogate_is_an_error() {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(0xD800u16.to_le_bytes());
    bytes.extend(b'a'.to_le_bytes());
    bytes.push(0);
    let err = decode(&bytes).unwrap_err();
    assert!(matches!(err, DecodeError::Undecodable { offset: 2, .. }), "{err:?}");
}

#[test]
fn the_page_reencoded_segments_identically() {
    let page = crate::jinan_page();
    let text = std::str::from_utf8(&page).unwrap();
    let (gb, _, bad) = GB18030.encode(text);
    assert!(!bad);
    let variants = [
        page.clone(),
        gb.into_owned(),
        utf16(text, false, true),
        utf16(text, true, true),
    ];
    let reference = pledge_text::segment(&pledge_text::read(&page).unwrap());
    for bytes in variants {
        let doc = pledge_text::read(&bytes).unwrap();
        let articles = pledge_text::segment(&doc);
        assert_eq!(articles.len(), reference.len());
        for (a, b) in articles.iter().zip(&reference) {
            assert_eq!(
                (&a.headline, &a.body, &a.scope, &a.reporters),
                (&b.headline, &b.body, &b.scope, &b.reporters)
            );
            // Spans point at the same text in each encoding.
            let original = &bytes[a.body_span[0]..a.body_span[1]];
            assert!(!original.is_empty());
        }
    }
}
