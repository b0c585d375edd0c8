#!/usr/bin/env python3
"""Prints the RADICALS table of src/adapter/pdf/radicals.rs: CJK radicals (U+2E80-U+2FDF) and the
unified ideographs they stand for, from Python's NFKC data completed by Unicode's
EquivalentUnifiedIdeograph.txt (Debian package unicode-data). Run once; paste the output."""
import unicodedata

SRC = "/usr/share/unicode/EquivalentUnifiedIdeograph.txt"

pairs = {}
for c in range(0x2E80, 0x2FE0):
    n = unicodedata.normalize("NFKC", chr(c))
    if n != chr(c) and len(n) == 1:
        pairs[c] = ord(n)
for line in open(SRC):
    line = line.split("#")[0].strip()
    if not line:
        continue
    cps, target = [x.strip() for x in line.split(";")]
    lo, _, hi = cps.partition("..")
    for c in range(int(lo, 16), int(hi or lo, 16) + 1):
        if 0x2E80 <= c < 0x2FE0 and c not in pairs:
            pairs[c] = int(target, 16)
items = sorted(pairs.items())
for i in range(0, len(items), 6):
    print("    " + " ".join(f"(0x{a:04X}, 0x{b:04X})," for a, b in items[i:i + 6]))
