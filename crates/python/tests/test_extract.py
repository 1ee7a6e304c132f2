"""The package answers as the CLI does: byte for byte on the shared page and the
development set, the same messages for the same errors."""

import datetime
import json
import re
import warnings

import pytest

import pledge
from conftest import PAGE, PAGE_DATE, dev_docs, dumps, jsonl, run_cli


def test_the_issue_s_one_liner_gives_one_fact():
    facts = pledge.extract("到2025年，全市清洁取暖率达到90%以上。", date="2023-03-02")
    assert len(facts) == 1
    assert (facts[0]["indicator"], facts[0]["year"], facts[0]["bound"], facts[0]["value"]) == ("清洁取暖率", 2025, ">=", 90.0)


def test_the_page_is_what_the_cli_prints(pledge_bin):
    cli = run_cli(pledge_bin, "extract", "--date", PAGE_DATE, str(PAGE)).stdout
    doc = PAGE.stem
    assert cli.count(b"\n") > 50
    assert jsonl(pledge.extract(PAGE.read_bytes(), date=PAGE_DATE, doc=doc)) == cli
    # A str is the same text already decoded; a datetime.date the same day.
    text = PAGE.read_text(encoding="utf-8")
    assert jsonl(pledge.extract(text, date=datetime.date(2023, 3, 2), doc=doc)) == cli


@pytest.mark.parametrize("stem,path,date,place", dev_docs(), ids=[d[0] for d in dev_docs()])
def test_each_development_document_is_what_the_cli_prints(pledge_bin, stem, path, date, place):
    args = ["extract", "--date", date] + (["--place", place] if place else []) + [str(path)]
    cli = run_cli(pledge_bin, *args).stdout
    assert jsonl(pledge.extract(path.read_bytes(), date=date, doc=stem, place=place)) == cli


def dev_records():
    return [
        {"id": stem, "text": path.read_text(encoding="utf-8"), "date": date, **({"place": place} if place else {})}
        for stem, path, date, place in dev_docs()
    ]


def test_extract_many_is_corpus_mode(pledge_bin, tmp_path):
    records = dev_records()
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()
    cli = run_cli(pledge_bin, "extract", "--jsonl", "-", stdin=lines).stdout
    assert cli.count(b"\n") > 400
    assert jsonl(pledge.extract_many(records)) == cli
    # One thread, small chunks and a generator give the same facts in the same order.
    assert jsonl(pledge.extract_many((r for r in records), threads=1, chunk=3)) == cli
    assert jsonl(pledge.extract_many(records, threads=2, chunk=1)) == cli


def test_a_bad_date_is_the_cli_s_message(pledge_bin):
    cli = run_cli(pledge_bin, "extract", "--date", "2023-13-01", str(PAGE), check=False)
    assert cli.returncode != 0
    with pytest.raises(ValueError) as e:
        pledge.extract("到2025年达到90%。", date="2023-13-01")
    assert str(e.value) == "`2023-13-01` is not a date (YYYY-MM-DD)"
    assert str(e.value) in cli.stderr.decode()


def test_a_bad_corpus_record_raises_or_is_skipped_as_the_cli_skips_it(pledge_bin):
    records = dev_records()[:3]
    records.insert(1, {"id": "bad", "text": "到2025年达到90%。", "date": "2023-02-30x"})
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()
    cli = run_cli(pledge_bin, "extract", "--jsonl", "-", stdin=lines, check=False)
    assert cli.returncode == 1
    message = "`2023-02-30x` is not a date (YYYY-MM-DD)"
    assert f"line 2: {message}" in cli.stderr.decode()
    # raise: the first document's facts come out, then the error naming the record.
    got = []
    with pytest.raises(ValueError, match=f"^{re.escape('document 2: ' + message)}$"):
        for fact in pledge.extract_many(records):
            got.append(fact)
    assert got and all(f["doc"] == records[0]["id"] for f in got)
    # skip: the CLI's facts, and a warning saying which.
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        assert jsonl(pledge.extract_many(records, errors="skip")) == cli.stdout
    assert [str(w.message) for w in seen] == [f"document 2: {message}"]


