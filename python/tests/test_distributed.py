"""The Dask recipe on a local cluster of two workers: a Parquet dataset with every input once."""

import pytest

import xxgk
from xxgk import distributed

pq = pytest.importorskip("pyarrow.parquet")
ds = pytest.importorskip("pyarrow.dataset")
dask_distributed = pytest.importorskip("dask.distributed")


@pytest.fixture(scope="module")
def client():
    cluster = dask_distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    c = dask_distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


def test_dask_recipe_gives_every_input_once(client, samples, tmp_path):
    # A missing file and a duplicate are inputs too: the missing one gets an error row, the
    # duplicate (in another part) a second row that the dataset must show.
    inputs = samples + ["samples/no-such-report.pdf"]
    out = tmp_path / "wide"
    summaries = distributed.run_dask(client, inputs, str(out), parts=5, shape="wide")
    assert sum(s["records"] for s in summaries) == len(inputs)
    assert len({s["path"] for s in summaries}) == 5
    table = ds.dataset(str(out), format="parquet").to_table()
    paths = table.column("path").to_pylist()
    assert sorted(paths) == sorted(inputs)
    errors = dict(zip(paths, table.column("error").to_pylist()))
    assert errors["samples/no-such-report.pdf"] == "io"


def test_dask_long_dataset_equals_the_cli_parquet(client, samples, tmp_path):
    from conftest import run_cli

    out = tmp_path / "long"
    distributed.run_dask(client, samples, str(out), parts=3, shape="long")
    got = ds.dataset(str(out), format="parquet").to_table()
    cli = tmp_path / "cli.parquet"
    r = run_cli("extract", "--files-from", "samples/reports.list", "-q", "-f", "parquet",
                "-o", str(cli))
    assert r.returncode in (0, 1), r.stderr.decode()
    want = pq.read_table(cli)
    assert got.schema == want.schema
    key = lambda row: tuple("" if v is None else str(v) for v in row.values())
    assert sorted(got.to_pylist(), key=key) == sorted(want.to_pylist(), key=key)


def test_parts_by_shard_cover_the_list_once(samples, tmp_path):
    # Engines that schedule by index (Slurm arrays, Kubernetes indexed jobs): task k of n gets
    # the whole list and keeps --shard k/n.
    n = 3
    for k in range(1, n + 1):
        distributed.extract_part(samples, str(tmp_path), k, n, shape="wide", by_shard=True)
    paths = ds.dataset(str(tmp_path), format="parquet").to_table().column("path").to_pylist()
    assert sorted(paths) == sorted(samples)
    for p in samples:
        k = xxgk.shard_of(p, n)
        part = pq.read_table(tmp_path / distributed.part_name(k, n, "wide"))
        assert p in part.column("path").to_pylist()
