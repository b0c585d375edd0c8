//! The text adapter on any bytes: a document or an error, never a panic, a hang or a blow-up.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let budget = xxgk::Budget::with_timeout(Some(std::time::Duration::from_secs(5)));
    let _ = xxgk::adapter::read(xxgk::Format::Text, data, &budget);
});
