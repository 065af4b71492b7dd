"""Load through the pages: respondents completing questionnaires on gunicorn, every save checked.

Run: python bench/load.py [--users 10,50,100] [--seconds 20] [--faults] [--synchronous FULL]

gunicorn serves the app on 127.0.0.1 with the repository's `gunicorn.conf.py`, over a temporary
instance folder (`SURVEY_INSTANCE_PATH`), with `SURVEY_SQLITE_SYNCHRONOUS=FULL` unless told
otherwise. For each number of users, that many simulated respondents work at once, without
pauses, in client processes of their own: each starts an assessment through the landing page's
form, then for each domain page GETs it, reads its CSRF token and its hidden `seen` field, and
POSTs a full page of answers (every question the page shows); a page save is that POST, and it is
acknowledged by a 303 to the next page. When the last page is saved the respondent starts another
assessment. The figures are taken over `--seconds` after `--warmup` seconds.

Every acknowledged save goes into a ledger, checked against the database at the end: every answer
acknowledged is there with its value (none lost), there is no row that no save acknowledged, and
no key twice. Server errors (5xx), "database is locked" (answers and server log) and
`PRAGMA integrity_check` are counted too; the run exits 1 if any check fails.

`--faults` kills a gunicorn worker with SIGKILL every `--fault-interval` seconds (10) during the
load; gunicorn starts another. A request cut by a kill is not acknowledged: the respondent shows
the page again and posts it again, until it is. An assessment created by a start whose answer was
cut is counted apart (it has no answers: nothing was acknowledged in it).

The baseline, in the same run: a bare Flask endpoint (`bench/bare_app.py`) served with the same
gunicorn settings, requested by `--baseline-users` clients for `--seconds`.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import multiprocessing
import os
import platform
import random
import re
import runpy
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "gunicorn.conf.py"
QUESTIONNAIRE = "readiness"
LANGUAGES = ("fr", "ar", "en")
NA, DONT_KNOW = "na", "dont_know"
MAX_ATTEMPTS = 20  # per page: a page is shown and posted again until its save is acknowledged

# --------------------------------------------------------------------------- a small HTTP client


class Cut(Exception):
    """The connection broke before a whole response came back (nothing was acknowledged)."""


class Client:
    """HTTP/1.1 with keep-alive and a cookie jar, over one socket: cheap enough that the
    respondents' own work stays small next to the server's (the run reports its CPU)."""

    def __init__(self, port: int):
        self.port, self.sock, self.buf, self.cookies = port, None, b"", {}

    def close(self) -> None:
        if self.sock is not None:
            self.sock.close()
        self.sock, self.buf = None, b""

    def request(self, method: str, path: str, form: list | None = None):
        body = urlencode(form).encode() if form is not None else b""
        head = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{self.port}", "Accept: text/html"]
        if self.cookies:
            head.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        if form is not None:
            head += [
                "Content-Type: application/x-www-form-urlencoded",
                f"Content-Length: {len(body)}",
            ]
        data = ("\r\n".join(head) + "\r\n\r\n").encode() + body
        try:
            if self.sock is None:
                self.sock = socket.create_connection(("127.0.0.1", self.port), timeout=60)
                self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.sock.sendall(data)
            return self._response(method)
        except (OSError, Cut, ValueError, IndexError) as exc:
            self.close()
            raise Cut(str(exc) or type(exc).__name__) from None

    def _recv(self) -> None:
        chunk = self.sock.recv(262144)
        if not chunk:
            raise Cut("connection closed")
        self.buf += chunk

    def _response(self, method: str):
        while b"\r\n\r\n" not in self.buf:
            self._recv()
        head, _, self.buf = self.buf.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status, headers = int(lines[0].split(" ", 2)[1]), {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            name, value = name.strip().lower(), value.strip()
            if name == "set-cookie":
                pair = value.split(";", 1)[0]
                key, _, cookie = pair.partition("=")
                if cookie and "max-age=0" not in value.lower():
                    self.cookies[key.strip()] = cookie.strip()
                else:
                    self.cookies.pop(key.strip(), None)
            else:
                headers[name] = value
        if method == "HEAD" or status in (204, 304):
            body = b""
        elif "content-length" in headers:
            size = int(headers["content-length"])
            while len(self.buf) < size:
                self._recv()
            body, self.buf = self.buf[:size], self.buf[size:]
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            body = self._chunked()
        else:  # until the server closes
            try:
                while True:
                    self._recv()
            except Cut:
                pass
            body, self.buf = self.buf, b""
            self.close()
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, headers, body

    def _chunked(self) -> bytes:
        parts = []
        while True:
            while b"\r\n" not in self.buf:
                self._recv()
            line, _, self.buf = self.buf.partition(b"\r\n")
            size = int(line.split(b";")[0], 16)
            while len(self.buf) < size + 2:
                self._recv()
            parts.append(self.buf[:size])
            self.buf = self.buf[size + 2 :]
            if size == 0:
                return b"".join(parts)


# ----------------------------------------------------------------------------- the respondents

TAG = re.compile(r"<(input|textarea)\b([^>]*)>")
ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')
RESUME = re.compile(r"/resume/([A-Za-z0-9_-]+)")


def parse_form(page: str) -> tuple[dict, dict]:
    """The page's hidden fields, and its questions' fields: {name: (kind, [values])}."""
    hidden, fields = {}, {}
    for tag, text in TAG.findall(page):
        attributes = dict(ATTRIBUTE.findall(text))
        name = attributes.get("name")
        if not name:  # a question hidden by its condition has no name until the script shows it
            continue
        kind = "textarea" if tag == "textarea" else attributes.get("type", "text")
        if kind == "hidden":
            hidden[name] = html.unescape(attributes.get("value", ""))
        elif name.startswith("q_"):
            entry = fields.setdefault(name, (kind, []))
            if kind in ("radio", "checkbox"):
                entry[1].append(html.unescape(attributes["value"]))
    return hidden, fields


def choose(fields: dict, specs: dict, rng: random.Random, label: str) -> dict:
    """A full page of valid answers: {field name: (posted values, value as stored)}."""
    answers = {}
    for name, (kind, values) in fields.items():
        qid = name[2:]
        if kind == "radio":
            value = rng.choice(values)
            answers[name] = ([value], value)
        elif kind == "checkbox":
            value = rng.choice(values)
            answers[name] = ([value], value if value in (NA, DONT_KNOW) else [value])
        elif kind == "textarea":
            text = f"{label}: {rng.randrange(10**6)}"
            answers[name] = ([text], text)
        else:  # a number
            low, high = specs[qid]
            number = rng.randint(low, high)
            answers[name] = ([str(number)], number)
    return answers


class Respondent:
    """One simulated respondent: assessments, page after page, until the window closes."""

    def __init__(self, port, uid, sectors, specs, window, seed, stats):
        self.client = Client(port)
        self.uid, self.sectors, self.specs = uid, sectors, specs
        self.window_start, self.window_end = window
        self.rng = random.Random(seed * 100003 + uid)
        self.stats = stats  # shared by the process's respondents (one lock)
        self.assessments = self.posts = 0  # posts: the order of this respondent's saves

    def _count(self, key: str, n: int = 1) -> None:
        with self.stats["lock"]:
            self.stats["counts"][key] += n

    def _error(self, text: str) -> None:
        with self.stats["lock"]:
            self.stats["counts"]["unexpected_status"] += 1
            if len(self.stats["errors"]) < 20:
                self.stats["errors"].append(f"user {self.uid}: {text}")

    def _get(self, path: str):
        status, headers, body = self.client.request("GET", path)
        self._status("GET", status)
        return status, headers, body

    def _status(self, method: str, status: int) -> None:
        self._count(f"{method} {status // 100}xx")
        if status >= 500:
            self._count("5xx")
            if status == 503:
                self._count("busy_503")

    def run(self) -> None:
        try:
            self._run()
        except Exception as exc:  # a page the respondent cannot read: counted, never hidden
            self._error(f"stopped: {exc!r}")
        self.client.close()

    def _run(self) -> None:
        while time.time() < self.window_end:
            page = self._start()
            while page and time.time() < self.window_end:
                page = self._save(page)

    def _start(self) -> str | None:
        """Start an assessment through the landing page; the first domain page's address."""
        uid, lang = self.uid, LANGUAGES[self.uid % len(LANGUAGES)]
        form = {
            "questionnaire": QUESTIONNAIRE,
            "sector": self.sectors[(uid + self.assessments) % len(self.sectors)],
            "organisation": f"Respondent {uid}.{self.assessments}",
            "size": ("1-9", "10-49", "50-249", "250+")[uid % 4],
            "language": lang,
        }
        self.assessments += 1
        started = self._attempts(self._post_start, form, lang)  # a cut post may create one
        if started is None:
            return None
        page = self._attempts(self._get_ok, started, 200)  # the session has it from here on
        if page is None:
            return None
        key = hashlib.sha256(RESUME.search(page.decode())[1].encode()).hexdigest()
        with self.stats["lock"]:
            self.stats["ledger"].setdefault(key, {})
        return self._attempts(self._get_ok, "/assessment", 303)

    def _attempts(self, step, *args):
        """A step of the start, tried again when a request is cut or refused."""
        for _ in range(MAX_ATTEMPTS):
            try:
                done = step(*args)
            except Cut:
                self._count("cut")
                continue
            if done is not None:
                return done
            time.sleep(0.05)
        self._error(f"gave up starting an assessment ({step.__name__})")
        return None

    def _post_start(self, form: dict, lang: str) -> str | None:
        status, _, body = self._get(f"/?lang={lang}")
        if status != 200:
            self._error(f"landing page {status}")
            return None
        form["csrf_token"] = parse_form(body.decode())[0]["csrf_token"]
        status, headers, _ = self.client.request("POST", "/start", list(form.items()))
        self._status("POST", status)
        if status != 303:
            self._error(f"start {status}")
            return None
        return headers["location"]

    def _get_ok(self, path: str, expected: int):
        """The body of a 200, or the address a 303 leads to."""
        status, headers, body = self._get(path)
        if status != expected:
            self._error(f"GET {path} {status}")
            return None
        return body if status == 200 else headers["location"].split("#")[0]

    def _save(self, path: str) -> str | None:
        """Show a domain page and post a full page of answers until the save is acknowledged;
        the next page's address (None after the last one)."""
        chosen = {}
        for attempt in range(MAX_ATTEMPTS):
            if attempt:
                self._count("retried_saves")
            try:
                status, _, body = self._get(path)
                if status != 200:
                    self._error(f"GET {path} {status}")
                    time.sleep(0.05)
                    continue
                page = body.decode()
                hidden, fields = parse_form(page)
                token = RESUME.search(page)[1]
                key = hashlib.sha256(token.encode()).hexdigest()
                label = f"Respondent {self.uid}, {path}"
                new = choose(
                    {n: f for n, f in fields.items() if n not in chosen},
                    self.specs,
                    self.rng,
                    label,
                )
                chosen = {n: chosen.get(n) or new[n] for n in fields}  # the same on a retry
                form = [("csrf_token", hidden["csrf_token"]), ("seen", hidden["seen"])]
                form += [(n, v) for n, (posted, _) in chosen.items() for v in posted]
                form.append(("go", "next"))
            except Cut:
                self._count("cut")
                continue
            self.posts += 1
            started = time.perf_counter()
            try:
                status, headers, _ = self.client.request("POST", path, form)
            except Cut:  # posted, not acknowledged: saved or not, nobody was told
                self._count("cut")
                with self.stats["lock"]:
                    maybe = self.stats["unacknowledged"].setdefault(key, {})
                    for name, (_, stored) in chosen.items():
                        maybe.setdefault(name[2:], []).append((self.posts, stored))
                continue
            latency = (time.perf_counter() - started) * 1000
            self._status("POST", status)
            if status == 303:
                done = time.time()
                with self.stats["lock"]:
                    entry = self.stats["ledger"].setdefault(key, {})
                    entry.update({n[2:]: (self.posts, stored) for n, (_, stored) in chosen.items()})
                    self.stats["counts"]["acknowledged"] += 1
                    if self.window_start <= done <= self.window_end:
                        self.stats["latencies"].append(latency)
                location = headers["location"].split("#")[0]
                return location if location.startswith("/assessment/domains/") else None
            if status >= 500:
                time.sleep(0.05)  # busy: nothing saved, post again
                continue
            self._error(f"POST {path} {status}")
            return None
        self._error(f"gave up saving {path}")
        return None


