#!/usr/bin/env python3
"""Independent check of Karta's DOCX and XLSX output against the report JSON.

Usage:
  check_office.py check OUTDIR [--stats FILE]   check every OUTDIR/<plugin>/*.json report
                                                against the .docx and .xlsx beside it
  check_office.py pdf MANIFEST [--stats FILE]   check LibreOffice's PDFs; MANIFEST lines are
                                                "SOURCE<TAB>PDF" (SOURCE = the .docx/.xlsx)

The .json file is the report document the plugin built (the source of truth). Needs
python-docx and openpyxl (scripts/check-office.sh installs them in a venv). Prints one
line per failure, `FILE: what differs (expected X, got Y)`, at most MAX_LINES per file,
and exits 1 if anything failed.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import subprocess
import sys
import warnings
from pathlib import Path

MAX_LINES = 10
A4_SHORT_MM = 210.0
A4_LONG_MM = 297.0
MM_TOLERANCE = 1.0
EMU_PER_MM = 36000
TWIPS_PER_MM = 1440 / 25.4
FONT = "Times New Roman"
NUMBER_RE = re.compile(r"^-?\d+(?:[.,]\d+)?$")
DATE_RE = re.compile(r"^(\d{2})\.(\d{2})\.(\d{4})$")
OFF_VALUES = {"0", "false", "off"}


class Failures:
    """Failure messages grouped by file, printed in the order the files were checked."""

    def __init__(self) -> None:
        self.by_file: dict[str, list[str]] = {}

    def add(self, path: Path | str, message: str) -> None:
        self.by_file.setdefault(str(path), []).append(message)

    def __bool__(self) -> bool:
        return any(self.by_file.values())

    def count(self) -> int:
        return sum(len(v) for v in self.by_file.values())

    def print(self) -> None:
        for path, messages in self.by_file.items():
            for message in messages[:MAX_LINES]:
                print(f"{path}: {message}")
            if len(messages) > MAX_LINES:
                print(f"{path}: … and {len(messages) - MAX_LINES} more")


def show(value: object) -> str:
    """A value for a message: strings quoted with escapes so line breaks stay visible."""
    if isinstance(value, str):
        text = value if len(value) <= 80 else value[:77] + "…"
        return json.dumps(text, ensure_ascii=False)
    return repr(value)


# ---------------------------------------------------------------------------
# The report document (JSON)


class Table:
    def __init__(self, index: int, block: dict) -> None:
        self.index = index
        self.columns = block.get("columns") or []
        self.ids = [str(c.get("id", f"#{i + 1}")) for i, c in enumerate(self.columns)]
        self.titles = [str(c.get("title", "")) for c in self.columns]
        self.types = [str(c.get("type", "text")) for c in self.columns]
        self.rows: list[tuple[str, list[str]]] = []  # (kind, cells), flattened depth-first
        self._flatten(block.get("rows") or [])

    def _flatten(self, rows: list) -> None:
        for row in rows:
            if isinstance(row, list):  # a bare list of cells is a data row
                row = {"kind": "data", "cells": row}
            kind = str(row.get("kind", "data"))
            cells = ["" if c is None else str(c) for c in row.get("cells") or []]
            if kind != "section":  # a missing cell prints empty
                cells += [""] * (len(self.columns) - len(cells))
            elif not cells:
                cells = [""]
            self.rows.append((kind, cells))
            self._flatten(row.get("children") or [])

    @property
    def n(self) -> int:
        return len(self.columns)

    def where(self, row_number: int, column: int | None = None) -> str:
        """`table 1, row 3, column title` (1-based; row 0 is the header)."""
        text = f"table {self.index + 1}, row {row_number}"
        if column is not None:
            text += f", column {self.ids[column]}"
        return text


class Report:
    def __init__(self, path: Path) -> None:
        data = json.loads(path.read_text(encoding="utf-8"))
        self.path = path
        self.title = str(data.get("title", ""))
        self.orientation = str(data.get("orientation", "portrait"))
        self.blocks: list[dict] = data.get("blocks") or []
        self.tables: list[Table] = []
        for block in self.blocks:
            if block_type(block) == "table":
                self.tables.append(Table(len(self.tables), block))

    @property
    def landscape(self) -> bool:
        return self.orientation == "landscape"


def block_type(block: dict) -> str:
    return str(block.get("type", block.get("kind", "")))


def is_report(path: Path) -> bool:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return True  # reported as unreadable later
    return isinstance(data, dict) and "blocks" in data


# ---------------------------------------------------------------------------
# DOCX


def on(element) -> bool:
    """A Word on/off element (w:tblHeader, w:cantSplit) that is present and not switched off."""
    from docx.oxml.ns import qn

    if element is None:
        return False
    return (element.get(qn("w:val")) or "true").lower() not in OFF_VALUES


def check_docx(path: Path, report: Report, fail: Failures) -> None:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.table import _Cell

    try:
        doc = docx.Document(str(path))
    except Exception as error:  # noqa: BLE001 - any failure to open is the finding
        fail.add(path, f"cannot be opened by python-docx ({type(error).__name__}: {error})")
        return

    # Properties.
    title = doc.core_properties.title or ""
    if title != report.title:
        fail.add(path, f"core title differs (expected {show(report.title)}, got {show(title)})")

    # Page: A4 in the report's orientation.
    section = doc.sections[0]
    width, height = section.page_width, section.page_height
    if width is None or height is None:
        fail.add(path, "section 0 has no page size (w:pgSz w:w/w:h)")
    else:
        w_mm, h_mm = width / EMU_PER_MM, height / EMU_PER_MM
        want_w, want_h = (A4_LONG_MM, A4_SHORT_MM) if report.landscape else (A4_SHORT_MM, A4_LONG_MM)
        if abs(w_mm - want_w) > MM_TOLERANCE or abs(h_mm - want_h) > MM_TOLERANCE:
            fail.add(path, f"section 0 page is not A4 {report.orientation} "
                           f"(expected {want_w:.0f}x{want_h:.0f} mm, got {w_mm:.1f}x{h_mm:.1f} mm)")
        want_orient = WD_ORIENT.LANDSCAPE if report.landscape else WD_ORIENT.PORTRAIT
        if section.orientation != want_orient:
            fail.add(path, f"section 0 orientation differs (expected {want_orient.name}, "
                           f"got {section.orientation.name})")

    # Default font.
    check_docx_font(path, doc, fail)

    # Tables: exactly the report's, none nested.
    body = doc.element.body
    nested = [t for t in body.iter(qn("w:tbl")) if t.getparent() is not body]
    if nested:
        fail.add(path, f"{len(nested)} table(s) nested inside other elements (expected none)")
    if len(doc.tables) != len(report.tables):
        fail.add(path, f"table count differs (expected {len(report.tables)}, got {len(doc.tables)})")
    for table, docx_table in zip(report.tables, doc.tables):
        check_docx_table(path, table, docx_table, section, fail, qn, _Cell)

    # Body text, in document order (tables included in the order).
    check_docx_order(path, report, doc, fail, qn)


def check_docx_font(path: Path, doc, fail: Failures) -> None:
    """The default font (Normal style over docDefaults) is Times New Roman for Latin and Cyrillic.

    Cyrillic letters are in Word's hAnsi range, so both w:ascii and w:hAnsi must resolve to it;
    a theme attribute (w:asciiTheme…) at the same level wins over the explicit name.
    """
    from docx.oxml.ns import qn

    styles = doc.styles.element
    normal = None
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:type")) == "paragraph" and style.get(qn("w:default")) in ("1", "true", "on"):
            normal = style
            break
    levels = []
    if normal is not None:
        levels.append(("Normal style", normal.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")))
    levels.append(("docDefaults", styles.find(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")))
    for attr in ("ascii", "hAnsi"):
        resolved = None
        for name, fonts in levels:
            if fonts is None:
                continue
            theme = fonts.get(qn(f"w:{attr}Theme"))
            if theme is not None:
                resolved = (name, f"theme font {theme}")
                break
            value = fonts.get(qn(f"w:{attr}"))
            if value is not None:
                resolved = (name, value)
                break
        if resolved is None:
            fail.add(path, f"default font w:{attr} not set in Normal style or docDefaults "
                           f"(expected {show(FONT)})")
        elif resolved[1] != FONT:
            fail.add(path, f"default font w:{attr} in {resolved[0]} differs "
                           f"(expected {show(FONT)}, got {show(resolved[1])})")


def check_docx_table(path, table: Table, docx_table, section, fail: Failures, qn, _Cell) -> None:
    tbl = docx_table._tbl
    label = f"table {table.index + 1}"
    n = table.n

    tbl_pr = tbl.tblPr
    layout = tbl_pr.find(qn("w:tblLayout")) if tbl_pr is not None else None
    layout_type = layout.get(qn("w:type")) if layout is not None else None
    if layout_type != "fixed":
        fail.add(path, f"{label}: layout is not fixed (expected w:tblLayout w:type=\"fixed\", "
                       f"got {show(layout_type)})")
    grid = tbl.tblGrid
    grid_cols = grid.findall(qn("w:gridCol")) if grid is not None else []
    if len(grid_cols) != n:
        fail.add(path, f"{label}: gridCol count differs (expected {n}, got {len(grid_cols)})")
    else:
        widths = [int(c.get(qn("w:w")) or 0) for c in grid_cols]
        if any(w <= 0 for w in widths):
            fail.add(path, f"{label}: gridCol widths must be positive (got {widths})")
        if section.page_width is not None:
            text_width = section.page_width - (section.left_margin or 0) - (section.right_margin or 0)
            text_mm = text_width / EMU_PER_MM
            total_mm = sum(widths) / TWIPS_PER_MM
            if total_mm > text_mm + 5:
                fail.add(path, f"{label}: wider than the text area (expected <= {text_mm:.0f} mm, "
                               f"got {total_mm:.0f} mm)")

    trs = tbl.tr_lst
    if len(trs) != 1 + len(table.rows):
        fail.add(path, f"{label}: row count differs (expected 1 header + {len(table.rows)} rows, "
                       f"got {len(trs)} rows in all)")

    def cell_text(tc) -> str:
        return _Cell(tc, docx_table).text

    for number, tr in enumerate(trs):
        tr_pr = tr.trPr
        header = tr_pr.find(qn("w:tblHeader")) if tr_pr is not None else None
        cant_split = tr_pr.find(qn("w:cantSplit")) if tr_pr is not None else None
        if number == 0 and not on(header):
            fail.add(path, f"{table.where(0)}: header row is not repeated (no w:trPr/w:tblHeader)")
        if number > 0 and on(header):
            fail.add(path, f"{table.where(number)}: body row is marked as a repeated header (w:tblHeader)")
        if not on(cant_split):
            fail.add(path, f"{table.where(number)}: row may split across pages (no w:trPr/w:cantSplit)")

    if trs:
        tcs = trs[0].tc_lst
        texts = [cell_text(tc) for tc in tcs]
        if len(tcs) != n or any(tc.grid_span != 1 for tc in tcs):
            fail.add(path, f"{table.where(0)}: header cells differ (expected {n} single cells, "
                           f"got {len(tcs)} cells spanning {[tc.grid_span for tc in tcs]})")
        for j, (want, got) in enumerate(zip(table.titles, texts)):
            if want != got:
                fail.add(path, f"{table.where(0, j)}: header text differs (expected {show(want)}, got {show(got)})")

    for number, ((kind, cells), tr) in enumerate(zip(table.rows, trs[1:]), start=1):
        tcs = tr.tc_lst
        texts = [cell_text(tc) for tc in tcs]
        spans = [tc.grid_span for tc in tcs]
        if kind == "section":
            if len(tcs) != 1 or spans[0] != n:
                fail.add(path, f"{table.where(number)}: section row is not one cell merged across {n} "
                               f"columns (got {len(tcs)} cell(s) spanning {spans})")
            if texts and texts[0] != cells[0]:
                fail.add(path, f"{table.where(number)}: section text differs "
                               f"(expected {show(cells[0])}, got {show(texts[0])})")
            continue
        if len(tcs) != n or any(s != 1 for s in spans):
            fail.add(path, f"{table.where(number)}: {kind} row cells differ (expected {n} single cells, "
                           f"got {len(tcs)} cells spanning {spans})")
        for j, (want, got) in enumerate(zip(cells, texts)):
            if want != got:
                fail.add(path, f"{table.where(number, j)}: text differs (expected {show(want)}, got {show(got)})")


def check_docx_order(path: Path, report: Report, doc, fail: Failures, qn) -> None:
    """Headings and paragraphs appear as body paragraphs, tables between them, in report order.

    A text matches one body paragraph with the same text (line breaks as w:br), or several
    consecutive paragraphs whose texts joined by line breaks equal it.
    """
    from docx.text.paragraph import Paragraph

    body = doc.element.body
    items: list[tuple[str, object]] = []  # ("p", text) | ("tbl", None)
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            items.append(("p", Paragraph(child, doc._body).text))
        elif child.tag == qn("w:tbl"):
            items.append(("tbl", None))
    paragraphs = [text for kind, text in items if kind == "p"]

    def match_at(i: int, text: str) -> int | None:
        """End index (exclusive) when items from i on spell `text`, else None."""
        joined = None
        k = i
        while k < len(items) and items[k][0] == "p":
            joined = items[k][1] if joined is None else joined + "\n" + items[k][1]
            k += 1
            if joined == text:
                return k
            if not text.startswith(joined + "\n"):
                return None
        return None

    cursor = 0
    for index, block in enumerate(report.blocks):
        kind = block_type(block)
        if kind in ("heading", "paragraph"):
            text = str(block.get("text", ""))
            if not text.strip():
                continue
            found = None
            i = cursor
            while i < len(items):
                if items[i][0] == "tbl":
                    break  # the text must come before the next table
                end = match_at(i, text)
                if end is not None:
                    found = end
                    break
                i += 1
            if found is not None:
                cursor = found
            elif any(match_at(i, text) is not None for i in range(len(items)) if items[i][0] == "p"):
                fail.add(path, f"blocks[{index}] {kind}: text is out of order ({show(text)})")
            else:
                fail.add(path, f"blocks[{index}] {kind}: no body paragraph has this text ({show(text)})")
        elif kind == "table":
            i = cursor
            while i < len(items) and items[i][0] != "tbl":
                i += 1
            if i < len(items):
                cursor = i + 1
            # a missing table is reported by the table count
        elif kind in ("approval", "signature"):
            name = str(block.get("name", ""))
            if name and not any(name in p for p in paragraphs):
                fail.add(path, f"blocks[{index}] {kind}: name {show(name)} is in no body paragraph")


# ---------------------------------------------------------------------------
# XLSX


def parse_number(text: str) -> float | None:
    return float(text.replace(",", ".")) if NUMBER_RE.match(text) else None


def parse_date(text: str) -> dt.date | None:
    m = DATE_RE.match(text)
    if not m:
        return None
    try:
        return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None


def cell_matches(want: str, got: object, column_type: str) -> bool:
    if want == "":
        return got is None or got == ""
    if isinstance(got, str):
        return got == want
    if column_type == "number" and isinstance(got, (int, float)) and not isinstance(got, bool):
        number = parse_number(want)
        return number is not None and math.isclose(number, float(got), rel_tol=1e-9, abs_tol=1e-9)
    if column_type == "date" and isinstance(got, (dt.datetime, dt.date)):
        day = got.date() if isinstance(got, dt.datetime) else got
        if isinstance(got, dt.datetime) and got.time() != dt.time(0):
            return False
        return parse_date(want) == day
    return False


def check_xlsx(path: Path, report: Report, fail: Failures) -> None:
    import openpyxl

    warnings.filterwarnings("ignore", module="openpyxl")  # style quirks are not findings
    from openpyxl.utils import get_column_letter

    try:
        wb = openpyxl.load_workbook(str(path))
    except Exception as error:  # noqa: BLE001
        fail.add(path, f"cannot be opened by openpyxl ({type(error).__name__}: {error})")
        return

    if len(wb.sheetnames) != 1:
        fail.add(path, f"sheet count differs (expected 1, got {len(wb.sheetnames)}: {wb.sheetnames})")
    ws = wb.worksheets[0]

    setup = ws.page_setup
    orientation = setup.orientation
    if report.landscape and orientation != "landscape":
        fail.add(path, f"page orientation differs (expected 'landscape', got {show(orientation)})")
    if not report.landscape and orientation not in ("portrait", "default", None):
        fail.add(path, f"page orientation differs (expected 'portrait', got {show(orientation)})")
    paper = setup.paperSize
    if str(paper) != "9":
        fail.add(path, f"paper size differs (expected 9 = A4, got {show(paper)})")

    max_row, max_col = ws.max_row, ws.max_column
    grid = [list(r) for r in ws.iter_rows(min_row=1, max_row=max_row, max_col=max_col, values_only=True)]

    def value(r: int, c: int) -> object:  # 1-based
        if r - 1 < len(grid) and c - 1 < len(grid[r - 1]):
            return grid[r - 1][c - 1]
        return None

    merged = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges]
    merged_refs = {m.coord for m in ws.merged_cells.ranges}

    prev_end = 0
    for table in report.tables:
        n = table.n
        header_row = None
        for r in range(prev_end + 1, max_row + 1):
            if [value(r, c) for c in range(1, n + 1)] == table.titles:
                header_row = r
                break
        if header_row is None:
            fail.add(path, f"table {table.index + 1}: no header row after row {prev_end} "
                           f"(expected A..{get_column_letter(n)} = {show(' | '.join(table.titles))})")
            continue
        last_row = header_row + len(table.rows)
        prev_end = last_row

        if table.index == 0:
            titles = ws.print_title_rows
            m = re.fullmatch(r"\$?(\d+):\$?(\d+)", titles or "")
            if not m or not int(m.group(1)) <= header_row <= int(m.group(2)):
                fail.add(path, f"print titles do not cover the header row "
                               f"(expected rows including {header_row}, got {show(titles)})")

        last_col = get_column_letter(n)
        sections = 0
        for number, (kind, cells) in enumerate(table.rows, start=1):
            r = header_row + number
            if r > max_row:
                fail.add(path, f"{table.where(number)}: missing (sheet ends at row {max_row}, "
                               f"expected {len(table.rows)} rows under header row {header_row})")
                break
            if kind == "section":
                sections += 1
                got = value(r, 1)
                if got != cells[0]:
                    fail.add(path, f"{table.where(number)} (sheet row {r}): section text in A{r} differs "
                                   f"(expected {show(cells[0])}, got {show(got)})")
                ref = f"A{r}:{last_col}{r}"
                if n > 1 and ref not in merged_refs:
                    fail.add(path, f"{table.where(number)} (sheet row {r}): section row is not merged "
                                   f"(expected range {ref})")
                others = [c for c in range(2, max_col + 1) if value(r, c) not in (None, "")]
                if others:
                    fail.add(path, f"{table.where(number)} (sheet row {r}): section row has values beyond "
                                   f"column A (got {show(value(r, others[0]))} in {get_column_letter(others[0])}{r})")
                continue
            for j, want in enumerate(cells[:n]):
                got = value(r, j + 1)
                if not cell_matches(want, got, table.types[j]):
                    fail.add(path, f"{table.where(number, j)} (cell {get_column_letter(j + 1)}{r}): "
                                   f"value differs (expected {show(want)}, got {show(got)})")
            extra = [c for c in range(n + 1, max_col + 1) if value(r, c) not in (None, "")]
            if extra:
                fail.add(path, f"{table.where(number)} (sheet row {r}): value beyond the table's "
                               f"{n} columns (got {show(value(r, extra[0]))} in {get_column_letter(extra[0])}{r})")

        inside = [m for m in merged if m[0] <= last_row and m[2] >= header_row]
        want_merged = sections if n > 1 else 0
        if len(inside) != want_merged:
            fail.add(path, f"table {table.index + 1}: merged ranges in rows {header_row}-{last_row} "
                           f"differ (expected {want_merged}, one per section row, got {len(inside)})")

    # Other blocks: their text is somewhere on the sheet.
    strings = [str(v) for row in grid for v in row if v is not None]

    def present(text: str) -> bool:
        if any(text in s for s in strings):
            return True
        lines = [line for line in text.split("\n") if line.strip()]
        return len(lines) > 1 and all(any(line in s for s in strings) for line in lines)

    for index, block in enumerate(report.blocks):
        kind = block_type(block)
        if kind in ("heading", "paragraph"):
            text = str(block.get("text", ""))
            if text.strip() and not present(text):
                fail.add(path, f"blocks[{index}] {kind}: text is in no cell ({show(text)})")
        elif kind in ("approval", "signature"):
            name = str(block.get("name", ""))
            if name and not present(name):
                fail.add(path, f"blocks[{index}] {kind}: name {show(name)} is in no cell")


# ---------------------------------------------------------------------------
# Commands


def command_check(outdir: Path, stats: Path | None) -> int:
    fail = Failures()
    checked = {"docx": 0, "xlsx": 0}
    plugins = sorted(p for p in outdir.iterdir() if p.is_dir() and p.name != "pdf") if outdir.is_dir() else []
    if not plugins:
        fail.add(outdir, "no plugin folders (expected OUTDIR/<plugin>/<roadmap>.<report>.json)")
    for plugin in plugins:
        reports = [p for p in sorted(plugin.glob("*.json")) if is_report(p)]
        stems = {p.with_suffix("") for p in reports}
        for ext in ("docx", "xlsx"):
            for orphan in sorted(plugin.glob(f"*.{ext}")):
                if orphan.with_suffix("") not in stems:
                    fail.add(orphan, f"no report .json beside it (expected {orphan.with_suffix('.json').name})")
        if not reports:
            fail.add(plugin, "no report .json files")
        for json_path in reports:
            try:
                report = Report(json_path)
            except (OSError, ValueError, AttributeError, TypeError) as error:
                fail.add(json_path, f"unreadable report JSON ({type(error).__name__}: {error})")
                continue
            for ext, check in (("docx", check_docx), ("xlsx", check_xlsx)):
                target = json_path.with_suffix(f".{ext}")
                if not target.exists():
                    fail.add(target, "missing (expected beside the .json)")
                    continue
                checked[ext] += 1
                try:
                    check(target, report, fail)
                except Exception as error:  # noqa: BLE001 - a crash in a check is a failure too
                    fail.add(target, f"check crashed ({type(error).__name__}: {error})")
    fail.print()
    if stats is not None:
        stats.write_text(f"docx_checked={checked['docx']}\nxlsx_checked={checked['xlsx']}\n"
                         f"check_failures={fail.count()}\n")
    return 1 if fail else 0


def pdf_orientations(data: bytes) -> list[str]:
    """Orientation of each page's MediaBox found in plain (uncompressed) PDF objects."""
    result = []
    for m in re.finditer(rb"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]", data):
        x0, y0, x1, y1 = (float(v) for v in m.groups())
        result.append("landscape" if abs(x1 - x0) > abs(y1 - y0) else "portrait")
    return result


