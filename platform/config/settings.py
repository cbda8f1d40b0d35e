"""Settings, read from the environment once, here; embedded defaults need no services but Redis.

Environment: DATABASE_URL (default SQLite in var/), REDIS_URL, SECRET_KEY, DEBUG,
ALLOWED_HOSTS, and a few queue knobs below. The sandbox's own variables (GOCONCUR_SANDBOX,
GOCONCUR_IMAGE, ...) are read by the engine's `EngineSettings.from_env()` where it runs.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PLATFORM_DIR = Path(__file__).resolve().parent.parent
ROOT_DIR = PLATFORM_DIR.parent
VAR_DIR = Path(os.environ.get("GOCONCUR_VAR_DIR", ROOT_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


def _env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


DEBUG = _env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-set-SECRET_KEY-in-production"
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "*").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI and Redoc served from our own static files
    "django_filters",
    "channels",
    "accounts",
    "problems",
    "practice",
    "grading",
    "interviews",
    "assessments",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PLATFORM_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'goconcur.sqlite3'}",
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web and the worker write at once: WAL lets readers go on, IMMEDIATE avoids
    # deadlocked upgrades from read to write locks, and the timeout waits out writers.
    # Connections are kept (the PRAGMAs and the open cost a request a few milliseconds).
    DATABASES["default"]["CONN_MAX_AGE"] = 600
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }
    # A file, not :memory:, so a real worker subprocess can share the test database; one
    # per test run, so two runs on one checkout do not share it.
    DATABASES["default"]["TEST"] = {
        "NAME": os.environ.get("GOCONCUR_TEST_DB", str(VAR_DIR / f"test-{os.getpid()}.sqlite3"))
    }

# Sessions are read on every page: keep them in the process cache, backed by the database.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "practice:problem_list"
LOGOUT_REDIRECT_URL = "practice:problem_list"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [PLATFORM_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True  # serve app static without collectstatic in development

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")

CHANNEL_LAYERS = {
    "default": {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        "CONFIG": {
            # redis-py 8 reads with a 5 s socket timeout by default, the same as the
            # layer's blocking BZPOPMIN: an idle consumer's read timed out and the server
            # dropped every progress socket after 5 s of silence. Reads may block longer
            # than the pop; a dead Redis is still noticed within this bound.
            "hosts": [{"address": REDIS_URL, "socket_timeout": 30}],
            "expiry": 30,
            # A full channel drops messages silently; a shared editor sends one per key.
            "capacity": 1000,
        },
    }
}

# Celery: the database is the source of truth; the broker only carries "look at #id".
CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# Unacked messages of a dead worker come back after this; the sweeper is faster.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 900}
# Publishing must not hang a web request when Redis is down: the sweeper re-sends later.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0.2, "interval_step": 0.2}
CELERY_TASK_ALWAYS_EAGER = _env_bool("GOCONCUR_EAGER", False)
CELERY_BEAT_SCHEDULE = {
    "sweep-submissions": {
        "task": "grading.tasks.sweep_submissions",
        "schedule": float(os.environ.get("GOCONCUR_SWEEP_SECONDS", 15)),
    },
    "close-expired-attempts": {"task": "assessments.tasks.close_expired", "schedule": 60.0},
}

# Grading and the queue.
GOCONCUR_BANK_DIR = Path(os.environ.get("GOCONCUR_BANK_DIR", ROOT_DIR / "problems" / "bank"))
GOCONCUR_LEASE_SECONDS = _env_int("GOCONCUR_LEASE_SECONDS", 30)  # renewed while grading
GOCONCUR_QUEUE_DEADLINE_SECONDS = _env_int("GOCONCUR_QUEUE_DEADLINE_SECONDS", 300)
GOCONCUR_MAX_ATTEMPTS = _env_int("GOCONCUR_MAX_ATTEMPTS", 4)
GOCONCUR_RETRY_BASE_SECONDS = float(os.environ.get("GOCONCUR_RETRY_BASE_SECONDS", 5))
GOCONCUR_MAX_SOURCE_BYTES = 64 * 1024
GOCONCUR_RATE_LIMIT_PER_MINUTE = _env_int("GOCONCUR_RATE_LIMIT_PER_MINUTE", 10)
GOCONCUR_MAX_IN_FLIGHT = _env_int("GOCONCUR_MAX_IN_FLIGHT", 3)

# Invitations. The console backend prints messages to the web's log: set EMAIL_BACKEND (and
# Django's EMAIL_HOST...) to send them for real.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "goconcur <noreply@localhost>")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = _env_int("EMAIL_PORT", 25)
# Reports: an item's percentile appears once this many candidates were graded on it.
GOCONCUR_PERCENTILE_MIN_ATTEMPTS = _env_int("GOCONCUR_PERCENTILE_MIN_ATTEMPTS", 5)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "goconcur API",
    "DESCRIPTION": "Submit Go solutions and read their grading results.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # No CDN: the docs page (Swagger UI) loads its scripts and styles from /static/.
    # (drf-spectacular's Redoc page links Google Fonts, so it is not served.)
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # Swagger UI would ask validator.swagger.io to check the schema: no outside calls.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # The handler's level too: records that propagate from django.request skip root's.
    "handlers": {
        "console": {"class": "logging.StreamHandler", "level": os.environ.get("LOG_LEVEL", "INFO")}
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
