"""Arabic in PDFs: bidi levels, shaping, wrapping and mirroring, checked by reading the PDF back."""

from __future__ import annotations

import re
import subprocess
import unicodedata

import pytest
from bidi import get_display
from extraction import in_order_ratio, pdf_text, tokens, tool
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Table

from survey.reporting.pdf.bidi import line_levels, resolve_levels, visual_order
from survey.reporting.pdf.charts import ScoreChart
from survey.reporting.pdf.fonts import register_fonts
from survey.reporting.pdf.layout import TextStyle, clean, layout, measure
from survey.reporting.pdf.text import TextBlock

MIXED = "شركة الأطلس (ISO 27001) 2026 بنسبة 35%"
ARABIC = TextStyle(rtl=True, lang="ar")
SENTENCE = (
    "تعتمد المؤسسة خطة لاستمرارية الأعمال تُراجَع كل سنة، وتختبر النسخ الاحتياطية مرة في الفصل "
    "على الأقل، وتُبلغ اللجنة الوطنية لمراقبة حماية المعطيات ذات الطابع الشخصي عند أي خرق. "
)
ALPHABET = list("شركةالأطلسبنسبةISOabc0123456789 ().-/%+,:@[]{}#") + [
    "\u0661",  # Arabic-Indic digit one (AN)
    "\u064e",  # fatha (NSM)
    "\u0651",  # shadda (NSM)
    "\u05d0",  # Hebrew alef (R)
    "\u200c",  # zero width non-joiner (BN)
]


@pytest.fixture(scope="module", autouse=True)
def fonts():
    register_fonts()


def _display(text: str, base: int) -> str:
    levels = line_levels(text, resolve_levels(text, base), base)
    return "".join(text[i] for i in visual_order(levels))


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40), st.sampled_from([0, 1]))
def test_bidi_levels_agree_with_an_independent_implementation(text, base):
    """python-bidi (Rust unicode-bidi, with bracket pairs) gives the same display order."""
    text = text.replace("\u200c", "")  # BN characters are placed differently by design (X9)
    assert _display(text, base) == get_display(text, base_dir="LR"[base])


@pytest.mark.parametrize(
    ("logical", "visual"),
    [
        ("نص (ISO 27001) نص", "صن )ISO 27001( صن"),
        ("بنسبة 35%", "%35 ةبسنب"),
        ("[أ] و{ب}", "}ب{و ]أ["),
    ],
)
def test_brackets_pair_and_numbers_keep_their_order(logical, visual):
    # brackets are reversed here, as characters; the shaper draws them mirrored (tested below)
    assert _display(logical, 1) == visual


def _visual_text(content: str, style: TextStyle = ARABIC, width: float = 1e6) -> list[str]:
    """Each line's characters as drawn, left to right (the font's forms folded back)."""
    return [
        unicodedata.normalize("NFKC", "".join(a.shaped.chars for a in line.atoms))
        for line in layout(content, style, width)
    ]


def test_brackets_are_drawn_mirrored_around_latin_words():
    line = _visual_text("نص (ISO 27001) نص")[0]
    assert "(ISO 27001)" in line  # the opening bracket, on the right, is drawn as ')'


@pytest.mark.parametrize(
    "island",
    ["+212 522 123456", "0522-12-34-56", "25/11/2026", "2026-11-25", "contact@atlas.ma"],
)
def test_phone_numbers_dates_and_addresses_read_left_to_right(island):
    line = _visual_text(f"اتصلوا بنا {island} قبل الموعد")[0]
    assert island in line


def test_control_and_direction_override_characters_are_removed():
    assert clean("a\u202eb\u2066c\u2069d\x00e\x07f\u202a") == "abcdef"
    assert clean("سطر\r\nسطر\tآخر") == "سطر\nسطر آخر"


