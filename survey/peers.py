"""The peer group of an assessment: organisations like it, to compare domain by domain.

Peers are the submitted assessments of other organisations in the same sector and the same size
band. A group is shown only when it has at least MIN_PEERS members besides the assessment itself,
so that no single peer can be recognised through it. Its figure per domain is the median of the
peers' domain scores, given only when at least MIN_PEERS of them assessed the domain.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from statistics import median

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
