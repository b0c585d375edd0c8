"""to_pandas and the Parquet outputs hold the CSV outputs' rows and values, with their types."""

import decimal
import json
import math

import pytest

import xxgk
from conftest import run_cli

pd = pytest.importorskip("pandas")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")


def convert(journal, fmt, out):
    r = run_cli("convert", str(journal), "-f", fmt, "-o", str(out))
    assert r.returncode == 0, r.stderr.decode()
    return out


def csv_text(path):
    """The CSV as text cells, empty cells as ""."""
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def records(journal):
    return [json.loads(line) for line in journal.read_text(encoding="utf-8").splitlines()]


def same(kind, got, text):
    """A typed cell against the CSV's text of it."""
    if text == "":
        return got is None or got is pd.NA or (isinstance(got, float) and math.isnan(got))
    if kind == "text":
        return got == text
    if kind == "integer":
        return int(got) == int(text)
    return decimal.Decimal(str(got)) == decimal.Decimal(text)


@pytest.mark.parametrize("shape,fmt", [("long", "csv"), ("wide", "wide")])
def test_to_pandas_matches_the_csv_output(journal, tmp_path, shape, fmt):
    expected = csv_text(convert(journal, fmt, tmp_path / f"{fmt}.csv"))
    df = xxgk.to_pandas(records(journal), shape=shape)
    assert list(df.columns) == list(expected.columns)
    assert len(df) == len(expected) and len(df) > 0
    kinds = dict(xxgk.columns(shape))
    dtypes = {"integer": "Int64", "decimal": "float64", "text": "object"}
    for col in df.columns:
        assert str(df[col].dtype) == dtypes[kinds[col]], col
        for got, text in zip(df[col].tolist(), expected[col].tolist()):
            assert same(kinds[col], got, text), (col, got, text)


def test_to_pandas_takes_an_iterator(samples):
    df = xxgk.to_pandas(xxgk.extract_many(samples, jobs=2), shape="wide")
    assert sorted(df["path"]) == sorted(samples)


ARROW = {
    "text": pa.string(),
    "integer": pa.int64(),
    "decimal": pa.decimal128(18, 6),
}


def check_parquet(parquet_path, csv_path, shape):
    table = pq.read_table(parquet_path)
    expected = csv_text(csv_path)
    kinds = dict(xxgk.columns(shape))
    assert table.column_names == list(expected.columns)
    assert table.num_rows == len(expected) and table.num_rows > 0
    for field in table.schema:
        assert field.type == ARROW[kinds[field.name]], field
        assert field.nullable
    for name in table.column_names:
        for got, text in zip(table.column(name).to_pylist(), expected[name].tolist()):
            if text == "":
                assert got is None, (name, got)
            elif kinds[name] == "decimal":
                assert got == decimal.Decimal(text), (name, got, text)
            elif kinds[name] == "integer":
                assert got == int(text), (name, got, text)
            else:
                assert got == text, (name, got, text)


@pytest.mark.parametrize(
    "fmt,csv_fmt,shape", [("parquet", "csv", "long"), ("wide-parquet", "wide", "wide")]
)
def test_cli_parquet_holds_the_csv_rows_and_types(journal, tmp_path, fmt, csv_fmt, shape):
    csv_path = convert(journal, csv_fmt, tmp_path / "out.csv")
    check_parquet(convert(journal, fmt, tmp_path / "conv.parquet"), csv_path, shape)
    # extract writes the same file as convert.
    direct = tmp_path / "direct.parquet"
    r = run_cli(
        "extract", "--files-from", "samples/reports.list", "-q", "--provenance",
        "-f", fmt, "-o", str(direct),
    )
    assert r.returncode in (0, 1), r.stderr.decode()
    check_parquet(direct, csv_path, shape)
    # And so does the Python package, from records or from paths.
    mine = tmp_path / "py.parquet"
    xxgk.write_parquet(records(journal), mine, shape=shape)
    check_parquet(mine, csv_path, shape)


def test_amounts_keep_their_decimals(journal, tmp_path):
    path = convert(journal, "wide-parquet", tmp_path / "w.parquet")
    t = pq.read_table(path).to_pandas()
    fees = t["active_disclosure.fees.amount"].dropna()
    assert len(fees) > 0
    # js-huaian-hongze-2023.pdf prints 本年收费金额 7730.28 (万元).
    row = t[t["path"] == "samples/corpus/js-huaian-hongze-2023.pdf"]
    assert row["active_disclosure.fees.amount"].iloc[0] == decimal.Decimal("7730.28")


def test_duckdb_or_polars_read_the_file_if_installed(journal, tmp_path):
    path = convert(journal, "parquet", tmp_path / "l.parquet")
    try:
        import duckdb
    except ImportError:
        duckdb = None
    if duckdb is not None:
        con = duckdb.connect()
        n = con.execute(f"select count(*) from read_parquet('{path}')").fetchall()[0][0]
        assert n == pq.read_table(path).num_rows
        kinds = con.execute(
            f"select column_name, column_type from (describe select * from read_parquet('{path}'))"
        ).fetchall()
        assert dict(kinds)["value"] == "DECIMAL(18,6)" and dict(kinds)["year"] == "BIGINT"
    try:
        import polars
    except ImportError:
        polars = None
    if polars is not None:
        df = polars.read_parquet(path)
        assert df.height == pq.read_table(path).num_rows
        assert df.schema["value"] == polars.Decimal(18, 6)
    if duckdb is None and polars is None:
        pytest.skip("neither duckdb nor polars installed")


def test_to_pandas_without_pandas_says_so(monkeypatch):
    import builtins

    real = builtins.__import__

    def no_pandas(name, *a, **k):
        if name == "pandas":
            raise ImportError("No module named 'pandas'")
        return real(name, *a, **k)

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    with pytest.raises(ImportError, match="pip install pandas"):
        xxgk.to_pandas([])
