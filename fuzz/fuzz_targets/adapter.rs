//! Each adapter on arbitrary bytes, whatever the sniffer says: the first byte picks the format,
//! so that every adapter sees inputs that are not of its format too.
#![no_main]

use libfuzzer_sys::fuzz_target;
use xxgk::Format;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let format = match pick % 6 {
        0 => Format::Pdf,
        1 => Format::Html,
        2 => Format::Docx,
        3 => Format::Xlsx,
        4 => Format::Ods,
        _ => Format::Text,
    };
    let budget = xxgk::Budget::with_timeout(Some(std::time::Duration::from_secs(5)));
    let _ = xxgk::adapter::read(format, rest, &budget);
});
