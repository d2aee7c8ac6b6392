"""Settings resolved in one place: argument > environment variable > default."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

#: The embedded database when DATABASE_URL is not set: in the folder the dashboard is started from
#: (the checkout, for the README's commands), never inside the installed package.
DEFAULT_SQLITE_FILE = Path("instance") / "sze.db"

#: Who may show the dashboard in a frame (CSP ``frame-ancestors``): no one, unless SZE_FRAME_ANCESTORS says so.
DEFAULT_FRAME_ANCESTORS = "'none'"

# a source in frame-ancestors: a scheme, or an origin with an optional wildcard host part and port; nothing that
# could end the directive (';', ',') or the header (whitespace, quotes)
_FRAME_SOURCE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|(?:[a-z][a-z0-9+.-]*://)?(?:\*\.)?[a-z0-9.-]+(?::(?:\d+|\*))?)$")
_HEADER_NAME = re.compile(r"^[A-Za-z0-9-]+$")
# what werkzeug.security.generate_password_hash writes: method$salt$hash (scrypt:... or pbkdf2:...)
_PASSWORD_HASH = re.compile(r"^(?:scrypt|pbkdf2)(?::[A-Za-z0-9]+)*\$[^$\s]+\$[0-9a-f]+$")

Users = tuple[tuple[str, str], ...]


class SettingsError(ValueError):
    """A setting that cannot be used; the message names it, never a password or hash."""


def _sqlalchemy_url(url: str) -> str:
    """``postgres://``, the form some platforms hand out, as SQLAlchemy wants it: ``postgresql://``."""
    return "postgresql://" + url[len("postgres://") :] if url.startswith("postgres://") else url


@dataclass(frozen=True)
class Settings:
    """What the app needs to know about where it runs, and who may see it."""

    database_url: str
    lang: str = "nl"
    #: the owner's URL for what writes (init-db, import, demo, restore, grant-read-only): on PostgreSQL the web
    #: process then reads through a read-only role (``database_url``) and never holds a URL that can write
    admin_database_url: str | None = field(default=None, repr=False)
    #: Redis for the views' answers, shared by every worker and instance; None: ``answers_dir``, else a small
    #: cache per process
    redis_url: str | None = None
    #: a folder for the views' answers that the workers of one server share where there is no Redis
    #: (``sze-dashboard serve`` makes one before it forks); None: a cache per process
    answers_dir: str | None = None
    #: make the answers one click away (the other regions and weeks) in the background, before they are asked
    #: (``sze-dashboard serve`` turns it on; see callbacks.answers)
    answers_ahead: bool = False
    #: Flask's SECRET_KEY; None: a random one per process (only the editor link's session signs with it, and
    #: ``sze-dashboard serve`` makes one for all its workers; see dashboard.security)
    secret_key: str | None = field(default=None, repr=False)
    #: CSP frame-ancestors: "'none'", "'self'" or origins, space-separated
    frame_ancestors: str = DEFAULT_FRAME_ANCESTORS
    #: Strict-Transport-Security max-age in seconds; 0 sends no HSTS (an intranet may serve plain http)
    hsts_max_age: int = 0
    #: HTTP basic auth: (user, werkzeug password hash) pairs; empty: no basic auth
    basic_auth_users: Users = field(default=(), repr=False)
    #: a header a reverse proxy sets to the signed-in user's name; None: no such proxy
    trusted_user_header: str | None = None
    #: who may upload and import on /beheer: user names of the login (basic auth or the proxy's header)
    editors: tuple[str, ...] = ()
    #: the token of the editor link ``sze-dashboard serve`` prints where no login is configured (loopback only);
    #: None: no such link, and without a login nobody may enter /beheer
    editor_token: str | None = field(default=None, repr=False)
    #: where the workers of one ``sze-dashboard serve`` note that its editor link was used (it works once);
    #: None: a folder of this process's own
    editor_link_claims: str | None = None
    #: the folder where /beheer's checks run as background jobs keep their progress and answers: every worker of
    #: an instance must see the same one (a job started by one is polled by any); None: one per user and database
    jobs_dir: str | None = None
    #: a second pair of eyes (SZE_REVIEW=1): a change to the published record by one editor is proposed, and in
    #: the data only once another editor approves it
    review: bool = False

    def __post_init__(self) -> None:
        """Refuse settings that would not protect what they claim to (checked however Settings are made)."""
        object.__setattr__(self, "frame_ancestors", frame_ancestors(self.frame_ancestors))
        if self.hsts_max_age < 0:
            raise SettingsError("SZE_HSTS_MAX_AGE: a number of seconds, 0 or more")
        if self.trusted_user_header is not None and not _HEADER_NAME.match(self.trusted_user_header):
            raise SettingsError("SZE_TRUSTED_USER_HEADER: a header name such as X-Forwarded-User")
        if self.basic_auth_users and self.trusted_user_header:
            raise SettingsError("set SZE_BASIC_AUTH_USERS or SZE_TRUSTED_USER_HEADER, not both")

    @property
    def login_required(self) -> bool:
        """Whether every route (but /healthz) asks who the visitor is."""
        return bool(self.basic_auth_users or self.trusted_user_header)

    @classmethod
    def from_env(
        cls,
        database_url: str | None = None,
        lang: str | None = None,
        *,
        secret_key: str | None = None,
        frame_ancestors: str | None = None,
        hsts_max_age: int | None = None,
        basic_auth_users: str | None = None,
        trusted_user_header: str | None = None,
        editors: str | None = None,
    ) -> Settings:
        """Settings from arguments, else the environment (``DATABASE_URL``, ``SZE_ADMIN_DATABASE_URL``,
        ``SZE_REDIS_URL``, ``SZE_LANG``, ``SZE_SECRET_KEY``, ``SZE_FRAME_ANCESTORS``, ``SZE_HSTS_MAX_AGE``,
        ``SZE_BASIC_AUTH_USERS``, ``SZE_TRUSTED_USER_HEADER``, ``SZE_EDITORS``, ``SZE_JOBS_DIR``, ``SZE_REVIEW``),
        else the defaults: the embedded SQLite file, Dutch, no framing, no HSTS, no login, no editors."""
        env = os.environ
        url = database_url or env.get("DATABASE_URL") or f"sqlite:///{DEFAULT_SQLITE_FILE.resolve()}"
        admin = env.get("SZE_ADMIN_DATABASE_URL") or None
        hsts = hsts_max_age if hsts_max_age is not None else env.get("SZE_HSTS_MAX_AGE", "").strip() or "0"
        try:
            hsts_seconds = int(hsts)
        except ValueError:
            raise SettingsError("SZE_HSTS_MAX_AGE: a number of seconds, 0 or more") from None
        return cls(
            database_url=_sqlalchemy_url(url),
            admin_database_url=_sqlalchemy_url(admin) if admin else None,
            redis_url=env.get("SZE_REDIS_URL") or None,
            lang=lang or env.get("SZE_LANG", "nl"),
            secret_key=secret_key or env.get("SZE_SECRET_KEY") or None,
            frame_ancestors=frame_ancestors or env.get("SZE_FRAME_ANCESTORS") or DEFAULT_FRAME_ANCESTORS,
            hsts_max_age=hsts_seconds,
            basic_auth_users=read_users(basic_auth_users or env.get("SZE_BASIC_AUTH_USERS") or ""),
            trusted_user_header=(trusted_user_header or env.get("SZE_TRUSTED_USER_HEADER") or "").strip() or None,
            editors=read_editors(editors if editors is not None else env.get("SZE_EDITORS", "")),
            jobs_dir=env.get("SZE_JOBS_DIR") or None,
            review=env.get("SZE_REVIEW", "").strip().lower() in ("1", "true", "ja", "yes"),
        )

    def for_writing(self) -> Settings:
        """These settings with the owner's URL, where one is set, for the CLI's commands that write."""
        return replace(self, database_url=self.admin_database_url or self.database_url)

    def ensure_sqlite_dir(self) -> None:
        """Create the folder of a SQLite file so first start needs no setup."""
        if self.database_url.startswith("sqlite:///") and ":memory:" not in self.database_url:
            Path(self.database_url[len("sqlite:///") :]).parent.mkdir(parents=True, exist_ok=True)


