"""pandas and polars, notebook style: read a corpus, extract its facts, look at them.

    python dataframes.py CORPUS.jsonl [OUT_DIR]

Three lines do the work in pandas:

    docs = pd.read_json(CORPUS, lines=True, dtype={"id": str})
    facts = pledge.extract_arrow(pa.Table.from_pandas(docs)).to_pandas()
    facts.groupby(["scope", "year", "kind"]).size()

and two in polars (a DataFrame is an Arrow stream, taken as it is):

    docs = pl.read_ndjson(CORPUS)
    facts = pl.from_arrow(pledge.extract_arrow(docs))
"""

import sys
from pathlib import Path

import pandas as pd
import polars as pl
import pyarrow as pa

import pledge


def with_pandas(corpus):
    docs = pd.read_json(corpus, lines=True, convert_dates=False, dtype={"id": str, "date": str, "place": str})
    facts = pledge.extract_arrow(pa.Table.from_pandas(docs, preserve_index=False)).to_pandas()
    # Targets per place and due year, the most committed first.
    targets = facts[facts.kind == "target"].groupby(["scope", "year"], dropna=False).size()
    print(targets.sort_values(ascending=False).head(10))
    return facts


def with_polars(corpus):
    docs = pl.read_ndjson(corpus, schema={"id": pl.String, "text": pl.String, "date": pl.String, "place": pl.String})
    facts = pl.from_arrow(pledge.extract_arrow(docs))
    # What is reported in percent, by indicator.
    print(
        facts.filter((pl.col("kind") == "actual") & (pl.col("unit") == "%"))
        .group_by("indicator")
        .agg(pl.len().alias("facts"), pl.col("value").mean().alias("mean"))
        .sort("facts", descending=True)
        .head(10)
    )
    return facts


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    corpus = argv[0]
    pandas_facts = with_pandas(corpus)
    polars_facts = with_polars(corpus)
    if len(argv) > 1:
        out = Path(argv[1])
        out.mkdir(parents=True, exist_ok=True)
        pandas_facts.to_parquet(out / "pandas.parquet", index=False)
        polars_facts.write_parquet(out / "polars.parquet")


if __name__ == "__main__":
    main()
