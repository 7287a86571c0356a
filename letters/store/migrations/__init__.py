"""Alembic migrations of the letters database, applied by `letters.store.open_store` on open.

There is no alembic.ini: `letters.store.db.alembic_config` builds the configuration in code with
this folder as the script location. To add a migration, copy the newest file in versions/, give it
the next id ("0002") and `down_revision` the previous one. Migrations must not log personal data.
"""
