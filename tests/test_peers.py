"""Peer groups and benchmarks: organisations of the same sector and size band, the latest
submitted assessment of each, shown only from 5 of them besides the organisation itself."""

from __future__ import annotations

import re

import pytest
from extraction import pdf_text
from signing import PASSWORD, sign_in

from survey import accounts
from survey.peers import MIN_PEERS, benchmarks, spread
from survey.web import get_db


def _new(client, name, size="10-49", sector="insurance", owner="yes", submit=True) -> str:
    body = {
        "questionnaire": "readiness",
        "sector": sector,
        "language": "fr",
        "organisation": {"name": name, "size": size},
        "answers": {"gov_security_owner": owner},
    }
    token = client.post("/api/v1/assessments", json=body).json["token"]
    if submit:
        assert client.post(f"/api/v1/assessments/{token}/submit").status_code == 200
    return token


def test_spread_and_benchmarks_need_five_values():
    assert spread([10, 20, 30, 40]) is None
    s = spread([10, 20, 30, 40, 50])
    assert (s.count, s.low, s.median, s.high) == (5, 20, 30, 40)
    table = benchmarks(
        [("10-49", {"gov": v, "cyber": None if v > 20 else v}) for v in (10, 20, 30, 40, 50)]
        + [("1-9", {"gov": 5})]
    )
    assert table["10-49"][0] == 5 and table["10-49"][1]["gov"].median == 30
    assert table["10-49"][1]["cyber"] is None  # only 2 values
    assert table["1-9"] == (1, {"gov": None})


def test_peers_appear_from_five_other_organisations(client):
    token = _new(client, "Cible")
    for n in range(MIN_PEERS - 1):
        _new(client, f"Pair {n}", owner="no")
    _new(client, "Brouillon", submit=False)  # drafts do not count
    _new(client, "Autre taille", size="50-249")  # nor another size band
    _new(client, "Autre secteur", sector="banking")  # nor another sector
    assert client.get(f"/api/v1/assessments/{token}").json["peers"] is None
    _new(client, "Pair 5", owner="no")
    peers = client.get(f"/api/v1/assessments/{token}").json["peers"]
    assert peers["count"] == MIN_PEERS and peers["size"] == "10-49"
    assert peers["medians"]["governance"] is not None
    # the peers' own view counts the target among them, never themselves
    other = _new(client, "Pair 6", owner="no")
    assert client.get(f"/api/v1/assessments/{other}").json["peers"]["count"] == MIN_PEERS + 1
    results = client.application.test_client()
    results.get(f"/resume/{token}")
    page = results.get("/assessment/results?lang=fr").get_data(as_text=True)
    assert "Médiane des organisations comparables" in page
    path = client.application.instance_path + "/peers.pdf"
    with open(path, "wb") as out:
        out.write(client.get(f"/api/v1/assessments/{token}/report.pdf?lang=fr").data)
    assert "Médiane des pairs" in pdf_text(path)


@pytest.fixture
def signed(app, client):
    with app.app_context():
        accounts.create(get_db(), "youssef@example.ma", PASSWORD, "consultant")
    assert sign_in(client, "youssef@example.ma").status_code == 302
    return client


def test_the_benchmark_page_shows_medians_and_quartiles(signed):
    for n in range(MIN_PEERS):
        _new(signed, f"Courtier {n}", owner=("yes", "partial", "no", "no", "yes")[n])
    _new(signed, "Seul", size="250+")
    page = signed.get("/consultant/benchmarks?sector=insurance&lang=fr").get_data(as_text=True)
    assert "10 à 49 personnes" in page and "250 personnes et plus" in page
    assert re.search(r"\d+ <span class=\"small\">\[\d+–\d+\]</span>", page)
    row_250 = page[page.index("250 personnes et plus") :].split("</tr>")[0]
    assert "[" not in row_250 and "—" in row_250  # one organisation: no figure shown
    assert signed.get("/consultant/benchmarks?sector=nowhere").status_code == 200
