"""Consultant dashboard speed over many assessments: p50 and p95 per page, and the CSV export.

Run: python bench/dashboard.py [--assessments 100000] [--runs 40]. The assessments are made once
by `demo-data` into a database kept in the system's temporary folder (reused while it holds as
many), then each page is asked `--runs` times through the app in this process, signed in as a
consultant. The baseline, in the same run, is the landing page. Targets (DESIGN.md §8): p95 at
most 150 ms a page; the CSV export of every assessment streamed in constant memory (its peak is
printed with the export of a tenth of them, which should be about the same).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path

from survey import accounts, create_app, demo, storage
from survey.web import get_db, get_library

PASSWORD = "benchmark password"
PAGES = {
    "dashboard, default (newest first)": "/consultant/",
    "dashboard, filtered": "/consultant/?sector=insurance&status=validated&low=40&high=80",
    "dashboard, sorted by score": "/consultant/?sort=score&order=asc",
    "dashboard, name search": "/consultant/?organisation=Atlas",
    "dashboard, a late page": "/consultant/?page={late}",
    "peer benchmarks of a sector": "/consultant/benchmarks?sector=insurance",
}


def database(count: int) -> Path:
    folder = Path(tempfile.gettempdir()) / f"survey-bench-{count}"
    folder.mkdir(exist_ok=True)
    os.environ["SURVEY_INSTANCE_PATH"] = str(folder)
    return folder / "survey.sqlite3"


def prepared_app(count: int):
    path = database(count)
    app = create_app({"TESTING": True, "WTF_CSRF_ENABLED": False})
    with app.app_context():
        db = get_db()
        have = db.execute("SELECT count(*) FROM assessments").fetchone()[0]
        if have < count:
            start = time.perf_counter()
            demo.generate(db, get_library(), count - have, seed=have + 1)
            print(f"{count - have:,} assessments generated in {time.perf_counter() - start:.0f} s")
        if storage.find_user(db, email="bench@example.ma") is None:
            accounts.create(db, "bench@example.ma", PASSWORD, "consultant")
    size = path.stat().st_size / 1e6
    print(f"database: {path} ({size:,.0f} MB, {count:,} assessments)")
    return app


def timed(client, url: str, runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]


def export(client, url: str) -> tuple[float, float, int]:
    """Seconds, peak traced MB and rows of a streamed CSV export, read as a browser would."""
    tracemalloc.start()
    start = time.perf_counter()
    response = client.get(url, buffered=False)
    rows = 0
    for chunk in response.response:
        rows += chunk.count("\n") if isinstance(chunk, str) else chunk.count(b"\n")
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    response.close()
    return seconds, peak, rows - 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assessments", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    app = prepared_app(args.assessments)
    client = app.test_client()
    client.post("/sign-in", data={"email": "bench@example.ma", "password": PASSWORD, "next": ""})
    base50, base95 = timed(client, "/", args.runs)
    print(f"landing page (baseline): p50 {base50:.1f} ms, p95 {base95:.1f} ms")
    html = client.get("/consultant/").get_data(as_text=True)
    pages = int(re.search(r"Page 1 (?:sur|of|من) (\d+)", html)[1])
    worst = 0.0
    for name, url in PAGES.items():
        p50, p95 = timed(client, url.format(late=pages - 10), args.runs)
        worst = max(worst, p95)
        print(f"{name}: p50 {p50:.1f} ms, p95 {p95:.1f} ms ({p95 / base95:.1f}x baseline)")
    print(f"slowest page p95: {worst:.1f} ms (target at most 150 ms: "
          f"{'met' if worst <= 150 else 'MISSED'})")  # fmt: skip
    tenth = export(client, "/consultant/export/assessments.csv?sector=insurance")
    whole = export(client, "/consultant/export/assessments.csv")
    for label, (seconds, peak, rows) in (("part", tenth), ("all", whole)):
        print(
            f"CSV export ({label}): {rows:,} assessments in {seconds:.1f} s, "
            f"peak {peak:.1f} MB traced"
        )
    print(
        f"export peak, all against part: {whole[1] / tenth[1]:.2f}x for "
        f"{whole[2] / max(tenth[2], 1):.1f}x the rows (constant memory: about 1x)"
    )


if __name__ == "__main__":
    main()
