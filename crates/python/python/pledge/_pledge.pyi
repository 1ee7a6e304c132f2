"""Type stubs of the native module (see pledge/__init__.py)."""

import datetime
from typing import Any, Iterable, Iterator, Literal, Mapping, Optional, TypedDict, Union

import pyarrow

__version__: str

class _FactRequired(TypedDict):
    doc: str
    article: int
    kind: Literal["target", "actual"]
    scope: str
    indicator: str
    year: Optional[int]
    baseline_year: Optional[int]
    measure: Literal["level", "change", "increment"]
    direction: Optional[Literal["up", "down"]]
    bound: Literal["=", ">=", "<=", "~"]
    value: float
    unit: str
    quote: str
    span: list[int]

class Fact(_FactRequired, total=False):
    """One fact record (facts.md); ``period`` and ``value_max`` only when present."""

    period: str
    value_max: float

class Document(TypedDict, total=False):
    """One document of a corpus, as a line of ``pledge extract --jsonl``."""

    id: str
    text: Union[str, bytes]
    date: Union[str, datetime.date, None]
    place: Optional[str]

Text = Union[str, bytes]
DateArg = Union[str, datetime.date, None]

def extract(
    text: Text,
    *,
    date: DateArg = None,
    doc: Optional[str] = None,
    place: Optional[str] = None,
) -> list[Fact]:
    """The facts of one document, exactly as ``pledge extract`` prints them.

    ``bytes`` are decoded as the CLI decodes a file (UTF-8, UTF-16, GB18030).
    A bad date or undecodable bytes raise ``ValueError`` with the CLI's message.
    """

def extract_many(
    docs: Iterable[Document],
    *,
    threads: Optional[int] = None,
    chunk: int = 512,
    errors: Literal["raise", "skip"] = "raise",
) -> "Facts":
    """The facts of many documents in input order, as ``pledge extract --jsonl``.

    Extracted ``chunk`` documents at a time with the GIL released on ``threads``
    threads (all cores by default).
    """

class Facts(Iterator[Fact]):
    """The iterator ``extract_many`` returns."""

    def __iter__(self) -> "Facts": ...
    def __next__(self) -> Fact: ...

def extract_arrow(
    table: Union[pyarrow.Table, pyarrow.RecordBatch, pyarrow.RecordBatchReader, Any],
    *,
    threads: Optional[int] = None,
    errors: Literal["raise", "skip"] = "raise",
) -> pyarrow.Table:
    """Facts of a table of documents (``id``, ``text``, ``date``?, ``place``?) as a
    ``pyarrow.Table`` of ``facts_schema()``; ``span`` is ``span_start``, ``span_end``."""

def facts_schema() -> pyarrow.Schema:
    """The schema of ``extract_arrow``'s result."""

def normalize(text: Text) -> str:
    """The normalized text, as ``pledge normalize`` prints it (no final newline)."""

def segment(text: Text) -> list[dict[str, Any]]:
    """The articles of a page, as ``pledge segment --json`` prints them."""

def assess(line: Mapping[str, Any]) -> dict[str, Any]:
    """One line of ``pledge assess --input`` (assess-io.md); ``ValueError`` when the
    input cannot be assessed."""
