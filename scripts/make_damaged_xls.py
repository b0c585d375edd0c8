#!/usr/bin/env python3
"""Makes the damaged XLS fixtures of tests/fixtures/ from samples/xlsx/qingshan-county-2021.xls.

The sample is a version 3 compound file of 14336 bytes (27 sectors of 512 bytes after the
header): one FAT sector (0), the Workbook stream in sectors 2..21, the mini stream in 23-24,
the directory in sectors 25-26. Each fixture damages one sector chain:

- xls-directory-past-end_should_be_corrupt.xls: cut to 13264 bytes, so that the directory
  chain starts in sector 25, at byte 13312, past the end (the fuzzer's finding: calamine 0.38
  panics with "slice index starts at 12800 but ends at 12752").
- xls-workbook-chain-past-end_should_be_corrupt.xls: the FAT entry of sector 10 (in the
  Workbook chain) points to sector 28, which would start at byte 14848 of a 14336-byte file.
- xls-directory-chain-loops_should_be_corrupt.xls: the FAT entry of sector 26 (the directory's
  last) points back to sector 25; calamine reads the directory chain to its end and grows a
  buffer without bound.

Run from the repository root: python3 scripts/make_damaged_xls.py
"""
import struct

SAMPLE = "samples/xlsx/qingshan-county-2021.xls"
OUT = "tests/fixtures/"


def set_fat(b, sector, value):
    # The only FAT sector is sector 0, at byte 512.
    at = 512 + 4 * sector
    b[at:at + 4] = struct.pack("<I", value)


def main():
    src = bytearray(open(SAMPLE, "rb").read())
    assert len(src) == 14336, "the sample changed; check the sector numbers above"
    fat = struct.unpack("<128I", src[512:1024])
    assert struct.unpack("<I", src[48:52])[0] == 25 and fat[25] == 26 and fat[10] == 11

    open(OUT + "xls-directory-past-end_should_be_corrupt.xls", "wb").write(src[:13264])

    b = bytearray(src)
    set_fat(b, 10, 28)
    open(OUT + "xls-workbook-chain-past-end_should_be_corrupt.xls", "wb").write(b)

    b = bytearray(src)
    set_fat(b, 26, 25)
    open(OUT + "xls-directory-chain-loops_should_be_corrupt.xls", "wb").write(b)


if __name__ == "__main__":
    main()
