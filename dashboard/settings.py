"""Settings resolved in one place: argument > environment variable > default."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

#: The embedded database when DATABASE_URL is not set: in the folder the dashboard is started from
#: (the checkout, for the README's commands), never inside the installed package.
DEFAULT_SQLITE_FILE = Path("instance") / "sze.db"


@dataclass(frozen=True)
class Settings:
    """What the app needs to know about where it runs."""

    database_url: str
    lang: str = "nl"

    @classmethod
    def from_env(cls, database_url: str | None = None, lang: str | None = None) -> Settings:
        """Settings from arguments, else ``DATABASE_URL`` / ``SZE_LANG``, else the embedded SQLite file."""
        url = database_url or os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_SQLITE_FILE.resolve()}"
        if url.startswith("postgres://"):  # the form some platforms hand out; SQLAlchemy wants postgresql://
            url = "postgresql://" + url[len("postgres://") :]
        return cls(database_url=url, lang=lang or os.environ.get("SZE_LANG", "nl"))

    def ensure_sqlite_dir(self) -> None:
        """Create the folder of a SQLite file so first start needs no setup."""
        if self.database_url.startswith("sqlite:///") and ":memory:" not in self.database_url:
            Path(self.database_url[len("sqlite:///") :]).parent.mkdir(parents=True, exist_ok=True)
