"""Settings for a worker process started by a test: the app's, on the test database the test runs on."""

import os

from newsdesk.settings import *  # noqa: F403
from newsdesk.settings import DATABASES

DATABASES["default"]["NAME"] = os.environ["WORKER_DATABASE_NAME"]
