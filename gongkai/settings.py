"""gongkai settings: everything from environment variables, safe defaults for the embedded mode.

Environment:
  GONGKAI_ENV      demo (default) | production
  DATABASE_URL     default sqlite:///var/gongkai.sqlite3 (WAL mode)
  REDIS_URL        optional; cache (and sessions in production) in Redis, else files under VAR_DIR/cache
  SECRET_KEY       required in production; generated once into var/secret_key otherwise
  ALLOWED_HOSTS    comma-separated; required in production
  GONGKAI_VAR_DIR  where the embedded database, secret key and media live (default ./var)
  GONGKAI_FONT_DIR where the 公文 fonts are kept (default VAR_DIR/fonts; `gongkai fonts --fetch`)
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("GONGKAI_VAR_DIR", Path.cwd() / "var")).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)

GONGKAI_ENV = os.environ.get("GONGKAI_ENV", "demo")
if GONGKAI_ENV not in ("demo", "production"):
    raise ImproperlyConfigured("GONGKAI_ENV must be 'demo' or 'production'")
PRODUCTION = GONGKAI_ENV == "production"


def _env_flag(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in ("1", "on", "true", "yes")


def _secret_key():
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("生产模式必须通过环境变量 SECRET_KEY 提供密钥。")
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = _env_flag("DEBUG", False)

if PRODUCTION:
    if not os.environ.get("ALLOWED_HOSTS"):
        raise ImproperlyConfigured("生产模式必须设置 ALLOWED_HOSTS。")
    ALLOWED_HOSTS = [h.strip() for h in os.environ["ALLOWED_HOSTS"].split(",") if h.strip()]
else:
    ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "*").split(",") if h.strip()]

INSTALLED_APPS = [
    "gongkai.core",
    "gongkai.accounts",  # staff sign-in security: lockout, TOTP, password expiry, the security pages
    "gongkai.operations",  # backup/restore, audit export and retention, the worker, `gongkai serve`
    "gongkai.org",
    "gongkai.portal",
    "gongkai.disclosure",
    "gongkai.foi",
    "gongkai.interaction",
    "gongkai.services",
    "gongkai.newmedia",
    "gongkai.assessment",
    "gongkai.search",
    "gongkai.readaloud",
    "gongkai.api",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "gongkai.org.apps.UsersConfig",  # Wagtail's user and group screens lead to 机构与人员
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",  # its catalogue: Wagtail's "送初审 4 秒以前" times use humanize's naturaltime
]
if not PRODUCTION:
    # the demo loaders and `gongkai demo` (gongkai/demo): demo mode only, production never installs them
    INSTALLED_APPS.insert(INSTALLED_APPS.index("gongkai.api") + 1, "gongkai.demo")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # a `?secret=` is taken out of every request before anything can echo it into a URL (core/tracking.py)
    "gongkai.core.tracking.SecretQueryMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # below XFrameOptionsMiddleware so it sees the response first: SAMEORIGIN for the admin's preview frames
    "gongkai.core.middleware.SecurityHeadersMiddleware",
    "gongkai.core.middleware.RejectNulMiddleware",
    "gongkai.core.middleware.RefusalMiddleware",  # a refusal no view caught: 403/409 with its Chinese reason
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "gongkai.urls"
WSGI_APPLICATION = "gongkai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
            # the one date style of the public pages: {{ d|cn_date }} → 2026年9月7日 (core/templatetags/cn_dates.py)
            "builtins": ["gongkai.core.templatetags.cn_dates"],
        },
    },
]

# --- database -------------------------------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'gongkai.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=600, conn_health_checks=True)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers run beside the one writer; IMMEDIATE takes the write lock at BEGIN so two
        # writers queue on busy_timeout instead of failing with "database is locked" mid-transaction.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # a file, not Django's shared in-memory database: shared-cache SQLite takes table locks that ignore the busy
    # timeout, so concurrent-writer tests would fail where the real embedded mode (a WAL file) does not
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
if os.environ.get("TEST_DATABASE_NAME"):
    # lets several test runs share one PostgreSQL server (e.g. parallel work trees)
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DATABASE_NAME"]}
if PRODUCTION and DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("生产模式必须使用 PostgreSQL（DATABASE_URL=postgres://…）。")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- cache and sessions ---------------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL")
_xdist_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if REDIS_URL and _xdist_worker.startswith("gw"):
    # parallel test workers each take a Redis database of their own, counting down from the configured one
    # (redis://…/15 → 15, 14, …): every test starts with cache.clear(), which flushes a whole database
    _base, _, _db = REDIS_URL.rpartition("/")
    if _db.isdigit() and int(_db) >= int(_xdist_worker[2:]):
        REDIS_URL = f"{_base}/{int(_db) - int(_xdist_worker[2:])}"
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "gongkai",
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    # embedded mode: one cache for all of `gongkai serve`'s processes (gunicorn workers and the background
    # worker), in files under VAR_DIR/cache — not a per-process locmem cache (why files: gongkai/core/cache.py)
    CACHES = {
        "default": {
            "BACKEND": "gongkai.core.cache.SharedFileCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "KEY_PREFIX": "gongkai",
            "OPTIONS": {"MAX_ENTRIES": 50000},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# --- background tasks -----------------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": os.environ.get("GONGKAI_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# --- language and time ----------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
# the project's own catalogue first: the Chinese Wagtail 8.0 lacks for the admin screens staff use (gongkai/locale/)
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

# --- static and media -----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# the 公文 typefaces (Fandol, fetched from Debian by `gongkai fonts --fetch` at install; core/fonts.py)
FONT_DIR = Path(os.environ.get("GONGKAI_FONT_DIR", VAR_DIR / "fonts"))
# citizens' files no URL may reach (FOI applicants' materials and reply documents, messages' attachments:
# gongkai/core/privatefiles.py): served only by views that check who asks. Behind nginx set GONGKAI_PRIVATE_ACCEL
# to its `internal` location (/_private/ in deploy/nginx-*.conf) and nginx sends the bytes; empty, the app does.
GONGKAI_PRIVATE_ROOT = Path(os.environ.get("GONGKAI_PRIVATE_ROOT", VAR_DIR / "private"))
GONGKAI_PRIVATE_ACCEL = os.environ.get("GONGKAI_PRIVATE_ACCEL", "")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024

# --- auth -----------------------------------------------------------------------------------------
LOGIN_URL = "/admin/login/"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "gongkai.accounts.passwords.ChineseMinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "gongkai.accounts.passwords.CommonPasswordValidator"},
    {"NAME": "gongkai.accounts.passwords.KeyboardPatternValidator"},
    {"NAME": "gongkai.accounts.passwords.LocalNameValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SESSION_COOKIE_AGE = 8 * 3600
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
CSRF_FAILURE_VIEW = (
    "gongkai.core.errors.csrf_failure"  # a Chinese page (or JSON under /api/), not Django's English one
)

# --- production mode and security headers (docs/deploy.md) -------------------------------------------
# Every mode: the strict Content-Security-Policy of the public site (no inline script or style, nothing from another
# origin) and a looser one for the staff admin, whose Wagtail/Django pages need inline scripts and styles
# (gongkai.core.middleware.SecurityHeadersMiddleware picks by path). GONGKAI_CSP=off switches both off.
GONGKAI_CSP_ENABLED = _env_flag("GONGKAI_CSP", True)
GONGKAI_CSP_ADMIN_PREFIXES = ("/admin/", "/django-admin/")
_CSP_COMMON = (
    "default-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "connect-src 'self'",
    "font-src 'self' data:",
    "media-src 'self' blob:",
    "worker-src 'self'",
    "manifest-src 'self'",
)
GONGKAI_CSP = "; ".join(
    (
        *_CSP_COMMON,
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "frame-src 'self'",
        "frame-ancestors 'self'",
        *(("upgrade-insecure-requests",) if PRODUCTION else ()),
    )
)
GONGKAI_CSP_ADMIN = "; ".join(
    (
        *_CSP_COMMON,
        "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "frame-src 'self'",
        "frame-ancestors 'self'",
        *(("upgrade-insecure-requests",) if PRODUCTION else ()),
    )
)
GONGKAI_PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# no page may be framed by another site. SAMEORIGIN, as the CSP's frame-ancestors 'self' says (browsers that know
# CSP obey frame-ancestors, older ones this header: both must give the same answer); nginx sends the same for the
# published pages (deploy/nginx-production.conf)
X_FRAME_OPTIONS = "SAMEORIGIN"
# Django's deploy check asks for DENY (security.W019); the platform frames its own pages on purpose — Wagtail's live
# preview beside the editor and the print preview are same-origin iframes — so SAMEORIGIN is the policy, not a slip
SILENCED_SYSTEM_CHECKS = ["security.W019"]

# GONGKAI_TRUST_PROXY: how many reverse proxies in front of the app append to X-Forwarded-For (nginx in deploy/
# sets it to the address it saw: 1). 0, the default (the embedded mode, no proxy), ignores the header, so a
# client cannot choose the address its rate limits, sign-in lockout and audit 来源地址 are counted under.
try:
    GONGKAI_TRUST_PROXY = int(os.environ.get("GONGKAI_TRUST_PROXY", "0"))
except ValueError:
    GONGKAI_TRUST_PROXY = -1
if not 0 <= GONGKAI_TRUST_PROXY <= 5:
    raise ImproperlyConfigured(
        "GONGKAI_TRUST_PROXY 应为 0 到 5 之间的整数：应用前面可信代理（如 nginx）的层数。"
    )

if PRODUCTION:
    # nginx terminates TLS and says so in X-Forwarded-Proto (deploy/nginx-production.conf)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = False
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_flag("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = _env_flag("SECURE_HSTS_PRELOAD", True)
    SECURE_SSL_REDIRECT = _env_flag("SECURE_SSL_REDIRECT", True)
    # nginx answers /healthz probes over plain HTTP from the load balancer
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    CSRF_TRUSTED_ORIGINS = [f"https://{h.lstrip('.')}" for h in ALLOWED_HOSTS if h != "*"]
    if "*" in ALLOWED_HOSTS:
        raise ImproperlyConfigured("生产模式的 ALLOWED_HOSTS 必须列出站点域名，不能为 *。")
    if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure-"):
        raise ImproperlyConfigured(
            "生产模式的 SECRET_KEY 必须是至少 50 个字符的随机串"
            "（python3 -c 'import secrets; print(secrets.token_urlsafe(50))'）。"
        )
    if DEBUG:
        raise ImproperlyConfigured("生产模式不得开启 DEBUG。")

# --- wagtail --------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = os.environ.get("GONGKAI_SITE_NAME", "恩施市人民政府 政务公开平台")
# the public address every absolute link is built from (gongkai/core/siteurl.py): links in SMS and e-mail texts,
# the health crawler; `gongkai serve --port N` sets it to its own address for its processes when unset
GONGKAI_BASE_URL = (
    os.environ.get("GONGKAI_BASE_URL")
    or (f"https://{ALLOWED_HOSTS[0].lstrip('.')}" if PRODUCTION else "")
    or f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"
).rstrip("/")
WAGTAILADMIN_BASE_URL = GONGKAI_BASE_URL
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILDOCS_DOCUMENT_MODEL = "disclosure.GovDocument"
WAGTAIL_FINISH_WORKFLOW_ACTION = "gongkai.disclosure.workflow.publish_approved"
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAIL_I18N_ENABLED = False
WAGTAILEMBEDS_FINDERS = []  # no oEmbed calls to the internet
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "doc",
    "docx",
    "xls",
    "xlsx",
    "wps",
    "et",
    "ofd",
    "txt",
    "csv",
    "png",
    "jpg",
    "jpeg",
]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"}
}
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
# no autosave: a 0.5 s autosave racing the editor's 提交 could create a new item twice (issue 15)
WAGTAIL_AUTOSAVE_INTERVAL = 0
WAGTAIL_MODERATION_ENABLED = True
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAIL_ALLOW_UNICODE_SLUGS = True
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = True
# a staff member changes his own password on the platform's page (admin menu 修改密码: policy, expiry, audit), not in
# Wagtail's account settings, which would skip the audit and the "not the old password" rule
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False

# --- mail (reminders, notices): console in demo, SMTP from the environment in production -----------
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "gongkai@localhost")

# --- gongkai's own switches (RULES.md: [R]/[L] rules are settings, not constants) ------------------
GONGKAI_CAPTCHA = _env_flag("GONGKAI_CAPTCHA", True)
GONGKAI_RATE_LIMITS = _env_flag("GONGKAI_RATE_LIMITS", True)
GONGKAI_SITE_DOMAIN = os.environ.get("GONGKAI_SITE_DOMAIN", "www.enshi.gov.cn")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {"gongkai": {"level": os.environ.get("GONGKAI_LOG_LEVEL", "INFO")}},
}

# === security: accounts, encryption at rest, audit retention, backups (docs/security.md, docs/backup.md) ===========
# Kept apart from the production block above; every value can be set from the environment.


def _key_list(env_name, file_name):
    """Keys from the environment (comma-separated, newest first: key rotation), or in demo mode one key generated
    once into var/<file_name> like SECRET_KEY. Production refuses to start without the variable."""
    raw = os.environ.get(env_name, "")
    keys = [k.strip() for k in raw.split(",") if k.strip()]
    if keys:
        return keys
    if PRODUCTION:
        raise ImproperlyConfigured(f"生产模式必须通过环境变量 {env_name} 提供密钥。")
    path = VAR_DIR / file_name
    if not path.exists():
        import base64

        path.write_text(base64.urlsafe_b64encode(secrets.token_bytes(32)).decode())
        path.chmod(0o600)
    return [path.read_text().strip()]


# personal data of applicants and citizens: Fernet keys (the first encrypts, all decrypt — rotation)
GONGKAI_DATA_KEYS = _key_list("GONGKAI_DATA_KEY", "data_key")
# the HMAC key of the equality-lookup columns (identity key, duplicate detection); not rotated with the data key
GONGKAI_INDEX_KEY = _key_list("GONGKAI_INDEX_KEY", "index_key")[0]

# the HMAC key of the audit chain, and where its heads are checkpointed outside the database (docs/security.md)
GONGKAI_AUDIT_KEY = _key_list("GONGKAI_AUDIT_KEY", "audit_key")[0]
GONGKAI_AUDIT_CHECKPOINT_FILE = Path(
    os.environ.get("GONGKAI_AUDIT_CHECKPOINT_FILE", VAR_DIR / "audit-checkpoints.jsonl")
)

# staff passwords: length and character classes, and expiry
AUTH_PASSWORD_VALIDATORS = [
    *AUTH_PASSWORD_VALIDATORS,
    {"NAME": "gongkai.accounts.passwords.CharacterClassValidator", "OPTIONS": {"classes": 3}},
]
GONGKAI_PASSWORD_MAX_AGE_DAYS = int(os.environ.get("GONGKAI_PASSWORD_MAX_AGE_DAYS", "90"))

# lockout after repeated failed logins: per account and per client address
GONGKAI_LOGIN_MAX_FAILURES = int(os.environ.get("GONGKAI_LOGIN_MAX_FAILURES", "5"))
GONGKAI_LOGIN_IP_MAX_FAILURES = int(os.environ.get("GONGKAI_LOGIN_IP_MAX_FAILURES", "20"))
GONGKAI_LOGIN_FAILURE_WINDOW = int(os.environ.get("GONGKAI_LOGIN_FAILURE_WINDOW", str(15 * 60)))
GONGKAI_LOGIN_LOCKOUT_SECONDS = int(os.environ.get("GONGKAI_LOGIN_LOCKOUT_SECONDS", str(30 * 60)))

# staff sessions end after this much inactivity (and at SESSION_COOKIE_AGE at the latest), and with the browser
GONGKAI_SESSION_IDLE_SECONDS = int(os.environ.get("GONGKAI_SESSION_IDLE_SECONDS", str(30 * 60)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# TOTP second factor (RFC 6238): required for the three administrators, optional for other staff
GONGKAI_TOTP_ISSUER = os.environ.get("GONGKAI_TOTP_ISSUER", "恩施市政务公开平台")

# audit records are kept at least 6 months (网络安全法 第二十一条); purge refuses anything younger
GONGKAI_AUDIT_RETENTION_DAYS = max(183, int(os.environ.get("GONGKAI_AUDIT_RETENTION_DAYS", "183")))
# an action name no app declares (core/audit_vocabulary.py): refused outside production, so a test or the demo
# finds it; in production the record is still written (and the gap logged), because refusing would roll back the
# citizen's or the official's state change itself for want of a label
GONGKAI_AUDIT_REFUSE_UNDECLARED = _env_flag("GONGKAI_AUDIT_REFUSE_UNDECLARED", not PRODUCTION)

_after = MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1
MIDDLEWARE = [*MIDDLEWARE[:_after], "gongkai.accounts.signin.StaffSecurityMiddleware", *MIDDLEWARE[_after:]]
AUTHENTICATION_BACKENDS = ["gongkai.accounts.signin.LockoutBackend"]
WAGTAILADMIN_USER_LOGIN_FORM = "gongkai.accounts.signin.LoginForm"
