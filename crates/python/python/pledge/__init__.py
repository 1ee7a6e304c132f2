"""pledge: plan targets and reported figures from Chinese government text.

The functions answer exactly as the ``pledge`` command does:

- ``extract(text, date=..., doc=..., place=...)`` -> the fact dicts ``pledge extract`` prints;
- ``extract_many(records)`` -> the facts of many documents, on every core
  (``pledge extract --jsonl``);
- ``extract_arrow(table)`` -> a ``pyarrow.Table`` of facts, for pandas, polars, Spark
  (``mapInArrow``) and Dask (``map_partitions``), with no work per row in Python;
- ``normalize(text)``, ``segment(text)`` -> ``pledge normalize``, ``pledge segment --json``;
- ``assess(line)`` -> one line of ``pledge assess --input`` (assess-io.md).

A fact is a dict with ``doc, article, kind, scope, indicator, year, period?,
baseline_year, measure, direction, bound, value, value_max?, unit, quote, span``
(facts.md); ``span`` holds byte offsets into the UTF-8 text.
"""

from ._pledge import (
    Facts,
    __version__,
    assess,
    extract,
    extract_arrow,
    extract_many,
    facts_schema,
    normalize,
    segment,
)

__all__ = [
    "Facts",
    "__version__",
    "assess",
    "extract",
    "extract_arrow",
    "extract_many",
    "facts_schema",
    "normalize",
    "segment",
]
