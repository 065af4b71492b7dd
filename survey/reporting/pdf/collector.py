"""Python's cyclic garbage collector paused while a document is built.

A report makes some hundred thousand short-lived containers (flowables, lines, PDF objects), most
of them alive until the document is written. The collector starts a pass every 700 of them and,
every few reports, a full pass over the whole process, shaping caches included: about a fifth of
a report's time went there. Nearly all of that memory is freed by reference counting as soon as
the document is written; the few cycles left (ReportLab's document and canvas point at each other)
are collected by the next pass after the build.

Only the thread that finds the collector enabled turns it back on, so concurrent builds never leave
it off: it is off at most while some build is running.
"""

from __future__ import annotations

import gc
from functools import wraps


def collector_paused(function):
    """`function` run with the cyclic garbage collector paused."""

    @wraps(function)
    def paused(*args, **kwargs):
        enabled = gc.isenabled()
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if enabled:
                gc.enable()

    return paused
