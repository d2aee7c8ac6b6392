"""The ``sze-dashboard`` command: ``init-db`` migrates and fills the database, ``serve`` runs it under gunicorn,
``import``/``template`` take in the organisers' exports (``history``, ``undo`` and ``audit`` show and undo them),
``demo`` makes synthetic data, ``export``/``restore``
copy every table to CSV files and back, ``grant-read-only`` makes the role the web process reads with,
``hash-password`` makes a login's password hash."""

from __future__ import annotations

import argparse
import getpass
import os
import secrets
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from flask import Flask
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.security import generate_password_hash

from core.i18n import messages_in, t
from dashboard.security import editor_link
from dashboard.settings import Settings, SettingsError
from data_access.engine import make_engine
from data_access.migrate import drop_everything
from ingest import backup, demo, history, published
from ingest.importer import KINDS, FileProblems, import_file
from ingest.importer.template import write_template
from ingest.loader import DatasetError, load_bundled
from ingest.problems import Problem
from ingest.published import flow
from ingest.roles import RoleRefused, grant_read_only

T = TypeVar("T")


def init_db(
    settings: Settings, *, force: bool = False, recreate: bool = False, user: str | None = None, quiet: bool = False
) -> int:
    """Migrate the schema to this version and load the bundled dataset (idempotent), as ``user``; exit code.
    ``quiet``: say nothing when there was nothing to do (before a command with output of its own)."""
    settings.ensure_sqlite_dir()
    engine = make_engine(settings.database_url)
    try:
        if recreate:
            drop_everything(engine)
        loaded = load_bundled(engine, force=force or recreate, user=user)
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
        if not quiet:
            print("Database is up to date with the bundled dataset.")
    else:
        print("Loaded the bundled dataset: " + ", ".join(f"{name} {n}" for name, n in loaded.items()))
    return 0


#: where --dev may listen: Flask's debugger runs any code it is sent, so never on a network
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


def serve(settings: Settings, host: str, port: int, workers: int, dev: bool) -> int:
    """Fill the database if needed (with the owner's URL, if set), then serve the dashboard (gunicorn; Flask's
    debug server with --dev) with ``DATABASE_URL``, read-only on PostgreSQL when that is a read-only role."""
    if dev and host not in LOOPBACK:
        print("--dev runs Flask's debugger, which executes code: only on 127.0.0.1 or localhost", file=sys.stderr)
        return 2
    code = init_db(settings.for_writing())
    if code:
        return code
    from dashboard.app import create_app

    settings = _with_editor_link(settings, host, port, dev)
    if dev:
        # no version check: it would ask plotly's server from the page, which connect-src 'self' refuses
        create_app(settings).run(host=host, port=port, debug=True, dev_tools_disable_version_check=True)
        return 0
    if settings.secret_key is None:
        # made here, before gunicorn forks, so every worker of this server has the same one
        settings = replace(settings, secret_key=secrets.token_hex(32))
        print("SZE_SECRET_KEY is not set: a random secret key for this run, shared by its workers", file=sys.stderr)
    # a filter change answered by one worker is kept for all of them: in Redis where set, else in a folder of this
    # run's (made before the fork, removed when it ends); and the answers one click away are made before they are
    # asked (issue 21)
    answers_dir = None if settings.redis_url else tempfile.mkdtemp(prefix="sze-answers-")
    settings = replace(settings, answers_dir=answers_dir, answers_ahead=True)
    master = os.getpid()
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
                # gunicorn 27's control socket is one path per user: a second dashboard on the machine
                # (test servers, several checkouts) shut the first one down through it
                "control_socket_disable": True,
            }.items():
                self.cfg.set(key, value)

        def load(self) -> Flask:
            return create_app(settings).server

    if settings.editors or settings.editor_token:
        # two seconds now rather than at each editor's first check: every worker, and each check's own process
        # forked from it (dashboard.jobs), inherits the places built here
        from ingest import places

        places.gazetteer()
    print(f"Dashboard on http://{host}:{port}/ (stop with Ctrl+C)", flush=True)
    try:
        _Server().run()
    finally:
        # a worker leaves through here too (gunicorn ends it with SystemExit): only the server removes the folder
        if answers_dir is not None and os.getpid() == master:
            shutil.rmtree(answers_dir, ignore_errors=True)
    return 0


