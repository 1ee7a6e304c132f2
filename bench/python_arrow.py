"""Throughput of pledge's Python Arrow path vs the CLI's corpus mode, and of the Spark and
Dask jobs on 1 vs 2 workers (run by bench/python-arrow.sh, which builds both as shipped).

One core each: `pledge extract --jsonl --threads 1` (JSON Lines in, JSON Lines out) and
`pledge.extract_arrow(table, threads=1)` on the same documents in an Arrow table, timed in
alternation (a shared machine's speed drifts between minutes); MB/s counts the documents'
text bytes. Spark (`local[N]`) and Dask (`LocalCluster(N)`) run the examples as a user
would; their fixed cost (start-up, a one-document corpus) is measured and reported apart.
"""

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa

import pledge

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "crates" / "python" / "examples"


def shared_texts():
    """(stem, text, date, place) of the Jinan page, the development set and the Jinan
    progress documents."""
    testdata = ROOT / "testdata"
    out = [("jinan-page", (testdata / "jinan-page-2023-03.txt").read_text(encoding="utf-8"), "2023-03-02", None)]
    for line in (testdata / "dev" / "meta.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip():
            cols = line.split("\t")
            place = cols[2] if len(cols) > 2 and cols[2].strip() else None
            out.append((cols[0], (testdata / "dev" / f"{cols[0]}.txt").read_text(encoding="utf-8"), cols[1], place))
    for line in (testdata / "jinan-progress" / "index.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            stem, date = line.split("\t")[:2]
            out.append((stem, (testdata / "jinan-progress" / f"{stem}.txt").read_text(encoding="utf-8"), date, None))
    return out


def corpus(mb):
    """Whole shared documents, copied until their text reaches `mb` MB."""
    records, size, copy = [], 0, 0
    texts = shared_texts()
    while size < mb * 1e6:
        for stem, text, date, place in texts:
            records.append({"id": f"{stem}#{copy}", "text": text, "date": date, "place": place})
            size += len(text.encode())
        copy += 1
    return records, size


def time_cli(pledge_bin, path):
    start = time.perf_counter()
    out = subprocess.run([pledge_bin, "extract", "--jsonl", "--threads", "1", str(path)], capture_output=True, check=True)
    return time.perf_counter() - start, out.stdout.count(b"\n")


def time_arrow(table):
    start = time.perf_counter()
    facts = pledge.extract_arrow(table, threads=1)
    return time.perf_counter() - start, facts.num_rows


def time_job(args):
    start = time.perf_counter()
    subprocess.run([sys.executable, *map(str, args)], check=True, capture_output=True)
    return time.perf_counter() - start


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pledge", required=True, help="the release CLI")
    ap.add_argument("--work", required=True, help="a folder for the corpus and the jobs' output")
    ap.add_argument("--mb", type=float, default=20, help="corpus size (text MB)")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--no-spark", action="store_true")
    ap.add_argument("--no-dask", action="store_true")
    args = ap.parse_args()

    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    records, size = corpus(args.mb)
    path = work / "corpus.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    table = pa.Table.from_pylist(records)
    mb = size / 1e6
    print(f"corpus: {len(records)} documents, {mb:.1f} MB of text")

    cli, arrow, ratios = [], [], []
    for r in range(args.rounds):
        c, cf = time_cli(args.pledge, path)
        a, af = time_arrow(table)
        assert cf == af, f"the CLI wrote {cf} facts, the Arrow path {af}"
        cli.append(c)
        arrow.append(a)
        ratios.append(c / a)
        print(f"round {r + 1}: CLI {mb / c:.1f} MB/s {cf / c:,.0f} facts/s | Arrow {mb / a:.1f} MB/s {af / a:,.0f} facts/s | Arrow/CLI {c / a:.3f}")
    c, a = statistics.median(cli), statistics.median(arrow)
    print(f"median: CLI corpus mode 1 thread {mb / c:.1f} MB/s, {cf / c:,.0f} facts/s; "
          f"extract_arrow 1 thread {mb / a:.1f} MB/s, {af / a:,.0f} facts/s; "
          f"median ratio Arrow/CLI {statistics.median(ratios):.3f} ({min(ratios):.3f}-{max(ratios):.3f}, {len(ratios)} rounds)")

    one = work / "one.jsonl"
    one.write_text(json.dumps(records[0], ensure_ascii=False) + "\n", encoding="utf-8")
    jobs = []
    if not args.no_spark:
        jobs.append(("Spark", "spark_job.py", lambda n: ["--master", f"local[{n}]"]))
    if not args.no_dask:
        jobs.append(("Dask", "dask_job.py", lambda n: ["--workers", str(n)]))
    for name, script, workers in jobs:
        walls = {}
        for n in (1, 2):
            fixed = time_job([EXAMPLES / script, one, work / f"{script}-one-{n}", *workers(n)])
            wall = time_job([EXAMPLES / script, path, work / f"{script}-out-{n}", *workers(n)])
            walls[n] = wall - fixed
            print(f"{name} {n} worker(s): {wall:.1f} s wall, {fixed:.1f} s fixed cost (one document) → "
                  f"{mb / walls[n]:.1f} MB/s, {cf / walls[n]:,.0f} facts/s past the fixed cost")
        print(f"{name} scaling 1 → 2 workers: {walls[1] / walls[2]:.2f}×")


if __name__ == "__main__":
    main()