def bare(port: int, window, stats) -> None:
    """The baseline's client: GET / again and again."""
    client, (start, end) = Client(port), window
    latencies, counts = [], Counter()
    while time.time() < end:
        began = time.perf_counter()
        try:
            status, _, _ = client.request("GET", "/")
        except Cut:
            counts["cut"] += 1
            continue
        latency, done = (time.perf_counter() - began) * 1000, time.time()
        counts[f"GET {status // 100}xx"] += 1
        if start <= done <= end:
            latencies.append(latency)
    client.close()
    with stats["lock"]:
        stats["latencies"] += latencies
        stats["counts"].update(counts)


def client_process(mode, port, uids, sectors, specs, timing, seed, barrier, results) -> None:
    """One client process: its respondents (or baseline clients) in threads."""
    stats = {
        "lock": threading.Lock(),
        "counts": Counter(),
        "errors": [],
        "ledger": {},
        "unacknowledged": {},  # answers posted by saves whose answer was cut
        "latencies": [],
    }
    barrier.wait()
    began = time.time()
    warmup, seconds = timing
    window = (began + warmup, began + warmup + seconds)
    cpu = os.times()
    if mode == "bare":
        threads = [threading.Thread(target=bare, args=(port, window, stats)) for _ in uids]
    else:
        threads = [
            threading.Thread(target=Respondent(port, uid, sectors, specs, window, seed, stats).run)
            for uid in uids
        ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    after = os.times()
    stats.pop("lock")
    stats["cpu"] = (after.user - cpu.user) + (after.system - cpu.system)
    stats["elapsed"] = time.time() - began
    results.put(stats)


# --------------------------------------------------------------------------------- the servers


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn with the repository's settings, its output in a log file."""

    def __init__(self, app: str, env: dict, log: Path, extra: list[str], root: Path = ROOT):
        self.port, self.log = free_port(), log
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            str(root / CONFIG.name),
            "-b",
            f"127.0.0.1:{self.port}",
            *extra,
            app,
        ]
        with open(log, "ab") as out:
            self.process = subprocess.Popen(
                command,
                cwd=root,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"gunicorn stopped at start (exit {self.process.returncode}); see {log}")
            try:
                status, _, _ = Client(self.port).request("GET", "/")
                if status == 200 and len(self.workers()) >= 1:
                    return
            except Cut:
                pass
            time.sleep(0.2)
        self.stop()
        sys.exit(f"gunicorn did not answer in 120 s; see {log}")

    def workers(self) -> list[int]:
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue
                if int(stat.rsplit(")", 1)[1].split()[1]) == self.process.pid:
                    found.append(int(entry.name))
        return found

    def cpu_seconds(self) -> float:
        """CPU used by the master, its live workers and the workers it has reaped."""
        ticks = os.sysconf("SC_CLK_TCK")

        def fields(pid):
            try:
                return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                return None

        total = 0
        master = fields(self.process.pid)
        if master:
            total += sum(int(v) for v in master[11:15])  # utime stime cutime cstime
        for pid in self.workers():
            worker = fields(pid)
            if worker:
                total += int(worker[11]) + int(worker[12])
        return total / ticks

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


