//! Tests of the pdf area.
