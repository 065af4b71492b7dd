"""The Unicode Bidirectional Algorithm (UAX #9) for text without explicit directional controls.

Report text reaches this module with its embedding, override and isolate controls removed (they
are stripped from user text on purpose), so a paragraph is one isolating run sequence at the
paragraph level. Isolates are still available, as spans: a span is laid out as a left-to-right
isolate (what U+2066 ... U+2069 around it would do), which keeps phone numbers, dates and e-mail
addresses readable inside Arabic text.

The rules implemented are W1-W7, N0 (bracket pairs, BD16), N1-N2, I1-I2 and, per line, L1-L2.
Mirroring is left to the shaper (HarfBuzz mirrors characters in right-to-left runs).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache

# Bidi_Paired_Bracket pairs (BidiBrackets.txt); NFC folds U+2329/U+232A to U+3008/U+3009.
_PAIRS = (
    "()[]{}\u0f3a\u0f3b\u0f3c\u0f3d\u169b\u169c\u2045\u2046\u207d\u207e\u208d\u208e"
    "\u2308\u2309\u230a\u230b\u27c5\u27c6\ufe59\ufe5a\ufe5b\ufe5c\ufe5d\ufe5e"
    "\uff08\uff09\uff3b\uff3d\uff5b\uff5d\uff5f\uff60\uff62\uff63\u29fc\u29fd"
)
_RANGES = ((0x2768, 0x2775), (0x27E6, 0x27EF), (0x2983, 0x2998), (0x29D8, 0x29DB))
_RANGES += ((0x2E22, 0x2E29), (0x2E55, 0x2E5C), (0x3008, 0x3011), (0x3014, 0x301B))
OPENING = {_PAIRS[i]: _PAIRS[i + 1] for i in range(0, len(_PAIRS), 2)}
OPENING |= {chr(c): chr(c + 1) for start, end in _RANGES for c in range(start, end, 2)}
CLOSING = {close: open_ for open_, close in OPENING.items()}
MAX_BRACKET_DEPTH = 63  # BD16: stop looking for pairs past this depth

_NEUTRAL = frozenset({"B", "S", "WS", "ON"})
_REMOVED = frozenset({"BN"})  # X9: kept in the text, ignored by the rules
_TRAILING = frozenset({"WS", "S", "B", "BN"})  # L1


@lru_cache(maxsize=4096)
def character_class(char: str) -> str:
    return unicodedata.bidirectional(char) or "L"


def paragraph_level(text: str, default: int = 0) -> int:
    """P2-P3: 1 if the first strong character is right-to-left, 0 if left-to-right, else default."""
    for char in text:
        kind = character_class(char)
        if kind == "L":
            return 0
        if kind in ("R", "AL"):
            return 1
    return default


def _strong(kind: str) -> str | None:
    """The direction a resolved type counts as for N0 and N1 (numbers count as R)."""
    if kind == "L":
        return "L"
    if kind in ("R", "EN", "AN"):
        return "R"
    return None


def _weak(types: list[str], sos: str) -> None:
    """W1-W7 on one isolating run sequence, in place (passes with nothing to do are skipped)."""
    n = len(types)
    present = set(types)
    if "NSM" in present:  # W1
        previous = sos
        for i in range(n):
            if types[i] == "NSM":
                types[i] = previous
            previous = types[i]
        present = set(types)
    if "EN" not in present:  # W3 alone
        types[:] = ["R" if kind == "AL" else kind for kind in types]
    else:  # W2, W3
        strong = sos
        for i in range(n):
            kind = types[i]
            if kind in ("L", "R", "AL"):
                strong = kind
                if kind == "AL":
                    types[i] = "R"
            elif kind == "EN" and strong == "AL":
                types[i] = "AN"
    if "ES" in present or "CS" in present:  # W4
        for i in range(1, n - 1):
            kind, before, after = types[i], types[i - 1], types[i + 1]
            if kind == "ES" and before == after == "EN":
                types[i] = "EN"
            elif kind == "CS" and before == after and before in ("EN", "AN"):
                types[i] = before
    i = 0
    while "ET" in present and i < n:  # W5
        if types[i] != "ET":
            i += 1
            continue
        end = i
        while end < n and types[end] == "ET":
            end += 1
        if (i > 0 and types[i - 1] == "EN") or (end < n and types[end] == "EN"):
            types[i:end] = ["EN"] * (end - i)
        i = end
    if "EN" not in types:  # W6 alone
        types[:] = ["ON" if kind in ("ES", "ET", "CS") else kind for kind in types]
        return
    strong = sos
    for i in range(n):  # W6, W7
        kind = types[i]
        if kind in ("ES", "ET", "CS"):
            types[i] = "ON"
        elif kind in ("L", "R"):
            strong = kind
        elif kind == "EN" and strong == "L":
            types[i] = "L"


def _bracket_pairs(chars: list[str], types: list[str]) -> list[tuple[int, int]]:
    """BD16: the bracket pairs of a run sequence, sorted by their opening position."""
    stack: list[tuple[str, int]] = []
    pairs = []
    for i, char in enumerate(chars):
        if types[i] != "ON":
            continue
        if char in OPENING:
            if len(stack) == MAX_BRACKET_DEPTH:
                break
            stack.append((OPENING[char], i))
        elif char in CLOSING:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == char:
                    pairs.append((stack[depth][1], i))
                    del stack[depth:]
                    break
    return sorted(pairs)


def _brackets(chars: list[str], types: list[str], original: list[str], sos: str, e: str) -> None:
    """N0: each bracket pair takes the direction its content and context give it."""
    opposite = "L" if e == "R" else "R"
    for open_, close in _bracket_pairs(chars, types):
        inside = {_strong(kind) for kind in types[open_ + 1 : close]}
        if e in inside:
            direction = e
        elif opposite in inside:
            before = next((s for s in map(_strong, reversed(types[:open_])) if s is not None), sos)
            direction = opposite if before == opposite else e
        else:
            continue
        for position in (open_, close):
            types[position] = direction
            following = position + 1
            while following < len(types) and original[following] == "NSM":
                types[following] = direction
                following += 1


def _neutrals(types: list[str], sos: str, e: str) -> None:
    """N1-N2: runs of neutrals between two equal directions take it, else the embedding's."""
    n = len(types)
    i = 0
    while i < n:
        if types[i] not in _NEUTRAL:
            i += 1
            continue
        end = i
        while end < n and types[end] in _NEUTRAL:
            end += 1
        before = _strong(types[i - 1]) if i > 0 else sos
        after = _strong(types[end]) if end < n else sos
        types[i:end] = [before if before == after else e] * (end - i)
        i = end


