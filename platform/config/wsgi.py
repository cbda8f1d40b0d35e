"""WSGI entry point (no WebSockets); production uses asgi.py."""

import os
import sys
from pathlib import Path

from django.core.wsgi import get_wsgi_application

_ROOT = str(Path(__file__).resolve().parents[2])
if _ROOT not in sys.path:
    sys.path.append(_ROOT)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()
