"""The Celery app: `celery -A config worker` (run from platform/, or with it on sys.path)."""

import os
import sys
from pathlib import Path

from celery import Celery

# The engine (graders/, sandbox/) and problems/ live at the repository root.
_ROOT = str(Path(__file__).resolve().parents[2])
if _ROOT not in sys.path:
    sys.path.append(_ROOT)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("goconcur")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
