"""The database: engine and migrations, the writer, near-duplicate signatures."""
