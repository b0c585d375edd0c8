"""Type stubs of the native half of xxgk (Rust, pyo3). Use the functions of ``xxgk`` instead."""

from typing import Any, Dict, List, Optional, Tuple, Union

SCHEMA_VERSION: int

def extract_path(
    path: str,
    *,
    provenance: bool = False,
    timeout: Optional[float] = None,
    max_file_size: Optional[int] = None,
) -> Dict[str, Any]: ...
def extract_bytes(
    data: bytes,
    name: str,
    *,
    provenance: bool = False,
    timeout: Optional[float] = None,
    max_file_size: Optional[int] = None,
) -> Dict[str, Any]: ...
def columns(shape: str) -> List[Tuple[str, str]]: ...
def table(
    records: List[str], shape: str
) -> Tuple[List[Tuple[str, str]], List[List[Any]], int]: ...
def shard_of(path: str, n: int) -> int: ...

class Batch:
    def __init__(
        self,
        paths: List[str],
        *,
        jobs: Optional[int] = None,
        provenance: bool = False,
        order: str = "done",
        shard: Optional[Tuple[int, int]] = None,
        timeout: Optional[float] = None,
        max_file_size: Optional[int] = None,
        follow_links: bool = False,
        json: bool = False,
    ) -> None: ...
    def __iter__(self) -> "Batch": ...
    def __next__(self) -> Union[Dict[str, Any], str]: ...
    @property
    def summary(self) -> Optional[Dict[str, Any]]: ...
