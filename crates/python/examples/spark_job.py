"""Extract the facts of a corpus on Spark and write them as Parquet partitioned by year.

    python spark_job.py CORPUS OUT [--master local[2]] [--threads 1]

CORPUS is JSON Lines ({"id","text","date"?,"place"?} per line, as `pledge extract --jsonl`
reads) or Parquet with those columns. Each task hands its Arrow batches to
`pledge.extract_arrow` (mapInArrow): no Python work per document or per fact. On a
cluster, install the pledge wheel on every executor (or ship it with --py-files / a
packed environment) and give each task one core (`--threads 1`, spark.task.cpus=1).
"""

import argparse
import os
import sys

import pledge
from pyspark.sql import SparkSession
from pyspark.sql.pandas.types import from_arrow_schema

INPUT_SCHEMA = "id string, text string, date string, place string"


def facts_of(batches, threads):
    """mapInArrow's function: record batches of documents in, record batches of facts out."""
    for batch in batches:
        yield from pledge.extract_arrow(batch, threads=threads).to_batches()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus")
    ap.add_argument("out")
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--threads", type=int, default=1, help="threads per task (1: a task has one core)")
    args = ap.parse_args(argv)

    # Executors run this interpreter (local mode; on a cluster, set PYSPARK_PYTHON).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    # Local mode talks to itself only: bind to the loopback address, not the host's.
    local = args.master.startswith("local")
    if local:
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    spark = (
        SparkSession.builder.master(args.master)
        .appName("pledge-extract")
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1" if local else "0.0.0.0")
        .config("spark.driver.host", "127.0.0.1" if local else os.uname().nodename)
        .getOrCreate()
    )
    try:
        if args.corpus.endswith(".parquet"):
            docs = spark.read.parquet(args.corpus)
        else:
            docs = spark.read.schema(INPUT_SCHEMA).json(args.corpus)
        # At least one partition per core, so that every worker has work.
        parallelism = spark.sparkContext.defaultParallelism
        if docs.rdd.getNumPartitions() < parallelism:
            docs = docs.repartition(parallelism)
        schema = from_arrow_schema(pledge.facts_schema())
        threads = args.threads
        facts = docs.mapInArrow(lambda batches: facts_of(batches, threads), schema)
        facts.write.mode("overwrite").partitionBy("year").parquet(args.out)
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
