"""Shared fixtures: the repository's texts, the `pledge` binary to compare with, a corpus of
≥ 10,000 documents built from the shared texts at test time, and `need()`, which skips a
test plainly when a tool is missing outside CI and fails it under CI=true."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
TESTDATA = ROOT / "testdata"
PAGE = TESTDATA / "jinan-page-2023-03.txt"
PAGE_DATE = "2023-03-02"
IN_CI = os.environ.get("CI", "").lower() == "true"


def need(ok, what):
    """Skip (saying what is missing) unless `ok`; under CI=true a missing tool fails."""
    if ok:
        return
    if IN_CI:
        pytest.fail(f"{what} is missing, and CI must run this test (.ci/run installs it)")
    pytest.skip(f"{what} is missing: install it to run this test (.ci/run does)")


def dumps(fact):
    """A fact dict written as the CLI writes a JSON line (serde_json: no spaces, UTF-8)."""
    return json.dumps(fact, ensure_ascii=False, separators=(",", ":"))


def jsonl(facts):
    return "".join(dumps(f) + "\n" for f in facts).encode()


def dev_docs():
    """The development set: (stem, path, date, place or None) from testdata/dev/meta.tsv."""
    docs = []
    for line in (TESTDATA / "dev" / "meta.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        cols = line.split("\t")
        place = cols[2].strip() if len(cols) > 2 and cols[2].strip() else None
        docs.append((cols[0], TESTDATA / "dev" / f"{cols[0]}.txt", cols[1], place))
    return docs


def progress_docs():
    """The Jinan progress documents: (stem, path, date) from their index.tsv."""
    docs = []
    index = TESTDATA / "jinan-progress" / "index.tsv"
    for line in index.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        stem, date = line.split("\t")[:2]
        docs.append((stem, TESTDATA / "jinan-progress" / f"{stem}.txt", date))
    return docs


@pytest.fixture(scope="session")
def pledge_bin():
    """The CLI to compare with: $PLEDGE_BIN, else `cargo build -p pledge-cli`'s binary."""
    given = os.environ.get("PLEDGE_BIN")
    if given:
        return given
    need(shutil.which("cargo"), "cargo (to build the pledge CLI)")
    subprocess.run(["cargo", "build", "-q", "-p", "pledge-cli"], cwd=ROOT, check=True)
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    return str(target / "debug" / "pledge")


def run_cli(pledge_bin, *args, stdin=None, check=True):
    return subprocess.run([pledge_bin, *args], input=stdin, capture_output=True, check=check, cwd=ROOT)


def corpus_records(minimum=10_000):
    """≥ `minimum` documents cut from the shared texts (the Jinan page, the development
    set, the Jinan progress documents): windows of a few consecutive lines, each with its
    text's date and place, so that facts, years and scopes vary as in a real corpus."""
    texts = [("jinan-page", PAGE.read_text(encoding="utf-8"), PAGE_DATE, None)]
    texts += [(s, p.read_text(encoding="utf-8"), d, pl) for s, p, d, pl in dev_docs()]
    texts += [(s, p.read_text(encoding="utf-8"), d, None) for s, p, d in progress_docs()]
    records = []
    width = 1
    while len(records) < minimum:
        width += 1
        for stem, text, date, place in texts:
            lines = [l for l in text.splitlines() if l.strip()]
            for start in range(0, len(lines), width):
                record = {"id": f"{stem}:{width}:{start}", "text": "\n".join(lines[start : start + width])}
                if (start // width) % 7 != 3:  # some documents come without a date
                    record["date"] = date
                if place:
                    record["place"] = place
                records.append(record)
    return records


@pytest.fixture(scope="session")
def corpus(tmp_path_factory, pledge_bin):
    """The generated corpus as JSON Lines and Parquet, and the CLI's facts of it."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    records = corpus_records()
    folder = tmp_path_factory.mktemp("corpus")
    lines = folder / "corpus.jsonl"
    lines.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    table = pa.Table.from_pylist(
        [{"id": r["id"], "text": r["text"], "date": r.get("date"), "place": r.get("place")} for r in records],
        schema=pa.schema([("id", pa.string()), ("text", pa.string()), ("date", pa.string()), ("place", pa.string())]),
    )
    parquet = folder / "corpus.parquet"
    pq.write_table(table, parquet, row_group_size=2_000)
    cli = run_cli(pledge_bin, "extract", "--jsonl", str(lines)).stdout
    return {"records": records, "jsonl": lines, "parquet": parquet, "cli": cli, "folder": folder}


def fact_set(lines):
    """The multiset of facts of JSON Lines bytes, each a canonical line (order left out)."""
    return sorted(l for l in lines.decode().splitlines() if l.strip())


def table_facts(table):
    """A facts table (extract_arrow, or read back from Parquet) as CLI lines: `span` from
    `span_start`/`span_end`, `period` and `value_max` left out when null (as serde skips
    them), columns in facts.md's order whatever order the table has them in."""
    out = []
    for row in table.to_pylist():
        fact = {}
        for key in ["doc", "article", "kind", "scope", "indicator", "year", "period", "baseline_year",
                    "measure", "direction", "bound", "value", "value_max", "unit", "quote"]:
            value = row.get(key)
            if key in ("period", "value_max") and value is None:
                continue
            if key in ("year", "baseline_year", "article") and value is not None:
                value = int(value)
            fact[key] = value
        fact["span"] = [int(row["span_start"]), int(row["span_end"])]
        out.append(dumps(fact))
    return out
