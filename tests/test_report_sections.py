"""The report's sections and the data that arrives later (a consultant's review, peer medians),
its wording and branding as files, and the peer group rule; read back with pdftotext."""

from __future__ import annotations

import re
import shutil
import struct
import zlib

import pytest
from extraction import in_order_ratio, pdf_text, tokens

from survey.paths import shipped_folder
from survey.peers import MIN_PEERS, PeerGroup, peer_group
from survey.plan import Plan
from survey.questionnaire import LibraryError, load_library
from survey.reporting.content import load_report_content
from survey.reporting.context import Review, build_report_context
from survey.reporting.pdf import render_report

ASSESSMENT = {
    "id": 1,
    "sector": "insurance",
    "status": "submitted",
    "organisation_name": "Courtage Atlas",
    "organisation_size": "10-49",
    "submitted_at": "2026-11-20T10:00:00+00:00",
    "updated_at": "2026-11-20T10:00:00+00:00",
}
NOTES = {
    "ar": {
        "general": "الأولوية القصوى هي النسخ الاحتياطية المعزولة قبل نهاية الفصل.",
        "governance": "اللجنة المكلفة بالأمن لم تجتمع منذ سنة.",
    },
    "fr": {
        "general": "La priorité absolue : des sauvegardes isolées avant la fin du trimestre.",
        "governance": "Le comité sécurité ne s'est pas réuni depuis un an.",
    },
}
JUSTIFICATION = {
    "ar": "الوثائق المقدمة تثبت وجود ميثاق موقع.",
    "fr": "Charte signée vue sur place.",
}


@pytest.fixture(scope="module")
def form():
    return load_library(shipped_folder("questionnaires")).get("readiness").for_sector("insurance")