class Faults(threading.Thread):
    """Kills one of the server's workers with SIGKILL every `interval` seconds."""

    def __init__(self, server: Server, interval: float):
        super().__init__(daemon=True)
        self.server, self.interval, self.kills = server, interval, []
        self.stopping = threading.Event()

    def run(self) -> None:
        rng = random.Random(7)
        while not self.stopping.wait(self.interval):
            workers = self.server.workers()
            if workers:
                victim = rng.choice(workers)
                try:
                    os.kill(victim, signal.SIGKILL)
                    self.kills.append(victim)
                except ProcessLookupError:
                    pass


# ------------------------------------------------------------------------------------ the runs


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def run_level(mode, server, users, args, sectors, specs, level) -> dict:
    context = multiprocessing.get_context("spawn")
    processes = max(1, min(args.processes, users))
    barrier, results = context.Barrier(processes + 1), context.Queue()
    workers = [
        context.Process(
            target=client_process,
            args=(
                mode,
                server.port,
                list(range(level * 1000 + p, level * 1000 + users, processes)),
                sectors,
                specs,
                (args.warmup, args.seconds),
                args.seed,
                barrier,
                results,
            ),
        )
        for p in range(processes)
    ]
    for worker in workers:
        worker.start()
    barrier.wait()
    time.sleep(args.warmup)
    cpu_start = server.cpu_seconds()
    time.sleep(args.seconds)
    server_cpu = server.cpu_seconds() - cpu_start
    parts = [results.get(timeout=args.seconds + 600) for _ in workers]
    for worker in workers:
        worker.join()
    counts = sum((Counter(p["counts"]) for p in parts), Counter())
    latencies = [x for p in parts for x in p["latencies"]]
    ledger, unacknowledged = {}, {}
    for p in parts:
        ledger.update(p["ledger"])
        unacknowledged.update(p["unacknowledged"])
    done = len(latencies)
    return {
        "mode": mode,
        "users": users,
        "rate": done / args.seconds,
        "p50": percentile(latencies, 50),
        "p95": percentile(latencies, 95),
        "p99": percentile(latencies, 99),
        "counts": dict(counts),
        "errors": [e for p in parts for e in p["errors"]][:20],
        "client_cpu": sum(p["cpu"] for p in parts) / max(p["elapsed"] for p in parts),
        "server_cpu": server_cpu / args.seconds,
        "server_cpu_ms": server_cpu * 1000 / done if done else float("nan"),
        "ledger": ledger,
        "unacknowledged": unacknowledged,
    }


