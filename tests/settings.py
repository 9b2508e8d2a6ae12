"""Settings for the test suite: the portal's own settings with test-only changes (as pretix does).

The database is still chosen with DATABASE_URL, so CI runs the same suite on PostgreSQL.
"""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-secret-key-only-for-the-test-suite-0123456789-abcdefghij")
# pytest-django's live_server with the sync Playwright API runs inside an event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from sro_portal.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="sro-test-media-"))  # noqa: F405
SEAL_DEMO_DIR = Path(tempfile.mkdtemp(prefix="sro-test-seal-"))  # noqa: F405
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Static files straight from static/, as in development: the suite needs no collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Pages are rendered for every request, so that what a test counts and sees is the real work;
# tests/test_page_cache.py turns the cache on.
PUBLIC_PAGE_CACHE = False
# The test server speaks plain HTTP on localhost; production's HTTPS settings are checked by
# tests/test_security.py with the production environment.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
# Background tasks run at once, in the request that queues them (tests/test_tasks.py runs the real queue
# and its worker).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# A document's seal is checked in a process of its own, within VERIFY_SECONDS: a busy CI machine must not turn a
# genuine check into a refusal (tests/seal sets the limit itself where the limit is what is tested).
VERIFY_SECONDS = 60.0

# The embedded leg (tests/embedded.py): SQLite in a file with the real settings' OPTIONS, the database queue and a
# real worker process, which shares this folder (database, media, outbox) through the environment it inherits.
if os.environ.get("SRO_TEST_EMBEDDED") == "1":
    if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":  # noqa: F405
        raise ImproperlyConfigured("SRO_TEST_EMBEDDED runs on SQLite: unset DATABASE_URL")  # noqa: F405
    _shared = Path(os.environ.setdefault("SRO_TEST_SHARED_DIR", tempfile.mkdtemp(prefix="sro-test-embedded-")))  # noqa: F405
    _database = str(_shared / "db.sqlite3")
    DATABASES["default"] = {**DATABASES["default"], "NAME": _database, "TEST": {"NAME": _database}}  # noqa: F405
    MEDIA_ROOT = _shared / "media"
    SEAL_DEMO_DIR = _shared / "seal"
    SHARED_OUTBOX_DIR = _shared / "outbox"
    EMAIL_BACKEND = "tests.embedded.SharedOutboxBackend"
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
