#!/usr/bin/python3
"""Writes pydicom-vectors.tsv: for each DICOM file in a folder, the raw bytes of every top-level
PN, LO, SH, ST, LT, UT and UC element and the text pydicom decodes from them.

Usage: /usr/bin/python3 make_vectors.py [FOLDER]   (default: /work/shared/dicom-samples/07-charsets)
Needs Debian's python3-pydicom. pydicom is the oracle; the Java test decodes the same bytes.
"""
import os
import sys

import pydicom
from pydicom.multival import MultiValue

TEXT_VRS = ("PN", "LO", "SH", "ST", "LT", "UT", "UC")


def text_of(value):
    """pydicom's decoded value as one string, multiple values joined by backslash."""
    if value is None:
        return ""
    if isinstance(value, (list, MultiValue)):
        return "\\".join(text_of(v) for v in value)
    return str(value)


def visible(s):
    """The text with control characters shown as their U+24xx pictures, for a human reader."""
    return "".join(chr(0x2400 + ord(c)) if ord(c) < 0x20 else c for c in s)


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/dicom-samples/07-charsets"
    here = os.path.dirname(os.path.abspath(__file__))
    rows = []
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".dcm"):
            continue
        path = os.path.join(folder, name)
        raw = pydicom.dcmread(path)  # elements stay raw until accessed
        decoded = pydicom.dcmread(path)
        charset = decoded.get("SpecificCharacterSet", "")
        terms = "\\".join(charset) if isinstance(charset, (list, MultiValue)) else charset
        for tag in list(raw.keys()):
            if tag.group == 0x0002:
                continue
            elem = raw.get_item(tag)
            if elem.VR not in TEXT_VRS:
                continue
            value_bytes = elem.value or b""
            text = text_of(decoded[tag].value)
            rows.append((name, "%04X%04X" % (tag.group, tag.element), elem.VR, terms,
                         value_bytes.hex(), text.encode("utf-8").hex(), visible(text)))
    out = os.path.join(here, "pydicom-vectors.tsv")
    with open(out, "w", encoding="utf-8") as f:
        f.write("# Written by make_vectors.py with pydicom %s; do not edit by hand.\n" % pydicom.__version__)
        f.write("# file\ttag\tvr\tcharset\tbytes_hex\tpydicom_utf8_hex\tpydicom_text\n")
        for row in rows:
            f.write("\t".join(row) + "\n")
    print("%d vectors written to %s" % (len(rows), out))


if __name__ == "__main__":
    main()
