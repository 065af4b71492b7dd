"""The peer group of an assessment: organisations like it, to compare domain by domain.

Peers are the submitted assessments of other organisations in the same sector and the same size
band. A group is shown only when it has at least MIN_PEERS members besides the assessment itself,
so that no single peer can be recognised through it. Its figure per domain is the median of the
peers' domain scores, given only when at least MIN_PEERS of them assessed the domain.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from statistics import median, quantiles

MIN_PEERS = 5


@dataclass(frozen=True)
class PeerGroup:
    sector: str
    size: str  # the size band, as organisations give it ("10-49")
    count: int  # peers, the assessment itself not included
    medians: dict  # domain id -> median score, or None when no peer assessed the domain


def is_peer(target: dict, other: dict) -> bool:
    """Whether `other` belongs to the peer group of `target` (dicts with id, sector,
    organisation_size and status)."""
    return (
        other["status"] == "submitted"
        and other["id"] != target["id"]
        and other["sector"] == target["sector"]
        and other["organisation_size"] == target["organisation_size"]
    )


def peer_group(target: dict, others: Iterable[dict], scores: dict) -> PeerGroup | None:
    """The peer group of `target` among `others`, or None when it has fewer than MIN_PEERS.

    `scores` maps an assessment id to its domain scores ({domain id: score or None})."""
    peers = [other["id"] for other in others if is_peer(target, other)]
    if len(peers) < MIN_PEERS:
        return None
    domains = dict.fromkeys(d for peer in peers for d in scores.get(peer, {}))
    medians = {}
    for domain in domains:  # each median from MIN_PEERS values at least, like the group itself
        values = [s for peer in peers if (s := scores.get(peer, {}).get(domain)) is not None]
        medians[domain] = median(values) if len(values) >= MIN_PEERS else None
    return PeerGroup(target["sector"], target["organisation_size"], len(peers), medians)


@dataclass(frozen=True)
class Spread:
    """A domain's scores in a group: how many, the quartiles and the median."""

    count: int
    low: float  # first quartile
    median: float
    high: float  # third quartile


def spread(values: list[float]) -> Spread | None:
    """The spread of `values`, or None with fewer than MIN_PEERS (no one may be recognised)."""
    if len(values) < MIN_PEERS:
        return None
    low, middle, high = quantiles(values, n=4, method="inclusive")
    return Spread(len(values), low, middle, high)


def group_of(sector: str, size: str, peers: list[dict]) -> PeerGroup | None:
    """The peer group from its members' domain scores ({domain id: score or None}, one dict
    per peer organisation, the organisation itself left out), or None when it is too small."""
    if len(peers) < MIN_PEERS:
        return None
    medians = {}
    for domain in dict.fromkeys(d for scores in peers for d in scores):
        values = [s for scores in peers if (s := scores.get(domain)) is not None]
        medians[domain] = median(values) if len(values) >= MIN_PEERS else None
    return PeerGroup(sector, size, len(peers), medians)


def benchmarks(members: Iterable[tuple[str, dict]]) -> dict[str, tuple[int, dict]]:
    """Per size band: how many organisations, and each domain's spread (None when fewer than
    MIN_PEERS assessed it), from (size band, domain scores) of one assessment per organisation."""
    bands: dict[str, list[dict]] = {}
    for size, scores in members:
        bands.setdefault(size, []).append(scores)
    table = {}
    for size, group in bands.items():
        domains = dict.fromkeys(d for scores in group for d in scores)
        table[size] = (
            len(group),
            {d: spread([s for g in group if (s := g.get(d)) is not None]) for d in domains},
        )
    return table
