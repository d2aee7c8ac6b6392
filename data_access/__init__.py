"""Data access for the SZE dashboard: schema, engine, bundled-data loader and query functions."""
