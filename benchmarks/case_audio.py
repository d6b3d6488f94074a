"""Case 4: the first byte of a one-hour WAV file, whole and as a Range of its last 10%."""
from benchmarks import fixtures
from benchmarks.http_client import cookie_header, fetch, page_login
from benchmarks.progress import counting, load_average, say
from benchmarks.stats import summarize


def timed(port, path, headers, runs, label):
    tick = counting(label, runs)
    timings = []
    for done in range(1, runs + 1):
        timings.append(fetch(port, path, headers=headers))
        tick(done)
    return timings


def measure(server, runs, file_size):
    """Log in through the page, then fetch the audio ``runs`` times whole and as a Range."""
    login = page_login(server.port, fixtures.BENCH_USER, fixtures.BENCH_PASSWORD)
    if login is None:
        say("Case 4 skipped: this build has no login page at /login/")
        return None
    cookies, _ = login
    path = f"/recordings/{fixtures.AUDIO_RECORDING_ID}/audio"
    session = {"Cookie": cookie_header(cookies)}
    last_tenth = {**session, "Range": f"bytes={file_size - file_size // 10}-"}

    say(f"Case 4: audio, {runs} whole and {runs} ranged requests (load {load_average():.2f})")
    fetch(server.port, path, headers=session)
    whole = timed(server.port, path, session, runs, "whole file")
    ranged = timed(server.port, path, last_tenth, runs, "last 10%")
    check(whole[0], 200, file_size)
    check(ranged[0], 206, file_size // 10)
    return {
        "file_bytes": file_size,
        "whole_first_byte": summarize([t.first_byte for t in whole]).as_dict(),
        "whole_total": summarize([t.total for t in whole]).as_dict(),
        "range_first_byte": summarize([t.first_byte for t in ranged]).as_dict(),
        "range_total": summarize([t.total for t in ranged]).as_dict(),
        "load": load_average(),
    }


def check(timing, status, size):
    if timing.status != status or timing.size != size:
        raise RuntimeError(f"Audio request returned status {timing.status} and {timing.size} bytes; expected {status} and {size}")
