"""The test databases themselves: each test gets an empty one it can write to."""

from __future__ import annotations

import sqlalchemy as sa


def test_database_url_gives_an_empty_writable_database(database_url: str) -> None:
    url = database_url.replace("postgresql://", "postgresql+psycopg://", 1)
    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            assert sa.inspect(conn).get_table_names() == []
            conn.execute(sa.text("CREATE TABLE probe (id INTEGER PRIMARY KEY)"))
            conn.execute(sa.text("INSERT INTO probe (id) VALUES (1)"))
            assert conn.execute(sa.text("SELECT count(*) FROM probe")).scalar_one() == 1
    finally:
        engine.dispose()
