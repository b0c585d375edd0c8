"""xxgk.extract and xxgk.extract_many give the CLI's records; bad documents are records."""

import json
import threading
import time
from pathlib import Path

import pytest

import xxgk


def test_every_sample_gives_the_cli_record(samples, cli_plain):
    assert set(cli_plain) == set(samples)
    for path in samples:
        assert xxgk.extract(path) == cli_plain[path], path


def test_every_sample_with_provenance_gives_the_cli_record(samples, cli_traced):
    for path in samples:
        assert xxgk.extract(path, provenance=True) == cli_traced[path], path


def test_a_record_is_the_cli_json_line_to_the_byte(samples, cli_plain):
    # Same keys in the same order, same numbers: dumping both gives the same text.
    for path in samples:
        got = json.dumps(xxgk.extract(Path(path)), ensure_ascii=False)
        assert got == json.dumps(cli_plain[path], ensure_ascii=False), path


def test_bytes_named_like_the_file_give_the_file_record(samples, cli_plain):
    for path in samples[:12]:
        data = Path(path).read_bytes()
        assert xxgk.extract(data, name=path) == cli_plain[path], path


def test_extract_many_returns_every_input_once(samples, cli_plain):
    batch = xxgk.extract_many(samples, jobs=2)
    recs = list(batch)
    paths = [r["source"]["path"] for r in recs]
    assert sorted(paths) == sorted(samples)
    assert len(paths) == len(set(paths))
    for r in recs:
        assert r == cli_plain[r["source"]["path"]]
    s = batch.summary
    assert s["records"] == len(samples) and s["duplicates"] == 0 and s["walk_errors"] == 0


def test_extract_many_gives_the_cli_records_to_the_byte(samples, cli_plain, cli_traced):
    # The dicts are built in Rust from the record, not parsed from the CLI's line: the same keys
    # in the same order, ints as ints, decimals as the same floats, with and without provenance.
    for provenance, cli in ((False, cli_plain), (True, cli_traced)):
        for r in xxgk.extract_many(samples, jobs=2, order="input", provenance=provenance):
            want = cli[r["source"]["path"]]
            assert r == want
            assert json.dumps(r, ensure_ascii=False) == json.dumps(want, ensure_ascii=False)


def test_provenance_boxes_are_the_floats_of_the_json_text(samples, cli_traced):
    # A bbox is four f32 in Rust; the CLI writes each with its shortest f32 digits, which
    # json.loads reads as the nearest double (72.3, not 72.30000305175781). The dicts must hold
    # the same doubles: a conversion that widened the f32 would differ on most boxes.
    import struct

    def boxes(rec):
        out = []

        def walk(o):
            if isinstance(o, dict):
                if isinstance(o.get("bbox"), list):
                    out.extend(o["bbox"])
                for v in o.values():
                    walk(v)
            elif isinstance(o, list):
                for v in o:
                    walk(v)

        walk(rec)
        return out

    widened_differs = 0
    for path in samples:
        got, want = boxes(xxgk.extract(path, provenance=True)), boxes(cli_traced[path])
        assert [repr(v) for v in got] == [repr(v) for v in want], path
        widened_differs += sum(
            struct.unpack("f", struct.pack("f", v))[0] != v for v in want
        )
    assert widened_differs > 100  # the samples do exercise it


def test_the_native_iterator_gives_the_cli_lines(samples, cli_plain):
    lines = list(xxgk._xxgk.Batch(samples, jobs=2, json=True))
    assert all(isinstance(l, str) for l in lines)
    assert sorted(json.loads(l)["source"]["path"] for l in lines) == sorted(samples)
    for l in lines:
        rec = json.loads(l)
        assert rec == cli_plain[rec["source"]["path"]]


def test_extract_many_in_input_order(samples):
    recs = list(xxgk.extract_many(samples, jobs=2, order="input"))
    assert [r["source"]["path"] for r in recs] == samples


def test_a_path_given_twice_gets_one_record(samples):
    batch = xxgk.extract_many([samples[0], samples[0], samples[1]], jobs=2)
    assert len(list(batch)) == 2
    assert batch.summary["duplicates"] == 1


