"""extract_many against the CLI on the same files, and the cost per record of the Python
boundary. Run from the repository root after `cargo build --release` and `pip install ./python`:

    nice -n 19 python python/bench/throughput.py [N] [R]     # defaults: N=1000, R=3

N files are copied from the sample reports (every document of samples/ but truth, notes and
README files and the bad-input fixtures, cycled), as scripts/bench.sh does. For jobs 1 and 2,
the best of R runs of: the CLI (`xxgk extract -q -j J DIR -o out.jsonl`), `extract_many` giving
dicts (everything a user gets: the batch, the record copied into the channel, the dict built
from it in Rust), and the native iterator giving the CLI's JSON lines instead (`json=True`: the
cost of the boundary without the dicts).
"""

import json
import resource
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import xxgk
from xxgk import _xxgk

ROOT = Path(__file__).resolve().parents[2]
CLI = os.environ.get("XXGK_BIN") or str(ROOT / "target" / "release" / "xxgk")


def sources():
    out = []
    for p in sorted((ROOT / "samples").rglob("*")):
        n = p.name
        if not p.is_file() or n.endswith((".truth.json", ".notes.md")) or n == "README.md":
            continue
        if "/bad/" in str(p) or "_should_be_" in n:
            continue
        out.append(p)
    return out


def cpu():
    """CPU seconds (user + system) of this process's threads and of its finished children."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def best(fn, r):
    """The best wall time of r runs, and the CPU time of that run (less sensitive to load)."""
    runs = []
    for _ in range(r):
        t, c = time.perf_counter(), cpu()
        fn()
        runs.append((time.perf_counter() - t, cpu() - c))
    return min(runs)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    r = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    src = sources()
    work = Path(tempfile.mkdtemp())
    try:
        d = work / "files"
        d.mkdir()
        size = 0
        for i in range(n):
            p = src[i % len(src)]
            dest = d / f"{i:05d}-{p.name}"
            shutil.copy(p, dest)
            size += dest.stat().st_size
        print(f"{n} files, {size / 2**20:.1f} MiB, from {len(src)} samples; best of {r}")
        out = work / "out.jsonl"
        for jobs in (1, 2):
            def cli():
                subprocess.run([CLI, "extract", "-q", "-j", str(jobs), str(d), "-o", str(out)])

            def dicts():
                assert sum(1 for _ in xxgk.extract_many([d], jobs=jobs)) == n

            def lines():
                assert sum(1 for _ in _xxgk.Batch([str(d)], jobs=jobs, json=True)) == n

            (tc, cc), (td, cd), (tl, cl) = best(cli, r), best(dicts, r), best(lines, r)
            print(
                f"jobs {jobs}: CLI {tc:.3f} s ({n / tc:.0f} files/s, {cc:.2f} s CPU); "
                f"extract_many dicts {td:.3f} s ({n / td:.0f} files/s, {td / tc:.3f}x; "
                f"{cd:.2f} s CPU, {cd / cc:.3f}x); JSON lines only {tl:.3f} s ({tl / tc:.3f}x; "
                f"{cl:.2f} s CPU); CPU per record vs CLI {(cd - cc) / n * 1e6:+.0f} us"
            )
        lines_ = out.read_text(encoding="utf-8").splitlines()
        t, _ = best(lambda: [json.loads(x) for x in lines_], r)
        mean = sum(map(len, lines_)) / len(lines_)
        print(f"json.loads: {t / len(lines_) * 1e6:.1f} us per record (mean {mean:.0f} bytes)")
        one = str(src[0])
        k = 200
        t1 = best(lambda: [xxgk.extract(one) for _ in range(k)], r)[0] / k
        print(f"extract() of {src[0].name}: {t1 * 1e6:.0f} us a call")
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
