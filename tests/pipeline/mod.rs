//! Tests of the pipeline area.