def pdf_text(pdf: Path) -> str | None:
    """The text of a PDF as pdftotext lays it out, spaces collapsed; None without pdftotext."""
    try:
        run = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, timeout=120)
    except FileNotFoundError:
        return None
    return " ".join(run.stdout.decode("utf-8", "replace").split())


def check_region_pdf(source: Path, pdf: Path, report: Report, data: dict, fail: Failures) -> None:
    """A region report as LibreOffice printed it: from a DOCX, every municipality of its
    tables' `municipality` column; from an XLSX, the title of each table's chart, which only
    the chart prints (so LibreOffice drew it)."""
    text = pdf_text(pdf)
    if text is None:
        fail.add(source, "pdftotext is not installed (Debian: poppler-utils; scripts/install-deps.sh test)")
        return
    if source.suffix == ".docx":
        for table in report.tables:
            if "municipality" not in table.ids:
                continue
            column = table.ids.index("municipality")
            names = {cells[column] for kind, cells in table.rows if kind == "data" and cells[column]}
            for name in sorted(names):
                if " ".join(name.split()) not in text:
                    fail.add(source, f"LibreOffice's PDF does not show the municipality {show(name)} ({pdf})")
    else:
        for block in data.get("blocks") or []:
            chart = block.get("chart") if block_type(block) == "table" else None
            if chart and " ".join(str(chart.get("title", "")).split()) not in text:
                fail.add(source, f"LibreOffice's PDF shows no chart {show(chart.get('title'))} ({pdf})")


