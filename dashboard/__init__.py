"""The top of the SZE dashboard: app factory, settings, CLI and WSGI entry point; assets are its package data."""