def test_wrapping_keeps_logical_order_and_the_width():
    text = SENTENCE * 6
    room = 80 * mm
    lines = layout(text, ARABIC, room)
    assert len(lines) > 5
    assert all(line.width <= room + 0.01 for line in lines)
    # reading each line right to left gives back the text's words in order
    words = [unicodedata.normalize("NFKC", w) for w in text.split()]
    read = []
    for line in lines:
        for atom in reversed(line.atoms):
            if not atom.space:
                chars = atom.shaped.chars if atom.level % 2 else atom.shaped.chars[::-1]
                read.append(chars[::-1])
    stripped = ["".join(c for c in unicodedata.normalize("NFKC", w) if c.isalnum()) for w in read]
    expected = ["".join(c for c in w if c.isalnum()) for w in words]
    assert [w for w in stripped if w] == [w for w in expected if w]


def test_right_centre_and_justified_lines_fill_their_box(tmp_path):
    text = SENTENCE * 3
    for align in ("start", "end", "centre", "justify"):
        block = TextBlock(text, ARABIC.but(align=align))
        width, height = block.wrap(90 * mm, 1000)
        assert width == 90 * mm and height == len(block._layout(width)) * ARABIC.leading
    path = tmp_path / "aligned.pdf"
    SimpleDocTemplate(str(path)).build(
        [TextBlock(text, ARABIC.but(align=a)) for a in ("start", "end", "centre", "justify")]
    )
    extracted = tokens(pdf_text(path))
    assert in_order_ratio(text, extracted) >= 0.95


def test_a_word_longer_than_the_line_is_cut_to_fit():
    word = "ب" * 400
    lines = layout(f"كلمة {word} أخرى", ARABIC, 60 * mm)
    assert len(lines) > 3 and all(line.width <= 60 * mm for line in lines)


