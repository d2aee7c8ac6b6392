"""Issue 9's measurements: the dashboard beside a minimal Dash app, in one run (``python -m benchmarks``)."""
