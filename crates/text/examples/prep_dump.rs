//! Dumps everything pledge-text produces for a fixed set of inputs (the first 8 MB of the
//! bench corpus, the Jinan page in UTF-8, GB18030 and UTF-16, single corpus documents)
//! so that a change meant to be invisible can be checked byte for byte:
//! `cargo run --release -p pledge-text --example prep_dump > dump.txt`.

#[path = "../benches/corpus.rs"]
mod corpus;

use std::io::Write;

use pledge_text::{Document, gazetteer};

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
    for u in text.encode_utf16() {
        out.extend(if big_endian { u.to_be_bytes() } else { u.to_le_bytes() });
    }
    out
}

fn dump(out: &mut impl Write, name: &str, doc: &Document) -> std::io::Result<()> {
    writeln!(
        out,
        "=== {name} ({:?}, {} bytes)",
        doc.decoded.encoding, doc.decoded.original_len
    )?;
    writeln!(out, "--- norm\n{}", doc.norm.text)?;
    writeln!(out, "--- paragraphs")?;
    for p in &doc.paragraphs {
        writeln!(out, "{p:?}")?;
    }
    writeln!(out, "--- lines")?;
    for l in &doc.lines {
        writeln!(out, "{l:?}")?;
    }
    writeln!(out, "--- spans")?;
    let text = &doc.norm.text;
    let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
    for (k, &i) in bounds.iter().enumerate().step_by(7) {
        let j = bounds[(k + 1).min(bounds.len() - 1)];
        let l = bounds[(k + 23).min(bounds.len() - 1)];
        writeln!(
            out,
            "{i} {:?} {:?} {:?} {}",
            doc.norm.original_span(i..j),
            doc.norm.original_span(i..l),
            doc.norm.original_span(l..i),
            doc.norm.original_offset(i)
        )?;
    }
    writeln!(
        out,
        "{:?} {}",
        doc.norm.original_span(0..text.len() + 5),
        doc.norm.original_offset(text.len() + 3)
    )?;
    writeln!(out, "--- mentions")?;
    let g = gazetteer();
    let jinan = g.lookup("济南", None);
    for para in text.split('\n').take(3000) {
        writeln!(out, "{:?} {:?}", g.mentions(para, None), g.mentions(para, jinan))?;
    }
    writeln!(out, "--- articles")?;
    for a in pledge_text::segment(doc) {
        writeln!(out, "{a:?}")?;
    }
    Ok(())
}

fn main() -> std::io::Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let page = std::fs::read(corpus::repo_root().join("testdata/jinan-page-2023-03.txt")).expect("page");
    let shared =
        std::fs::read(corpus::repo_root().join("../shared/corpus/jinan-page-2023-03.txt")).expect("shared page");
    let text = std::str::from_utf8(&page).expect("utf-8 page");
    let (gb, _, _) = encoding_rs::GB18030.encode(text);
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(&page);
    let inputs: Vec<(&str, Vec<u8>)> = vec![
        ("page", page.clone()),
        ("shared", shared),
        ("bom", bom),
        ("gb18030", gb.into_owned()),
        ("utf16le", utf16(text, false)),
        ("utf16be", utf16(text, true)),
        (
            "traditional",
            "  □記者 陳明 報道\n  本報廣州訊 今年，廣州市天河區新增綠色工廠 8 家。\n\n天河區綠色製造提速\n"
                .as_bytes()
                .to_vec(),
        ),
    ];
    for (name, bytes) in &inputs {
        let doc = pledge_text::read(bytes).expect("decodes");
        dump(&mut out, name, &doc)?;
    }
    let docs = corpus::documents(8 << 20);
    for (k, d) in docs.iter().take(4).enumerate() {
        let doc = pledge_text::normalize(pledge_text::Decoded::from_text(d.as_str()));
        dump(&mut out, &format!("doc{k}"), &doc)?;
    }
    let joined = docs.join("\n\n");
    let doc = pledge_text::read(joined.as_bytes()).expect("decodes");
    dump(&mut out, "corpus-8m", &doc)?;
    let g = gazetteer();
    for name in [
        "济南",
        "槐荫",
        "濟南市",
        "朝阳区",
        "高新区",
        "起步区",
        "广西",
        "内蒙古",
        " 北京 ",
        "天河區",
    ] {
        let ctx = g.lookup("济南市", None);
        writeln!(
            out,
            "lookup {name} {:?} {:?}",
            g.lookup(name, None),
            g.lookup(name, ctx)
        )?;
    }
    for (i, p) in g.places.iter().enumerate() {
        writeln!(
            out,
            "{i} {p:?} {:?} {:?}",
            g.path(i),
            g.ancestor_at(i, pledge_text::Level::Prefecture)
        )?;
    }
    Ok(())
}
