"""extract_many against the CLI on the same files, and the cost per record of the Python
boundary. Run from the repository root after `cargo build --release` and `pip install ./python`:

    python python/bench/throughput.py [N] [R]     # defaults: N=1000, R=5

N files are copied from the sample reports (every document of samples/ but truth, notes and
README files and the bad-input fixtures, cycled), as scripts/bench.sh does. For jobs 1 and 2, R
rounds, each running once, in turn (so that a change of the machine's load falls on all alike):

- `cli`: the CLI, `xxgk extract -q --ocr never -j J DIR -o out.jsonl` (a process, records written
  to a file; OCR off, as in the Python package, which is built without it);
- `dicts`: `extract_many([DIR], jobs=J)` consumed as dicts: everything a user gets (the batch,
  each record moved into the channel, its dict built in Rust on the consumer's thread);
- `lines`: the native iterator giving the CLI's JSON lines instead (`_xxgk.Batch(..., json=True)`):
  the boundary without the dicts;
- `lines+loads`: those lines through `json.loads`, which is how the package made its dicts
  before they were built in Rust (the comparison of the two ways in one run).

For each: the best and the median wall time, the least CPU time (user + system of every thread,
and of the CLI child; less sensitive to the load of a shared machine than wall time), the CPU
time of the consuming Python thread alone per record (`time.thread_time`: what the GIL-holding
side costs), the context switches per record (voluntary and involuntary, of the whole process:
the wake-ups) and the collections of Python's cyclic garbage collector during the run.
Then, in R more rounds with a thread sampling /proc/PID/task/*/schedstat every 5 ms, the CPU
time per record of each kind of thread (the least of the rounds): the rayon workers (the
extraction itself, the same code in both), the CLI's main thread (orders the records, writes
the JSON lines) or the package's batch thread (orders them, moves each into the channel, or
writes its line), and the consuming Python thread (from the first rounds): the boundary's cost
apart from the noise that a loaded machine puts into whole-process times.

Last, with jobs 2, the dicts kept (`list(extract_many(...))`, as a notebook does before
`to_pandas`), plain and with provenance, with the garbage collector on and off: what the
collector costs once records survive (while each dict is dropped before the next, as above, it
hardly runs at all).
"""

import gc
import json
import resource
import statistics
import os
import shutil
import subprocess
import sys
import tempfile
import threading
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
        # The OCR samples (scans, pictured tables): the package is built without OCR, and a
        # walked folder holds no pictures as inputs.
        if p.parent.name in ("scan", "html-img"):
            continue
        out.append(p)
    return out


