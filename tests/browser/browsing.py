"""Helpers of the browser tests: axe-core runs and their report, moves made with the keyboard
alone, the JSON API of the served app, and PNG files.

Nothing here imports Playwright, so that the folder is collected (and skipped, or failed with
REQUIRE_BROWSER=1) where it is not installed.
"""

from __future__ import annotations

import json
import struct
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
# axe-core's rules for WCAG 2.0 A and AA and WCAG 2.1 AA, every one of them (none disabled)
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa"]}}


# --- axe-core ------------------------------------------------------------------------------


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the page as it is now (the context must bypass the CSP)."""
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    return results["violations"]


def describe_violations(violations: list[dict], where: str) -> str:
    """Each violation with its rule, impact, help and every node (selector, HTML, why)."""
    nodes = sum(len(v["nodes"]) for v in violations)
    lines = [f"{len(violations)} axe-core violation(s), {nodes} element(s), on {where}:"]
    for violation in violations:
        lines.append("")
        lines.append(
            f"- {violation['id']} [{violation.get('impact') or 'no impact'}]: {violation['help']}"
        )
        lines.append(f"  {violation.get('helpUrl', '')}")
        for node in violation["nodes"]:
            target = " ".join(_selector(part) for part in node.get("target", []))
            lines.append(f"  * {target}")
            lines.append(f"    {_one_line(node.get('html', ''), 300)}")
            summary = node.get("failureSummary") or ""
            for text in summary.splitlines():
                if text.strip():
                    lines.append(f"      {text.strip()}")
    return "\n".join(lines)


def _selector(part) -> str:
    """axe gives a target as a selector, or a list of them through frames and shadow roots."""
    return " >>> ".join(part) if isinstance(part, list) else str(part)


def _one_line(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- the keyboard ----------------------------------------------------------------------------

# What has the focus: enough to decide the next key, and to say where the keyboard got stuck.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const style = getComputedStyle(el);
  const group = (el.type === "radio" || el.type === "checkbox") && el.name
    ? [...document.getElementsByName(el.name)] : [];
  return {
    tag: el.tagName.toLowerCase(),
    type: el.getAttribute("type") || (el.tagName === "BUTTON" ? "submit" : null),
    name: el.getAttribute("name"),
    value: "value" in el ? el.value : null,
    checked: !!el.checked,
    group_checked: group.filter(e => e.checked).map(e => e.value),
    id: el.id || null,
    href: el.getAttribute("href"),
    classes: el.className && typeof el.className === "string" ? el.className : "",
    text: (el.innerText || el.getAttribute("aria-label") || "").trim().slice(0, 80),
    html: el.outerHTML.slice(0, 240),
    outline_style: style.outlineStyle,
    outline_width: parseFloat(style.outlineWidth) || 0,
    box_shadow: style.boxShadow,
    focus_visible: el.matches(":focus-visible"),
  };
}"""


def focused(page) -> dict | None:
    return page.evaluate(FOCUSED)


def focus_is_visible(info: dict) -> bool:
    """An outline (or a box shadow) is drawn around the focused element."""
    outline = info["outline_style"] != "none" and info["outline_width"] > 0
    return outline or info["box_shadow"] not in ("", "none")


def short(info: dict | None) -> str:
    """One focused element, as a developer would recognise it."""
    if info is None:
        return "(nothing: the page itself)"
    bits = [info["tag"]]
    if info["type"]:
        bits.append(f"type={info['type']}")
    if info["name"]:
        bits.append(f"name={info['name']}")
    if info["value"] and info["tag"] in ("input", "button", "select"):
        bits.append(f"value={info['value'][:40]!r}")
    if info["href"]:
        bits.append(f"href={info['href'][:60]}")
    if info["text"] and info["tag"] in ("a", "button", "summary"):
        bits.append(repr(info["text"][:40]))
    return "<" + " ".join(bits) + ">"


class KeyboardStuck(AssertionError):
    """The keyboard alone could not go on; the message says where and why."""


