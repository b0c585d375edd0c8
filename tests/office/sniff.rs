//! Sniffing.