def _with_editor_link(settings: Settings, host: str, port: int, dev: bool) -> Settings:
    """Where no login is configured and the dashboard listens on loopback only: a random token for /beheer, made
    before gunicorn forks (every worker knows it), and its link printed once, as Jupyter does."""
    if settings.login_required or host not in LOOPBACK:
        return settings
    token = secrets.token_urlsafe(32)
    # Flask's reloader runs this command again in a child that serves: only that one's link works
    if not dev or os.environ.get("WERKZEUG_RUN_MAIN") == "true":
        print(t("cli.editor_link", settings.lang, link=editor_link(host, port, token)), file=sys.stderr, flush=True)
    # made before the fork too: the workers share it, so the link signs in once, whichever worker answers
    return replace(settings, editor_token=token, editor_link_claims=tempfile.mkdtemp(prefix="sze-editor-link-"))


def _database_error(exc: SQLAlchemyError, language: str) -> int:
    reason = getattr(exc, "orig", None) or exc
    print(t("cli.database_error", language, error=f"{exc.__class__.__name__}: {reason}"), file=sys.stderr)
    return 3


def _on_database(
    settings: Settings, action: Callable[[Engine], T], refused: tuple[type[Exception], ...] = (), say: str = ""
) -> tuple[int, T | None]:
    """Run ``action`` on the database: exit code 0 and its result, 2 when it refused (``refused``), 3 on a
    database error; the reason goes to stderr, never a trace, and the pool is always closed."""
    engine = make_engine(settings.database_url)
    try:
        return 0, action(engine)
    except refused as exc:
        print(f"{say}{exc}", file=sys.stderr)
        return 2, None
    except SQLAlchemyError as exc:
        return _database_error(exc, settings.lang), None
    finally:
        engine.dispose()


def run_import(settings: Settings, kind: str, path: Path, dry_run: bool, user: str, append: bool = False) -> int:
    """Import an export; every problem is listed and nothing is written unless the whole file is valid."""
    code = init_db(settings, user=user)
    if code:
        return code
    code, result = _on_database(
        settings,
        lambda engine: import_file(engine, kind, path, dry_run=dry_run, user=user, append=append),
        (FileProblems,),
        f"{path.name}: ",
    )
    if result is not None:
        print(result.report())
    return code


def run_demo(settings: Settings, activities: int, seed: int, user: str) -> int:
    """Replace the demo data by ``activities`` synthetic activities and survey answers."""
    code = init_db(settings, user=user)
    if code:
        return code
    code, result = _on_database(
        settings,
        lambda engine: demo.generate(engine, activities, seed, user),
        (demo.DemoRefused,),
        t("cli.refused", settings.lang),
    )
    if result is not None:
        for kind, changes in result.items():
            counts = ", ".join(f"{c.edition}: {c.rows}" for c in changes)
            print(t("cli.demo_kind", settings.lang, kind=KINDS[kind].label(), counts=counts))
        print(t("cli.demo_done", settings.lang))
    return code


def run_export(settings: Settings, folder: Path) -> int:
    code, counts = _on_database(settings, lambda engine: backup.export_all(engine, folder))
    if counts is not None:
        print(t("cli.exported", settings.lang, rows=sum(counts.values()), files=len(counts), folder=folder))
    return code


def run_restore(settings: Settings, folder: Path, user: str) -> int:
    settings.ensure_sqlite_dir()
    code, counts = _on_database(
        settings,
        lambda engine: backup.restore_all(engine, folder, user),
        (backup.RestoreError,),
        t("cli.not_restored", settings.lang),
    )
    if counts is not None:
        print(t("cli.restored", settings.lang, rows=sum(counts.values()), folder=folder))
    return code


def run_history(settings: Settings) -> int:
    """Print every import, newest first: when, who, file, fingerprint, rows, what it changed, and its status."""
    code = init_db(settings, quiet=True)
    if code:
        return code
    code, found = _on_database(settings, history.entries)
    if found is not None:
        print(history.history_table(found, settings.lang))
    return code


def run_undo(settings: Settings, import_id: int, user: str) -> int:
    """Undo import ``import_id`` exactly; refused (exit 2, nothing changed) when it cannot be."""
    code = init_db(settings, user=user, quiet=True)
    if code:
        return code
    code, undone = _on_database(
        settings, lambda engine: history.undo(engine, import_id, user, settings.lang), (history.UndoRefused,)
    )
    if undone is not None:
        entry, audit_id = undone
        print(
            t(
                "history.undone",
                settings.lang,
                id=import_id,
                file=entry.file_name,
                edition=entry.edition,
                audit=audit_id,
            )
        )
    return code


def _problem_line(problem: Problem, lang: str) -> str:
    sheet = t("cli.pub_where_sheet", lang, sheet=problem.file) if problem.file else ""
    where = t("cli.pub_where_book", lang) if problem.line == 0 else t("cli.pub_where_line", lang, line=problem.line)
    column = "" if problem.column == "-" else t("cli.pub_where_column", lang, column=problem.column)
    return f"  - {sheet}{where}{column}: {problem.message}"