class Keyboard:
    """Tab, arrows, Space, Enter and typing on a page, with a trail of the focus for messages.

    Every move is a key press (`page.keyboard`); the page is only read, never clicked or filled.
    """

    def __init__(self, page, max_tabs: int = 400, screenshot: Path | None = None):
        self.page = page
        self.max_tabs = max_tabs
        self.screenshot = screenshot  # where to keep the page where the keyboard got stuck
        self.trail: list[str] = []
        self.focus_checks: dict[str, dict] = {}  # kind of element -> first focus seen on it

    def press(self, key: str) -> dict | None:
        self.page.keyboard.press(key)
        info = focused(self.page)
        self.trail.append(f"{key} -> {short(info)}")
        if info is not None and key == "Tab":
            kind = info["tag"] + (f"[type={info['type']}]" if info["type"] else "")
            self.focus_checks.setdefault(kind, info | {"url": self.page.url})
        return info

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)
        self.trail.append(f"typed {text!r}")

    def tab_until(self, wanted, what: str) -> dict:
        """Press Tab until `wanted(focused element)` holds; stuck after `max_tabs` presses."""
        for _ in range(self.max_tabs):
            info = self.press("Tab")
            if info is not None and wanted(info):
                return info
        raise self.stuck(f"Tab never reached {what} in {self.max_tabs} presses")

    def choose_radio(self, info: dict, value: str) -> dict:
        """Move through a radio group with the arrow keys (Space on the first) to `value`."""
        name = info["name"]
        if info["value"] == value:
            info = self.press("Space")
        for _ in range(20):
            if info is not None and info["name"] == name and info["value"] == value:
                break
            info = self.press("ArrowDown")
        if info is None or info["group_checked"] != [value]:
            raise self.stuck(f"the arrow keys did not select {value!r} in the group {name!r}")
        return info

    def enter_and_wait(self, what: str, timeout: float = 30_000):
        """Press Enter on the focused element and wait for the page it loads."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        before = self.page.url
        try:
            with self.page.expect_navigation(timeout=timeout) as navigation:
                self.page.keyboard.press("Enter")  # the page goes: nothing to read on it
        except PlaywrightTimeout:
            seconds = f"{timeout / 1000:.0f} s"
            raise self.stuck(f"Enter on {what} loaded no page within {seconds}") from None
        response = navigation.value
        self.trail.append(f"Enter, loaded {self.page.url} ({response.status if response else '?'})")
        if response is not None and response.status >= 400:
            problems = self.page.locator(".error-summary, .error, [role=alert]").all_inner_texts()
            raise self.stuck(
                f"Enter on {what} (from {before}) answered {response.status}: "
                + (" | ".join(" ".join(p.split()) for p in problems) or "(no message shown)")
            )
        return response

    def stuck(self, reason: str) -> KeyboardStuck:
        last = "\n  ".join(self.trail[-25:])
        message = f"{reason}\n  on {self.page.url}\n  last moves:\n  {last}"
        if self.screenshot is not None:
            try:
                self.page.screenshot(path=str(self.screenshot), full_page=True)
                message += f"\n  the page then: {self.screenshot}"
            except Exception as exc:  # the message matters more than the picture
                message += f"\n  (no screenshot: {exc})"
        return KeyboardStuck(message)

    def invisible_focus(self) -> list[str]:
        """The kinds of element whose focus (reached with Tab) draws no outline or shadow."""
        return [
            f"{kind}: {short(info)} on {info['url']} (outline {info['outline_style']} "
            f"{info['outline_width']}px, box-shadow {info['box_shadow']}, "
            f":focus-visible {info['focus_visible']})"
            for kind, info in self.focus_checks.items()
            if not focus_is_visible(info)
        ]


# --- the app's JSON API ----------------------------------------------------------------------

_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback, no proxy


def api(base_url: str, method: str, path: str, body: dict | None = None) -> dict:
    """A call to the served app's JSON API; its answer, decoded."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base_url + path, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    with _DIRECT.open(request, timeout=60) as response:
        return json.loads(response.read())


def choice_answers(questionnaire: dict, domains: int, skip_every: int = 4) -> dict:
    """Answers to the single-answer choice questions of the first `domains` domains, going
    through their options in turn, and leaving every `skip_every`-th one unanswered."""
    answers = {}
    count = 0
    for domain in questionnaire["domains"][:domains]:
        for question in domain["questions"]:
            options = question.get("options") or []
            if question["type"] == "multi_choice" or not options or question["condition"]:
                continue
            count += 1
            if count % skip_every:
                answers[question["id"]] = options[count % len(options)]["value"]
    return answers


def graded_answers(questionnaire: dict, target: float) -> dict:
    """Answers to every single-answer choice question shown from the start, each the option
    whose score is nearest `target` (0 to 1): domain scores near `target` * 100."""
    answers = {}
    for domain in questionnaire["domains"]:
        for question in domain["questions"]:
            options = question.get("options") or []
            if question["type"] == "multi_choice" or not options or question["condition"]:
                continue
            best = min(options, key=lambda option: abs(option["score"] - target))
            answers[question["id"]] = best["value"]
    return answers


# --- PNG files -------------------------------------------------------------------------------


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG file's header (which must be a PNG's)."""
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG file"
    return struct.unpack(">II", head[16:24])
