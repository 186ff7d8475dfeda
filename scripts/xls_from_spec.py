#!/usr/bin/env python3
"""Writes a sheet spec (JSON from `xianjie-gen demo` / `messy`, crates/testdata) as a BIFF8 .xls file.

rust_xlsxwriter cannot write .xls, so the .xls fixtures are made from the same cells here.
Needs `pip install xlwt`. Usage: scripts/xls_from_spec.py SPEC.json OUT.xls
"""
import json
import sys

import xlwt


def main(spec_path, out_path):
    with open(spec_path, encoding="utf-8") as f:
        spec = json.load(f)
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet(spec["name"])
    date_style = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    merged = set()
    for m in spec["merges"]:
        for r in range(m["first_row"], m["last_row"] + 1):
            for c in range(m["first_col"], m["last_col"] + 1):
                merged.add((r, c))
    for r, row in enumerate(spec["rows"]):
        for c, cell in enumerate(row):
            if (r, c) in merged or cell == "e":
                continue
            (kind, value), = cell.items()
            if kind == "s":
                ws.write(r, c, value)
            elif kind == "n":
                ws.write(r, c, value)
            elif kind == "d":
                import datetime
                ws.write(r, c, datetime.date(*value), date_style)
    for m in spec["merges"]:
        top = spec["rows"][m["first_row"]][m["first_col"]]
        text = top["s"] if isinstance(top, dict) and "s" in top else ""
        ws.write_merge(m["first_row"], m["last_row"], m["first_col"], m["last_col"], text)
    book.save(out_path)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
