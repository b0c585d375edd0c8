//! The spreadsheet adapter (XLSX, XLS, ODS, through calamine) on any bytes. The reader is the
//! one the sniffer picks, so that a seed keeps its format; bytes that sniff as no spreadsheet
//! go to one of the three by their length, so that every reader sees foreign bytes too.
#![no_main]

use libfuzzer_sys::fuzz_target;
use xxgk::Format;

fuzz_target!(|data: &[u8]| {
    let format = match xxgk::adapter::sniff(data) {
        Some(f @ (Format::Xlsx | Format::Xls | Format::Ods)) => f,
        _ => [Format::Xlsx, Format::Xls, Format::Ods][data.len() % 3],
    };
    let budget = xxgk::Budget::with_timeout(Some(std::time::Duration::from_secs(5)));
    let _ = xxgk::adapter::read(format, data, &budget);
});
