"""One settings module, driven by environment variables (see README)."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from troubleshooter.lib.languages import LANGUAGES  # noqa: F401 - Django reads it from here

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR") or BASE_DIR / "var")  # generated secrets, SQLite, static files


def env_flag(name, default=False):
    return os.environ.get(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


def secret_from_file(name):
    """A secret `make run` generated into var/, so commands work from a plain shell."""
    path = VAR_DIR / name
    return path.read_text().strip() if path.exists() else ""


DEBUG = env_flag("DEBUG")
# Test mode is explicit: `make test` and pytest.ini set TESTING=1 (plain static storage,
# a local-memory cache, a file test database that Celery workers share).
TESTING = env_flag("TESTING")
SECRET_KEY = os.environ.get("SECRET_KEY") or secret_from_file("secret_key")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        # One sentence and a non-zero exit, not a traceback.
        raise SystemExit("Set SECRET_KEY in the environment: production mode has no default secret.")
    SECRET_KEY = "development-only-not-secret"

ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "modeltranslation",  # must precede django.contrib.admin
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "csp",
    "template_partials",
    "simple_history",
    "django_celery_beat",
    "axes",
    "troubleshooter",
    "errors_kb",
    "troubleshooter.health",
    "troubleshooter.tickets",
    "troubleshooter.wizard",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "troubleshooter.admin_csp.AdminInlineStylesMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",  # last (DEPENDENCIES.md pitfall 6)
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses sign-ins while an address or account is locked out
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = int(os.environ.get("LOGIN_LOCKOUT_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"]]
AXES_LOCKOUT_TEMPLATE = "lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Per-client limits (django-ratelimit, counted in the shared cache), "count/period".
RATE_LIMITS = {
    "diagnose": os.environ.get("RATE_LIMIT_DIAGNOSE", "60/m"),
    "tickets": os.environ.get("RATE_LIMIT_TICKETS", "10/h"),
    "checks": os.environ.get("RATE_LIMIT_CHECKS", "20/m"),
    "request_checker": os.environ.get("RATE_LIMIT_REQUEST_CHECKER", "60/m"),
    "live_check": os.environ.get("RATE_LIMIT_LIVE_CHECK", "6/m"),
}
RATELIMIT_IP_META_KEY = os.environ.get("RATELIMIT_IP_META_KEY") or None  # e.g. HTTP_X_FORWARDED_FOR behind a proxy
if TESTING:  # the local-memory test cache is not shared between processes; tests need no more
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

ROOT_URLCONF = "troubleshooter.urls"
WSGI_APPLICATION = "troubleshooter.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]

DATABASES = {"default": dj_database_url.config(default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}", conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # Web, worker and beat share one file: WAL and a busy timeout keep them from tripping.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Opening the file costs ~2 ms a request: each gthread thread keeps its own connection (Django's
    # connections are per thread and autocommit holds no snapshot between requests); checked before reuse.
    DATABASES["default"]["CONN_MAX_AGE"] = 600
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    if TESTING:
        # A file, not memory: Celery worker processes started by tests open the same database.
        DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test_db.sqlite3")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en"
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_vendor"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
JQUERY_UI_URL = "vendor/jquery-ui.min.js"

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and not TESTING
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
CACHE_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "troubleshooter")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": CACHE_KEY_PREFIX,
    }
    if not TESTING
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

ADMINS = [("Troubleshooter", address) for address in os.environ.get("TICKETS_NOTIFY", "").split(",") if address]

CELERY_BROKER_URL = REDIS_URL
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "troubleshooter")
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 600}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE = {
    "worker-heartbeat": {"task": "troubleshooter.tasks.heartbeat", "schedule": 15.0},
}

# Scripts and styles only from our own static files: Markdown is sanitized, and even if something
# slipped through, the browser would not run it. The admin alone keeps inline styles
# (troubleshooter/admin_csp.py); django-celery-beat's admin forms carry an inline script of their own.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/django_celery_beat/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads it via hx-headers rendered server-side; cookie stays same-site
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Behind a TLS-terminating proxy, e.g. SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO=https":
# secure cookies, HSTS and a redirect to HTTPS (liveness probes over plain HTTP are let through).
if os.environ.get("SECURE_PROXY_SSL_HEADER"):
    _header, _, _value = os.environ["SECURE_PROXY_SSL_HEADER"].partition("=")
    SECURE_PROXY_SSL_HEADER = (_header.strip(), (_value or "https").strip())
    SECURE_SSL_REDIRECT = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_flag("SECURE_HSTS_PRELOAD", default=True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Every line, whoever logs it (Django, Celery, httpx, us), has key-shaped values masked.
    "filters": {"mask_secrets": {"()": "troubleshooter.lib.log_masking.MaskSecretsFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["mask_secrets"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# --- Health checks (troubleshooter/health) ---
# Fernet keys for stored API keys: the first encrypts, all decrypt (rotate: prepend a new key,
# then `manage.py rotate_key_encryption`). Development and tests read var/key_encryption_keys.
KEY_ENCRYPTION_KEYS = [
    key.strip()
    for key in (os.environ.get("KEY_ENCRYPTION_KEYS") or secret_from_file("key_encryption_keys")).split(",")
    if key.strip()
]
if not KEY_ENCRYPTION_KEYS:
    if not (DEBUG or TESTING):
        raise SystemExit("Set KEY_ENCRYPTION_KEYS in the environment: production mode has no default key.")
    KEY_ENCRYPTION_KEYS = ["ZGV2ZWxvcG1lbnQtb25seS1ub3Qtc2VjcmV0LWtleSE="]  # development-only-not-secret-key!
# Hosts the server may call although they resolve to non-public addresses (the simulator on loopback).
HEALTH_OUTBOUND_ALLOWED_HOSTS = [
    host
    for host in os.environ.get(
        "HEALTH_OUTBOUND_ALLOWED_HOSTS", "127.0.0.1,localhost,::1" if DEBUG or TESTING else ""
    ).split(",")
    if host
]
# Where a visitor's one-off live check (a key typed into the wizard, never stored) may go.
WIZARD_ONE_OFF_BASE_URLS = [
    url.rstrip("/") for url in os.environ.get("WIZARD_ONE_OFF_BASE_URLS", "https://api.openai.com/v1").split(",") if url
]
LOGIN_URL = "login"  # profiles are for signed-in users, staff or not
LOGIN_REDIRECT_URL = "health:dashboard"
LOGOUT_REDIRECT_URL = "home"
HEALTH_CONNECT_TIMEOUT = float(os.environ.get("HEALTH_CONNECT_TIMEOUT", "5"))
HEALTH_MAX_BODY_BYTES = int(os.environ.get("HEALTH_MAX_BODY_BYTES", "65536"))
HEALTH_SLOW_MS = int(os.environ.get("HEALTH_SLOW_MS", "5000"))
HEALTH_STATE_AFTER = int(os.environ.get("HEALTH_STATE_AFTER", "2"))  # consecutive results before a state changes
HEALTH_RETENTION_DAYS = int(os.environ.get("HEALTH_RETENTION_DAYS", "30"))
HEALTH_STUCK_MINUTES = int(os.environ.get("HEALTH_STUCK_MINUTES", "10"))
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")  # links in alerts
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "troubleshooter@localhost")
OPENAI_STATUS_URL = os.environ.get("OPENAI_STATUS_URL", "https://status.openai.com/api/v2/summary.json")
CELERY_BEAT_SCHEDULE |= {
    "health-openai-status": {"task": "troubleshooter.health.tasks.openai_status_poll", "schedule": 120.0},
    "health-due-checks": {"task": "troubleshooter.health.tasks.check_due", "schedule": 60.0},
    "health-reap": {"task": "troubleshooter.health.tasks.reap", "schedule": 300.0},
}
# How long an unacknowledged task waits before Redis hands it to another worker (tests shorten it).
CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] = int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "600"))
