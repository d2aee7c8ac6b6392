"""The Slimme Zorg Estafette dashboard: app factory, settings, CLI and WSGI entry point."""
