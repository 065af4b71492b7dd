"""Respondent page speed in one process: a domain page shown, and a full page save.

Run: python bench/pages.py [--runs 200]. A save is what a browser sends: the CSRF token, the
form validated, the answers compared with what the page showed and upserted with
synchronous=FULL, and the redirect. The baseline, in the same run, is the landing page shown. The
budget in DESIGN.md §8 (500 saves a second, p95 at most 100 ms, 50 users, gunicorn on 2 cores)
is a load figure; this gives the cost of one request, which bounds it.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import statistics
import tempfile
import time

from survey import create_app

ANSWERS = [  # two versions of the governance page, saved in turn
    {"q_gov_security_owner": v, "q_gov_budget": b, "q_gov_risk_assessment": r}
    for v, b, r in (("yes", "annual", "managed"), ("partial", "ad_hoc", "informal"))
]


def hidden(page: str, name: str) -> str:
    return html.unescape(re.search(rf'name="{name}" type="hidden" value="([^"]*)"', page)[1])


def timed(function, runs: int) -> list[float]:
    times = []
    for k in range(runs):
        start = time.perf_counter()
        function(k)
        times.append((time.perf_counter() - start) * 1000)
    return sorted(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    os.environ["SURVEY_INSTANCE_PATH"] = tempfile.mkdtemp()
    client = create_app({"SQLITE_SYNCHRONOUS": "FULL"}).test_client()
    page = client.get("/?lang=fr").get_data(as_text=True)
    token = hidden(page, "csrf_token")
    started = client.post(
        "/start",
        data={
            "csrf_token": token,
            "questionnaire": "readiness",
            "sector": "insurance",
            "organisation": "Courtage Atlas",
            "size": "10-49",
            "language": "fr",
        },
    )
    assert started.status_code == 303
    url = "/assessment/domains/governance"

    def save(k: int) -> float:
        """Milliseconds of one save, after showing the page (untimed) as a browser would."""
        shown = client.get(url).get_data(as_text=True)
        data = {"csrf_token": hidden(shown, "csrf_token"), "seen": hidden(shown, "seen")}
        data |= {"go": "stay"} | ANSWERS[k % 2]
        start = time.perf_counter()
        response = client.post(url, data=data)
        elapsed = (time.perf_counter() - start) * 1000
        assert response.status_code == 303, response.status_code
        return elapsed

    landing = timed(lambda k: client.get("/?lang=fr"), args.runs)
    shown = timed(lambda k: client.get(url), args.runs)
    saves = sorted(save(k) for k in range(args.runs))
    for name, times in (
        ("landing page (baseline)", landing),
        ("domain page shown", shown),
        ("page save (POST, validation, upsert, redirect)", saves),
    ):
        median, p95 = statistics.median(times), times[int(0.95 * len(times))]
        ratio = median / statistics.median(landing)
        print(f"{name}: median {median:.2f} ms, p95 {p95:.2f} ms ({ratio:.1f}x baseline)")
    print(f"about {1000 / statistics.median(saves):.0f} saves a second on one core")


if __name__ == "__main__":
    main()
