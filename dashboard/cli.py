"""The ``sze-dashboard`` command: ``init-db`` fills the database, ``serve`` runs it under gunicorn."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from flask import Flask
from sqlalchemy.exc import SQLAlchemyError

from dashboard.settings import Settings
from data_access.engine import make_engine
from data_access.loader import DatasetError, load_bundled
from data_access.migrate import drop_everything


def init_db(settings: Settings, *, force: bool = False, recreate: bool = False) -> int:
    """Migrate the schema to this version and load the bundled dataset (idempotent); exit code."""
    settings.ensure_sqlite_dir()
    engine = make_engine(settings.database_url)
    try:
        if recreate:
            drop_everything(engine)
        loaded = load_bundled(engine, force=force or recreate)
    except DatasetError as exc:
        print(exc, file=sys.stderr)
        return 2
    except SQLAlchemyError as exc:
        reason = getattr(exc, "orig", None) or exc
        print(f"Database error, nothing was changed: {exc.__class__.__name__}: {reason}", file=sys.stderr)
        print(
            "Databases made by earlier versions are migrated; one changed by hand may not be. "
            "'sze-dashboard init-db --recreate' rebuilds it from the bundled dataset "
            "(imported rows are lost: export them first with 'sze-dashboard export DIR').",
            file=sys.stderr,
        )
        return 3
    finally:
        engine.dispose()
    if loaded is None:
        print("Database is up to date with the bundled dataset.")
    else:
        print("Loaded the bundled dataset: " + ", ".join(f"{name} {n}" for name, n in loaded.items()))
    return 0


def serve(settings: Settings, host: str, port: int, workers: int, dev: bool) -> int:
    """Fill the database if needed, then serve the dashboard (gunicorn; Flask's server with --dev)."""
    code = init_db(settings)
    if code:
        return code
    from dashboard.app import create_app

    if dev:
        create_app(settings).run(host=host, port=port, debug=True)
        return 0
    from gunicorn.app.base import BaseApplication

    class _Server(BaseApplication):
        def load_config(self) -> None:
            for key, value in {
                "bind": f"{host}:{port}",
                "workers": workers,
                "accesslog": "-",
                "timeout": 60,
                "graceful_timeout": 10,
                "limit_request_line": 8190,  # gunicorn's maximum: long shared links still open
            }.items():
                self.cfg.set(key, value)

        def load(self) -> Flask:
            return create_app(settings).server

    print(f"Dashboard on http://{host}:{port}/ (stop with Ctrl+C)", flush=True)
    _Server().run()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``sze-dashboard``."""
    parser = argparse.ArgumentParser(prog="sze-dashboard", description="Slimme Zorg Estafette dashboard")
    parser.add_argument("--database-url", help="database URL (default: $DATABASE_URL, else the embedded SQLite file)")
    sub = parser.add_subparsers(dest="command", required=True)
    init = sub.add_parser("init-db", help="create the schema and load the bundled dataset (idempotent)")
    init.add_argument("--force", action="store_true", help="reload even if the dataset is unchanged")
    init.add_argument(
        "--recreate", action="store_true", help="drop every table first and rebuild (imported rows are lost)"
    )
    run = sub.add_parser("serve", help="fill the database if needed and serve the dashboard")
    run.add_argument("--host", default="127.0.0.1")
    run.add_argument("--port", type=int, default=8050)
    run.add_argument("--workers", type=int, default=2)
    run.add_argument("--dev", action="store_true", help="Flask's debug server instead of gunicorn")
    args = parser.parse_args(argv)
    settings = Settings.from_env(database_url=args.database_url)
    if args.command == "init-db":
        return init_db(settings, force=args.force, recreate=args.recreate)
    return serve(settings, args.host, args.port, args.workers, args.dev)


if __name__ == "__main__":
    sys.exit(main())
