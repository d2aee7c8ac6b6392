"""Callbacks, one module per view: plain functions plus ``register(app)``; no SQL, no styling."""

from dash import Dash


def register_all(app: Dash) -> None:
    """Wire every callback module to ``app``."""
    from callbacks import download, evaluation, map, pages, reach, state, trends

    for module in (state, pages, map, trends, evaluation, reach, download):
        module.register(app)
