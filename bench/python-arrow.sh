#!/usr/bin/env bash
# The Python package's Arrow path against the CLI's corpus mode, one core each, same text,
# same run (alternating rounds); then Spark and Dask on 1 vs 2 workers. Builds what it
# measures as shipped: the release CLI and the release wheel (fat LTO, pip from
# ./crates/python) in the test environment (scripts/test's; PLEDGE_VENV to choose).
# Usage: bench/python-arrow.sh [--mb 20] [--rounds 5] [--no-spark] [--no-dask]
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-$PWD/target}
venv=${PLEDGE_VENV:-$target/pyenv}
[ -x "$venv/bin/python" ] || { echo "no Python environment at $venv: run scripts/test first (or set PLEDGE_VENV)" >&2; exit 1; }
export PATH="$venv/bin:$PATH"   # maturin, for the wheel build
cargo build --release -q -p pledge-cli
"$venv/bin/python" -m pip install -q --force-reinstall --no-deps --no-build-isolation ./crates/python
exec "$venv/bin/python" bench/python_arrow.py --pledge "$target/release/pledge" --work "$target/bench-python" "$@"
