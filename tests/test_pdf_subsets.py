"""Font subsets with fixed places: runs encoded once for every document, each PDF embedding only
what it draws; and the collector paused while documents are built."""

from __future__ import annotations

import base64
import gc
import re
import zlib

import pytest
from extraction import in_order_ratio, pdf_text, tokens
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from survey.reporting.pdf.collector import collector_paused
from survey.reporting.pdf.fonts import FONT, register_fonts
from survey.reporting.pdf.layout import TextStyle
from survey.reporting.pdf.text import TextBlock

FRENCH = TextStyle(lang="fr")
ARABIC = TextStyle(rtl=True, lang="ar")


@pytest.fixture(scope="module", autouse=True)
def fonts():
    register_fonts()


def _build(tmp_path, name: str, story) -> tuple[list[str], set[str]]:
    """The PDF's extracted tokens, and every character its fonts' ToUnicode maps give."""
    path = tmp_path / name
    SimpleDocTemplate(str(path), invariant=1).build(story)
    return tokens(pdf_text(path)), _mapped(path.read_bytes())


def _mapped(pdf: bytes) -> set[str]:
    chars = set()
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        data = stream.strip()
        if data.endswith(b"~>"):
            data = base64.a85decode(data, adobe=True)
        try:
            data = zlib.decompress(data)
        except zlib.error:
            continue
        if b"beginbfchar" in data:
            for target in re.findall(rb"<[0-9A-F]{2}> <([0-9A-F]{4,})>", data):
                chars.update(bytes.fromhex(target.decode()).decode("utf-16-be"))
    return chars - {"\0"}


def test_each_document_embeds_only_the_characters_it_draws(tmp_path):
    first, first_chars = _build(tmp_path, "a.pdf", [TextBlock("Équipe à jour", FRENCH)])
    second, second_chars = _build(tmp_path, "b.pdf", [TextBlock("Œuvre ôtée", FRENCH)])
    assert first == ["Équipe", "à", "jour"] and second == ["Œuvre", "ôtée"]
    assert {"É", "à", "q"} <= first_chars and not {"Œ", "ô", "O", "z"} & first_chars
    assert {"Œ", "ô", "v"} <= second_chars and not {"É", "à", "q", "z"} & second_chars


def test_a_run_drawn_in_several_documents_reads_right_in_each(tmp_path):
    texts = [
        "Sécurité et continuité : 35 % des sauvegardes testées",
        "Continuité – « Sécurité » ; sauvegardes testées… 35 %",
        "Société Atlas شركة الأطلس : sauvegardes testées",
    ]
    for n, text in enumerate(texts * 2):  # the second time, every run is already encoded
        extracted, _ = _build(tmp_path, f"{n}.pdf", [TextBlock(text, FRENCH)])
        assert in_order_ratio(text, extracted) == 1.0, text


def test_kerned_latin_and_arabic_inside_a_french_document_read_in_order(tmp_path):
    # "C'est" and "T'" kern wide enough to be drawn through aliases, which have no fixed place
    text = "C'est T'as AVATAR Tête-à-tête « D'ici » — تقرير الجاهزية — Yves WAVE"
    story = [TextBlock(text, FRENCH), TextBlock(text, FRENCH.but(bold=True))]
    extracted, _ = _build(tmp_path, "mixed.pdf", story)
    assert in_order_ratio(text + " " + text, extracted) == 1.0


def test_reportlab_paragraphs_share_the_font_with_text_blocks(tmp_path):
    style = ParagraphStyle("p", fontName=FONT, fontSize=10)
    first, second, third = "Café à Rabat", "Plan révisé ; œuvre", "خطة استمرارية الأعمال"
    story = [TextBlock(first, FRENCH), Paragraph(second, style), TextBlock(third, ARABIC)]
    extracted, _ = _build(tmp_path, "shared.pdf", story)
    for text in (first, second, third):
        assert in_order_ratio(text, extracted) == 1.0, text


def test_a_right_to_left_document_reads_right_with_codes_given_as_used(tmp_path):
    text = "تعمل شركة الأطلس على تحسين النسخ الاحتياطي بنسبة 35% في 2026، وتدرّب موظّفيها."
    story = [TextBlock(text, ARABIC), TextBlock("Équipe à jour", FRENCH)]
    extracted, chars = _build(tmp_path, "ar.pdf", story)
    assert in_order_ratio(text, extracted) == 1.0
    assert in_order_ratio("Équipe à jour", extracted) == 1.0
    assert {"É", "à"} <= chars


def test_the_collector_is_paused_only_while_a_document_is_built():
    seen = []

    @collector_paused
    def build(fail: bool = False):
        seen.append(gc.isenabled())
        if fail:
            raise ValueError("bad input")
        return "pdf"

    assert gc.isenabled()
    assert build() == "pdf" and seen == [False] and gc.isenabled()
    with pytest.raises(ValueError):
        build(fail=True)
    assert gc.isenabled()
    gc.disable()  # a caller that paused it itself keeps it paused
    try:
        build()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_nothing_of_a_document_is_kept_once_it_is_written(tmp_path):
    from survey.reporting.pdf import draw

    for n, style in enumerate((FRENCH, ARABIC, FRENCH)):
        _build(tmp_path, f"{n}.pdf", [TextBlock("Équipe à jour فريق", style)])
    gc.collect()
    assert not [o for o in gc.get_objects() if isinstance(o, draw._Document)]
    assert not draw._DOCUMENTS
