//! Parquet: the long and the wide CSV outputs with types, for DuckDB, pandas, polars and Spark.
//!
//! The rows are the CSV writers' rows ([`csv::rows`], [`wide::row`]) and the types those of
//! [`columns`]: integers as nullable `int64`, amounts and the long form's `value` as nullable
//! `decimal(18,6)`, the rest as nullable UTF-8 strings; an empty CSV cell is a null. A value
//! that does not fit its type (a fraction in a count, more than six decimals) is left null and
//! counted in [`Parquet::unfit`], never rounded. Written with the arrow-rs `parquet` crate,
//! snappy-compressed, in batches of [`BATCH_ROWS`] rows; to a file, it appears only
//! when complete (the footer is written last).

use std::io;
use std::sync::Arc;

use arrow_array::builder::{Decimal128Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use super::columns::{self, Cell, Kind, PRECISION, SCALE};
use super::{Target, Writer, csv, wide};
use crate::record::Record;

/// Rows buffered before they are written as one batch.
pub const BATCH_ROWS: usize = 64 * 1024;

/// Which CSV output the file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One row per value (the long CSV).
    Long,
    /// One row per report (the wide CSV).
    Wide,
}

/// The Arrow schema of a shape's Parquet file.
pub fn schema(shape: Shape) -> SchemaRef {
    let fields: Vec<Field> = kinds(shape)
        .into_iter()
        .map(|(name, kind)| Field::new(name, data_type(kind), true))
        .collect();
    Arc::new(Schema::new(fields))
}

fn kinds(shape: Shape) -> Vec<(String, Kind)> {
    match shape {
        Shape::Long => csv::columns()
            .into_iter()
            .map(|(n, k)| (n.to_string(), k))
            .collect(),
        Shape::Wide => wide::columns(),
    }
}

fn data_type(kind: Kind) -> DataType {
    match kind {
        Kind::Text => DataType::Utf8,
        Kind::Integer => DataType::Int64,
        Kind::Decimal => DataType::Decimal128(PRECISION, SCALE),
    }
}

enum Column {
    Text(StringBuilder),
    Integer(Int64Builder),
    Decimal(Decimal128Builder),
}

impl Column {
    fn new(kind: Kind) -> Column {
        match kind {
            Kind::Text => Column::Text(StringBuilder::new()),
            Kind::Integer => Column::Integer(Int64Builder::new()),
            Kind::Decimal => {
                Column::Decimal(Decimal128Builder::new().with_data_type(data_type(Kind::Decimal)))
            }
        }
    }

    fn append(&mut self, cell: Cell) {
        match (self, cell) {
            (Column::Text(b), Cell::Text(t)) => b.append_value(t),
            (Column::Integer(b), Cell::Integer(n)) => b.append_value(n),
            (Column::Decimal(b), Cell::Decimal(n)) => b.append_value(n),
            (Column::Text(b), _) => b.append_null(),
            (Column::Integer(b), _) => b.append_null(),
            (Column::Decimal(b), _) => b.append_null(),
        }
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Column::Text(b) => Arc::new(b.finish()),
            Column::Integer(b) => Arc::new(b.finish()),
            Column::Decimal(b) => Arc::new(b.finish()),
        }
    }
}

/// Writes records as a Parquet file of the long or the wide shape.
pub struct Parquet {
    shape: Shape,
    schema: SchemaRef,
    kinds: Vec<Kind>,
    columns: Vec<Column>,
    rows: usize,
    fields: Vec<(&'static str, &'static str, &'static str)>,
    out: Option<ArrowWriter<Target>>,
    /// Wide: values whose keys are in no template (not in this output; the JSONL has them).
    pub unplaced: u64,
    /// Values that do not fit their column's type, left null (the JSONL has them).
    pub unfit: u64,
}

impl Parquet {
    pub fn new(shape: Shape, target: Target) -> io::Result<Parquet> {
        let schema = schema(shape);
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .build();
        let out = ArrowWriter::try_new(target, Arc::clone(&schema), Some(props))
            .map_err(parquet_error)?;
        let kinds: Vec<Kind> = kinds(shape).into_iter().map(|(_, k)| k).collect();
        Ok(Parquet {
            shape,
            schema,
            columns: kinds.iter().map(|&k| Column::new(k)).collect(),
            kinds,
            rows: 0,
            fields: wide::fields(),
            out: Some(out),
            unplaced: 0,
            unfit: 0,
        })
    }

    fn push(&mut self, row: &[String]) {
        for ((col, kind), text) in self.columns.iter_mut().zip(&self.kinds).zip(row) {
            let cell = columns::read(*kind, text).unwrap_or_else(|_| {
                self.unfit += 1;
                Cell::Null
            });
            col.append(cell);
        }
        self.rows += 1;
    }

    /// Writes the buffered rows as one batch.
    fn flush(&mut self) -> io::Result<()> {
        if self.rows == 0 {
            return Ok(());
        }
        let arrays: Vec<ArrayRef> = self.columns.iter_mut().map(Column::finish).collect();
        let batch = RecordBatch::try_new(Arc::clone(&self.schema), arrays)
            .map_err(|e| io::Error::other(format!("a Parquet batch: {e}")))?;
        self.rows = 0;
        self.out
            .as_mut()
            .ok_or_else(finished)?
            .write(&batch)
            .map_err(parquet_error)
    }
}

impl Writer for Parquet {
    fn record(&mut self, rec: &Record) -> io::Result<()> {
        match self.shape {
            Shape::Long => {
                for row in csv::rows(rec) {
                    self.push(&row);
                }
            }
            Shape::Wide => {
                let (row, unplaced) = wide::row(rec, &self.fields);
                self.unplaced += unplaced;
                self.push(&row);
            }
        }
        if self.rows >= BATCH_ROWS {
            self.flush()?;
        }
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        self.flush()?;
        let out = self.out.take().ok_or_else(finished)?;
        out.into_inner().map_err(parquet_error)?.commit()
    }
}

fn finished() -> io::Error {
    io::Error::other("the Parquet output is already finished")
}

/// A Parquet error as an I/O error, keeping an I/O error's kind (a broken pipe stays one).
fn parquet_error(e: parquet::errors::ParquetError) -> io::Error {
    match e {
        parquet::errors::ParquetError::External(inner) => match inner.downcast::<io::Error>() {
            Ok(io) => *io,
            Err(other) => io::Error::other(format!("writing Parquet: {other}")),
        },
        other => io::Error::other(format!("writing Parquet: {other}")),
    }
}
