"""Settings, read from the environment. See README.md, "Settings"."""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = Path(os.environ.get("INSTANCE_PATH", BASE_DIR / "instance"))
DEV_SECRET_KEY = "dev-only-secret-key-never-use-in-production"  # noqa: S105 (refused in production) # nosec B105


def database_url(url: str | None, default: str) -> str:
    """Return a SQLAlchemy URL, sending PostgreSQL through psycopg 3."""
    url = url or default
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


class Config:
    ENV_NAME = "development"
    SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)
    SQLALCHEMY_DATABASE_URI = database_url(
        os.environ.get("DATABASE_URL"), f"sqlite:///{INSTANCE_DIR / 'sociallab.db'}"
    )
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    MAX_CONTENT_LENGTH = int(os.environ.get("MAX_CONTENT_LENGTH", 12 * 1024 * 1024))

    # Sessions and cookies
    SESSION_COOKIE_NAME = "sociallab_session"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", False)
    REMEMBER_COOKIE_NAME = "sociallab_remember"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", False)
    REMEMBER_COOKIE_DURATION = 60 * 60 * 24 * 30
    PREFERRED_URL_SCHEME = os.environ.get("PREFERRED_URL_SCHEME", "http")
    # Links in e-mails are built from this address, never from the request's Host header.
    PUBLIC_URL = os.environ.get("PUBLIC_URL", "http://127.0.0.1:5000")
    TRUSTED_HOSTS = [h.strip() for h in os.environ.get("TRUSTED_HOSTS", "").split(",") if h.strip()] or None
    # Number of proxies in front of the app whose X-Forwarded-For is trusted (0: none).
    PROXY_COUNT = int(os.environ.get("PROXY_COUNT", 0))
    HSTS = False

    # Languages
    LANGUAGES = ("en", "fr", "es", "ar")
    BABEL_DEFAULT_LOCALE = "en"
    BABEL_DEFAULT_TIMEZONE = "UTC"

    # E-mail: SMTP when MAIL_SERVER is set, otherwise the outbox folder
    MAIL_SERVER = os.environ.get("MAIL_SERVER", "")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", 587))
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME", "")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD", "")
    MAIL_USE_TLS = env_bool("MAIL_USE_TLS", True)
    MAIL_USE_SSL = env_bool("MAIL_USE_SSL", False)
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "Social Lab <no-reply@sociallab.test>")
    MAIL_OUTBOX_DIR = os.environ.get("MAIL_OUTBOX_DIR", str(INSTANCE_DIR / "outbox"))
    MAIL_RETRY_DELAYS = (1.0, 4.0)  # seconds before each further attempt to deliver an e-mail

    # Uploaded files (app/core/storage.py): local disk, or S3-compatible object storage
    STORAGE = os.environ.get("STORAGE", "local")  # local or s3
    UPLOAD_DIR = os.environ.get("UPLOAD_DIR", "")  # local: default instance/uploads
    S3_BUCKET = os.environ.get("S3_BUCKET", "")
    S3_PREFIX = os.environ.get("S3_PREFIX", "uploads/")
    S3_ENDPOINT_URL = os.environ.get("S3_ENDPOINT_URL", "")  # empty: AWS itself
    S3_REGION = os.environ.get("S3_REGION", "")
    S3_ACCESS_KEY_ID = os.environ.get("S3_ACCESS_KEY_ID", "")  # empty: boto3's own (environment, instance role)
    S3_SECRET_ACCESS_KEY = os.environ.get("S3_SECRET_ACCESS_KEY", "")

    # Jobs (app/core/jobs.py): an RQ queue on this Redis when set, otherwise run inline
    JOB_QUEUE_URL = os.environ.get("JOB_QUEUE_URL", "")
    JOB_QUEUE_NAME = os.environ.get("JOB_QUEUE_NAME", "sociallab")
    JOB_RETRY_DELAYS = (30, 120, 600)  # seconds before each further attempt of a failed job
    JOB_FAILED_KEEP_DAYS = 30  # how long a job that failed every attempt stays in the failed list

    # Rate limits (memory by default; Redis in production)
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_ENABLED = env_bool("RATELIMIT_ENABLED", True)
    RATELIMIT_HEADERS_ENABLED = True
    # A moving window: "10 per minute" means any 60 seconds, not each clock minute (where 20 could pass
    # around the turn of a minute).
    RATELIMIT_STRATEGY = "moving-window"
    RATELIMIT_LOGIN = os.environ.get("RATELIMIT_LOGIN", "10 per minute;50 per hour")
    RATELIMIT_REGISTER = os.environ.get("RATELIMIT_REGISTER", "5 per minute;30 per hour")
    RATELIMIT_RESET = os.environ.get("RATELIMIT_RESET", "5 per minute;20 per hour")
    # Per account (the e-mail typed), whatever the address the requests come from.
    RATELIMIT_LOGIN_ACCOUNT = os.environ.get("RATELIMIT_LOGIN_ACCOUNT", "5 per minute;20 per hour")
    RATELIMIT_RESET_ACCOUNT = os.environ.get("RATELIMIT_RESET_ACCOUNT", "3 per hour")
    # A browser where an account logged in keeps a mark of it: its attempts for that account count
    # against the mark, not the account (app/accounts/devices.py), so strangers cannot lock the owner out.
    DEVICE_COOKIE_NAME = "sociallab_device"
    DEVICE_COOKIE_MAX_AGE = 60 * 60 * 24 * 365
    # Posting comments, updates and milestones, per signed-in person
    RATELIMIT_POST = os.environ.get("RATELIMIT_POST", "10 per minute;100 per day")
    # Every write (POST, PUT, PATCH, DELETE) of any kind, per signed-in person and per address
    RATELIMIT_WRITE = os.environ.get("RATELIMIT_WRITE", "60 per minute;1000 per day")
    RATELIMIT_WRITE_ADDRESS = os.environ.get("RATELIMIT_WRITE_ADDRESS", "120 per minute;3000 per day")

    # Page cache (app/cache.py): Redis when CACHE_REDIS_URL is set, otherwise one in the process
    CACHE_REDIS_URL = os.environ.get("CACHE_REDIS_URL", "")
    CACHE_TYPE = "RedisCache" if CACHE_REDIS_URL else "SimpleCache"
    CACHE_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "sociallab:")
    CACHE_DEFAULT_TIMEOUT = 0  # the data version never expires; pages are stored with PAGE_CACHE_SECONDS
    CACHE_THRESHOLD = 2000  # pages kept by the in-process cache
    CACHE_NO_NULL_WARNING = True  # production without Redis keeps no page, on purpose
    PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", 60))

    # One JSON line per request on stderr (app/core/request_log.py)
    REQUEST_LOG = env_bool("REQUEST_LOG", True)

    # Tokens
    EMAIL_TOKEN_MAX_AGE = 60 * 60 * 24 * 3
    RESET_TOKEN_MAX_AGE = 60 * 60

    WTF_CSRF_TIME_LIMIT = None
    SEED_DEMO_ALLOWED = False
    PASSWORD_HASH_METHOD = "scrypt"  # noqa: S105 # nosec B105 (a hash method name) — werkzeug's default cost (2**15)