def test_records_without_id_or_text_are_refused():
    with pytest.raises(ValueError, match="document 1: missing field `id`"):
        list(pledge.extract_many([{"text": "x"}]))
    with pytest.raises(ValueError, match=r"document 2 \(b\): missing field `text`"):
        list(pledge.extract_many([{"id": "a", "text": ""}, {"id": "b"}]))
    with pytest.raises(TypeError, match="document 1: expected a dict"):
        list(pledge.extract_many(["text"]))
    with pytest.raises(ValueError, match="errors="):
        pledge.extract_many([], errors="ignore")


def test_undecodable_bytes_are_the_cli_s_message(pledge_bin, tmp_path):
    bad = "到2025年".encode() + b"\x81\x20\xff"
    path = tmp_path / "bad.txt"
    path.write_bytes(bad)
    cli = run_cli(pledge_bin, "extract", str(path), check=False)
    assert cli.returncode != 0
    with pytest.raises(ValueError) as e:
        pledge.extract(bad)
    assert str(e.value).startswith("undecodable input at byte offset 10")
    assert f"{path}: {e.value}" in cli.stderr.decode()
    with pytest.raises(ValueError, match="binary data"):
        pledge.normalize(b"abc\x01def")
    with pytest.raises(TypeError, match="str or bytes"):
        pledge.extract(12)


def test_normalize_and_segment_are_the_cli_s(pledge_bin):
    normalized = run_cli(pledge_bin, "normalize", str(PAGE)).stdout.decode()
    assert pledge.normalize(PAGE.read_bytes()) + "\n" == normalized
    assert pledge.normalize(PAGE.read_text(encoding="utf-8")) + "\n" == normalized
    articles = json.loads(run_cli(pledge_bin, "segment", "--json", str(PAGE)).stdout)
    assert len(articles) > 3
    assert pledge.segment(PAGE.read_bytes()) == articles


ASSESS_LINES = [
    {
        "id": "charging-points",
        "target": {"measure": "level", "direction": None, "bound": ">=", "value": 80000, "unit": "个",
                   "year": 2025, "baseline_year": None},
        "desirable": "up",
        "observations": [{"year": 2020, "value": 20000, "unit": "个"}, {"year": 2023, "value": 5.5, "unit": "万个"}],
    },
    {
        "id": "energy",
        "target": {"measure": "change", "direction": "down", "bound": ">=", "value": 14.5, "unit": "%",
                   "year": 2025, "baseline_year": 2020},
        "observations": [{"year": 2022, "value": -3.1, "unit": "%", "measure": "change", "baseline_year": 2021},
                         {"year": 2023, "value": -4.0, "unit": "%", "measure": "change", "baseline_year": 2022}],
        "options": {"as_of": "2024-06-30"},
    },
]


def test_assess_is_a_batch_line(pledge_bin):
    lines = "".join(json.dumps(l, ensure_ascii=False) + "\n" for l in ASSESS_LINES).encode()
    cli = run_cli(pledge_bin, "assess", "--input", "-", stdin=lines).stdout.decode().splitlines()
    assert [dumps(pledge.assess(l)) for l in ASSESS_LINES] == cli
    assert pledge.assess(ASSESS_LINES[0])["status"] == "ON_TRACK"


def test_an_input_that_cannot_be_assessed_is_the_batch_s_message(pledge_bin):
    bad = {"id": "x", "target": {"measure": "level", "bound": ">=", "value": 1, "unit": "个", "year": 2025},
           "observations": [{"year": 2020, "value": 1, "unit": "吨"}]}
    cli = json.loads(run_cli(pledge_bin, "assess", "--input", "-", stdin=(json.dumps(bad) + "\n").encode(), check=False).stdout)
    assert cli["error"].startswith("line 1, field ")
    with pytest.raises(ValueError) as e:
        pledge.assess(bad)
    assert "line 1, " + str(e.value) == cli["error"]
    with pytest.raises(ValueError, match="^expected a JSON object$"):
        pledge.assess([1])
