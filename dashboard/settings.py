"""Settings resolved in one place: argument > environment variable > default."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

#: The embedded database when DATABASE_URL is not set: in the folder the dashboard is started from
#: (the checkout, for the README's commands), never inside the installed package.
DEFAULT_SQLITE_FILE = Path("instance") / "sze.db"


def _sqlalchemy_url(url: str) -> str:
    """``postgres://``, the form some platforms hand out, as SQLAlchemy wants it: ``postgresql://``."""
    return "postgresql://" + url[len("postgres://") :] if url.startswith("postgres://") else url


@dataclass(frozen=True)
class Settings:
    """What the app needs to know about where it runs."""

    database_url: str
    lang: str = "nl"
    #: the owner's URL for what writes (init-db, import, demo, restore, grant-read-only): on PostgreSQL the web
    #: process then reads through a read-only role (``database_url``) and never holds a URL that can write
    admin_database_url: str | None = None

    @classmethod
    def from_env(cls, database_url: str | None = None, lang: str | None = None) -> Settings:
        """Settings from arguments, else ``DATABASE_URL`` / ``SZE_LANG``, else the embedded SQLite file."""
        url = database_url or os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_SQLITE_FILE.resolve()}"
        admin = os.environ.get("SZE_ADMIN_DATABASE_URL") or None
        return cls(
            database_url=_sqlalchemy_url(url),
            lang=lang or os.environ.get("SZE_LANG", "nl"),
            admin_database_url=_sqlalchemy_url(admin) if admin else None,
        )

    def for_writing(self) -> Settings:
        """These settings with the owner's URL, where one is set, for the CLI's commands that write."""
        return replace(self, database_url=self.admin_database_url or self.database_url)

    def ensure_sqlite_dir(self) -> None:
        """Create the folder of a SQLite file so first start needs no setup."""
        if self.database_url.startswith("sqlite:///") and ":memory:" not in self.database_url:
            Path(self.database_url[len("sqlite:///") :]).parent.mkdir(parents=True, exist_ok=True)
