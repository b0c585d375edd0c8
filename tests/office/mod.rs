//! Tests of the office area.
