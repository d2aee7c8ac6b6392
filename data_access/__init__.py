"""The read path of the SZE dashboard: schema, engine, queries, summaries, the data version and migrations."""