def _change_lines(changes: Sequence[published.Change], lang: str) -> list[str]:
    lines = []
    for change in changes:
        shown = ", ".join("-" if value is None else str(value) for value in change.key)
        if change.before is None:
            lines.append(f"  + {change.sheet} ({shown}): {t('cli.pub_new', lang)}")
        elif change.after is None:
            lines.append(f"  - {change.sheet} ({shown}): {t('cli.pub_removed', lang)}")
        else:
            fields = "; ".join(
                f"{name}: {change.before.get(name)!r} -> {change.after.get(name)!r}" for name in change.fields
            )
            lines.append(f"  ~ {change.sheet} ({shown}): {fields}")
    return lines


def run_published(settings: Settings, args: argparse.Namespace, user: str) -> int:
    """``published export FILE``: the published record as a workbook; ``published import FILE [--dry-run]``: the
    workbook back, every problem named (exit 2, nothing written) or its changes applied in one transaction (with
    SZE_REVIEW=1: proposed); ``published history`` / ``approve N`` / ``decline N`` / ``undo N``."""
    code = init_db(settings, user=user, quiet=True)
    if code:
        return code
    engine = make_engine(settings.database_url)
    try:
        return _published(settings, args, user, engine)
    except SQLAlchemyError as error:
        print(f"Database error, nothing was changed: {type(error).__name__}", file=sys.stderr)
        return 3
    finally:
        engine.dispose()


def _published(settings: Settings, args: argparse.Namespace, user: str, engine: Engine) -> int:
    action, lang = args.action, settings.lang
    if action == "export":
        with engine.connect() as conn:
            data = published.write_workbook(published.read_record(conn))
        args.target.write_bytes(data)
        print(t("cli.pub_exported", lang, file=args.target))
        return 0
    if action == "history":
        for entry in published.entries(engine):
            print(
                f"{entry.change_id}\t{entry.proposed_at}\t{entry.proposed_by}\t{entry.via}\t{entry.status}\t{entry.summary}"
            )
        return 0
    if action == "import":
        with messages_in(lang):
            checked = flow.check_workbook(engine, args.target)
        if checked.problems:
            print(t("cli.pub_problems", lang, n=len(checked.problems)), file=sys.stderr)
            print("\n".join(_problem_line(p, lang) for p in checked.problems), file=sys.stderr)
            return 2
        print("\n".join(_change_lines(checked.changes, lang)) or t("cli.pub_nothing", lang))
        if args.dry_run or not checked.changes:
            return 0
    try:
        if action == "import":
            entry = published.submit(engine, checked.changes, user=user, via=args.target.name, review=settings.review)
        else:
            number = int(args.target)
            operation = {"approve": published.approve, "decline": published.decline, "undo": published.undo}[action]
            entry = operation(engine, number, user=user)
    except (published.ChangeRefused, ValueError) as refused:
        print(t("cli.pub_refused", lang, reason=refused), file=sys.stderr)
        return 2
    print(
        t("cli.pub_done", lang, id=entry.change_id, status=t(f"pub.status.{entry.status}", lang), summary=entry.summary)
    )
    return 0


def run_audit(settings: Settings, path: Path) -> int:
    """Write the audit log (every write: who, when, what) to ``path`` as CSV."""
    code = init_db(settings, quiet=True)
    if code:
        return code
    code, rows = _on_database(settings, lambda engine: history.write_audit_csv(engine, path, settings.lang))
    if rows is not None:
        print(t("history.audit_written", settings.lang, rows=rows, file=path))
    return code


def run_grant(settings: Settings, role: str) -> int:
    """Create or update the read-only role the web process connects with."""
    password = os.environ.get("SZE_READ_ONLY_PASSWORD")
    code, created = _on_database(
        settings,
        lambda engine: grant_read_only(engine, role, password),
        (RoleRefused,),
        t("cli.refused", settings.lang),
    )
    if created is not None:
        print(t("cli.role_created" if created else "cli.role_updated", settings.lang, role=role))
    return code


