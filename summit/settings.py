"""
Settings for Summit Civics: one module, configured from the environment.

Development works with no environment at all (DEBUG on, SQLite in the project
folder). A deployment sets DJANGO_DEBUG=false, DJANGO_SECRET_KEY,
DJANGO_ALLOWED_HOSTS and DATABASE_URL.
"""

import ipaddress
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.contrib.messages import constants as message_constants
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name, default):
    """Read a yes/no setting; anything but a clear "true" word counts as off."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_flag("DJANGO_DEBUG", default=True)

# A development key is only acceptable while DEBUG is on: a deployment that
# forgets to set one must fail loudly rather than sign sessions with a public key.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY when DJANGO_DEBUG is off.")
    SECRET_KEY = "django-insecure-development-key-never-use-in-production"

ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",")
    if host.strip()
]
if DEBUG and not ALLOWED_HOSTS:
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "Set DJANGO_ALLOWED_HOSTS (comma-separated host names) when DJANGO_DEBUG "
        "is off."
    )

INSTALLED_APPS = [
    "accounts",
    "civics",
    "teaching",
    "tools",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "nested_admin",
    "reversion",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "csp",
    # Two-factor sign-in for staff (accounts.two_factor), under plain names in
    # the admin (accounts.apps).
    "django_otp",
    "accounts.apps.AuthenticatorAppsConfig",
    "accounts.apps.RecoveryCodesConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads the body (CSRF checking does), it refuses bodies
    # over DATA_UPLOAD_MAX_MEMORY_SIZE, and bodies of no declared length, unread.
    "summit.middleware.RequestBodyLimitMiddleware",
    # In production, static files straight from the app server, compressed and
    # cached (development serves them with runserver as they are).
    *([] if DEBUG else ["whitenoise.middleware.WhiteNoiseMiddleware"]),
    # Pages are compressed for the browsers that ask (a class dashboard is
    # mostly repeated markup). Django pads each response against BREACH.
    "django.middleware.gzip.GZipMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Marks request.user verified once they gave a two-factor code.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Staff who must use two-factor sign-in give a code before anything else,
    # even before choosing a new password.
    "accounts.middleware.TwoFactorRequiredMiddleware",
    # A student given a temporary password by their teacher changes it first.
    "accounts.middleware.PasswordChangeRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A forged number too large for SQLite is a 400, not a 500.
    "summit.middleware.NumberTooLargeMiddleware",
    # A browser that has just logged in is known for that account, so that
    # a classmate's wrong passwords do not lock the owner out on it.
    "accounts.middleware.KnownDeviceMiddleware",
    # Last, as django-axes requires: it answers locked-out log-ins itself.
    "axes.middleware.AxesMiddleware",
]

# django-axes checks every log-in first, so repeated failures lock out.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "summit.urls"

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
                "civics.context_processors.roles",
            ],
        },
    },
]

# Widgets render through TEMPLATES, so our own widget templates live in
# templates/ with the rest (Django's built-in ones come from "django.forms").
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

WSGI_APPLICATION = "summit.wsgi.application"

# SQLite in the project folder unless DATABASE_URL names another database,
# e.g. postgres://postgres@127.0.0.1:5432/summit. A deployment must name its
# database: one that forgot would otherwise run, quietly keeping children's
# work in a file in the code's folder instead of the database the school backs
# up. SQLite stays possible when chosen: sqlite:////srv/summit/db.sqlite3.
if not DEBUG and not os.environ.get("DATABASE_URL", "").strip():
    raise ImproperlyConfigured(
        "Set DATABASE_URL when DJANGO_DEBUG is off, e.g. "
        "postgres://summit@127.0.0.1:5432/summit (or "
        "sqlite:////srv/summit/db.sqlite3 to choose SQLite)."
    )
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=60,
        conn_health_checks=True,
    )
}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # BEGIN IMMEDIATE takes SQLite's write lock when a transaction starts, so
    # two submissions of one attempt queue up instead of both reading it as
    # open (PostgreSQL gets the same from select_for_update).
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE"}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "civics:course_home"
LOGOUT_REDIRECT_URL = "civics:course_home"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Issue 19 (weak passwords): not only spaces, not only the words tried
    # first at a school, and longer for the staff accounts that reach every
    # class (accounts/validators.py).
    {"NAME": "accounts.validators.OnlySpacesValidator"},
    {"NAME": "accounts.validators.SchoolWordsValidator"},
    {
        "NAME": "accounts.validators.StaffMinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "America/New_York"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
# In production (after `collectstatic`) file names carry a content hash, so
# WhiteNoise serves them compressed with far-future cache headers; in
# development files are served as they are.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# One cache for every process when Redis is there (sign-up throttle counts,
# visitors' cached pages, sessions); a per-process memory cache otherwise.
REDIS_URL = os.environ.get("REDIS_URL")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
    }
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

# Sessions are read from the cache and written through to the database, so a
# signed-in page skips a query and a cache flush logs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Security. Each setting is on in production (DEBUG off) and can be turned
# off from the environment where a school's proxy already does the job.
HTTPS = not DEBUG
SECURE_SSL_REDIRECT = env_flag("DJANGO_SECURE_SSL_REDIRECT", default=HTTPS)
# Behind a proxy that ends TLS, it says so in this header, and it names the
# student's address in X-Forwarded-For (accounts.network.client_address).
BEHIND_PROXY = env_flag("DJANGO_BEHIND_PROXY", default=False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# X-Forwarded-For is believed only from these addresses (the proxy's, loopback
# when it runs beside gunicorn), and only as far back as PROXY_COUNT proxies
# wrote it (nginx alone: 1; a load balancer in front of nginx: 2): whatever
# reaches gunicorn another way, or sits further left in the header, is what a
# browser made up.
PROXY_COUNT = int(os.environ.get("DJANGO_PROXY_COUNT", 1))
if PROXY_COUNT < 1:
    raise ImproperlyConfigured("DJANGO_PROXY_COUNT counts proxies: 1 or more.")
# Networks such as 10.0.0.0/24 are allowed; a typo stops the start-up here.
TRUSTED_PROXIES = [
    str(ipaddress.ip_network(entry.strip(), strict=False))
    for entry in os.environ.get("DJANGO_TRUSTED_PROXIES", "127.0.0.1,::1").split(",")
    if entry.strip()
]
SECURE_HSTS_SECONDS = int(
    os.environ.get("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 365 if HTTPS else 0)
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("DJANGO_HSTS_SUBDOMAINS", default=HTTPS)
SECURE_HSTS_PRELOAD = env_flag("DJANGO_HSTS_PRELOAD", default=HTTPS)
# Off only for plain-HTTP runs on loopback (the smoke test and benchmark).
SESSION_COOKIE_SECURE = env_flag("DJANGO_SECURE_COOKIES", default=HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
# A school day: shared classroom computers should not stay signed in for weeks.
SESSION_COOKIE_AGE = 60 * 60 * 10
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# No request body the app takes comes near 2.5 MB (Django's default): the
# largest, the admin's editor of the longest shipped lesson, is 28 KB. The app
# takes no file uploads, so summit.middleware holds whole bodies to this
# limit, unread (413); the proxy refuses them even earlier (README, "Running
# in production").
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Load balancers probe gunicorn directly over plain HTTP: answer them there
# rather than redirect them to HTTPS.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# No inline script or style anywhere: every asset comes from static/.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# The log-in lockout, as accounts/lockout.py explains (OWASP's device
# cookies): five wrong passwords for a username lock out the browser they
# came from if it has logged in to that account before, or else every browser
# at that address the account has not used; LOGIN_ADDRESS_FAILURE_LIMIT from
# one address, whatever the usernames (password spraying), pause log-ins
# there in browsers the account has not used. Each lasts 15 minutes after the
# last wrong password, or until a teacher or an administrator unlocks.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_ADDRESS_LIMIT", 30))
AXES_HANDLER = "accounts.lockout.LockoutHandler"
# What django-axes names in its log lines; the handler does the counting.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Refused attempts are not counted: a lockout ends on time, and one account
# guessed without end adds at most five to its address's count.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
# Cut to the 255 characters django-axes keeps: a longer one was a 500.
AXES_USERNAME_CALLABLE = "accounts.lockout.attempted_username"
AXES_CLIENT_IP_CALLABLE = "accounts.network.client_address"
# Administrators find lockouts as "Log-in lockouts" (accounts/admin.py), not
# under "Axes" with its technical names.
AXES_ENABLE_ADMIN = False

# Sign-ups allowed from one network address in SIGNUP_WINDOW: enough for a
# class of 35 signing up together behind one school address, not for a script.
SIGNUP_LIMIT = 60
SIGNUP_WINDOW = timedelta(minutes=10)

# Retention (docs/privacy.md, "How long it is kept"): the days each kind of
# record is kept before `python manage.py apply_retention`, run daily from
# cron, deletes it; accounts/retention.py says what each kind covers. Each can
# be set from the environment, e.g. DJANGO_RETAIN_ARCHIVED_CLASSES_DAYS=730.
RETENTION_DAYS = {
    kind: int(os.environ.get(f"DJANGO_RETAIN_{kind.upper()}_DAYS", days))
    for kind, days in {
        "login_records": 30,
        "archived_classes": 365,
        # 13 months: a whole school year and the summer after it.
        "departed_students": 395,
        "account_actions": 730,
    }.items()
}

# Two-factor sign-in (accounts.two_factor): after their password,
# administrators give a code from an authenticator app, or one of their
# recovery codes; with DJANGO_STAFF_TWO_FACTOR=staff, every teacher does too.
STAFF_TWO_FACTOR = (
    os.environ.get("DJANGO_STAFF_TWO_FACTOR", "superusers").strip().lower()
)
if STAFF_TWO_FACTOR not in {"superusers", "staff"}:
    raise ImproperlyConfigured(
        'Set DJANGO_STAFF_TWO_FACTOR to "superusers" (the default) or "staff".'
    )
# The name the authenticator app shows beside the username.
OTP_TOTP_ISSUER = "Summit Civics"
# After each wrong code in a row the next is refused for twice as long as
# before (1, 2, 4, 8 ... seconds), so guessing a 6-digit code cannot work.
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
# Nobody reads another person's secret key or recovery codes in the admin;
# an administrator resets them instead.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# One readable line per request error for the school's IT person: no traceback
# in the log line and never a request body, so no password can reach the log.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "one_line": {
            "()": "summit.logging.OneLineFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "one_line"}
    },
    "loggers": {
        "django.request": {
            "handlers": ["console"],
            "level": "WARNING",
            "propagate": False,
        },
        "django.security": {
            "handlers": ["console"],
            "level": "WARNING",
            "propagate": False,
        },
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

# Bootstrap's alert classes, so messages need no mapping in templates.
MESSAGE_TAGS = {message_constants.ERROR: "danger"}