def check_ledger(database: Path, ledger: dict, unacknowledged: dict) -> dict:
    """Every acknowledged answer stored with its value, nothing else, no key twice.

    A save whose answer was cut may have been committed or not: an answer it posted may be
    stored (with its value) where no later save was acknowledged for that question; it is
    counted apart, as are assessments created by a start whose answer was cut."""
    conn = sqlite3.connect(database)
    ids = dict(conn.execute("SELECT token_hash, id FROM assessments"))
    stored: dict = {}
    for aid, qid, value in conn.execute("SELECT assessment_id, question_id, value FROM answers"):
        stored.setdefault(aid, {})[qid] = json.loads(value)
    lost = wrong = unexpected = unknown = answers = cut_committed = 0
    examples = []
    for key, expected in ledger.items():
        if key not in ids:
            unknown += 1
            lost += len(expected)
            continue
        have, maybe = stored.get(ids[key], {}), unacknowledged.get(key, {})
        answers += len(expected)
        for qid in expected.keys() | have.keys() | maybe.keys():
            seq, value = expected.get(qid, (0, None))
            later = [v for posted, v in maybe.get(qid, ()) if posted > seq]
            if qid not in have:
                if qid in expected and not later:
                    lost += 1
                    examples.append(("lost", ids[key], qid))
            elif qid in expected and have[qid] == value:
                continue
            elif have[qid] in later:
                cut_committed += 1
            elif qid in expected:
                wrong += 1
                examples.append(("wrong value", ids[key], qid))
            else:
                unexpected += 1
                examples.append(("unexpected", ids[key], qid))
    orphans = [aid for key, aid in ids.items() if key not in ledger]
    unexpected += sum(len(stored.get(aid, {})) for aid in orphans)
    duplicated = conn.execute(
        "SELECT count(*) FROM (SELECT 1 FROM answers GROUP BY assessment_id, question_id "
        "HAVING count(*) > 1)"
    ).fetchone()[0]
    duplicated += conn.execute(
        "SELECT count(*) FROM (SELECT 1 FROM assessments GROUP BY token_hash HAVING count(*) > 1)"
    ).fetchone()[0]
    integrity = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    foreign = conn.execute("PRAGMA foreign_key_check").fetchall()
    conn.close()
    return {
        "assessments": len(ledger),
        "answers": answers,
        "lost": lost,
        "wrong_value": wrong,
        "unexpected": unexpected,
        "duplicated": duplicated,
        "unknown_assessments": unknown,
        "unacknowledged_starts": len(orphans),
        "committed_by_a_cut_save": cut_committed,
        "integrity_check": ", ".join(integrity),
        "foreign_key_violations": len(foreign),
        "examples": examples[:10],
    }


