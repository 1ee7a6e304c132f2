"""Extract the facts of a corpus on Dask distributed and write them as Parquet
partitioned by year.

    python dask_job.py CORPUS OUT [--workers 2] [--scheduler ADDRESS]

CORPUS is JSON Lines ({"id","text","date"?,"place"?} per line) or Parquet with those
columns. Each partition goes to `pledge.extract_arrow` whole (map_partitions): no Python
work per document or per fact. Without --scheduler a LocalCluster of --workers
single-threaded workers runs it; on a cluster, install the pledge wheel on every worker
and pass the scheduler's address.
"""

import argparse

import dask.dataframe as dd
import pandas as pd
import pyarrow as pa
from dask.distributed import Client, LocalCluster

import pledge

COLUMNS = ["id", "text", "date", "place"]


def facts_of(part: pd.DataFrame) -> pd.DataFrame:
    """map_partitions' function: a partition of documents in, its facts out."""
    for column in COLUMNS[2:]:
        if column not in part:
            part = part.assign(**{column: None})
    table = pa.Table.from_pandas(part[COLUMNS], preserve_index=False)
    return pledge.extract_arrow(table, threads=1).to_pandas(types_mapper=pd.ArrowDtype)


def meta() -> pd.DataFrame:
    """The empty frame of facts_schema(), Dask's description of the result."""
    return pledge.facts_schema().empty_table().to_pandas(types_mapper=pd.ArrowDtype)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus")
    ap.add_argument("out")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--scheduler", help="a running scheduler's address (else a LocalCluster)")
    ap.add_argument("--blocksize", default="1MB", help="JSON Lines read per partition")
    args = ap.parse_args(argv)

    if args.scheduler:
        client = Client(args.scheduler)
        cluster = None
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address=None)
        client = Client(cluster)
    try:
        if args.corpus.endswith(".parquet"):
            docs = dd.read_parquet(args.corpus, columns=None)
        else:
            docs = dd.read_json(args.corpus, lines=True, blocksize=args.blocksize, convert_dates=False,
                                dtype={"id": str, "text": str, "date": str, "place": str})
        facts = docs.map_partitions(facts_of, meta=meta())
        facts.to_parquet(args.out, partition_on=["year"], write_index=False, overwrite=True)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


if __name__ == "__main__":
    main()