def cpu():
    """CPU seconds (user + system) of this process's threads and of its finished children."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


class Threads:
    """CPU seconds of a process's xxgk threads by kind, read every 5 ms from
    /proc/PID/task/*/schedstat by a sampling thread: the rayon workers (`xxgk-worker-*`) and
    the others (the CLI's main thread, or the package's batch thread, each with the file
    enumerator it starts). Threads end with the batch, so the last reading of each is kept: at
    most 5 ms short. `pid` None is this process (whose own Python threads are not counted)."""

    def __init__(self, pid=None):
        self.task = f"/proc/{pid or 'self'}/task"
        self.names = ("xxgk-",) if pid is None else ("xxgk",)

    def __enter__(self):
        self.seen = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.sample)
        self.thread.start()
        return self

    def sample(self):
        while not self.stop.wait(0.005):
            try:
                tids = os.listdir(self.task)
            except OSError:
                continue
            for tid in tids:
                try:
                    comm = open(f"{self.task}/{tid}/comm").read().strip()
                    ns = int(open(f"{self.task}/{tid}/schedstat").read().split()[0])
                except (OSError, ValueError):
                    continue
                if comm.startswith(self.names):
                    self.seen[tid] = (comm, ns)

    def __exit__(self, *_):
        self.stop.set()
        self.thread.join()
        self.cpu = {"workers": 0.0, "other": 0.0}
        for comm, ns in self.seen.values():
            self.cpu["workers" if comm.startswith("xxgk-worker") else "other"] += ns / 1e9


def switches():
    """Context switches (voluntary, involuntary) of this process's threads and of its finished
    children."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_nvcsw + kids.ru_nvcsw, me.ru_nivcsw + kids.ru_nivcsw


class Collections:
    """Collections of Python's cyclic garbage collector, by generation, and their time, while
    in effect."""

    def __enter__(self):
        self.count = [0, 0, 0]
        self.seconds = 0.0
        self.started = 0.0
        gc.callbacks.append(self.heard)
        return self

    def heard(self, phase, info):
        if phase == "start":
            self.started = time.perf_counter()
        else:
            self.count[info["generation"]] += 1
            self.seconds += time.perf_counter() - self.started

    def __exit__(self, *_):
        gc.callbacks.remove(self.heard)


def run(fn):
    """Wall, CPU of the process and its children, CPU of this thread, context switches
    (voluntary, involuntary), garbage collections (by generation) and their seconds, of one
    call."""
    s = switches()
    with Collections() as g:
        t, c, th = time.perf_counter(), cpu(), time.thread_time()
        fn()
        t, c, th = time.perf_counter() - t, cpu() - c, time.thread_time() - th
    v, i = switches()
    return t, c, th, (v - s[0], i - s[1]), g.count, g.seconds


def commit():
    """The checkout's commit, for the record of a measurement."""
    try:
        out = subprocess.run(
            ["git", "-C", str(ROOT), "describe", "--always", "--dirty"],
            capture_output=True, text=True, check=True,
        )
        return f"commit {out.stdout.strip()}"
    except (OSError, subprocess.CalledProcessError):
        return "commit unknown"


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    r = int(sys.argv[2]) if len(sys.argv) > 2 else 5
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
        print(f"{n} files, {size / 2**20:.1f} MiB, from {len(src)} samples; {r} rounds; {commit()}")
        print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        out = work / "out.jsonl"
        for jobs in (1, 2):

            def cli():
                subprocess.run([CLI, "extract", "-q", "--ocr", "never", "-j", str(jobs), str(d), "-o", str(out)])

            def dicts():
                assert sum(1 for _ in xxgk.extract_many([d], jobs=jobs)) == n

            def lines():
                assert sum(1 for _ in _xxgk.Batch([str(d)], jobs=jobs, json=True)) == n

            def loads():
                it = _xxgk.Batch([str(d)], jobs=jobs, json=True)
                assert sum(1 for line in it if json.loads(line)) == n

            modes = {"cli": cli, "dicts": dicts, "lines": lines, "lines+loads": loads}
            runs = {m: [] for m in modes}
            for _ in range(r):
                for m, fn in modes.items():
                    runs[m].append(run(fn))
            wall = {m: min(x[0] for x in v) for m, v in runs.items()}
            median = {m: statistics.median(x[0] for x in v) for m, v in runs.items()}
            cpu_ = {m: min(x[1] for x in v) for m, v in runs.items()}
            thread = {m: min(x[2] for x in v) for m, v in runs.items()}
            for m in modes:
                line = (
                    f"jobs {jobs} {m:<11} wall {wall[m]:.3f} s ({n / wall[m]:.0f} files/s, "
                    f"{wall[m] / wall['cli']:.3f}x CLI; median {median[m]:.3f} s, "
                    f"{median[m] / median['cli']:.3f}x); CPU {cpu_[m]:.2f} s "
                    f"({cpu_[m] / cpu_['cli']:.3f}x CLI, {(cpu_[m] - cpu_['cli']) / n * 1e6:+.0f} us "
                    "per record)"
                )
                if m != "cli":
                    line += f"; consumer thread {thread[m] / n * 1e6:.0f} us per record"
                vol = statistics.median(x[3][0] for x in runs[m]) / n
                inv = statistics.median(x[3][1] for x in runs[m]) / n
                gcs = [sum(x[4][g] for x in runs[m]) for g in range(3)]
                line += f"; switches {vol:.1f} + {inv:.1f} involuntary per record; gc {gcs}"
                print(line)
            # Apart from the rounds above, so that the sampling thread's CPU is in none of them.
            def cli_sampled():
                args = [CLI, "extract", "-q", "--ocr", "never", "-j", str(jobs), str(d), "-o", str(out)]
                child = subprocess.Popen(args)
                with Threads(child.pid) as t:
                    child.wait()
                return t.cpu

            def sampled(m):
                with Threads() as t:
                    modes[m]()
                return t.cpu

            per = {m: [] for m in modes}
            for _ in range(r):
                for m in modes:
                    per[m].append(cli_sampled() if m == "cli" else sampled(m))
            base = None
            for m, v in per.items():
                each = {k: min(x[k] for x in v) / n * 1e6 for k in ("workers", "other")}
                if m == "cli":
                    base = each["workers"] + each["other"]
                    print(
                        f"jobs {jobs} {m:<11} CPU per record: workers {each['workers']:.0f} us, "
                        f"main thread {each['other']:.0f} us; total {base:.0f} us"
                    )
                    continue
                total = each["workers"] + each["other"] + thread[m] / n * 1e6
                print(
                    f"jobs {jobs} {m:<11} CPU per record: workers {each['workers']:.0f} us, "
                    f"batch thread {each['other']:.0f} us, consumer {thread[m] / n * 1e6:.0f} us; "
                    f"total {total:.0f} us ({total / base:.3f}x CLI)"
                )
        kept(d, n, r)
        lines_ = out.read_text(encoding="utf-8").splitlines()
        t = min(run(lambda: [json.loads(x) for x in lines_])[2] for _ in range(r))
        mean = sum(map(len, lines_)) / len(lines_)
        print(f"json.loads alone: {t / len(lines_) * 1e6:.1f} us CPU per record (mean {mean:.0f} bytes)")
        one = str(src[0])
        k = 200
        t1 = min(run(lambda: [xxgk.extract(one) for _ in range(k)])[0] for _ in range(r)) / k
        print(f"extract() of {src[0].name}: {t1 * 1e6:.0f} us a call")
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        shutil.rmtree(work)


def kept(d, n, r):
    """jobs 2, every dict kept until the end of the run: the collector's cost once records
    survive, plain and with provenance."""
    for provenance in (False, True):
        for collect in (True, False):

            def keep():
                recs = list(xxgk.extract_many([d], jobs=2, provenance=provenance))
                assert len(recs) == n

            if not collect:
                gc.disable()
            try:
                runs = [run(keep) for _ in range(r)]
            finally:
                gc.enable()
            best = min(runs, key=lambda x: x[2])
            print(
                f"jobs 2 kept{' +provenance' if provenance else '':<12} gc {'on ' if collect else 'off'}: "
                f"wall {min(x[0] for x in runs):.3f} s; consumer thread {best[2] / n * 1e6:.0f} us per "
                f"record; collections by generation {best[4]}, {best[5] * 1e3:.1f} ms"
            )


if __name__ == "__main__":
    main()
