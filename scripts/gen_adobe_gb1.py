#!/usr/bin/env python3
"""Generates src/adapter/pdf/data/adobe-gb1.bin, the Adobe-GB1 CID -> Unicode table.

Input: Debian's poppler-data (`apt-get install poppler-data`), file
/usr/share/poppler/cidToUnicode/Adobe-GB1: line N holds the Unicode scalar (hex) of CID N.
Output: one 3-byte big-endian Unicode scalar per CID, 0 where the CID has no mapping.
Run once; the output is committed (CI needs neither poppler-data nor Python).
Licence of the data: Adobe's BSD-3-Clause, see src/adapter/pdf/data/ADOBE-LICENSE.
"""
import sys

SRC = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/poppler/cidToUnicode/Adobe-GB1"
DST = sys.argv[2] if len(sys.argv) > 2 else "src/adapter/pdf/data/adobe-gb1.bin"

out = bytearray()
with open(SRC) as f:
    for line in f:
        line = line.strip()
        v = int(line, 16) if line else 0
        if v == 0:
            v = 0  # CID 0 (.notdef) and unmapped CIDs
        out += v.to_bytes(3, "big")
with open(DST, "wb") as f:
    f.write(out)
print(f"{len(out) // 3} CIDs written to {DST}")
