"""CSV and XLSX exports: what a spreadsheet reads back, with formula injection neutralised."""

from __future__ import annotations

import csv
import io
import itertools
import zipfile

import pytest
from openpyxl import load_workbook

from survey.exporting import BOM, CHUNK_ROWS, csv_chunks, neutralise, xlsx_bytes

DANGEROUS = ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://x","y")']
HEADER = ["organisation", "score", "answer"]


def _csv_rows(chunks) -> list[list[str]]:
    text = "".join(chunks)
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text.removeprefix(BOM), newline="")))


def _workbook(sheets):
    return load_workbook(io.BytesIO(xlsx_bytes(sheets)))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+33 1 23", "'+33 1 23"),
        ("-2", "'-2"),
        ("@cmd", "'@cmd"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        (" =1+1", "' =1+1"),  # a spreadsheet may trim the spaces, then run the rest
        ("\u00a0 -2", "'\u00a0 -2"),
        ("a=1", "a=1"),
        ("'already quoted", "'already quoted"),
        ("شركة النور", "شركة النور"),
        ("", ""),
        ("\x00=1+1", "'=1+1"),  # control characters go before the check, not after it
        ("a\x01b\x0bc\x1fd\x7fe\x85f", "abcdef"),
        ("line\nnext\ttab\rcr", "line\nnext\ttab\rcr"),
        ("x\ud800y\udfff", "xy"),  # lone surrogates: not encodable as UTF-8
        ("😀 ok", "😀 ok"),
        (-3, -3),
        (-2.5, -2.5),
        (0, 0),
        (None, None),
        (True, "True"),
    ],
)
def test_neutralise(value, expected):
    result = neutralise(value)
    assert result == expected
    assert type(result) is type(expected)


def test_csv_round_trip_keeps_every_cell_and_neutralises_dangerous_text():
    rows = [
        ["شركة النور, للتجارة", 66.7, 'he said "yes"\nthen left'],
        ["Acme", -3, None],
        ["Zero", 0, ""],
        *[[text, 1, text] for text in DANGEROUS],
    ]
    read = _csv_rows(csv_chunks(HEADER, rows))
    assert read[0] == HEADER
    assert read[1] == ["شركة النور, للتجارة", "66.7", 'he said "yes"\nthen left']
    assert read[2] == ["Acme", "-3", ""]
    assert read[3] == ["Zero", "0", ""]
    assert [row[0] for row in read[4:]] == ["'" + text for text in DANGEROUS]
    assert [row[2] for row in read[4:]] == ["'" + text for text in DANGEROUS]
    assert len(read) == 1 + len(rows)


def test_csv_writes_numbers_unquoted_none_empty_and_crlf():
    text = "".join(csv_chunks(["a", "b", "c", "d"], [[1, -3, 2.5, None], ["=x", "x,y", "", 0]]))
    assert text == '\ufeffa,b,c,d\r\n1,-3,2.5,\r\n\'=x,"x,y",,0\r\n'


def test_csv_header_is_neutralised():
    assert _csv_rows(csv_chunks(["=cmd", "name"], []))[0] == ["'=cmd", "name"]


def test_csv_encodes_as_utf8_with_a_bom_excel_recognises():
    data = "".join(csv_chunks(["الاسم"], [["شركة"]])).encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig") == "الاسم\r\nشركة\r\n"


def test_csv_streams_lazily_in_chunks_of_many_rows():
    consumed = 0

    def rows():
        nonlocal consumed
        for number in range(10_000):
            consumed += 1
            yield [f"org {number}", number, None]

    chunks = csv_chunks(HEADER, rows())
    assert consumed == 0  # nothing is read before the first chunk is asked for
    first = next(chunks)
    assert consumed <= CHUNK_ROWS + 1
    assert first.startswith(BOM + "organisation,score,answer\r\n")
    rest = list(chunks)
    assert consumed == 10_000
    assert len(rest) >= 5  # several chunks, not one per row nor the whole file at once
    assert len(rest) < 10_000 // 50
    read = _csv_rows([first, *rest])
    assert len(read) == 10_001
    assert read[-1] == ["org 9999", "9999", ""]


def test_csv_of_no_rows_is_the_header_alone():
    assert list(csv_chunks(["a"], iter([]))) == ["\ufeffa\r\n"]


