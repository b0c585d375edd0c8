"""Many machines: a list of paths to a Parquet dataset, with any engine that runs Python tasks.

The unit of work is :func:`extract_part`: one task extracts a part of the paths, in parallel
threads in Rust, and writes one Parquet file (``-f parquet`` or ``-f wide-parquet`` of the CLI,
same columns and types) that appears only when complete; the dataset is the folder of parts.
Parts are either chunks of the list (engines that hand tasks their data: Dask, Ray, Spark) or
shards by the rule of ``xxgk extract --shard K/N`` (engines that schedule by index: Slurm
arrays, Kubernetes indexed jobs), so that no coordination is needed and a failed task is simply
run again. docs/distributed.md has the recipes; :func:`run_dask` is the tested one.
"""

from __future__ import annotations

import os
from typing import Any, Dict, List, Optional, Sequence, Tuple

from . import _xxgk

__all__ = ["chunks", "extract_part", "part_name", "run_dask"]


def part_name(k: int, n: int, shape: str = "long") -> str:
    """The file name of part ``k`` of ``n`` (``part-00003-of-00010.parquet``)."""
    suffix = "" if shape == "long" else "-wide"
    return f"part-{k:05d}-of-{n:05d}{suffix}.parquet"


def chunks(paths: Sequence[str], n: int) -> List[List[str]]:
    """``paths`` split into ``n`` contiguous chunks of nearly equal length (some may be empty)."""
    if n < 1:
        raise ValueError("n must be at least 1")
    size, extra = divmod(len(paths), n)
    out, start = [], 0
    for i in range(n):
        end = start + size + (1 if i < extra else 0)
        out.append([os.fspath(p) for p in paths[start:end]])
        start = end
    return out


def extract_part(
    paths: Sequence[str],
    out_dir: str,
    k: int,
    n: int,
    *,
    shape: str = "long",
    by_shard: bool = False,
    jobs: Optional[int] = None,
    provenance: bool = False,
    timeout: Optional[float] = None,
    max_file_size: Optional[int] = None,
) -> Dict[str, Any]:
    """Extracts part ``k`` of ``n`` and writes ``out_dir/part_name(k, n, shape)``.

    With ``by_shard``, ``paths`` is the whole list and the part is the files of
    ``--shard k/n``; otherwise ``paths`` is the part itself (a chunk). Returns the run's summary
    (files, records, errors by code, ...) with ``path``, the Parquet file written. Every file of
    the part gets exactly one row group entry (one row per report in the wide shape).
    """
    os.makedirs(out_dir, exist_ok=True)
    output = os.path.join(out_dir, part_name(k, n, shape))
    summary = _xxgk.extract_parquet(
        [os.fspath(p) for p in paths],
        output,
        shape=shape,
        jobs=jobs,
        provenance=provenance,
        shard=(k, n) if by_shard else None,
        timeout=timeout,
        max_file_size=max_file_size,
    )
    summary["path"] = output
    return summary


def run_dask(
    client: Any,
    paths: Sequence[str],
    out_dir: str,
    *,
    parts: Optional[int] = None,
    shape: str = "long",
    jobs_per_task: int = 1,
    **options: Any,
) -> List[Dict[str, Any]]:
    """The Dask recipe: ``paths`` in ``parts`` chunks (default: two per worker), one
    :func:`extract_part` task each on ``client``'s cluster; returns the parts' summaries.

    ``jobs_per_task`` is the Rust threads of one task: 1 with one Dask thread per core, more
    with one Dask worker per machine.
    """
    if parts is None:
        workers = len(client.scheduler_info().get("workers", {})) or 1
        parts = 2 * workers
    futures = [
        client.submit(
            extract_part,
            chunk,
            out_dir,
            k,
            parts,
            shape=shape,
            jobs=jobs_per_task,
            pure=False,
            **options,
        )
        for k, chunk in enumerate(chunks(list(paths), parts), start=1)
    ]
    return client.gather(futures)
