"""Settings for SRO-portalen: one file, configured by environment variables.

Every variable is listed in ``.env.example`` and in ``docs/deployment.md`` (tests/test_documented_settings.py).
"""

import datetime
import warnings
from pathlib import Path

import dj_database_url
from cryptography.utils import CryptographyDeprecationWarning
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from sro_portal.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

# pyHanko imports cryptography's DSA (which the seal never uses) and cryptography warns at every start of every
# process; the warning is pyHanko's to act on, not the portal's reader's.
warnings.filterwarnings("ignore", "DSA is deprecated", CryptographyDeprecationWarning, r"pyhanko(\.|$)")

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Only for a developer's own machine: never used with DEBUG off.
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"
elif not DEBUG and (len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5):
    # What `check --deploy` only warns of (security.W009): a short key can be guessed, and it signs the sessions,
    # the sign-in links of "Mina möten" and the password reset links.
    raise ImproperlyConfigured(
        "SECRET_KEY must be at least 50 characters, with at least 5 different ones, when DEBUG is off. Make one "
        "with: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# The public address of the portal, used in e-mails that link back to it. In development it follows the address
# the development server listens on (`make run HOST=… PORT=8123`), so the links in its mails open.
_DEVELOPMENT_URL = (
    f"http://{env_str('HOST', '127.0.0.1')}:{env_int('PORT', 8000)}" if DEBUG else "http://127.0.0.1:8000"
)
SITE_URL = env_str("SITE_URL", _DEVELOPMENT_URL).rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "members",
    "meetings",
    "alerts",
    "mymeetings",
    "seal",
    "opendata",
    "archive",
    "ratelimits",
    "recommendations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Above the page cache, so that a kept page goes out with the same security headers as a fresh one.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "sro_portal.middleware.PublicGZipMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "sro_portal.middleware.PublicPageCacheMiddleware",
    "sro_portal.middleware.CacheHeadersMiddleware",
    "sro_portal.middleware.SessionMiddleware",  # Django's, reusing a session the page cache has read
    "django.middleware.common.CommonMiddleware",
    "sro_portal.middleware.AdminNullCharactersMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "sro_portal.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "sro_portal.middleware.ServiceErrorMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sro_portal.urls"

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
                "sro_portal.context_processors.portal",
            ],
        },
    },
]

WSGI_APPLICATION = "sro_portal.wsgi.application"

# SQLite is the embedded default so the portal runs with no server to set up;
# PostgreSQL (production, CI) is chosen with DATABASE_URL.
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
try:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
except ValueError as exc:
    raise ImproperlyConfigured(f"DATABASE_URL is not a database address: {exc}") from None
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# The frozen items' covering indexes (meetings/models/frozen.py) carry columns for PostgreSQL's index-only scans;
# SQLite keeps the same indexes without those columns, which Django warns of at every migrate and runserver.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
    # The web server and `manage.py db_worker` write to the same file. A deferred transaction that reads and
    # then writes cannot wait for another writer ("database is locked" at once): IMMEDIATE takes the write lock
    # when the atomic block begins, and the busy timeout lets it queue there. WAL lets readers go on meanwhile;
    # synchronous=NORMAL is WAL's durable-on-commit setting minus an fsync per transaction.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": env_int("SQLITE_TIMEOUT_SECONDS", 20),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        **DATABASES["default"].get("OPTIONS", {}),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-axes: failed logins are counted per account and per address; five of either lock out for 15
