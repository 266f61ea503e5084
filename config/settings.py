"""One env-driven settings module.

SQLite (WAL) is the default; ``DATABASE_URL`` switches to PostgreSQL. ``DEBUG`` is off unless
``DEBUG=1``. ``SKILLSHUB_PROFILE=production`` turns on the hardening that ``check --deploy``
asks for.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PROFILE = env_str("SKILLSHUB_PROFILE", "development")
PRODUCTION = PROFILE == "production"

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", "dev-insecure-key-change-me-" + "x" * 40)
if PRODUCTION and ("SECRET_KEY" not in os.environ or DEBUG):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("The production profile needs SECRET_KEY set and DEBUG off.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_filters",
    # For the API docs' vendored Swagger UI (no CDN, no inline script: see the CSP middleware).
    "ninja",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "django_tasks_db",
    "skillshub.core",
    "skillshub.accounts",
    "skillshub.stakeholders",
    "skillshub.labour_market",
    "skillshub.guidance",
    "skillshub.matters",
    "skillshub.programme",
    "skillshub.team",
    "skillshub.portal",
    "skillshub.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "skillshub.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside everything that may query: a database that is down answers a friendly 503.
    "skillshub.core.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "skillshub.core.middleware.PolishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "skillshub.core.context_processors.site",
                "skillshub.portal.context_processors.footer",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("SQLITE_PATH", str(BASE_DIR / "var" / "skillshub.sqlite3")),
            # Keep the connection: opening one re-runs the PRAGMAs below on every request.
            "CONN_MAX_AGE": 600,
            "OPTIONS": {
                # WAL lets readers run while one writer writes; IMMEDIATE avoids the
                # "database is locked" upgrade deadlock under concurrent writes.
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                ),
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
            # Tests use a file too: in-memory SQLite shares one cache between connections and
            # reports "table is locked" instead of waiting, unlike the real thing.
            "TEST": {"NAME": env_str("SQLITE_TEST_PATH", str(BASE_DIR / "var" / "test.sqlite3"))},
        }
    }
if DATABASE_URL and env_bool("DATABASE_POOLER_TRANSACTION_MODE"):
    # Behind pgbouncer in transaction mode each transaction may get another server
    # connection: a named cursor (.iterator()) would vanish between fetches, and keeping our
    # own connection open only duplicates the pooler's pool.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Auth -----------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    # ModelBackend with the signed-in user's row kept in the shared cache.
    "skillshub.accounts.backends.CachedModelBackend",
]
# Sessions read from the shared (database) cache first: one light query instead of an ORM
# lookup on every signed-in request. Written through to the database; logout clears both.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Lockout: this many failed log-ins for one username within the window lock it for the window.
LOGIN_LOCKOUT_ATTEMPTS = env_int("LOGIN_LOCKOUT_ATTEMPTS", 5)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15)

# --- I18n -----------------------------------------------------------------------------------
LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", _("Polish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
STORAGES = {
    # FileSystemStorage that removes a half-written file and turns a full, over-quota or
    # read-only disk into a form error (skillshub/core/storage.py).
    "default": {"BACKEND": "skillshub.core.storage.SafeFileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# --- E-mail ---------------------------------------------------------------------------------
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "skillshub@localhost")

# --- Cache (DB-backed so that several stateless app processes share rate limits) ------------
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "skillshub_cache",
    },
    # Rendered public pages, per process. Safe to keep apart because each page is stored
    # under the shared data version (see skillshub/core/pagecache.py).
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "skillshub-pages",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}

# --- Background tasks -----------------------------------------------------------------------
TASKS = {"default": {"BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
# `manage.py task_worker` (db_worker with a heartbeat) writes a heartbeat this often; a task left
# RUNNING for longer than TASKS_STALE_AFTER_SECONDS by a worker whose heartbeat has stopped (it
# was killed) is put back in the queue, at most TASKS_MAX_ATTEMPTS times in all
# (skillshub/core/taskrecovery.py).
TASKS_HEARTBEAT_SECONDS = env_int("TASKS_HEARTBEAT_SECONDS", 10)
TASKS_STALE_AFTER_SECONDS = env_int("TASKS_STALE_AFTER_SECONDS", 300)
TASKS_MAX_ATTEMPTS = env_int("TASKS_MAX_ATTEMPTS", 3)

# --- The region this installation serves ----------------------------------------------------
REGION_TERYT = env_str("REGION_TERYT", "08")
SITE_NAME = env_str("SITE_NAME", "Lubuska Platforma Uczenia się przez Całe Życie")
# The address members reach the site at, for links in e-mails and calendars.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
OFFICE_NAME = env_str("OFFICE_NAME", "Wojewódzki Urząd Pracy w Zielonej Górze")

# Public "join" form: at most this many submissions per client address per hour.
JOIN_RATE_LIMIT_PER_HOUR = env_int("JOIN_RATE_LIMIT_PER_HOUR", 10)
PAGINATE_BY = 25
# The largest document the WZK secretariat accepts, in bytes.
TEAM_DOCUMENT_MAX_BYTES = env_int("TEAM_DOCUMENT_MAX_BYTES", 20 * 1024 * 1024)
# Trained job-ad occupation coders (labour_market.coding): on shared storage when several app
# processes or workers run. The newest model in the directory is the active one.
OCCUPATION_CODER_DIR = env_str("OCCUPATION_CODER_DIR", str(BASE_DIR / "var" / "models"))
# An ad whose best code is less likely than this goes to the review queue.
OCCUPATION_CODER_REVIEW_THRESHOLD = float(env_str("OCCUPATION_CODER_REVIEW_THRESHOLD", "0.5"))
# Retraining from the page uses all the hand-coded ads (0), or this many (a quick demo model).
OCCUPATION_CODER_RETRAIN_SAMPLE = env_int("OCCUPATION_CODER_RETRAIN_SAMPLE", 0)
# The public coding endpoint of the API: requests per minute for anonymous and token callers.
OCCUPATION_CODER_API_RATE_ANON = env_str("OCCUPATION_CODER_API_RATE_ANON", "30/m")
OCCUPATION_CODER_API_RATE_TOKEN = env_str("OCCUPATION_CODER_API_RATE_TOKEN", "600/m")
# The gap analysis flags a surplus occupation as oversupplied from this county enrolment up.
GAP_LARGE_ENROLMENT = env_int("GAP_LARGE_ENROLMENT", 50)
# ... and counts coded online job ads in a county over 12 months as demand from this many up.
GAP_JOB_ADS_DEMAND = env_int("GAP_JOB_ADS_DEMAND", 5)
FILTERS_EMPTY_CHOICE_LABEL = _("all")
# Serve anonymous visitors whole pages from the cache (see skillshub/core/pagecache.py).
PUBLIC_PAGE_CACHE = env_bool("PUBLIC_PAGE_CACHE", True)
# Serve signed-in people their own busy pages (matters list and board) from the same cache.
PRIVATE_PAGE_CACHE = env_bool("PRIVATE_PAGE_CACHE", True)
FORMS_URLFIELD_ASSUME_HTTPS = True  # the Django 6 default, opted into now
# /healthz/ answers 503 when a due task has waited longer than this: no worker is running.
HEALTHZ_MAX_READY_AGE_SECONDS = env_int("HEALTHZ_MAX_READY_AGE_SECONDS", 15 * 60)

# --- Security -------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # The load balancer probes the app processes over plain HTTP on the private network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