def test_a_folder_is_walked_as_by_the_cli():
    recs = list(xxgk.extract_many(["samples/xlsx"], jobs=2))
    # Six spreadsheets and their truths (text) in the folder: each file one record.
    names = sorted(Path(r["source"]["path"]).name for r in recs)
    assert len(names) == len(set(names))
    assert "baishui-eco-2019.xlsx" in names and "qingshan-county-2021.ods" in names


def test_corrupt_and_missing_files_are_records_not_exceptions(tmp_path):
    # A DOCX cut in half (a broken download): its zip directory is gone.
    cut = tmp_path / "cut.docx"
    whole = Path("samples/docx/baishui-eco-2019.docx").read_bytes()
    cut.write_bytes(whole[: len(whole) // 2])
    # A PDF cut after 3000 bytes: no page content left.
    short = tmp_path / "short.pdf"
    short.write_bytes(Path("samples/corpus/js-huaian-hongze-2023.pdf").read_bytes()[:3000])
    missing = tmp_path / "missing.pdf"
    assert xxgk.extract(cut)["error"]["code"] == "corrupt"
    assert xxgk.extract(missing)["error"]["code"] == "io"
    rec = xxgk.extract(short)
    assert "applications" not in rec and rec["issues"], rec
    assert xxgk.extract(b"\x00\x01\x02garbage", name="x.bin")["error"]["code"] == (
        "unsupported_format"
    )
    assert xxgk.extract(whole[:5000], name="y.docx")["error"]["code"] == "corrupt"
    files = [cut, short, missing]
    recs = list(xxgk.extract_many(files, jobs=2))
    assert sorted(r["source"]["path"] for r in recs) == sorted(map(str, files))
    assert {r["source"]["path"]: r for r in recs}[str(cut)]["error"]["code"] == "corrupt"


def test_misuse_is_an_exception(tmp_path):
    with pytest.raises(TypeError):
        xxgk.extract(42)
    with pytest.raises(ValueError, match="directory"):
        xxgk.extract(tmp_path)
    with pytest.raises(TypeError):
        xxgk.extract_many("samples/pdf")
    with pytest.raises(ValueError):
        xxgk.extract_many(["x"], jobs=0)
    with pytest.raises(ValueError):
        xxgk.extract_many(["x"], shard=(3, 2))
    with pytest.raises(ValueError):
        xxgk.to_pandas([], shape="tall")
    with pytest.raises(ValueError, match="not an xxgk record"):
        xxgk.table([{"schema_version": 1}])


def test_the_gil_is_released_while_rust_works(samples):
    # A Python thread counting while extract_many works gets the interpreter often.
    ticks = []
    stop = threading.Event()

    def count():
        while not stop.is_set():
            ticks.append(1)
            time.sleep(0.001)

    t = threading.Thread(target=count)
    t.start()
    try:
        start = time.perf_counter()
        for _ in range(3):
            xxgk.extract("samples/corpus/js-huaian-hongze-2023.pdf")
            list(xxgk.extract_many(samples, jobs=2))
        elapsed = time.perf_counter() - start
    finally:
        stop.set()
        t.join()
    # At least a quarter of the ticks an idle interpreter would give (1 per ms, well below).
    assert len(ticks) > elapsed * 1000 / 8, (len(ticks), elapsed)


def test_a_dropped_iterator_stops_the_work(samples):
    batch = xxgk.extract_many(samples * 1, jobs=1)
    next(batch)
    del batch  # the batch thread sees the closed channel and ends


def test_shards_follow_the_cli_rule(samples):
    for k in (1, 2, 3):
        out = __import__("conftest").run_cli(
            "extract", "--files-from", "samples/reports.list", "-q", "--shard", f"{k}/3"
        )
        cli_paths = sorted(json.loads(l)["source"]["path"] for l in out.stdout.decode().splitlines())
        assert cli_paths == sorted(p for p in samples if xxgk.shard_of(p, 3) == k)
        py_paths = sorted(r["source"]["path"] for r in xxgk.extract_many(samples, shard=(k, 3)))
        assert py_paths == cli_paths
