"""The report downloaded from the results page: a PDF whose text (read back by pdftotext) has
the Arabic organisation name typed on the landing page."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from extraction import pdf_text, tokens

pytestmark = pytest.mark.browser

ORGANISATION = "شركة النخيل للصناعات الغذائية"


def test_report_downloaded_from_the_results_page(new_page, tmp_path):
    page = new_page()
    page.goto("/?lang=ar")
    page.locator("input[name=questionnaire][value=readiness]").check()
    page.locator("select[name=sector]").select_option("industry")
    page.locator("input[name=organisation]").press_sequentially(ORGANISATION)
    page.locator("input[name=size][value='10-49']").check()
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    with page.expect_navigation():
        page.locator("main a[href*='/assessment/domains/']").first.click()
    # A few answers on the first page, then straight to the review and the submission.
    for group in page.locator("fieldset.question").all()[:6]:
        radios = group.locator("input[type=radio]")
        if radios.count():
            radios.first.check()
    with page.expect_navigation():
        page.locator("button[name=go][value=next]").click()
    page.goto("/assessment/review")
    confirm = page.locator("input[name=confirm]")
    if confirm.count():
        confirm.check()
    with page.expect_navigation():
        page.locator("main form[action$='/submit'] button[type=submit]").click()
    assert urlsplit(page.url).path == "/assessment/results", page.url

    link = page.locator("a[href*='report.pdf'][hreflang=ar]")
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.failure() is None, download.failure()
    path = tmp_path / (download.suggested_filename or "report.pdf")
    download.save_as(path)
    assert path.name.endswith(".pdf"), path.name
    data = path.read_bytes()
    assert data.startswith(b"%PDF"), data[:40]
    text = pdf_text(path)
    assert " ".join(tokens(ORGANISATION)) in " ".join(tokens(text)), (
        f"the organisation's name is not in the report's text:\n{text[:1500]}"
    )
