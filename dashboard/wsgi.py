"""WSGI entry point for gunicorn: ``gunicorn dashboard.wsgi:server`` (run ``sze-dashboard init-db`` first)."""

from dashboard.app import create_app

app = create_app()
server = app.server
