"""The examples run, and Spark and Dask give the CLI's facts of a corpus of ≥ 10,000
documents built from the shared texts (pandas and polars too)."""

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import fact_set, need, table_facts

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def run_example(name, *args):
    subprocess.run([sys.executable, str(EXAMPLES / name), *map(str, args)], check=True, timeout=900)


def read_parquet_dir(path):
    import pyarrow.dataset as ds

    return ds.dataset(path, format="parquet", partitioning="hive").to_table()


def test_the_corpus_is_big_enough(corpus):
    assert len(corpus["records"]) >= 10_000
    assert len(fact_set(corpus["cli"])) > 10_000


def test_spark_job_writes_the_cli_s_facts_by_year(corpus, tmp_path):
    need(shutil.which("java"), "Java (Spark runs on it)")
    need(importlib.util.find_spec("pyspark"), "pyspark")
    out = tmp_path / "spark-facts"
    run_example("spark_job.py", corpus["jsonl"], out, "--master", "local[2]")
    years = {p.name for p in out.iterdir() if p.name.startswith("year=")}
    assert {"year=2020", "year=2025", "year=__HIVE_DEFAULT_PARTITION__"} <= years
    assert sorted(table_facts(read_parquet_dir(out))) == fact_set(corpus["cli"])


def test_dask_job_writes_the_cli_s_facts_by_year(corpus, tmp_path):
    need(importlib.util.find_spec("distributed"), "dask[distributed]")
    out = tmp_path / "dask-facts"
    # Parquet in here, JSON Lines in the Spark test: both jobs read both.
    run_example("dask_job.py", corpus["parquet"], out, "--workers", "2")
    assert any(p.name == "year=2025" for p in out.iterdir())
    assert sorted(table_facts(read_parquet_dir(out))) == fact_set(corpus["cli"])


def test_pandas_and_polars_script(corpus, tmp_path):
    need(importlib.util.find_spec("polars") and importlib.util.find_spec("pandas"), "pandas and polars")
    import pyarrow.parquet as pq

    run_example("dataframes.py", corpus["jsonl"], tmp_path)
    want = fact_set(corpus["cli"])
    for name in ["pandas.parquet", "polars.parquet"]:
        assert sorted(table_facts(pq.read_table(tmp_path / name))) == want, name
