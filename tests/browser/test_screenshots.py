"""Full-page screenshots of Arabic and French pages, kept in build/browser-artifacts/ (or
SURVEY_BROWSER_ARTIFACTS) for a person to look at."""

from __future__ import annotations

import pytest
from PIL import Image

from .browsing import png_size

pytestmark = pytest.mark.browser

VIEWPORT = {"width": 1280, "height": 800}


@pytest.fixture(scope="module")
def token(live_server) -> str:
    """A draft, so that the question page can be shown."""
    return live_server.assessment("شركة الأطلس للتأمين", lang="ar")


@pytest.mark.parametrize("lang", ["ar", "fr"])
@pytest.mark.parametrize("which", ["landing", "question"])
def test_full_page_screenshot(new_page, live_server, artifacts, token, which, lang):
    page = new_page(viewport=VIEWPORT)
    if which == "question":
        page.goto(f"/resume/{token}?lang={lang}")
        first = live_server.questionnaire()["domains"][0]["id"]
        response = page.goto(f"/assessment/domains/{first}?lang={lang}")
    else:
        response = page.goto(f"/?lang={lang}")
    assert response is not None and response.status == 200
    direction = page.evaluate("document.documentElement.dir")
    assert direction == ("rtl" if lang == "ar" else "ltr")
    # The page mirrors itself: the name of the app stands at the start of the bar, on the
    # right in Arabic and on the left in French.
    brand = page.locator("header .brand").bounding_box()
    assert brand is not None
    middle = brand["x"] + brand["width"] / 2
    assert (middle > VIEWPORT["width"] / 2) == (lang == "ar"), f"{brand} in {direction}"
    document_height = page.evaluate("document.documentElement.scrollHeight")

    path = artifacts / f"{which}-{lang}.png"
    path.unlink(missing_ok=True)
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000, f"{path}: {path.stat().st_size} bytes"
    width, height = png_size(path)
    assert width == VIEWPORT["width"] and height >= min(document_height, 16_384), (width, height)
    with Image.open(path) as image:
        darkest, lightest = image.convert("L").getextrema()
    assert lightest - darkest > 100, f"{path} is almost uniform ({darkest}..{lightest})"
