"""Shared fixtures: the repository root (the tests run there, so paths are those of
samples/reports.list), the CLI binary, and the CLI's own outputs over the samples."""

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def cli() -> str:
    """The CLI built by `cargo build --release` (XXGK_BIN overrides)."""
    exe = os.environ.get("XXGK_BIN") or str(ROOT / "target" / "release" / "xxgk")
    if not Path(exe).exists():
        pytest.fail(f"{exe}: no xxgk binary; run `cargo build --release` first")
    return exe


def run_cli(*args: str) -> subprocess.CompletedProcess:
    # The wheel is built without OCR (docs/python.md): the CLI's extract runs with OCR off, so
    # that its records of the scanned samples are those the package gives.
    if args[:1] == ("extract",) and "--ocr" not in args:
        args = ("extract", "--ocr", "never", *args[1:])
    return subprocess.run(
        [cli(), *args], cwd=ROOT, capture_output=True, check=False, timeout=600
    )


@pytest.fixture(autouse=True)
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


@pytest.fixture(scope="session")
def samples():
    """The sample paths, as the list names them (relative to the root)."""
    lines = (ROOT / "samples" / "reports.list").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip()]


def cli_records(*flags: str):
    """The CLI's records over the samples, by path."""
    out = run_cli("extract", "--files-from", "samples/reports.list", "-q", *flags)
    assert out.returncode in (0, 1), out.stderr.decode()
    recs = [json.loads(line) for line in out.stdout.decode().splitlines()]
    return {r["source"]["path"]: r for r in recs}


@pytest.fixture(scope="session")
def cli_plain():
    return cli_records()


@pytest.fixture(scope="session")
def cli_traced():
    return cli_records("--provenance")


@pytest.fixture(scope="session")
def journal(tmp_path_factory):
    """The CLI's JSONL over the samples, with provenance (fills `raw`), as a file."""
    path = tmp_path_factory.mktemp("cli") / "samples.jsonl"
    out = run_cli(
        "extract", "--files-from", "samples/reports.list", "-q", "--provenance", "-o", str(path)
    )
    assert out.returncode in (0, 1), out.stderr.decode()
    return path
