"""The Arrow path gives the facts of the dict path as columns, from any Arrow source."""

import datetime

import pytest

import pledge
from conftest import dev_docs, jsonl, table_facts

import pyarrow as pa  # noqa: E402  (a test dependency: .ci/run installs it)


def records():
    return [
        {"id": stem, "text": path.read_text(encoding="utf-8"), "date": date, "place": place}
        for stem, path, date, place in dev_docs()
    ]


def expected():
    return jsonl(pledge.extract_many(records())).decode().splitlines()


def test_a_table_gives_the_facts_of_extract_many():
    table = pa.Table.from_pylist(records())
    facts = pledge.extract_arrow(table)
    assert facts.schema == pledge.facts_schema()
    assert facts.num_rows > 400
    assert table_facts(facts) == expected()


def test_batches_readers_and_one_thread_give_the_same():
    table = pa.Table.from_pylist(records())
    want = expected()
    # One record batch, as Spark's mapInArrow hands them over.
    first = table.combine_chunks().to_batches(max_chunksize=5)[0]
    assert table_facts(pledge.extract_arrow(first)) == jsonl(pledge.extract_many(records()[:5])).decode().splitlines()
    small = pa.Table.from_batches(table.to_batches(max_chunksize=4))
    assert table_facts(pledge.extract_arrow(small, threads=1)) == want
    assert table_facts(pledge.extract_arrow(pa.RecordBatchReader.from_batches(small.schema, small.to_batches()))) == want


def test_large_strings_dates_and_integer_ids():
    rows = [{"id": 7, "text": "到2025年，全市清洁取暖率达到90%以上。今年完成投资5亿元。", "date": datetime.date(2023, 3, 2)}]
    table = pa.table({
        "id": pa.array([7], pa.int64()),
        "text": pa.array([rows[0]["text"]], pa.large_string()),
        "date": pa.array([rows[0]["date"]], pa.date32()),
    })
    got = table_facts(pledge.extract_arrow(table))
    want = jsonl(pledge.extract(rows[0]["text"], date="2023-03-02", doc="7")).decode().splitlines()
    assert len(want) == 2 and got == want
    # A timestamp (pandas' datetime64) is read as its day; 1969 and leap days included.
    for day in [datetime.datetime(2023, 3, 2, 23, 59), datetime.datetime(1969, 12, 31, 1), datetime.datetime(2000, 2, 29)]:
        for unit in ["s", "ms", "us", "ns"]:
            stamped = table.set_column(2, "date", pa.array([day], pa.timestamp(unit)))
            assert table_facts(pledge.extract_arrow(stamped)) == jsonl(
                pledge.extract(rows[0]["text"], date=day.date(), doc="7")
            ).decode().splitlines(), (day, unit)
        assert table_facts(pledge.extract_arrow(table.set_column(2, "date", pa.array([day.date()], pa.date64())))) == jsonl(
            pledge.extract(rows[0]["text"], date=day.date(), doc="7")
        ).decode().splitlines()


def test_pandas_and_polars_frames():
    import pandas as pd
    import polars as pl

    frame = pd.DataFrame(records())
    want = expected()
    assert table_facts(pledge.extract_arrow(pa.Table.from_pandas(frame))) == want
    # polars exports an Arrow stream: no pyarrow conversion needed on the way in.
    assert table_facts(pledge.extract_arrow(pl.DataFrame(records()))) == want


def test_an_empty_table_has_the_schema():
    empty = pa.table({"id": pa.array([], pa.string()), "text": pa.array([], pa.string())})
    out = pledge.extract_arrow(empty)
    assert out.num_rows == 0 and out.schema == pledge.facts_schema()


def test_bad_rows_and_tables_are_named():
    with pytest.raises(ValueError, match="no `text` column"):
        pledge.extract_arrow(pa.table({"id": ["a"]}))
    with pytest.raises(TypeError, match="column `text` must hold strings"):
        pledge.extract_arrow(pa.table({"id": ["a"], "text": [1]}))
    bad = pa.table({"id": ["a", "b"], "text": ["到2025年，全市清洁取暖率达到90%以上。", "x"], "date": ["2023-03-02", "2023-3-x"]})
    with pytest.raises(ValueError, match=r"^row 2: `2023-3-x` is not a date \(YYYY-MM-DD\)$"):
        pledge.extract_arrow(bad)
    assert pledge.extract_arrow(bad, errors="skip").column("doc").to_pylist() == ["a"]
    with pytest.raises(TypeError, match="expected a pyarrow.Table"):
        pledge.extract_arrow([1, 2])