def _partial_answers(form) -> dict:
    """A middling organisation: every choice question at its middle option."""
    return {
        q.id: q.options[len(q.options) // 2].value
        for q in form.questions()
        if q.scored and q.type != "multi_choice"
    }


def _context(form, lang, review=None, peers=None, content=None, name="Courtage Atlas"):
    return build_report_context(
        plan=Plan(form, _partial_answers(form), submitted=True),
        assessment=ASSESSMENT | {"organisation_name": name},
        content=content or load_report_content(shipped_folder("reports")),
        lang=lang,
        review=review,
        peers=peers,
    )


def _pdf(tmp_path, ctx, name="report.pdf"):
    path = tmp_path / name
    path.write_bytes(render_report(ctx))
    return path


def _flat(path) -> str:
    return re.sub(r"\s+", " ", pdf_text(path))


def _review(lang: str, form) -> Review:
    first_rec = Plan(form, _partial_answers(form), submitted=True).selected[0].recommendation.id
    return Review(
        notes=NOTES[lang] | {first_rec: NOTES[lang]["general"][:30]},
        scores={"governance": 72.0},
        justifications={"governance": JUSTIFICATION[lang]},
    )


PEERS = PeerGroup("insurance", "10-49", 7, {"governance": 55.0, "cybersecurity": 61.5})


def test_without_review_or_peers_the_report_says_self_assessed_only(form, tmp_path):
    text = _flat(_pdf(tmp_path, _context(form, "fr")))
    assert "Auto-évaluation" in text and "revue par un consultant" not in text
    assert "Médiane des pairs" not in text and "Score revu" not in text
    for heading in ("Synthèse", "Points forts", "Plan d'action", "Scores attendus", "Constats"):
        assert heading in text, heading


def test_review_and_peers_are_shown_beside_the_self_assessment(form, tmp_path):
    ctx = _context(form, "fr", review=_review("fr", form), peers=PEERS)
    text = _flat(_pdf(tmp_path, ctx))
    assert "Auto-évaluation revue par un consultant" in text
    assert "Score revu" in text and "72 / 100" in text and JUSTIFICATION["fr"] in text
    assert "Médiane des pairs" in text and "55 / 100" in text
    assert "Pairs : 7 organisations du même secteur et de la même taille" in text
    assert NOTES["fr"]["general"] in text and NOTES["fr"]["governance"] in text
    assert "Avis du consultant" in text and "Note du consultant" in text


def test_arabic_report_reads_in_order_in_every_new_section(form, tmp_path):
    name = "شركة الأطلس (ISO 27001)"
    ctx = _context(form, "ar", review=_review("ar", form), peers=PEERS, name=name)
    extracted = tokens(pdf_text(_pdf(tmp_path, ctx, "ar.pdf")))
    t = ctx.texts
    sources = [ctx.organisation, ctx.language, *NOTES["ar"].values(), JUSTIFICATION["ar"]]
    sources += [t[k] for k in ("summary", "summary_intro", "strengths", "priority_actions")]
    sources += [t[k] for k in ("radar", "findings", "action_plan_intro", "projections_intro")]
    sources += [t["crosswalk_intro"], t["peer_group"].format(count=7)]
    sources += [t["after_actions"].format(count=5), t["reviewed_by_consultant"]]
    for d in ctx.domains:
        sources += [d.title, *(f.question for f in d.findings), *(f.answer for f in d.findings)]
    for rec in ctx.recommendations:
        sources += [rec.title, rec.why, rec.how, rec.domain, rec.horizon, *rec.references]
    for group in ctx.crosswalk:
        sources += [group.framework, *(ref for ref, _ in group.references)]
    sources += [line[2:] for line in ctx.methodology.splitlines() if line.startswith("#")]
    assert len(ctx.recommendations) >= 10 and any(d.findings for d in ctx.domains)
    low = {s[:50]: r for s in sources if (r := in_order_ratio(s, extracted)) < 0.95}
    assert not low, low


def test_crosswalk_groups_the_cited_references_by_framework_in_order(form):
    ctx = _context(form, "en")
    names = [group.framework for group in ctx.crosswalk]
    assert names[0].endswith("(DNSSI)") and "ISO/IEC 27001:2022" in names
    assert (
        names.index("ISO/IEC 27001:2022")
        < names.index("NIST CSF 2.0")
        < names.index("CIS Controls v8")
    )
    ranks = {rec.rank: rec for rec in ctx.recommendations}
    for group in ctx.crosswalk:
        for reference, cited_by in group.references:
            assert cited_by
            if group.framework in ("ISO/IEC 27001:2022", "NIST CSF 2.0", "CIS Controls v8"):
                cited = f"{group.framework} {reference}"  # as each recommendation cites it
                assert all(cited in ranks[r].references for r in cited_by), cited
    iso = next(g for g in ctx.crosswalk if g.framework == "ISO/IEC 27001:2022").references
    numbers = [int(ref.rsplit(".", 1)[1]) for ref, _ in iso if ref.startswith("A.8.")]
    assert len(numbers) > 3 and numbers == sorted(numbers)  # A.8.9 before A.8.10


def test_hostile_organisation_name_is_printed_as_text(form, tmp_path):
    name = '<img src="/etc/hostname"> <a href="javascript:alert(1)">x</a>' + "<br/>" * 10_000
    path = _pdf(tmp_path, _context(form, "fr", name=name))
    text = pdf_text(path)
    assert '<img src="/etc/hostname">' in text and "javascript:alert(1)" in text
    assert text.count("<br/>") > 100  # the name is shown, wrapped, on the cover
    raw = path.read_bytes()
    # (names in object dictionaries, which are never compressed: not bytes inside streams)
    for action in (b"/Annots", b"/S /URI", b"/S /JavaScript", b"/S /Launch", b"/Subtype /Image"):
        assert action not in raw, action


def _png(width: int = 4, height: int = 2) -> bytes:
    """A tiny valid PNG (blue pixels), written by hand."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    rows = b"".join(b"\x00" + b"\x1f\x4e\x79" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    body = chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + body


@pytest.fixture
def reports(tmp_path):
    folder = tmp_path / "reports"
    shutil.copytree(shipped_folder("reports"), folder)
    return folder


def test_branding_logo_is_drawn_on_the_cover(form, reports, tmp_path):
    (reports / "logo.png").write_bytes(_png())
    branding = reports / "branding.yaml"
    branding.write_text(branding.read_text("utf-8") + "logo: logo.png\n", "utf-8")
    content = load_report_content(reports)
    raw = _pdf(tmp_path, _context(form, "ar", content=content)).read_bytes()
    assert raw.count(b"/Subtype /Image") == 1


@pytest.mark.parametrize(
    ("logo", "message"),
    [
        ("missing.png", "'missing.png' is not a file"),
        ("../outside.png", "the logo must be a file in the reports folder"),
        ("texts.yaml", "'texts.yaml' is not a PNG or JPEG image"),
    ],
)
def test_a_bad_logo_is_a_located_error(reports, logo, message):
    (reports.parent / "outside.png").write_bytes(_png())
    branding = reports / "branding.yaml"
    lines = branding.read_text("utf-8").count("\n")
    branding.write_text(branding.read_text("utf-8") + f"logo: {logo}\n", "utf-8")
    with pytest.raises(LibraryError) as caught:
        load_report_content(reports)
    assert f"branding.yaml:{lines + 1}:" in str(caught.value) and message in str(caught.value)


def test_a_missing_methodology_file_says_how_to_write_it(reports):
    (reports / "methodology.ar.md").unlink()
    with pytest.raises(LibraryError) as caught:
        load_report_content(reports)
    assert "methodology.ar.md:1:" in str(caught.value)
    assert "flask --app survey methodology --output" in str(caught.value)


def test_report_wording_is_read_from_the_reports_folder(form, reports, tmp_path):
    texts = reports / "texts.yaml"
    texts.write_text(
        texts.read_text("utf-8").replace("fr: Synthèse,", "fr: Ce qu'il faut retenir,"), "utf-8"
    )
    path = _pdf(tmp_path, _context(form, "fr", content=load_report_content(reports)))
    assert "Ce qu'il faut retenir" in _flat(path)


def _record(i: int, **changes) -> dict:
    record = {"id": i, "sector": "insurance", "organisation_size": "10-49", "status": "submitted"}
    return record | changes


def test_peer_group_needs_five_submitted_peers_of_the_same_sector_and_size():
    target = _record(0)
    peers = [_record(i) for i in range(1, MIN_PEERS)]  # four
    others = [
        target,  # itself
        _record(90, status="draft"),
        _record(91, sector="banking"),
        _record(92, organisation_size="50-249"),
    ]
    scores = {i: {"governance": 10.0 * i, "continuity": None} for i in range(100)}
    scores[1]["remote_work"] = 73.0  # one peer only: its score must not show through
    assert peer_group(target, peers + others, scores) is None
    group = peer_group(target, [*peers, _record(5)] + others, scores)
    assert group.count == MIN_PEERS
    assert group.medians == {"governance": 30.0, "continuity": None, "remote_work": None}


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_blank_questionnaire_prints_every_question_with_its_options(client, tmp_path, lang):
    response = client.get(f"/questionnaires/quick_check/print.pdf?sector=banking&lang={lang}")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    path = tmp_path / "blank.pdf"
    path.write_bytes(response.data)
    extracted = tokens(pdf_text(path))
    form = load_library(shipped_folder("questionnaires")).get("quick_check").for_sector("banking")
    sources = [form.title[lang], *(d.title[lang] for d in form.domains)]
    for question in form.questions():
        sources += [question.text[lang], *(o.label[lang] for o in question.options)]
    low = {s[:50]: r for s in sources if (r := in_order_ratio(s, extracted)) < 0.95}
    assert not low, low
    assert len(form.questions()) == 15


@pytest.mark.parametrize(
    "url",
    [
        "/questionnaires/nope/print.pdf",
        "/questionnaires/quick_check/print.pdf?sector=nope",
        "/questionnaires/quick_check/print.pdf?lang=de",
    ],
)
def test_blank_questionnaire_of_something_unknown_is_a_404_page(client, url):
    response = client.get(url)
    assert response.status_code == 404 and response.mimetype == "text/html"


def test_a_grid_row_taller_than_a_page_is_cut_between_its_lines(tmp_path):
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    from survey.reporting.pdf.grid import Grid, Row
    from survey.reporting.pdf.layout import TextStyle

    style = TextStyle(size=8, leading=12, rtl=True, lang="ar")
    long = " ".join(f"كلمة{i}" for i in range(3000))
    grid = Grid(
        Row([("الإجراء", style), ("المراجع", style)]),
        [Row([(long, style), ("ISO 27001", style)]), Row([("الأخير", style), ("CIS", style)])],
        [120 * mm, 50 * mm],
        rtl=True,
        rule="#1F4E79",
    )
    path = tmp_path / "grid.pdf"
    SimpleDocTemplate(str(path)).build([grid])
    extracted = tokens(pdf_text(path))
    assert in_order_ratio(long, extracted) > 0.95 and "الأخير" in extracted
