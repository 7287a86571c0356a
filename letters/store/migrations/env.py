"""Alembic's environment: run migrations on the connection `letters.store` hands over.

Runs only inside `open_store` (or a test), which puts an open connection in
`config.attributes["connection"]`; it never creates an engine or reads alembic.ini.
"""

from __future__ import annotations

from alembic import context

from letters.store.tables import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table instead
)
with context.begin_transaction():
    context.run_migrations()
