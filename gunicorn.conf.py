"""gunicorn's settings for `make run` and bench/label_latency.py (gunicorn reads ./gunicorn.conf.py itself).

Sync workers, each serving one request at a time over one persistent database connection (settings.py).
bench/label_latency.py found no better choice on 2 cores: 4 or 5 workers measured the same as 3, and
gthread workers were slower (a worker holding several keep-alive connections makes their requests queue).
"""

import os

workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
worker_class = "sync"
timeout = 300  # an export of a million claims streams for minutes
