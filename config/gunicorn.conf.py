"""Production settings for gunicorn: `gunicorn -c config/gunicorn.conf.py config.wsgi`.

Every value can be changed through the environment variable named beside it.
"""
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
# A sync worker is busy for a whole response, and a slow client can take minutes to
# read a 100,000-row legacy API response or a long audio file.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 300))
graceful_timeout = 30
keepalive = 5
max_requests = 2000
max_requests_jitter = 200

# Legacy API URLs carry the password in the query string, so the access log records
# the path (%(U)s) and never the query string or the full request line.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
errorlog = "-"

# A sync worker serves one request at a time, so it can keep one database connection
# per alias between requests. That saves a new connection per request, 0.3 to 0.6 ms
# on the machine of docs/benchmarks.md. The workers inherit the variable.
os.environ.setdefault("DB_CONN_MAX_AGE", "300")


def post_worker_init(worker):
    """Mask passwords in the worker's error log, which names the URI of a failed response."""
    from config.log_filters import MaskPasswords

    worker.log.error_log.addFilter(MaskPasswords())
