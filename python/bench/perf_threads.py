"""CPU per record of each thread of a run recorded by `perf record`, from the samples' periods
(cpu-clock: this machine's VM exposes no hardware counters), and the busiest functions of one
kind of thread. Used to find where `extract_many`'s time goes against the CLI's:

    perf record -F 2000 -o cli.data -- target/release/xxgk extract -q --ocr never -j 2 DIR -o out.jsonl
    perf record -F 2000 -o py.data -- python -c 'import xxgk; [0 for _ in xxgk.extract_many(["DIR"], jobs=2)]'
    python python/bench/perf_threads.py cli.data 1000
    python python/bench/perf_threads.py py.data 1000 xxgk-batch     # and its top functions

Threads by name: `xxgk-worker-*` (the extraction), `xxgk` (the CLI's main thread and its file
enumerator), `xxgk-batch` (the package's batch thread and its enumerator, which inherits the
name), `python` (the consuming thread, with the interpreter's start and imports: about 66 ms,
66 us a record over 1000 records on this machine).
"""

import collections
import subprocess
import sys


def samples(path):
    """(comm, tid, period ns, function) of each sample."""
    out = subprocess.run(
        ["perf", "script", "-i", path, "-F", "comm,tid,period,ip,sym,dso"],
        capture_output=True, text=True, check=True,
    ).stdout
    for line in out.splitlines():
        p = line.split(None, 4)
        if len(p) >= 3 and p[1].isdigit() and p[2].isdigit():
            yield p[0], p[1], int(p[2]), (p[4].strip() if len(p) > 4 else "?")


def main():
    path, n = sys.argv[1], int(sys.argv[2])
    kind = sys.argv[3] if len(sys.argv) > 3 else None
    by_tid, names, funcs = collections.Counter(), {}, collections.Counter()
    for comm, tid, ns, func in samples(path):
        by_tid[tid] += ns
        names[tid] = comm
        if kind and comm.startswith(kind):
            funcs[func] += ns
    kinds = collections.Counter()
    for tid, ns in by_tid.items():
        c = names[tid]
        kinds["workers" if c.startswith("xxgk-worker") else c] += ns
    print(f"{path}: CPU per record by thread kind, us:", {k: round(v / n / 1e3) for k, v in kinds.most_common()})
    if kind:
        total = sum(funcs.values()) or 1
        print(f"{kind}: {total / 1e6:.1f} ms")
        for f, v in funcs.most_common(25):
            print(f"{v / total * 100:5.1f}% {f[:120]}")


if __name__ == "__main__":
    main()