def hash_password(user: str | None) -> int:
    """Read a password (prompted twice on a terminal, else the first line of stdin) and print its hash."""
    if sys.stdin.isatty():
        password = getpass.getpass("Password: ")
        if getpass.getpass("Again: ") != password:
            print("The passwords differ; no hash made.", file=sys.stderr)
            return 2
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        print("Empty password; no hash made.", file=sys.stderr)
        return 2
    password_hash = generate_password_hash(password)  # werkzeug's default: scrypt with a random salt
    print(f"{user}:{password_hash}" if user else password_hash)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sze-dashboard", description="Slimme Zorg Estafette dashboard")
    parser.add_argument("--database-url", help="database URL (default: $DATABASE_URL, else the embedded SQLite file)")
    sub = parser.add_subparsers(dest="command", required=True)
    record = sub.add_parser(
        "published", help="the published record (editions, weeks, figures, sources) as a workbook: export, import, undo"
    )
    record.add_argument("action", choices=("export", "import", "history", "approve", "decline", "undo"))
    record.add_argument("target", nargs="?", help="the workbook (export, import) or the change's number")
    record.add_argument("--dry-run", action="store_true", help="import: show what would change, write nothing")
    record.add_argument("--user", help="who the history names (default: your login name)")
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
    kinds = sorted(KINDS)
    take = sub.add_parser("import", help="import an export of the organisers (.xlsx or Dutch .csv): all or nothing")
    take.add_argument("kind", choices=kinds)
    take.add_argument("file", type=Path)
    take.add_argument("--dry-run", action="store_true", help="only check the file, write nothing")
    take.add_argument(
        "--append",
        action="store_true",
        help="add the file's rows to the edition's earlier imported ones instead of replacing them",
    )
    template = sub.add_parser("template", help="write an empty export with the expected headings (.xlsx or .csv)")
    template.add_argument("kind", choices=kinds)
    template.add_argument("file", type=Path)
    fake = sub.add_parser("demo", help="replace the demo data by synthetic activities and survey answers")
    fake.add_argument("--activities", type=int, required=True)
    fake.add_argument("--seed", type=int, default=2021)
    sub.add_parser("history", help="list every import: when, who, file, SHA-256, rows, changes, status")
    back = sub.add_parser("undo", help="undo an import exactly (the last one of its kind and edition)")
    back.add_argument("import_id", type=int, metavar="ID", help="the import's number in 'history'")
    log = sub.add_parser("audit", help="write the audit log (every write: who, when, what) to a CSV file")
    log.add_argument("file", type=Path)
    dump = sub.add_parser("export", help="write every table to CSV files in DIR")
    dump.add_argument("dir", type=Path)
    load = sub.add_parser("restore", help="fill an empty database from the CSV files of 'export'")
    load.add_argument("dir", type=Path)
    for writing in (init, take, fake, back, load):
        # who made a write, in the history and the audit log
        writing.add_argument("--user", default=None, help="who makes this change (default: your login name)")
    reader = sub.add_parser(
        "grant-read-only",
        help="PostgreSQL: create ROLE (password from $SZE_READ_ONLY_PASSWORD) that reads, never writes",
    )
    reader.add_argument("role")
    secret = sub.add_parser(
        "hash-password", help="print the hash of a password (asked, or read from stdin) for SZE_BASIC_AUTH_USERS"
    )
    secret.add_argument("--user", help="print 'user:hash', an entry for SZE_BASIC_AUTH_USERS")
    return parser


def _run(settings: Settings, args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Run the command ``args`` names (other than hash-password)."""
    user = getattr(args, "user", None) or history.os_user()
    commands: dict[str, Callable[[], int]] = {
        "grant-read-only": lambda: run_grant(settings, args.role),
        "init-db": lambda: init_db(settings, force=args.force, recreate=args.recreate, user=user),
        "import": lambda: run_import(settings, args.kind, args.file, args.dry_run, user, args.append),
        "template": lambda: _template(settings, args.kind, args.file),
        "demo": lambda: run_demo(settings, args.activities, args.seed, user),
        "history": lambda: run_history(settings),
        "undo": lambda: run_undo(settings, args.import_id, user),
        "audit": lambda: run_audit(settings, args.file),
        "export": lambda: run_export(settings, args.dir),
        "restore": lambda: run_restore(settings, args.dir, user),
        "serve": lambda: serve(settings, args.host, args.port, args.workers, args.dev),
        "published": lambda: run_published(settings, args, user),
    }
    if args.command == "published":
        if args.action != "history" and not args.target:
            parser.error(f"published {args.action}: name the workbook or the change's number")
        if args.action in ("export", "import"):
            args.target = Path(args.target)
    if args.command == "demo" and not 1 <= args.activities <= 1_000_000:
        parser.error("--activities: between 1 and 1000000")
    return commands[args.command]()


def _template(settings: Settings, kind: str, path: Path) -> int:
    write_template(kind, path)
    print(t("cli.template_written", settings.lang, file=path))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``sze-dashboard``."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "hash-password":
        return hash_password(args.user)
    try:
        settings = Settings.from_env(database_url=args.database_url)
    except SettingsError as exc:
        print(exc, file=sys.stderr)
        return 2
    if args.command != "serve":
        # every other command may write: the owner's URL where one is set
        settings = settings.for_writing()
    return _run(settings, args, parser)


if __name__ == "__main__":
    sys.exit(main())
