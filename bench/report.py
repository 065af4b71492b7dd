"""PDF report speed: median milliseconds per full report, in French, English and Arabic.

Run: python bench/report.py [--runs 30] (WeasyPrint comes with `pip install -e '.[bench]'`).
Budget (DESIGN.md §8): median at most 80 ms in French or English, 200 ms in Arabic, and at least
5 times faster than WeasyPrint printing our own HTML results page of the same assessment, which
this run measures too. The baseline is a one-page ReportLab document with the same embedded
fonts: the fixed cost of any PDF here, against which the report's own cost shows.
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import time
import tracemalloc
from functools import partial

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from survey.paths import shipped_folder
from survey.plan import Plan
from survey.questionnaire import load_library
from survey.reporting.content import load_report_content
from survey.reporting.context import build_report_context
from survey.reporting.pdf import FONT, register_fonts, render_report
from survey.reporting.pdf.draw import clear_caches

ASSESSMENT = {
    "sector": "insurance",
    "status": "submitted",
    "organisation_name": "Courtage Atlas",
    "organisation_size": "10-49",
    "submitted_at": "2026-11-20T10:00:00+00:00",
    "updated_at": "2026-11-20T10:00:00+00:00",
}


def answers(form, seed: int = 3) -> dict:
    """A complete assessment: every choice question answered at random (the same for a seed)."""
    rng = random.Random(seed)
    return {
        q.id: rng.choice([o.value for o in q.options])
        for q in form.questions()
        if q.scored and q.type != "multi_choice"
    }


def plans(count: int) -> list[Plan]:
    """`count` different complete assessments of the same organisation."""
    library = load_library(shipped_folder("questionnaires"))
    form = library.get("readiness").for_sector(ASSESSMENT["sector"])
    return [Plan(form, answers(form, seed), submitted=True) for seed in range(3, 3 + count)]


def report(plan: Plan, lang: str, content) -> bytes:
    """What a download does once the assessment is loaded: the context, then the PDF."""
    ctx = build_report_context(plan=plan, assessment=ASSESSMENT, content=content, lang=lang)
    return render_report(ctx)


def report_each(assessments, lang: str, content) -> bytes:
    """The report of the next assessment."""
    return report(next(assessments), lang, content)


def context_of(plan: Plan, lang: str, content) -> tuple:
    return build_report_context(
        plan=plan, assessment=ASSESSMENT, content=content, lang=lang
    ).recommendations


def context(lang: str):
    return build_report_context(
        plan=plans(1)[0],
        assessment=ASSESSMENT,
        content=load_report_content(shipped_folder("reports")),
        lang=lang,
    )


def baseline() -> bytes:
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, invariant=1).build(
        [Paragraph("Baseline", ParagraphStyle("b", fontName=FONT))]
    )
    return buffer.getvalue()


def results_page(lang: str):
    """Our HTML results page of the same assessment, and a fetcher for the files it links to."""
    import os
    import tempfile

    from survey import create_app

    os.environ["SURVEY_INSTANCE_PATH"] = tempfile.mkdtemp()
    client = create_app({"TESTING": True, "WTF_CSRF_ENABLED": False}).test_client()
    form = load_library(shipped_folder("questionnaires")).get("readiness")
    body = {
        "questionnaire": "readiness",
        "sector": ASSESSMENT["sector"],
        "language": lang,
        "organisation": {"name": ASSESSMENT["organisation_name"], "size": "10-49"},
        "answers": answers(form.for_sector(ASSESSMENT["sector"])),
    }
    token = client.post("/api/v1/assessments", json=body).json["token"]
    assert client.post(f"/api/v1/assessments/{token}/submit").status_code == 200
    client.get(f"/resume/{token}")
    html = client.get(f"/assessment/results?lang={lang}").get_data(as_text=True)

    def fetch(url: str):
        from weasyprint.urls import URLFetcherResponse

        response = client.get(url.removeprefix("http://localhost"))
        headers = {"Content-Type": response.content_type}
        return URLFetcherResponse(url, response.data, headers, response.status_code)

    return html, fetch


def weasyprint_ms(lang: str, runs: int) -> float | None:
    """Median milliseconds for WeasyPrint to print the results page, or None without it."""
    try:
        import weasyprint
    except ImportError:
        return None
    html, fetch = results_page(lang)

    def render():
        document = weasyprint.HTML(string=html, base_url="http://localhost/", url_fetcher=fetch)
        return document.write_pdf()

    render()
    return median_ms(render, runs)


def median_ms(function, runs: int, before=None) -> float:
    """Median milliseconds of `function` over `runs` calls, `before` (untimed) run before each."""
    times = []
    for _ in range(runs):
        if before:
            before()
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    register_fonts()
    base = median_ms(baseline, args.runs)
    print(f"baseline one-page PDF: {base:.1f} ms")
    ratios = []
    content = load_report_content(shipped_folder("reports"))
    assessments = plans(args.runs)  # a different assessment each run: only library texts recur
    for lang in ("fr", "en", "ar"):
        clear_caches()
        start = time.perf_counter()
        pdf = report(assessments[0], lang, content)
        first = (time.perf_counter() - start) * 1000
        tracemalloc.start()
        report(assessments[1], lang, content)
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        ms = median_ms(partial(report_each, iter(assessments), lang, content), args.runs)
        budget = 200 if lang == "ar" else 80
        print(
            f"report {lang}: median {ms:.1f} ms ({ms / base:.1f}x baseline), "
            f"{len(pdf) / 1024:.0f} KB, {len(context_of(assessments[0], lang, content))} "
            f"recommendations, peak {peak:.1f} MB traced, first report with every cache empty "
            f"{first:.0f} ms (budget {budget} ms: {'met' if ms <= budget else 'MISSED'})"
        )
        weasy = weasyprint_ms(lang, max(3, args.runs // 5))
        if weasy is None:
            print("WeasyPrint is not installed: pip install -e '.[bench]'")
            continue
        ratios.append(weasy / ms)
        print(f"  WeasyPrint, our HTML results page in {lang}: median {weasy:.1f} ms")
    if ratios:
        print(
            f"ratio WeasyPrint / our report: {min(ratios):.1f} at the least "
            f"(target at least 5: {'met' if min(ratios) >= 5 else 'MISSED'})"
        )


if __name__ == "__main__":
    main()