def test_a_200000_character_text_lays_out_whole():
    text = (SENTENCE * (200_000 // len(SENTENCE) + 1))[:200_000]
    lines = layout(text, ARABIC, 170 * mm)
    drawn = sum(len(a.shaped.chars) for line in lines for a in line.atoms)
    assert len(lines) > 1000 and drawn > 150_000  # ligatures draw fewer glyphs than letters


def _build(tmp_path, story, name="doc.pdf"):
    path = tmp_path / name
    SimpleDocTemplate(str(path), invariant=1).build(story)
    return path, tokens(pdf_text(path))


def test_markup_in_text_is_printed_as_text(tmp_path):
    hostile = 'نص <b>غامق</b> &amp; <img src="/etc/hostname"/> <a href="javascript:x">رابط</a>'
    path, _ = _build(tmp_path, [TextBlock(hostile, ARABIC)])
    extracted = tokens(pdf_text(path))
    for word in ("نص", "b", "غامق", "amp", "img", "src", "etc", "hostname", "javascript", "رابط"):
        assert word in extracted, word  # printed, tags and entities included
    raw = path.read_bytes()  # no link and no image (names in the uncompressed dictionaries)
    assert b"/Annots" not in raw and b"/S /URI" not in raw and b"/Subtype /Image" not in raw


def test_a_paragraph_across_a_page_break_reads_in_order(tmp_path):
    text = SENTENCE * 40
    path, extracted = _build(tmp_path, [TextBlock(text, ARABIC.but(align="justify"))])
    pages = subprocess.run(
        [tool("pdfinfo"), str(path)], check=True, capture_output=True, text=True
    ).stdout
    assert int(re.search(r"Pages:\s+(\d+)", pages)[1]) >= 2
    assert in_order_ratio(text, extracted) >= 0.95


def test_table_cells_and_chart_labels_read_in_order(tmp_path):
    rows = [
        [TextBlock("المجال", ARABIC.but(bold=True)), TextBlock(MIXED, ARABIC)],
        [TextBlock("الهاتف", ARABIC), TextBlock("اتصلوا على +212 522 123456 صباحًا", ARABIC)],
    ]
    labels = ["الحوكمة واستراتيجية الجاهزية", "العمل عن بُعد", "الاستجابة للحوادث"]
    chart = ScoreChart(
        list(zip(labels, [72.0, None, 35.0], strict=True)),
        ARABIC,
        bar_colour="#1F4E79",
        empty_label="غير مُقيَّم",
    )
    path, extracted = _build(
        tmp_path, [Table(rows, colWidths=[40 * mm, 120 * mm]), chart], "cells.pdf"
    )
    for source in ["المجال", MIXED, "اتصلوا على +212 522 123456 صباحًا", *labels, "غير مُقيَّم"]:
        assert in_order_ratio(source, extracted) >= 0.95, source
    # a number alone (a score, a tick) keeps its digits in order in a right-to-left chart
    assert {"72", "35", "75", "100"} <= set(extracted)
    assert not {"27", "53", "57", "001"} & set(extracted)


def test_a_number_alone_in_a_right_to_left_paragraph_is_left_to_right():
    for number in ("26", "100", "2026"):
        (line,) = layout(number, ARABIC, 100 * mm)
        assert [(a.shaped.chars, a.level) for a in line.atoms] == [(number, 2)]


def test_bold_headings_keep_their_words_whole(tmp_path):
    """Kerning after a reh or a zain opens a gap that must not read as a space."""
    heading = "تقرير تقييم الجاهزية والتاريخ"
    path, extracted = _build(tmp_path, [TextBlock(heading, ARABIC.but(size=22, bold=True))])
    assert in_order_ratio(heading, extracted) == 1.0


def test_one_line_measure_is_the_laid_out_width():
    assert measure(MIXED, ARABIC) == pytest.approx(layout(MIXED, ARABIC, 1e6)[0].width)


def _shipped_report(lang: str, name: str):
    """The full report of a weak insurance broker, from the shipped library and texts."""
    from survey.paths import shipped_folder
    from survey.plan import Plan
    from survey.questionnaire import load_library
    from survey.reporting.content import load_report_content
    from survey.reporting.context import build_report_context

    form = load_library(shipped_folder("questionnaires")).get("readiness").for_sector("insurance")
    answers = {
        q.id: min(q.options, key=lambda o: o.score).value
        for q in form.questions()
        if q.scored and q.type != "multi_choice"
    }
    assessment = {
        "sector": "insurance",
        "status": "submitted",
        "organisation_name": name,
        "organisation_size": "10-49",
        "submitted_at": "2026-11-20T10:00:00+00:00",
        "updated_at": "2026-11-20T10:00:00+00:00",
    }
    return build_report_context(
        plan=Plan(form, answers, submitted=True),
        assessment=assessment,
        content=load_report_content(shipped_folder("reports")),
        lang=lang,
    )


def test_every_text_of_the_arabic_report_reads_in_order(tmp_path):
    from survey.reporting.pdf import render_report

    ctx = _shipped_report("ar", MIXED)
    path = tmp_path / "report-ar.pdf"
    path.write_bytes(render_report(ctx))
    extracted = tokens(pdf_text(path))
    sources = [ctx.organisation, ctx.sector, ctx.questionnaire]
    sources += [ctx.texts[k] for k in ("title", "subtitle", "introduction", "how_to_read")]
    sources += [ctx.texts["disclaimer"], *(d.title for d in ctx.domains)]
    for rec in ctx.recommendations:
        sources += [rec.title, rec.why, rec.how, *rec.references]
    assert len(ctx.recommendations) >= 10
    low = {s[:50]: r for s in sources if (r := in_order_ratio(s, extracted)) < 0.95}
    assert not low, low


def test_report_is_in_the_assessment_language_by_default(client, tmp_path):
    body = {
        "questionnaire": "readiness",
        "sector": "insurance",
        "language": "ar",
        "organisation": {"name": MIXED, "size": "10-49"},
        "answers": {},
    }
    token = client.post("/api/v1/assessments", json=body).json["token"]
    response = client.get(f"/api/v1/assessments/{token}/report.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].endswith('-ar.pdf"')
    path = tmp_path / "default.pdf"
    path.write_bytes(response.data)
    extracted = tokens(pdf_text(path))
    assert in_order_ratio("تقرير تقييم الجاهزية", extracted) == 1.0
    assert in_order_ratio(MIXED, extracted) == 1.0
