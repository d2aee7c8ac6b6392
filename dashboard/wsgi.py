"""WSGI entry point for gunicorn: ``gunicorn dashboard.wsgi:server`` (run ``sze-dashboard init-db`` first).

As ``sze-dashboard serve`` does, each worker makes the answers one click away (the other regions and weeks) before
they are asked; they are shared by every worker where ``SZE_REDIS_URL`` is set, else each keeps its own.
"""

from dataclasses import replace

from dashboard.app import create_app
from dashboard.settings import Settings

app = create_app(replace(Settings.from_env(), answers_ahead=True))
server = app.server
