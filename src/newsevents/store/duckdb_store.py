"""The DuckDB store: one file, one writer process.

Rows go in through DuckDB's scan of registered NumPy object columns rather than
parameterised INSERTs: binding parameters costs ~100 µs per row and every statement
~1 ms, which at ingest speed would make the single writer the bottleneck. Several whole
articles may share one transaction (`save_many`); each article is still all or nothing,
because its rows are only ever written together with its `articles` row, and the events
its mentions join are re-clustered inside the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime, timezone
from pathlib import Path

import duckdb
import numpy as np

from newsevents.dedup.cluster import cluster
from newsevents.dedup.keys import keys_of, rules
from newsevents.model import Article, ArticleResult
from newsevents.store import duckdb_sharing, versioning
from newsevents.store.filters import Filters, articles_query, events_query, mentions_query, recode_query
from newsevents.store.rows import ArticleRows, event_row, rows_of
from newsevents.store.shape import leaves
from newsevents.store.schema import ARTICLE_TABLES, MENTION_KEYS, SCHEMA_VERSION, TABLES, TYPES, column_names


class StoreError(Exception):
    """A store that cannot be opened or used; the message is meant for the user."""


def _column(values: list) -> np.ndarray:
    # An object array keeps None, lists and strings as they are; DuckDB casts on insert.
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


def _utc_now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class DuckDBStore:
    def __init__(self, path: str | Path, read_only: bool = False):
        self.path = str(path)
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError(f"{self.path}: no such database (run `newsevents ingest` first)")
        try:
            # One thread: inserts are tiny, and the parsing workers need the cores.
            config = {"threads": 1} if not read_only else {}
            self.con = duckdb_sharing.connect(self.path, read_only=read_only, config=config)
        except duckdb.Error as err:
            raise StoreError(f"{self.path}: cannot open database ({_first_line(err)})") from None
        self._inserts = {table: self._insert_sql(table) for table in TABLES}
        try:
            if read_only:
                found = versioning.check(self.con, self.path)
                if found < SCHEMA_VERSION:
                    raise StoreError(versioning.needs_migration_message(self.path, found))
            else:
                if versioning.prepare(self.con, self.path, TYPES) == 1:
                    self._key_migrated_mentions()
        except versioning.ForeignDatabase as err:
            self.con.close()
            raise StoreError(str(err)) from None
        except StoreError:
            self.con.close()
            raise

    @staticmethod
    def _insert_sql(table: str) -> str:
        names = column_names(table)
        casts = ", ".join(f"CAST({name} AS {TYPES[kind]})" for name, kind in TABLES[table])
        return f"INSERT INTO {table} ({', '.join(names)}) SELECT {casts} FROM incoming_{table}"

    def _append(self, table: str, rows: list[tuple]) -> None:
        if not rows:
            return
        names = column_names(table)
        view = f"incoming_{table}"
        self.con.register(view, {name: _column([row[i] for row in rows]) for i, name in enumerate(names)})
        try:
            self.con.execute(self._inserts[table])
        finally:
            self.con.unregister(view)

    # -- writing ---------------------------------------------------------------------

    def has(self, article_id: str) -> bool:
        return self.con.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone() is not None

    def present(self, ids: Iterable[str]) -> set[str]:
        """Which of these article ids are stored: one query for many (each query costs ~1 ms)."""
        return set(self.content_hashes(ids))

    def content_hashes(self, ids: Iterable[str]) -> dict[str, str | None]:
        """Stored article id -> its content hash (None for articles stored before hashes)."""
        ids = list(ids)
        if not ids:
            return {}
        rows = self.con.execute(
            "SELECT id, content_hash FROM articles WHERE id IN (SELECT unnest(?))", [ids]
        ).fetchall()
        return dict(rows)

    def save(self, result: ArticleResult | ArticleRows) -> bool:
        """Store one article and all its rows in one transaction; False if already present."""
        return self.save_many([result])[0]

    def save_many(self, results: Iterable[ArticleResult | ArticleRows], replace: bool = False) -> list[bool]:
        """Store several whole articles in one transaction (one commit is ~1 ms of CPU).

        An article already stored with the same content is left alone (False); one whose
        content changed (an edit at the same URL), or any stored one when `replace`, has
        all its rows replaced. Returns, per input, whether it was written.
        """
        batch = [r if isinstance(r, ArticleRows) else rows_of(r) for r in results]
        if not batch:
            return []
        self.con.begin()
        try:
            stored = self.content_hashes({r.article_id for r in batch})
            written: list[bool] = []
            new: dict[str, ArticleRows] = {}
            for rows in batch:
                if rows.article_id in new:
                    fresh = False  # the same article twice in one batch
                elif rows.article_id in stored:
                    old = stored[rows.article_id]
                    fresh = replace or (old is not None and old != rows.content_hash)
                else:
                    fresh = True
                written.append(fresh)
                if fresh:
                    new[rows.article_id] = rows
            replaced = [i for i in new if i in stored]
            first_ingest = dict(self.con.execute(
                "SELECT id, ingested_at FROM articles WHERE id IN (SELECT unnest(?))", [replaced]
            ).fetchall()) if replaced else {}
            touched = self._remove(replaced)
            now = _utc_now()
            self._append("articles", [
                (*r.article, first_ingest.get(r.article_id, now), now if r.article_id in stored else None)
                for r in new.values()
            ])
            for table in ARTICLE_TABLES:
                if table != "articles":
                    self._append(table, [row for r in new.values() for row in r.table_rows()[table]])
            self._recluster([(m[0], m[1]) for r in new.values() for m in r.mentions], touched)
            self.con.commit()
        except BaseException:
            self.con.rollback()
            raise
        return written

    def _remove(self, article_ids: list[str]) -> set[str]:
        """Delete these articles with all their rows; the events their mentions were in."""
        if not article_ids:
            return set()
        events = self.con.execute(
            "SELECT DISTINCT event_id FROM mentions WHERE article_id IN (SELECT unnest(?)) AND event_id IS NOT NULL",
            [article_ids],
        ).fetchall()
        for table in ARTICLE_TABLES:
            key = "id" if table == "articles" else "article_id"
            self.con.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT unnest(?))", [article_ids])
        return {r[0] for r in events}

    def _recluster(self, new: list[tuple[str, str]], touched: set[str]) -> dict[str, int]:
        """Re-cluster what these new mentions (article id, mention id) and these changed
        events touch, nothing else. Returns how many event ids vanished and appeared."""
        if not new and not touched:
            return {"added": 0, "removed": 0}
        self.con.register("new_mentions", {
            "article_id": _column([n[0] for n in new]), "id": _column([n[1] for n in new]),
        })
        try:
            near = self.con.execute(
                "SELECT DISTINCT m.event_id FROM mentions m JOIN mentions n ON m.block_key = n.block_key "
                "AND ((m.day IS NULL AND n.day IS NULL) OR abs(m.day - n.day) <= ?) "
                "JOIN new_mentions x ON x.article_id = n.article_id AND x.id = n.id "
                "WHERE m.event_id IS NOT NULL",
                [rules()["day_window"]],
            ).fetchall()
            affected = touched | {r[0] for r in near}
            cursor = self.con.execute(
                "SELECT m.*, a.outlet AS article_outlet, a.published AS article_published "
                "FROM mentions m JOIN articles a ON a.id = m.article_id "
                "WHERE m.event_id IN (SELECT unnest(?)) "
                "OR EXISTS (SELECT 1 FROM new_mentions x WHERE x.article_id = m.article_id AND x.id = m.id)",
                [list(affected)],
            )
            names = [d[0] for d in cursor.description]
            mentions = [dict(zip(names, row)) for row in cursor.fetchall()]
        finally:
            self.con.unregister("new_mentions")
        clusters = cluster(mentions)
        self.con.execute("DELETE FROM events WHERE id IN (SELECT unnest(?))", [list(affected)])
        self._append("events", [event_row(c) for c in clusters])
        updates = [(m["article_id"], m["id"], c.id, why) for c in clusters for m, why in zip(c.mentions, c.reasons)]
        if updates:
            self.con.register("mention_updates", {
                name: _column([u[i] for u in updates])
                for i, name in enumerate(("article_id", "id", "event_id", "join_reason"))
            })
            try:
                self.con.execute(
                    "UPDATE mentions SET event_id = u.event_id, join_reason = u.join_reason "
                    "FROM mention_updates u WHERE mentions.article_id = u.article_id AND mentions.id = u.id"
                )
            finally:
                self.con.unregister("mention_updates")
        now = {c.id for c in clusters}
        return {"added": len(now - affected), "removed": len(affected - now)}

    def _key_migrated_mentions(self) -> None:
        """Blocking keys and events for mentions that a version-1 file brought along."""
        rows = self.con.execute(
            "SELECT m.article_id, m.id, m.cameo_code, "
            "CASE WHEN m.source_is_place THEN NULL ELSE coalesce(m.source_country, m.source_code) END, "
            "CASE WHEN m.target_is_place THEN NULL ELSE coalesce(m.target_country, m.target_code) END, m.date_precision, m.date_value, a.published "
            "FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.block_key IS NULL"
        ).fetchall()
        if not rows:
            return
        keyed = []
        for article_id, mid, code, source, target, precision, value, published in rows:
            day = published
            if precision == "day" and value:
                try:
                    day = date.fromisoformat(value)
                except ValueError:
                    pass
            k = keys_of(code, source, target, day, article_id, mid)
            keyed.append((article_id, mid, k.block_key, k.day, k.source_party, k.target_party))
        self.con.begin()
        try:
            names = ["article_id", "id", *(name for name, _ in MENTION_KEYS)]
            self.con.register("mention_keys", {n: _column([r[i] for r in keyed]) for i, n in enumerate(names)})
            try:
                self.con.execute(
                    "UPDATE mentions SET block_key = k.block_key, day = CAST(k.day AS DATE), "
                    "source_party = k.source_party, target_party = k.target_party "
                    "FROM mention_keys k WHERE mentions.article_id = k.article_id AND mentions.id = k.id"
                )
            finally:
                self.con.unregister("mention_keys")
            self._recluster([(r[0], r[1]) for r in keyed], set())
            self.con.commit()
        except BaseException:
            self.con.rollback()
            raise

    def record_failure(self, input: str, reason: str) -> None:
        """One row per input and reason, counted: re-runs do not pile up copies."""
        now = _utc_now()
        self.con.execute(
            "INSERT INTO failures VALUES (?, ?, 1, ?, ?) ON CONFLICT (input, reason) "
            "DO UPDATE SET count = failures.count + 1, last_seen = excluded.last_seen",
            [input, reason, now, now],
        )

    # -- reading ---------------------------------------------------------------------

    def _dicts(self, sql: str, params: list) -> Iterator[dict]:
        cursor = self.con.execute(sql, params)
        names = [d[0] for d in cursor.description]
        while chunk := cursor.fetchmany(1000):
            for row in chunk:
                yield dict(zip(names, row))

    def articles(self, filters: Filters = Filters()) -> Iterator[dict]:
        return self._dicts(*articles_query(filters))

    def events(self, filters: Filters = Filters()) -> Iterator[dict]:
        """De-duplicated events, each with the fields of its most informative mention."""
        return self._dicts(*events_query(filters, column_names("events")))

    def mentions(self, filters: Filters = Filters()) -> Iterator[dict]:
        """Every coded mention (one per event in a sentence), with the event it belongs to."""
        return self._dicts(*mentions_query(filters, column_names("mentions")))

    def recode_ids(self, filters: Filters = Filters(), outdated: tuple[str, str] | None = None) -> list[str]:
        """Ids of the stored articles to re-code (`filters.recode_query`)."""
        return [r[0] for r in self.con.execute(*recode_query(filters, outdated)).fetchall()]

    def stored_articles(self, ids: list[str]) -> list[Article]:
        """The stored articles themselves, as the readers once made them (no input is read)."""
        names = [leaf.name for leaf in leaves(Article)]
        rows = self.con.execute(
            f"SELECT {', '.join(names)} FROM articles WHERE id IN (SELECT unnest(?)) ORDER BY id", [ids]
        ).fetchall()
        return [Article(**dict(zip(names, row))) for row in rows]

    def event_fingerprints(self) -> dict[str, str]:
        """Event id -> a digest of its whole row: what recoding compares before and after."""
        return dict(self.con.execute("SELECT id, md5(CAST(e AS VARCHAR)) FROM events e").fetchall())

    def failures(self) -> Iterator[dict]:
        return self._dicts("SELECT * FROM failures ORDER BY last_seen, input", [])

    def count(self, table: str) -> int:
        if table not in TABLES:
            raise ValueError(f"unknown table {table!r}")
        return self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> DuckDBStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _first_line(err: BaseException) -> str:
    return str(err).splitlines()[0] if str(err) else type(err).__name__
