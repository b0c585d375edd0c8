//! The whole pipeline on arbitrary bytes: a record, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = xxgk::Options {
        timeout: Some(std::time::Duration::from_secs(5)),
        ..Default::default()
    };
    let _ = xxgk::extract_bytes(data, "fuzz", &opts);
});
