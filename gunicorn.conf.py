"""gunicorn's settings for serving the app: `gunicorn -c gunicorn.conf.py wsgi:app`.

Threaded workers (gthread), one process per core: a connection costs a thread only while a request
is being read or answered, so a few slow clients (headers sent a byte at a time, a body that
trickles in) hold a few threads and the other requests go on. Each worker builds the app itself
after the fork (no `preload_app`), so no database connection is ever shared between processes;
`create_app` closes the one it migrates with, and each request opens its own. The access log
never shows an assessment's token (`/resume/TOKEN`, `/api/v1/assessments/TOKEN`): it is written
`[redacted]`, there and in the error log.

Any setting can be changed on the command line (`-w 4`, `--threads 16`, `-b 0.0.0.0:8000`) or in
`GUNICORN_CMD_ARGS`; `WEB_CONCURRENCY` sets the number of workers. See README, "Serving in
production".
"""

from __future__ import annotations

import logging
import os
import re

from gunicorn.glogging import Logger

# Where to listen: the local address, for a proxy on the same machine (see README).
bind = ["127.0.0.1:8000"]

# One worker per core: the work of a request is CPU-bound Python (one core per process at a time),
# SQLite serialises the writes anyway, and a killed worker leaves the others serving.
workers = int(os.environ.get("WEB_CONCURRENCY", 0)) or len(os.sched_getaffinity(0))
worker_class = "gthread"
# Requests in progress per worker. A slow client holds one thread while its request comes in, so
# with 2 workers it takes 2 x 8 slow clients at once to hold every thread; idle kept-alive
# connections hold none (up to `worker_connections` per worker).
threads = 8
worker_connections = 1000

# A worker whose main loop has not reported for `timeout` seconds (stuck, for example in C code
# holding the lock of the interpreter) is killed and replaced. Requests run in threads and are
# not cut by it. On a reload or stop, requests in progress get `graceful_timeout` seconds.
timeout = 30
graceful_timeout = 30
# An idle kept-alive connection is closed after this many seconds.
keepalive = 5

# Request limits: the longest address is far below 4 KB, a browser sends about 20 headers.
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190

# No preload: each worker imports and builds the app after the fork.
preload_app = False

# The run-time control socket (`gunicornc`) is off: nothing changes workers behind the config.
control_socket_disable = True

proc_name = "survey"
accesslog = "-"
errorlog = "-"
loglevel = "info"
# The combined log format, and the time taken in milliseconds.
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'

# An assessment's token in an address: the resume link and the API's assessment addresses.
TOKEN_IN_PATH = re.compile(r"(/resume/|/api/v1/assessments/)[^/?#\s\"']+")


def redact(text: str) -> str:
    """`text` with every assessment token in an address replaced by `[redacted]`."""
    return TOKEN_IN_PATH.sub(r"\1[redacted]", text) if "/" in text else text


class RedactTokens(logging.Filter):
    """Formats each record's message (and traceback) now, without the tokens it holds."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        record.msg, record.args = redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


class RedactingLogger(Logger):
    """gunicorn's logger, with the tokens taken out of the access and error logs."""

    def setup(self, cfg) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            if not any(isinstance(f, RedactTokens) for f in log.filters):
                log.addFilter(RedactTokens())


logger_class = RedactingLogger


def post_worker_init(worker) -> None:
    """The app's own log (its error reports name the address) is redacted the same way."""
    app_log = logging.getLogger("survey")
    if not any(isinstance(f, RedactTokens) for f in app_log.filters):
        app_log.addFilter(RedactTokens())