def command_pdf(manifest: Path, stats: Path | None) -> int:
    fail = Failures()
    converted = 0
    for line in manifest.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        source, pdf = (Path(p) for p in line.split("\t"))
        if not pdf.exists():
            fail.add(source, f"LibreOffice wrote no PDF (expected {pdf})")
            continue
        data = pdf.read_bytes()
        if len(data) <= 1000 or not data.startswith(b"%PDF"):
            fail.add(source, f"LibreOffice PDF is not a real PDF (expected > 1000 bytes starting %PDF, "
                             f"got {len(data)} bytes starting {data[:8]!r}) in {pdf}")
            continue
        converted += 1
        report_path = source.with_suffix(".json")
        if ".region." in source.name and report_path.exists():
            check_region_pdf(source, pdf, Report(report_path), json.loads(report_path.read_text(encoding="utf-8")), fail)
        orientations = pdf_orientations(data)
        if orientations and report_path.exists():
            try:
                want = Report(report_path).orientation
            except (OSError, ValueError):
                continue
            if orientations[0] != want:
                fail.add(source, f"LibreOffice laid page 1 out differently (expected {want}, "
                                 f"got {orientations[0]}) in {pdf}")
    fail.print()
    if stats is not None:
        stats.write_text(f"pdf_converted={converted}\npdf_failures={fail.count()}\n")
    return 1 if fail else 0


def main(argv: list[str]) -> int:
    stats = None
    if len(argv) == 4 and argv[2] == "--stats":
        stats = Path(argv[3])
        argv = argv[:2]
    if len(argv) == 2 and argv[0] == "check":
        return command_check(Path(argv[1]), stats)
    if len(argv) == 2 and argv[0] == "pdf":
        return command_pdf(Path(argv[1]), stats)
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