def frame_ancestors(value: str) -> str:
    """The CSP frame-ancestors sources in ``value``, with ``none``/``self`` quoted; SettingsError if unusable."""
    sources = [_KEYWORDS.get(word.lower(), word) for word in value.split()]
    if not sources:
        return DEFAULT_FRAME_ANCESTORS
    if "'none'" in sources and len(sources) > 1:
        raise SettingsError("SZE_FRAME_ANCESTORS: 'none' stands alone")
    for source in sources:
        if source not in _KEYWORDS.values() and not _FRAME_SOURCE.match(source.lower()):
            raise SettingsError(f"SZE_FRAME_ANCESTORS: not a frame source: {source!r}")
    return " ".join(sources)


_KEYWORDS = {"none": "'none'", "'none'": "'none'", "self": "'self'", "'self'": "'self'"}


def read_users(spec: str) -> Users:
    """The basic-auth users in ``spec``: ``user:hash`` pairs separated by commas or newlines, or the absolute
    path of a file holding them (one a line, ``#`` starts a comment). SettingsError names a bad entry by its
    position, never by its content: it may be a password pasted by mistake."""
    spec = spec.strip()
    if not spec:
        return ()
    where = "SZE_BASIC_AUTH_USERS"
    if spec.startswith("/"):
        try:
            spec = Path(spec).read_text(encoding="utf-8")
        except OSError as exc:
            raise SettingsError(f"{where}: cannot read the file {spec}: {exc.strerror}") from None
        where = f"{where} file"
    entries = [e.strip() for line in spec.splitlines() for e in line.split(",")]
    users: dict[str, str] = {}
    for number, entry in enumerate(entries, start=1):
        if not entry or entry.startswith("#"):
            continue
        user, _, password_hash = entry.partition(":")
        user = user.strip()
        if not user or not _PASSWORD_HASH.match(password_hash.strip()):
            raise SettingsError(
                f"{where}: entry {number} is not 'user:hash' with a hash from 'sze-dashboard hash-password'"
            )
        if user in users:
            raise SettingsError(f"{where}: user {user!r} appears twice")
        users[user] = password_hash.strip()
    if not users:
        raise SettingsError(f"{where}: no users")
    return tuple(users.items())


def read_editors(spec: str) -> tuple[str, ...]:
    """The user names in ``spec`` (comma-separated, spaces around a name ignored), each once, in order."""
    return tuple(dict.fromkeys(name.strip() for name in spec.split(",") if name.strip()))