# minutes. Behind nginx the visitor's address is the one our proxies added to X-Forwarded-For
# (PROXY_COUNT proxies in front of the portal); without a proxy, REMOTE_ADDR (sro_portal/client_ip.py).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "sesame.backends.ModelBackend",  # the one-time links of the members' area (mymeetings), nothing else
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "staff/locked_out.html"
AXES_VERBOSE = False  # no "AXES: BEGIN" from every process at start; lockouts are still logged
PROXY_COUNT = env_int("PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "sro_portal.client_ip.client_ip"

# Sessions end on logout, when the browser closes, and after SESSION_IDLE_MINUTES without a request.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 60) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# HTTPS and the security headers. Behind a proxy that ends TLS, nginx must set X-Forwarded-Proto.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_HTTPS_PROXY", not DEBUG) else None
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): scripts only from our own files, never inline.
# Styles allow inline, which the rich-text editor (Trix) and htmx need for their own elements.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Two-factor sign-in with an authenticator app (django-otp, TOTP): each member of staff may turn it on;
# with OTP_REQUIRED_FOR_APPROVAL the chair must also confirm each approval of notes with a code.
OTP_TOTP_ISSUER = "SRO-portalen"
OTP_REQUIRED_FOR_APPROVAL = env_bool("OTP_REQUIRED_FOR_APPROVAL", False)

# Notes sent to the chair and still waiting after this many days: she is reminded once (0: never).
APPROVAL_REMINDER_DAYS = env_int("APPROVAL_REMINDER_DAYS", 5)
# A party's answer link to a recommendation works until this many days after the date to answer by: councils often
# decide late, and a decision recorded late is still worth having.
RECOMMENDATION_LINK_DAYS = env_int("RECOMMENDATION_LINK_DAYS", 365)
# Reminders to the parties that have not reported a decision, this many days before the date to answer by.
RECOMMENDATION_REMINDER_DAYS = [int(d) for d in env_list("RECOMMENDATION_REMINDER_DAYS", ["14", "3"])]

# The members' area ("Mina möten"): the called and invited sign in with a link mailed to them (django-sesame),
# valid MEMBER_LINK_MINUTES and once. A guest reaches their meeting until GUEST_ACCESS_DAYS after it.
SESAME_MAX_AGE = env_int("MEMBER_LINK_MINUTES", 20) * 60
SESAME_ONE_TIME = True
GUEST_ACCESS_DAYS = env_int("GUEST_ACCESS_DAYS", 30)

# The electronic seal on approved notes (PAdES, pyHanko): the portal's seal certificate as PKCS#12, a timestamp
# authority (RFC 3161) if any, and the roots a seal is verified against. SEAL_LOCAL_TSA_PKCS12_PATH is the demo's
# own timestamp authority (never in production). SEAL_SIGNER: another DocumentSigner (an e-legitimation service).
SEAL_PKCS12_PATH = env_str("SEAL_PKCS12_PATH")
SEAL_PKCS12_PASSWORD = env_str("SEAL_PKCS12_PASSWORD")
SEAL_TSA_URL = env_str("SEAL_TSA_URL")
SEAL_LOCAL_TSA_PKCS12_PATH = env_str("SEAL_LOCAL_TSA_PKCS12_PATH")
SEAL_TRUST_ROOTS = [path for path in env_str("SEAL_TRUST_ROOTS").split(",") if path.strip()]
SEAL_SIGNER = env_str("SEAL_SIGNER")
VERIFY_MAX_MB = env_int("VERIFY_MAX_MB", 30)
# A PDF sent to "Kontrollera ett dokument" is checked in a process of its own with these limits (seal/inspect.py):
# a crafted file is refused in seconds instead of holding a web worker for a minute and gigabytes.
VERIFY_SECONDS = float(env_int("VERIFY_SECONDS", 10))
VERIFY_MEMORY_MB = env_int("VERIFY_MEMORY_MB", 768)
# Files checked per visitor's address and hour.
VERIFY_PER_HOUR = env_int("VERIFY_PER_HOUR", 30)
# Alert subscriptions never confirmed are deleted after this many days (manage.py purge_unconfirmed_alerts).
ALERT_UNCONFIRMED_DAYS = env_int("ALERT_UNCONFIRMED_DAYS", 7)
# What the public site and the open data show of a person, per category of membership (members/publication.py):
# e.g. "official=name,organisation;administration=organisation". Unnamed categories show everything.
PUBLIC_PERSON_DETAILS = env_str("PUBLIC_PERSON_DETAILS")
PORTAL_VERSION = "2026.11"  # named in what the portal writes for others (the archival package's METS)
SEAL_DEMO_DIR = BASE_DIR / "var" / "seal-demo"  # load_demo's demo chain, where no seal of one's own is configured