def scan_log(path: Path) -> dict:
    text = path.read_text("utf-8", "replace")
    return {
        "database is locked": text.count("database is locked"),
        "tracebacks": text.count("Traceback (most recent call last)"),
        "worker kills seen": len(re.findall(r"was sent SIGKILL|killed by signal 9", text)),
    }


def machine() -> dict:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    import gunicorn

    return {
        "cores": len(os.sched_getaffinity(0)),
        "cpu": model,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "gunicorn": gunicorn.__version__,
    }


def question_specs() -> tuple[list[str], dict]:
    """The questionnaire's sectors, and the number questions' bounds (a valid value is posted)."""
    sys.path.insert(0, str(ROOT))
    from survey.paths import shipped_folder
    from survey.questionnaire import load_library

    questionnaire = load_library(shipped_folder("questionnaires")).get(QUESTIONNAIRE)
    specs = {}
    for sector in questionnaire.sector_ids():
        for question in questionnaire.for_sector(sector).questions():
            if question.type == "number":
                low = int(question.min) if question.min is not None else 0
                high = int(question.max) if question.max is not None else low + 1000
                specs[question.id] = (low, min(high, low + 1000))
    return list(questionnaire.sector_ids()), specs


def show(result: dict, synchronous: str) -> str:
    c = result["counts"]
    what = "bare Flask GET /" if result["mode"] == "bare" else "page saves"
    unit = "requests/s" if result["mode"] == "bare" else "saves/s"
    line = (
        f"{result['users']:>4} users  {what}: {result['rate']:8.1f} {unit}  "
        f"p50 {result['p50']:6.1f} ms  p95 {result['p95']:6.1f} ms  p99 {result['p99']:6.1f} ms"
    )
    if result["mode"] != "bare":
        line += f"  [synchronous={synchronous}]"
    extra = (
        f"\n      server CPU {result['server_cpu']:.2f} cores"
        + (
            f" ({result['server_cpu_ms']:.1f} ms a save, its GET included)"
            if result["mode"] != "bare"
            else ""
        )
        + f", client CPU {result['client_cpu']:.2f} cores; 5xx {c.get('5xx', 0)}, "
        f"cut {c.get('cut', 0)}, retried saves {c.get('retried_saves', 0)}, "
        f"other unexpected {c.get('unexpected_status', 0)}"
    )
    return line + extra


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", default="10,50,100", help="concurrent users, per level")
    parser.add_argument("--seconds", type=float, default=20, help="measured time per level")
    parser.add_argument("--warmup", type=float, default=3, help="time before measuring")
    parser.add_argument("--synchronous", default="FULL", choices=("FULL", "NORMAL"))
    parser.add_argument("--faults", action="store_true", help="SIGKILL a worker regularly")
    parser.add_argument("--fault-interval", type=float, default=10)
    parser.add_argument("--processes", type=int, default=2, help="client processes")
    parser.add_argument("--baseline-users", type=int, default=50)
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--gunicorn", default="", help="extra gunicorn arguments, e.g. '-w 3'")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--root", type=Path, default=ROOT, help="serve the app of this checkout (A/B comparisons)"
    )
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()

    levels = [int(n) for n in args.users.split(",")]
    extra = args.gunicorn.split()
    config = runpy.run_path(str(CONFIG))
    folder = Path(tempfile.mkdtemp(prefix="survey-load-"))
    root = args.root.resolve()
    env = dict(
        os.environ,
        PYTHONPATH=str(root),
        SURVEY_INSTANCE_PATH=str(folder / "instance"),
        SURVEY_SQLITE_SYNCHRONOUS=args.synchronous,
    )
    facts = machine()
    print(
        f"machine: {facts['cores']} cores, {facts['cpu']}; Python {facts['python']}, "
        f"SQLite {facts['sqlite']}, gunicorn {facts['gunicorn']}"
    )
    print(
        f"gunicorn: {config['worker_class']}, {config['workers']} workers x {config['threads']} "
        f"threads {' '.join(extra)}; SURVEY_SQLITE_SYNCHRONOUS={args.synchronous}; "
        f"app from {root}; instance {folder / 'instance'}; faults: "
        + (f"SIGKILL a worker every {args.fault_interval:g} s" if args.faults else "none")
    )
    sectors, specs = question_specs()
    results = []

    if not args.no_baseline:
        bare_server = Server(
            "bare_app:app",
            dict(env, PYTHONPATH=str(ROOT / "bench")),
            folder / "bare.log",
            ["--pythonpath", str(ROOT / "bench"), *extra],
        )
        try:
            baseline = run_level("bare", bare_server, args.baseline_users, args, [], {}, 0)
        finally:
            bare_server.stop()
        results.append(baseline)
        print(show(baseline, args.synchronous), flush=True)

    server = Server("wsgi:app", env, folder / "server.log", extra, root)
    faults = Faults(server, args.fault_interval) if args.faults else None
    if faults:
        faults.start()
    ledger, unacknowledged = {}, {}
    try:
        for n, users in enumerate(levels, start=1):
            result = run_level("pages", server, users, args, sectors, specs, n)
            ledger.update(result["ledger"])
            unacknowledged.update(result["unacknowledged"])
            results.append(result)
            print(show(result, args.synchronous), flush=True)
    finally:
        if faults:
            faults.stopping.set()
            faults.join()
        alive = len(server.workers())
        server.stop()

    checked = check_ledger(folder / "instance" / "survey.sqlite3", ledger, unacknowledged)
    logged = scan_log(folder / "server.log")
    counts = sum((Counter(r["counts"]) for r in results if r["mode"] == "pages"), Counter())
    print(
        f"ledger: {counts['acknowledged']} saves acknowledged, {checked['answers']} answers in "
        f"{checked['assessments']} assessments; lost {checked['lost']}, wrong value "
        f"{checked['wrong_value']}, unexpected rows {checked['unexpected']}, duplicated "
        f"{checked['duplicated']}; saves whose answer was cut: answers stored all the same "
        f"{checked['committed_by_a_cut_save']}, assessments created by a start "
        f"{checked['unacknowledged_starts']}"
    )
    for example in checked["examples"]:
        print("  check failed:", *example)
    print(
        f"server: 5xx {counts['5xx']} (busy 503 {counts['busy_503']}), "
        f"'database is locked' in its log {logged['database is locked']}, tracebacks "
        f"{logged['tracebacks']}; integrity_check: {checked['integrity_check']}, foreign key "
        f"violations {checked['foreign_key_violations']}"
    )
    if faults:
        print(
            f"faults: {len(faults.kills)} workers killed with SIGKILL, {counts['cut']} requests "
            f"cut, {counts['retried_saves']} saves posted again; {alive} workers alive at the end"
        )
    errors = [e for r in results for e in r["errors"]]
    for error in errors[:10]:
        print("  error:", error)
    failed = (
        checked["lost"]
        + checked["wrong_value"]
        + checked["unexpected"]
        + checked["duplicated"]
        + counts["5xx"]
        + logged["database is locked"]
        + counts["unexpected_status"]
        + checked["foreign_key_violations"]
        + (checked["integrity_check"] != "ok")
    )
    if args.json:
        for result in results:
            result.pop("ledger", None)
            result.pop("unacknowledged", None)
        Path(args.json).write_text(
            json.dumps(
                {
                    "machine": facts,
                    "synchronous": args.synchronous,
                    "faults": args.faults,
                    "kills": len(faults.kills) if faults else 0,
                    "levels": results,
                    "ledger": checked,
                    "log": logged,
                    "gunicorn": extra,
                },
                indent=2,
            )
        )
    print("checks:", "FAILED" if failed else "all passed", f"(server log: {folder / 'server.log'})")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
