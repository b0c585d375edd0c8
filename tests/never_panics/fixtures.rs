//! The fixtures of `tests/fixtures`, each named `WHAT_should_be_CODE.EXT`: the library gives
//! each the error CODE, never a panic. Each damaged XLS is made from a sample by
//! `scripts/make_damaged_xls.py`, which says which sector of its chains was damaged.

use crate::common::root;

/// The record's error code and message for a fixture.
fn error_of(name: &str) -> (String, String) {
    let rec = xxgk::extract(
        &root(&format!("tests/fixtures/{name}")),
        &xxgk::Options::default(),
    );
    let e = rec.error.unwrap_or_else(|| panic!("{name}: no error"));
    (e.code, e.message)
}

#[test]
fn every_fixture_gets_the_error_its_name_says() {
    let mut seen = 0;
    for entry in std::fs::read_dir(root("tests/fixtures")).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            // A folder of inputs for another area (tests/fixtures/ocr: cell crops).
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
        let Some((_, code)) = stem.rsplit_once("_should_be_") else {
            panic!("{name}: a fixture's name says what it should be (WHAT_should_be_CODE.EXT)");
        };
        let bytes = std::fs::read(&path).unwrap();
        let rec = xxgk::extract_bytes(&bytes, &name, &xxgk::Options::default());
        let got = rec.error.as_ref().map(|e| e.code.as_str());
        assert_eq!(got, Some(code), "{name}: {:?}", rec.error);
        seen += 1;
    }
    assert!(seen >= 4, "only {seen} fixtures");
}

/// The finding: cut to 13264 bytes, the file ends inside sector 24, and the
/// directory chain starts at sector 25 (byte 13312). calamine 0.38 panics there.
#[test]
fn xls_whose_directory_starts_past_the_end_is_corrupt() {
    let (code, message) = error_of("xls-directory-past-end_should_be_corrupt.xls");
    assert_eq!(code, "corrupt");
    assert!(
        message.contains("the directory runs to sector 25")
            && message.contains("byte 13312")
            && message.contains("13264 bytes"),
        "{message}"
    );
}

/// Sector 10 of the Workbook chain points to sector 28, which would start at byte 14848 of a
/// 14336-byte file. calamine 0.38 panics there.
#[test]
fn xls_whose_workbook_chain_runs_past_the_end_is_corrupt() {
    let (code, message) = error_of("xls-workbook-chain-past-end_should_be_corrupt.xls");
    assert_eq!(code, "corrupt");
    assert!(
        message.contains("the Workbook stream runs to sector 28") && message.contains("14848"),
        "{message}"
    );
}

/// The directory's last sector (26) points back to its first (25). calamine 0.38 follows the
/// chain until an allocation fails and the process aborts.
#[test]
fn xls_whose_directory_chain_loops_is_corrupt() {
    let (code, message) = error_of("xls-directory-chain-loops_should_be_corrupt.xls");
    assert_eq!(code, "corrupt");
    assert!(
        message.contains("directory loops back to sector 25"),
        "{message}"
    );
}

/// A Dimensions record declaring 51e9 cells: calamine would reserve memory for them.
#[test]
fn xls_declaring_51e9_cells_is_too_large() {
    let (code, message) = error_of("xls-dimensions-declare-51e9-cells_should_be_too_large.xls");
    assert_eq!(code, "too_large");
    assert!(message.contains("51338281035 cells"), "{message}");
}

/// The check of the compound file refuses nothing calamine reads whole: both sample XLS
/// files still give their records, with the year their truth gives.
#[test]
fn sound_xls_samples_pass_the_structure_check() {
    for (name, year) in [
        ("baishui-eco-2019.xls", 2019),
        ("qingshan-county-2021.xls", 2021),
    ] {
        let rec = xxgk::extract(
            &root(&format!("samples/xlsx/{name}")),
            &xxgk::Options::default(),
        );
        assert!(rec.error.is_none(), "{name}: {:?}", rec.error);
        assert_eq!(rec.report.and_then(|r| r.year), Some(year), "{name}");
    }
}

/// Found by the `adapter_sheet` target: a MULRK record (several RK numbers in one row) whose
/// last column, 0, is before its first, 62. calamine 0.38 computes `last - first + 1` in u16,
/// which panics where overflow is checked and reads nonsense where it is not.
#[test]
fn xls_whose_mulrk_record_ends_before_it_starts_is_corrupt() {
    let (code, message) = error_of("xls-mulrk-last-column-before-first_should_be_corrupt.xls");
    assert_eq!(code, "corrupt");
    assert!(
        message.contains("MULRK record")
            && message.contains("ends at column 0, before its first column 62"),
        "{message}"
    );
}

/// Found by the `adapter_sheet` target: a FORMULA record whose parsed formula declares 102
/// bytes where the record holds 7. calamine 0.38 slices past the record and panics; the record
/// walk refuses it first, with its own message (not the adapter's "the workbook reader
/// failed", which would mean that the panic happened and was caught).
#[test]
fn xls_whose_formula_runs_past_its_record_is_corrupt() {
    let (code, message) = error_of("xls-formula-longer-than-its-record_should_be_corrupt.xls");
    assert_eq!(code, "corrupt");
    assert!(
        message.contains(
            "a FORMULA record at byte 7615 of the workbook stream holds a formula of 102 bytes"
        ),
        "{message}"
    );
}

/// Found by the `adapter_sheet` target (finding 4 of docs/fuzzing.md), still open: an XLSX
/// merged range whose end is before its start (`R10:D10`). calamine 0.38's `get_dimension`
/// subtracts start from end in u32: where overflow is checked (debug builds, the fuzz
/// targets) it panics, so there the package's ranges are read first and the file is `corrupt`
/// naming the range; in a release build it wraps, calamine only logs a warning, and the file
/// reads.
#[test]
fn xlsx_whose_merged_range_ends_before_it_starts_gives_a_record() {
    let name = "xlsx-merged-range-ends-before-it-starts.xlsx";
    let bytes = std::fs::read(root(&format!("tests/fixtures/overflow/{name}"))).unwrap();
    let rec = xxgk::extract_bytes(&bytes, name, &xxgk::Options::default());
    let code = rec.error.as_ref().map(|e| e.code.as_str());
    if cfg!(debug_assertions) {
        assert_eq!(code, Some("corrupt"), "{:?}", rec.error);
        let message = &rec.error.as_ref().unwrap().message;
        assert!(message.contains("R10:D10"), "{message}");
    } else {
        assert_eq!(code, None, "{:?}", rec.error);
    }
}
