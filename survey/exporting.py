"""Exports of assessments and answers as CSV and XLSX, safe to open in a spreadsheet.

Cell text comes from users, so every cell goes through `neutralise`: text that a spreadsheet would
take for a formula gets a leading apostrophe, and control characters that XLSX cannot hold are
removed. CSV is streamed in chunks, UTF-8 with a BOM so that Excel reads Arabic; XLSX is written
by openpyxl in write-only mode, with every text cell typed as a string.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

Cell = str | int | float | None

BOM = "\ufeff"
# Rows written to the CSV buffer before it is handed out as one chunk.
CHUNK_ROWS = 500
# What a spreadsheet may read as the start of a formula.
_DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Control characters (C0, DEL and C1) other than tab, newline and carriage return, and lone
# surrogates (from JSON escapes), which neither UTF-8 nor XLSX can hold.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_TITLE_MAX = 31
_TITLE_INVALID = re.compile(r"[\[\]:*?/\\]")
_BOLD = Font(bold=True)


def neutralise(value: Cell) -> Cell:
    """`value` made safe for a spreadsheet cell.

    Numbers (int and float, not bool) and None are returned unchanged. Anything else is text
    (a bool or a date as `str` writes it): control characters other than tab, newline and carriage
    return, and lone surrogates, are removed; then text that begins with '=', '+', '-', '@', a tab
    or a carriage return, after spaces or not (a spreadsheet may trim them), gets a leading
    apostrophe so that a spreadsheet shows it, not runs it.
    """
    if value is None or (isinstance(value, int | float) and not isinstance(value, bool)):
        return value
    text = _CONTROL.sub("", str(value))
    dangerous = text.startswith(_DANGEROUS_STARTS) or text.lstrip().startswith(_DANGEROUS_STARTS)
    return "'" + text if dangerous else text


def csv_chunks(header: list[str], rows: Iterable[Sequence[Cell]]) -> Iterator[str]:
    """The CSV of `header` and `rows` in chunks of `CHUNK_ROWS` rows, a UTF-8 BOM first.

    `rows` is read lazily, so memory stays bounded whatever the number of rows. Every cell is
    neutralised; None is an empty field, numbers are written unquoted, lines end with CRLF.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write(BOM)
    writer.writerow([neutralise(name) for name in header])
    for count, row in enumerate(rows, 1):
        writer.writerow([neutralise(value) for value in row])
        if count % CHUNK_ROWS == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue()


def xlsx_bytes(sheets: Sequence[tuple[str, list[str], Iterable[Sequence[Cell]]]]) -> bytes:
    """An XLSX workbook with one worksheet for each (title, header, rows) of `sheets`.

    The header row is bold and stays in view (frozen panes). Every cell is neutralised; numbers
    are numeric cells, None and empty text are empty cells, and text is always a string cell,
    never a formula or an error value. Titles are made valid and unique for Excel.
    """
    workbook = Workbook(write_only=True)
    used: set[str] = set()
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(_sheet_title(title, used))
        sheet.freeze_panes = "A2"
        sheet.append([_cell(sheet, name, bold=True) for name in header])
        for row in rows:
            sheet.append([_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(sheet: WriteOnlyWorksheet, value: Cell, bold: bool = False) -> WriteOnlyCell | None:
    """A cell of `sheet` holding `value` neutralised; None for an empty cell."""
    value = neutralise(value)
    if value is None or value == "":
        return None
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        # openpyxl makes text starting with '=' a formula and '#N/A' and the like error values.
        cell.data_type = "s"
    if bold:
        cell.font = _BOLD
    return cell


def _sheet_title(title: str, used: set[str]) -> str:
    """`title` as a worksheet title Excel accepts, unlike those in `used` (lower case)."""
    cleaned = _TITLE_INVALID.sub("_", _CONTROL.sub("", title))
    base = cleaned[:_TITLE_MAX].strip("'") or "Sheet"
    name, number = base, 1
    while name.lower() in used:
        number += 1
        suffix = f" ({number})"
        name = base[: _TITLE_MAX - len(suffix)].rstrip("'") + suffix
    used.add(name.lower())
    return name
