"""The top of the SZE dashboard: app factory, settings, CLI and WSGI entry point; assets are its package data."""

from importlib.metadata import PackageNotFoundError, version

try:
    #: Dash reads it when it serves the package's own scripts (``vendor/``) as a component suite: part of their URL
    __version__ = version("sze-dashboard")
except PackageNotFoundError:  # run from a checkout that was never installed
    __version__ = "0"
