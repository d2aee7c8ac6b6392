"""Component trees of the views, one module per view: its skeleton and the texts beside its charts."""
