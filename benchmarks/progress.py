"""Progress lines on stderr, so that stdout carries only the result tables."""
import os
import sys
import time

STARTED = time.monotonic()


def say(message):
    print(f"[{time.monotonic() - STARTED:6.0f} s] {message}", file=sys.stderr, flush=True)


def load_average():
    """Return the 1-minute load average, to note how busy the machine was during a case."""
    return os.getloadavg()[0]


def counting(label, total):
    """Return a callback that prints ``label: done/total`` every tenth of the way."""
    step = max(1, total // 10)

    def tick(done):
        if done % step == 0 or done == total:
            say(f"{label}: {done}/{total}")

    return tick
