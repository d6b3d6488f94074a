"""Start the app under gunicorn for a benchmark case, find its workers, and stop it."""
import http.client
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.progress import say

START_TIMEOUT = 60
# A path that every build of the app serves without a login or a database row.
READY_PATH = "/vicidial/non_agent_api.php?function=version"


class AppServer:
    """One gunicorn master and its workers, serving ``app_dir`` on 127.0.0.1:``port``."""

    def __init__(self, app_dir, env, port, workers, log_path):
        self.app_dir = Path(app_dir)
        self.port = port
        self.workers = workers
        self.log_path = log_path
        self.env = dict(env, GUNICORN_BIND=f"127.0.0.1:{port}", WEB_CONCURRENCY=str(workers), GUNICORN_ACCESS_LOG=str(log_path))
        self.process = None

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc_info):
        self.stop()

    def start(self):
        say(f"Starting gunicorn with {self.workers} worker(s) on port {self.port}")
        command = [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.conf.py", "config.wsgi"]
        log = open(self.log_path, "ab")
        self.process = subprocess.Popen(command, cwd=self.app_dir, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        self.wait_until_ready()

    def wait_until_ready(self):
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with status {self.process.returncode}; see {self.log_path}")
            if self.answers() and len(self.worker_pids()) == self.workers:
                return
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn did not respond within {START_TIMEOUT} s; see its log {self.log_path}")

    def answers(self):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        try:
            connection.request("GET", READY_PATH)
            return connection.getresponse().status == 200
        except OSError:
            return False
        finally:
            connection.close()

    def worker_pids(self):
        """Return the process ids of the master's children, the workers."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in children.read_text().split()]
        except OSError:
            return []

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        say("Stopped gunicorn")


def memory_kib(pid):
    """Return (VmRSS, VmHWM) of process ``pid`` in KiB, from /proc/<pid>/status."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            values[name] = int(rest.split()[0])
    return values["VmRSS"], values["VmHWM"]


def app_environment(vicidial_url, work_dir, extra=None):
    """Return the environment the app runs with: the bench database and a throwaway app database."""
    env = dict(os.environ)
    env.update(
        VICIDIAL_DATABASE_URL=vicidial_url,
        DATABASE_URL=f"sqlite:///{work_dir}/app.sqlite3",
        SECRET_KEY="benchmark-only-secret-key",
        VAR_DIR=str(work_dir),
        LOG_LEVEL="WARNING",
    )
    env.update(extra or {})
    return env


def migrate(app_dir, env):
    say("Creating the app's own tables (manage.py migrate)")
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--verbosity", "0"], cwd=app_dir, env=env, check=True
    )