def _resolve(chars: list[str], original: list[str], level: int) -> list[int]:
    """Levels of one isolating run sequence at embedding level `level`."""
    e = "R" if level % 2 else "L"
    types = list(original)
    _weak(types, e)
    _brackets(chars, types, original, e, e)
    _neutrals(types, e, e)
    if level % 2 == 0:
        return [level + (1 if t == "R" else 2 if t in ("AN", "EN") else 0) for t in types]
    return [level + (1 if t in ("L", "EN", "AN") else 0) for t in types]


def resolve_levels(text: str, base: int, isolates: Sequence[tuple[int, int]] = ()) -> list[int]:
    """The embedding level of each character of one paragraph (no line breaks yet).

    `isolates` are sorted, non-overlapping (start, end) spans laid out as left-to-right isolates:
    each counts as one neutral for the text around it and is resolved on its own inside.
    """
    kinds = list(map(character_class, text))
    if "BN" in kinds:
        return _with_removed(text, kinds, base, isolates)
    levels = [base] * len(text)
    chars, types, previous = [], [], 0
    for start, end in isolates:  # each isolate stands as one neutral in the text around it
        inner = base + 2 - base % 2  # the least even level above the paragraph's
        levels[start:end] = resolve_levels(text[start:end], inner)
        chars += [*text[previous:start], "\ufffc"]
        types += [*kinds[previous:start], "ON"]
        previous = end
    chars += text[previous:]
    types += kinds[previous:]
    resolved, k, previous = _resolve(chars, types, base), 0, 0
    for start, end in [*isolates, (len(text), len(text))]:
        levels[previous:start] = resolved[k : k + start - previous]
        k += start - previous + 1
        previous = end
    return levels


def _with_removed(text: str, kinds: list[str], base: int, isolates) -> list[int]:
    """resolve_levels for text with boundary-neutral characters, which X9 sets aside."""
    levels = [base] * len(text)
    positions, chars, types = [], [], []
    spans = iter(isolates)
    span = next(spans, None)
    i = 0
    while i < len(text):
        if span is not None and i == span[0]:
            inner = base + 2 - base % 2
            levels[span[0] : span[1]] = resolve_levels(text[span[0] : span[1]], inner)
            positions.append(-1)
            chars.append("\ufffc")
            types.append("ON")
            i = span[1]
            span = next(spans, None)
            continue
        if kinds[i] not in _REMOVED:
            positions.append(i)
            chars.append(text[i])
            types.append(kinds[i])
        i += 1
    for position, level in zip(positions, _resolve(chars, types, base), strict=True):
        if position >= 0:
            levels[position] = level
    for i in range(len(text)):  # X9: removed characters follow what precedes them
        if kinds[i] in _REMOVED and not _inside(i, isolates):
            levels[i] = levels[i - 1] if i else base
    return levels


def _inside(index: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start <= index < end for start, end in spans)


def line_levels(text: str, levels: Sequence[int], base: int) -> list[int]:
    """L1 for one line: whitespace at its end (and before tabs) goes back to the paragraph level."""
    result = list(levels)
    trailing = True
    for i in range(len(text) - 1, -1, -1):
        kind = character_class(text[i])
        if kind == "S":
            result[i] = base
            trailing = True
        elif trailing and kind in _TRAILING:
            result[i] = base
        else:
            trailing = False
    return result


def visual_order(levels: Sequence[int]) -> list[int]:
    """L2: the logical indices of a line's items, from left to right."""
    order = list(range(len(levels)))
    if not levels:
        return order
    highest = max(levels)
    lowest_odd = min((level for level in levels if level % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] < level:
                i += 1
                continue
            end = i
            while end < len(order) and levels[order[end]] >= level:
                end += 1
            order[i:end] = order[i:end][::-1]
            i = end
    return order
