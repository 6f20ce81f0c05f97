"""gunicorn for Troubleshooter (`make run`, the Procfile and production use this file).

Threaded workers: a client that trickles its request holds one thread, not a whole worker,
so two slow clients cannot stall the site (a sync worker serves one connection at a time).
"""

import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", "8"))
timeout = 30
graceful_timeout = 20
keepalive = int(
    os.environ.get("WEB_KEEPALIVE", "75")
)  # above clients' own idle limits, so a reused connection is not closed under them
control_socket_disable = True  # gunicorn 27 would otherwise create ~/.gunicorn (DEPENDENCIES.md pitfall 8)
accesslog = os.environ.get("ACCESS_LOG", "-")
logger_class = "troubleshooter.lib.log_masking.MaskingAccessLogger"
# The query string is worth having in the log; the logger masks key-shaped values in it.
access_log_format = '%(h)s %(t)s "%(m)s %(U)s?%(q)s %(H)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'
