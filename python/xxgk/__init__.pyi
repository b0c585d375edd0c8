"""Type stubs of xxgk: records of 政府信息公开工作年度报告 as dicts and DataFrames."""

import os
from typing import Any, Dict, Iterable, Iterator, List, Optional, Tuple, Union

from . import _xxgk

SCHEMA_VERSION: int
PathLike = Union[str, os.PathLike[str]]
Record = Dict[str, Any]

def extract(
    path_or_bytes: Union[PathLike, bytes, bytearray, memoryview],
    *,
    name: Optional[str] = None,
    provenance: bool = False,
    timeout: Optional[float] = None,
    max_file_size: Optional[int] = None,
) -> Record: ...

class Batch(Iterator[Record]):
    def __init__(self, native: _xxgk.Batch) -> None: ...
    def __iter__(self) -> Batch: ...
    def __next__(self) -> Record: ...
    @property
    def summary(self) -> Optional[Dict[str, Any]]: ...

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
) -> Batch: ...
def columns(shape: str = "long") -> List[Tuple[str, str]]: ...
def table(
    records: Iterable[Union[Record, str]], shape: str = "long"
) -> Tuple[List[Tuple[str, str]], List[List[Any]]]: ...
def to_pandas(records: Iterable[Union[Record, str]], shape: str = "long") -> Any: ...
def shard_of(path: PathLike, n: int) -> int: ...
def write_parquet(
    records: Iterable[Union[Record, str]], path: PathLike, shape: str = "long"
) -> None: ...
