"""xxgk: records of Chinese government information disclosure annual reports.

The records are those of ``xxgk extract`` (docs/schema.md), as dicts: the native module builds
each dict from the record's serde data model, the one the CLI writes its JSON line from, so a
record here is exactly ``json.loads`` of the CLI's line (same keys in the same order, ints as
ints, decimals as the same floats). A bad document is never an exception: it is a record with
``error``, as in the CLI. Exceptions are for misuse (a wrong argument type, a directory given to
``extract``).

    >>> import xxgk
    >>> rec = xxgk.extract("report.pdf")
    >>> df = xxgk.to_pandas(xxgk.extract_many(["reports/"], jobs=4), shape="wide")
"""

from __future__ import annotations

import json
import os
from typing import Any, Dict, Iterable, Iterator, List, Optional, Tuple, Union

from . import _xxgk
from ._xxgk import SCHEMA_VERSION

__all__ = [
    "SCHEMA_VERSION",
    "Batch",
    "columns",
    "extract",
    "extract_many",
    "shard_of",
    "table",
    "to_pandas",
    "write_parquet",
]

PathLike = Union[str, "os.PathLike[str]"]


def extract(
    path_or_bytes: Union[PathLike, bytes, bytearray, memoryview],
    *,
    name: Optional[str] = None,
    provenance: bool = False,
    timeout: Optional[float] = None,
    max_file_size: Optional[int] = None,
) -> Dict[str, Any]:
    """The record of one report, exactly what ``xxgk extract`` writes for it.

    ``path_or_bytes`` is a path (str or os.PathLike) or the file's bytes; ``name`` is the path
    the record gives bytes (default ``"<bytes>"``; its extension matters as for a file, e.g.
    ``format_mismatch``). ``provenance`` writes each value as ``{"value", "raw", "page", ...}``.
    ``timeout`` (seconds, default 60, 0 for none) and ``max_file_size`` (MiB, default 256) are
    the CLI's ``--timeout`` and ``--max-file-size``. The GIL is released while it works.
    """
    opts = dict(provenance=provenance, timeout=timeout, max_file_size=max_file_size)
    if isinstance(path_or_bytes, (bytes, bytearray, memoryview)):
        return _xxgk.extract_bytes(bytes(path_or_bytes), name or "<bytes>", **opts)
    elif isinstance(path_or_bytes, (str, os.PathLike)):
        if name is not None:
            raise TypeError("name= is for bytes; a path names itself")
        return _xxgk.extract_path(os.fspath(path_or_bytes), **opts)
    raise TypeError(
        "extract() takes a path (str or os.PathLike) or bytes, not " + type(path_or_bytes).__name__
    )


class Batch:
    """The records of many files as they are done: an iterator of dicts.

    Made by :func:`extract_many`. Once exhausted, :attr:`summary` says what the run did (the
    CLI's summary: files, records, skipped_format, duplicates, errors by code, ...).
    Dropping it before the end stops the work.
    """

    def __init__(self, native: "_xxgk.Batch") -> None:
        self._native = native

    def __iter__(self) -> "Batch":
        return self

    def __next__(self) -> Dict[str, Any]:
        return next(self._native)

    @property
    def summary(self) -> Optional[Dict[str, Any]]:
        """What the run did, once every record was handed over; None before."""
        return self._native.summary


def extract_many(
    paths: Iterable[PathLike],
    *,
    jobs: Optional[int] = None,
    provenance: bool = False,
    order: str = "done",
    shard: Optional[Tuple[int, int]] = None,
    timeout: Optional[float] = None,
    max_file_size: Optional[int] = None,
    follow_links: bool = False,
) -> Batch:
    """The records of many files, extracted in parallel in Rust, yielded as they complete.

    ``paths`` are files (each gets exactly one record, errors included) and directories (walked
    as by the CLI: hidden entries and files of none of our formats skipped and counted in
    ``summary``). A path given twice gets one record. ``jobs`` is the number of worker threads
    (default: all cores); ``order`` is ``"done"`` (as finished) or ``"input"``; ``shard=(K, N)``
    keeps the files of ``--shard K/N``. The other options are :func:`extract`'s. The GIL is
    released while the workers run, so other Python threads go on.
    """
    if isinstance(paths, (str, bytes, os.PathLike)):
        raise TypeError("extract_many() takes a list of paths; for one file use extract()")
    native = _xxgk.Batch(
        [os.fspath(p) for p in paths],
        jobs=jobs,
        provenance=provenance,
        order=order,
        shard=shard,
        timeout=timeout,
        max_file_size=max_file_size,
        follow_links=follow_links,
    )
    return Batch(native)


def columns(shape: str = "long") -> List[Tuple[str, str]]:
    """The columns of a table shape with their kinds (``"text"``, ``"integer"``, ``"decimal"``).

    ``"long"`` is the CSV output (``xxgk extract -f csv``), ``"wide"`` the wide one
    (``-f wide``); the Parquet outputs have the same columns.
    """
    return _xxgk.columns(shape)


def _texts(records: Iterable[Union[Dict[str, Any], str]]) -> List[str]:
    out = []
    for r in records:
        if isinstance(r, str):
            out.append(r)
        elif isinstance(r, dict):
            out.append(json.dumps(r, ensure_ascii=False))
        else:
            raise TypeError("records must be dicts (or JSON texts), not " + type(r).__name__)
    return out


def table(
    records: Iterable[Union[Dict[str, Any], str]], shape: str = "long"
) -> Tuple[List[Tuple[str, str]], List[List[Any]]]:
    """The rows of the CSV writers, column by column, typed, with no pandas needed.

    Returns ``(columns, values)``: ``columns`` as :func:`columns`, ``values`` one list per
    column (str, int, float or None for an empty CSV cell). A value that does not fit its
    column's type (a fraction in a count) is None, as in the Parquet output.
    """
    cols, values, _unfit = _xxgk.table(_texts(records), shape)
    return cols, values


def to_pandas(records: Iterable[Union[Dict[str, Any], str]], shape: str = "long") -> Any:
    """A pandas DataFrame with the columns and rows of the CSV (``shape="long"``) or the wide
    (``shape="wide"``) output.

    Integers (year, counts, 本年增/减) are pandas ``Int64`` (nullable), amounts and the long
    form's ``value`` ``float64`` (NaN when empty), text ``object`` (None when empty). Needs
    pandas (``pip install pandas``).
    """
    try:
        import pandas as pd
    except ImportError as e:
        raise ImportError(
            "xxgk.to_pandas needs pandas, which is not installed: pip install pandas "
            "(or use xxgk.table for plain lists)"
        ) from e
    cols, values = table(records, shape)
    dtypes = {"integer": "Int64", "decimal": "float64", "text": "object"}
    data = {
        name: pd.Series(vals, dtype=dtypes[kind]) for (name, kind), vals in zip(cols, values)
    }
    return pd.DataFrame(data, columns=[name for name, _ in cols])


def write_parquet(
    records: Iterable[Union[Dict[str, Any], str]], path: PathLike, shape: str = "long"
) -> None:
    """Writes records as ``xxgk convert -f parquet`` (``shape="long"``) or ``-f wide-parquet``
    (``shape="wide"``) would: the same columns and types. The file appears only when complete.
    """
    _xxgk.write_parquet(_texts(records), os.fspath(path), shape=shape)


def shard_of(path: PathLike, n: int) -> int:
    """The shard K (1-based) of N that ``xxgk extract --shard K/N`` gives ``path`` to: the first
    8 bytes of the SHA-256 of the path as given, big-endian, modulo N, plus 1."""
    return _xxgk.shard_of(os.fspath(path), n)