def test_xlsx_round_trip_keeps_types_and_never_makes_formulas():
    answers = [
        ["شركة النور", 66.7, "نعم، بالتأكيد"],
        ["Acme", -3, None],
        ["#N/A", 0, ""],
        *[[text, 1, "ok"] for text in DANGEROUS],
    ]
    workbook = _workbook([("Scores", HEADER, answers), ("Answers", ["a", "b"], [[1, 2]])])
    assert workbook.sheetnames == ["Scores", "Answers"]
    sheet = workbook["Scores"]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == HEADER
    assert values[1] == ["شركة النور", 66.7, "نعم، بالتأكيد"]
    assert values[2] == ["Acme", -3, None]
    assert values[3] == ["#N/A", 0, None]
    # XML reads a carriage return back as a line feed; the apostrophe is kept either way.
    expected = ["'" + text.replace("\r", "\n") for text in DANGEROUS]
    assert [row[0] for row in values[4:]] == expected
    assert len(values) == 1 + len(answers)
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    assert all(cell.data_type != "e" for cell in cells)  # '#N/A' text is not an error value
    assert {cell.data_type for cell in cells} == {"s", "n"}  # None and "" are empty cells
    assert type(sheet["B3"].value) is int and sheet["B3"].data_type == "n"
    assert type(sheet["B2"].value) is float and sheet["B2"].data_type == "n"
    assert sheet["A2"].data_type == "s" and sheet["A4"].data_type == "s"
    assert [cell.value for cell in workbook["Answers"][2]] == [1, 2]


def test_xlsx_header_is_bold_and_frozen_and_rows_are_not_bold():
    workbook = _workbook([("Scores", HEADER, [["Acme", 1, "x"]])])
    sheet = workbook["Scores"]
    assert all(cell.font.b for cell in sheet[1])
    assert not any(cell.font.b for cell in sheet[2])
    assert sheet.freeze_panes == "A2"


def test_xlsx_text_is_stored_as_strings_not_formulas():
    data = xlsx_bytes([("S", ["=h"], [["=1+1"], ["#REF!"]])])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in xml and "<f " not in xml
    assert 't="e"' not in xml
    assert xml.count('t="inlineStr"') == 3


def test_xlsx_removes_characters_that_xlsx_cannot_hold():
    workbook = _workbook([("S", ["h"], [["a\x00b\x1bc"], ["d\ud800e"]])])
    assert [workbook["S"]["A2"].value, workbook["S"]["A3"].value] == ["abc", "de"]


def test_csv_encodes_as_utf8_whatever_the_text():
    text = "".join(csv_chunks(["h"], [["a\udc80b"], ["😀"]]))
    assert text.encode("utf-8").decode("utf-8-sig") == "h\r\nab\r\n😀\r\n"


def test_xlsx_sheet_titles_are_cut_cleaned_and_unique():
    long_title = "تقييم الجاهزية للعمل عن بعد واستمرارية الأعمال"
    sheets = [
        (long_title, ["a"], []),
        (long_title, ["a"], []),
        ("a[b]c:d*e?f/g\\h", ["a"], []),
        ("Scores", ["a"], []),
        ("scores", ["a"], []),
        ("", ["a"], []),
        ("'quoted'", ["a"], []),
    ]
    names = _workbook(sheets).sheetnames
    assert names[0] == long_title[:31]
    assert names[1] == long_title[:27] + " (2)"
    assert names[2:] == ["a_b_c_d_e_f_g_h", "Scores", "scores (2)", "Sheet", "quoted"]
    assert all(len(name) <= 31 for name in names)


def test_xlsx_reads_rows_lazily_from_a_generator():
    rows = ([f"org {n}", n, n / 2] for n in range(5_000))
    sheet = _workbook([("Big", HEADER, rows)])["Big"]
    assert sheet.max_row == 5_001
    assert [cell.value for cell in sheet[5_001]] == ["org 4999", 4999, 2499.5]


def test_xlsx_of_an_empty_sheet_has_the_header_only():
    sheet = _workbook([("Empty", HEADER, iter([]))])["Empty"]
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [HEADER]


def test_the_same_rows_give_the_same_cells_in_csv_and_xlsx():
    rows = [[text, n, None] for n, text in enumerate(DANGEROUS[:4])]
    read_csv = _csv_rows(csv_chunks(HEADER, rows))[1:]
    read_xlsx = [
        [cell.value for cell in row] for row in _workbook([("S", HEADER, rows)])["S"].iter_rows()
    ][1:]
    for from_csv, from_xlsx in itertools.zip_longest(read_csv, read_xlsx):
        assert from_csv[0] == from_xlsx[0]
        assert from_csv[1] == str(from_xlsx[1])