class DevelopmentConfig(Config):
    DEBUG = False
    SEED_DEMO_ALLOWED = True


class TestingConfig(Config):
    ENV_NAME = "testing"
    TESTING = True
    SECRET_KEY = "testing-secret-key"  # noqa: S105 (tests only) # nosec B105
    SQLALCHEMY_DATABASE_URI = database_url(
        os.environ.get("TEST_DATABASE_URL"), "sqlite:///" + str(INSTANCE_DIR / "test.db")
    )
    MAIL_SERVER = ""
    MAIL_RETRY_DELAYS = (0.0, 0.0)
    JOB_QUEUE_URL = ""  # inline; the tests of the queue set their own
    REQUEST_LOG = False  # the tests read the request lines with a handler of their own
    RATELIMIT_STORAGE_URI = "memory://"
    SEED_DEMO_ALLOWED = True
    PASSWORD_HASH_METHOD = "scrypt:1024:8:1"  # noqa: S105 # nosec B105 (a hash method name) — still scrypt, cheaper so that the suite stays fast


class ProductionConfig(Config):
    ENV_NAME = "production"
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    REMEMBER_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    PREFERRED_URL_SCHEME = "https"
    HSTS = True
    # Several workers share one cache or none: a cache per process would miss the others' writes.
    CACHE_TYPE = "RedisCache" if Config.CACHE_REDIS_URL else "NullCache"


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}
