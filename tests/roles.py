"""A PostgreSQL role that reads and never writes, as ``sze-dashboard grant-read-only`` makes it for the web process."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, make_url, text

CLI = str(Path(sys.executable).parent / "sze-dashboard")


@contextmanager
def read_only_role(owner_url: str) -> Iterator[str]:
    """A new read-only role on the owner's (filled) database, made by the command line; its URL. Dropped after:
    roles are the cluster's, and the tests leave none behind."""
    role = f"sze_web_{uuid.uuid4().hex[:8]}"
    owner = {**os.environ, "DATABASE_URL": owner_url, "SZE_READ_ONLY_PASSWORD": "x"}
    subprocess.run([CLI, "grant-read-only", role], env=owner, check=True, capture_output=True)
    try:
        yield make_url(owner_url).set(username=role, password="x").render_as_string(hide_password=False)
    finally:
        admin = create_engine(owner_url)
        with admin.begin() as conn:
            conn.execute(text(f'DROP OWNED BY "{role}"'))
        admin.dispose()
        server = create_engine(make_url(owner_url).set(database="postgres"), isolation_level="AUTOCOMMIT")
        with server.connect() as conn:
            conn.execute(text(f'REVOKE ALL ON DATABASE "{make_url(owner_url).database}" FROM "{role}"'))
            conn.execute(text(f'DROP ROLE "{role}"'))
        server.dispose()