LOGIN_URL = "staff:login"
CSRF_FAILURE_VIEW = "sro_portal.views.csrf_failure"
LOGIN_REDIRECT_URL = "staff:home"
LOGOUT_REDIRECT_URL = "public:home"

# Swedish for people, English for code: English source strings, Swedish catalogue.
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Stockholm"
USE_TZ = True
FORMAT_MODULE_PATH = ["sro_portal.formats"]

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Unset: nothing is sent; each mail is written to EMAIL_OUTBOX_DIR as a .eml file, with one line in the console.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "sro_portal.outbox.OutboxBackend")
EMAIL_OUTBOX_DIR = Path(env_str("EMAIL_OUTBOX_DIR", str(BASE_DIR / "var" / "outbox")))
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "SRO-portalen <noreply@sro.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where the public reports accessibility problems (named in the accessibility statement).
CONTACT_EMAIL = env_str("CONTACT_EMAIL", "sro@example.se")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Where the tests find the real SRO documents, to compare the demo data with them.
SEEDS_DIR = Path(env_str("SEEDS_DIR", str(BASE_DIR.parent / "shared" / "seeds")))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint reports every rendering step at INFO.
    # pyHanko logs each failed path to a root at length: the verification page says it in Swedish instead.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "pikepdf": {"level": "WARNING"},  # says at INFO, on import, that its C++ logging reaches Python's
        "pyhanko": {"level": "CRITICAL"},
        "pyhanko_certvalidator": {"level": "CRITICAL"},
        "sro_portal.outbox": {"level": "INFO"},
        # django-axes says four lines on every successful sign-in; failures and lockouts are warnings, and stay.
        "axes": {"level": "WARNING"},  # one line per development mail, whatever LOG_LEVEL says
    },
}

# Public pages rendered for anonymous visitors are kept in Django's cache and used again until the
# public record changes (see meetings.revision: the number every worker and app server reads from the
# database, so a kept page is never older than the data, whichever process kept it).
PUBLIC_PAGE_CACHE = env_bool("PUBLIC_PAGE_CACHE", True)
PUBLIC_PAGE_CACHE_SECONDS = env_int("PUBLIC_PAGE_CACHE_SECONDS", 600)
# Pages larger than this are rendered every time rather than kept (bounds the cache's memory).
PUBLIC_PAGE_CACHE_MAX_BYTES = env_int("PUBLIC_PAGE_CACHE_MAX_KB", 512) * 1024
# CACHE_URL (redis://host:6379/0): one Redis shared by every worker and app server. Without it, each
# worker keeps at most 300 pages in its own memory (about 60 MB at most).
CACHE_URL = env_str("CACHE_URL", "")
if CACHE_URL:
    if not CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(f"CACHE_URL is not a Redis address (redis://host:port/db): {CACHE_URL}")
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "sro",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 300}}}

# The longest a PDF may take to make before it is stopped (seconds).
PDF_RENDER_SECONDS = float(env_int("PDF_RENDER_SECONDS", 30))
# How long a request for a public PDF not made yet waits for the background task before it asks the
# visitor to reload in a moment (seconds).
PDF_WAIT_SECONDS = float(env_int("PDF_WAIT_SECONDS", 5))

# Background work (meetings.tasks): queued in the database, run by `manage.py worker` (db_worker with a heartbeat).
TASKS = {"default": {"BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
# A task whose worker has not been seen for this long (seconds) is run again by another (meetings.worker).
WORKER_LOST_AFTER_SECONDS = env_int("WORKER_LOST_AFTER_SECONDS", 60)

# Attachments: the largest file a secretary may upload.
ATTACHMENT_MAX_BYTES = env_int("ATTACHMENT_MAX_MB", 25) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
