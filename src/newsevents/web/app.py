"""The FastAPI app: the JSON API under /api, the page at /, OpenAPI docs at /docs.

Everything the browser loads ships in the package (web/static, and Swagger UI's assets
from the swagger-ui-py wheel), so the page and the docs work with no network.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Annotated, Literal

from cachetools import TTLCache
from fastapi import Depends, FastAPI, HTTPException, Path as PathParam, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response, StreamingResponse
from fastapi.concurrency import run_in_threadpool
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsevents.export.run import FORMATS as EXPORT_FORMATS
from newsevents.export.run import TABLES as EXPORT_TABLES
from newsevents.model import STATUSES, Cameo, Plover, Span
from newsevents.web import queries
from newsevents.web.db import Database, DatabaseError, PgDatabase, QueryTimeout, Session
from newsevents.web.models import (
    ActorCount, ActorRef, ActorSpan, ArticleDetail, ArticleSummary, Dyad, Error, Event, EventDetail, EventSpan,
    Location, Mention, Page, PlaceCount, PlaceSpan, QuoteSpan, Timeline, TimelineBucket,
)

STATIC = Path(__file__).resolve().parent / "static"
EXPORT_TYPES = {
    "gdelt": "text/tab-separated-values", "gdelt-mentions": "text/tab-separated-values",
    "plover": "application/x-ndjson", "jsonl": "application/x-ndjson", "parquet": "application/vnd.apache.parquet",
    "csv": "text/csv",
}
MAX_PAGE = 500
ERRORS = {
    404: {"model": Error, "description": "No such item."},
    422: {"model": Error, "description": "A parameter is not valid."},
    503: {"model": Error, "description": "The query took too long, or the database cannot be opened now."},
}

Status = Literal[STATUSES]  # type: ignore[valid-type]
# Ids are hex digests; the pattern keeps anything else from reaching the database.
Id = Annotated[str, PathParam(pattern=r"^[0-9A-Za-z_-]{1,64}$")]


def _text(description: str | None = None, max_length: int = 200, pattern: str | None = None):
    return Annotated[str | None, Query(max_length=max_length, pattern=pattern, description=description)]


ActorCode = _text("Source or target actor code prefix, e.g. RUS or IGOWSTNAT.", 40, r"^[A-Za-z0-9]+$")
SourceCode = _text("Source actor code prefix.", 40, r"^[A-Za-z0-9]+$")
TargetCode = _text("Target actor code prefix.", 40, r"^[A-Za-z0-9]+$")
CameoCode = _text("CAMEO event code prefix.", 4, r"^[0-9]+[A-Za-z]?$")
CameoRoot = _text("CAMEO root code, 01-20.", 2, r"^[0-9]{2}$")
Quad = Annotated[int | None, Query(
    ge=1, le=4, description="Quad class: 1 verbal coop., 2 material coop., 3 verbal conflict, 4 material conflict.")]
Since = Annotated[date | None, Query(
    description="From this day, inclusive: the event's own date (its month's or year's first day when that is all "
                "the text gives), else its article's publication date.")]
Until = Annotated[date | None, Query(description="Up to this day, inclusive.")]


async def event_filter(
    actor: ActorCode = None, source: SourceCode = None, target: TargetCode = None, code: CameoCode = None,
    root: CameoRoot = None, quad: Quad = None,
    plover_type: _text("PLOVER event type, e.g. ASSAULT.", 40) = None,
    plover_mode: _text("PLOVER mode.", 40) = None,
    status: Status | None = None, since: Since = None, until: Until = None,
    country: _text("ISO 3166 alpha-3 country of the event's place.", 3) = None,
    place: _text("Place name of the event.") = None,
    outlet: _text("Outlet of any of the event's mentions.") = None,
    q: _text("Words that occur in the event's sentence.") = None,
) -> queries.EventFilter:
    return queries.EventFilter(actor, source, target, code, root, quad, plover_type, plover_mode, status, since, until,
                               country, place, outlet, q)


Filters = Annotated[queries.EventFilter, Depends(event_filter)]


def _session(request: Request) -> Iterator[Session]:
    # One session per request: its queries see one state of the file, which an ingest may
    # change only between requests.
    with request.app.state.db.session() as session:
        yield session


Db = Annotated[Session, Depends(_session)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"Page size, at most {MAX_PAGE}.")]
Cursor = Annotated[str | None, Query(max_length=400, pattern=r"^[A-Za-z0-9_-]+$",
                                     description="`next_cursor` of the previous page.")]


# -- rows -> response models ----------------------------------------------------------------

def _actor(row: dict, prefix: str) -> ActorRef | None:
    if row.get(f"{prefix}_code") is None and row.get(f"{prefix}_text") is None:
        return None
    return ActorRef(code=row[f"{prefix}_code"], text=row[f"{prefix}_text"], start=row[f"{prefix}_start"],
                    end=row[f"{prefix}_end"])


def _span(row: dict, prefix: str) -> Span | None:
    if row.get(f"{prefix}_start") is None:
        return None
    return Span(row[f"{prefix}_text"] or "", row[f"{prefix}_start"], row[f"{prefix}_end"])


def _cameo(row: dict) -> Cameo:
    return Cameo(row["cameo_code"], row["cameo_root"], row["cameo_name"] or "", row["cameo_quad_class"],
                 row["cameo_goldstein"])


def _plover(row: dict) -> Plover | None:
    return Plover(row["plover_type"], row["plover_mode"]) if row.get("plover_type") else None


def _location(row: dict) -> Location | None:
    if row.get("location_name") is None and row.get("location_country") is None:
        return None
    return Location(name=row["location_name"], country=row["location_country"], admin1=row["location_admin1"],
                    lat=row["location_lat"], lon=row["location_lon"], geonames_id=row["location_geonames_id"])


def _event(row: dict) -> Event:
    return Event(
        id=row["id"], day=row["listing_day"], date_value=row["date_value"], date_precision=row["date_precision"],
        source=_actor(row, "source"), target=_actor(row, "target"), cameo=_cameo(row), plover=_plover(row),
        status=row["status"], reported_by=_actor(row, "reported_by"), location=_location(row),
        sentence=row["sentence_text"], mention_id=row["mention_id"], article_id=row["article_id"],
        num_mentions=row["num_mentions"], num_articles=row["num_articles"],
        num_sources=row["num_sources"], first_seen=row["first_seen"], last_seen=row["last_seen"],
    )


def _mention(row: dict) -> Mention:
    return Mention(
        id=row["id"], event_id=row["event_id"], article_id=row["article_id"], title=row["title"],
        outlet=row["outlet"], url=row["url"],
        published=row["published"], sentence=_span(row, "sentence"), trigger=_span(row, "trigger"),
        source=_actor(row, "source"), target=_actor(row, "target"), status=row["status"],
        reported_by=_actor(row, "reported_by"), date_span=_span(row, "date_span"), confidence=row["confidence"],
        rule=row["rule"], join_reason=row["join_reason"],
    )


def _event_span(row: dict) -> EventSpan:
    return EventSpan(
        id=row["id"], event_id=row["event_id"], cameo=_cameo(row), status=row["status"],
        sentence=_span(row, "sentence"),
        trigger=_span(row, "trigger"), source=_actor(row, "source"), target=_actor(row, "target"),
        reported_by=_actor(row, "reported_by"), date_value=row["date_value"],
        date_span=_span(row, "date_span"),
    )


def _quote(row: dict) -> QuoteSpan:
    return QuoteSpan(speaker=_actor(row, "speaker"), cue=_span(row, "cue"), content=_span(row, "content"),
                     direct=bool(row["direct"]))


def _place(row: dict) -> PlaceSpan:
    return PlaceSpan(name=row["name"], span=_span(row, "span"), country=row["country"], lat=row["lat"], lon=row["lon"])


def _actor_span(row: dict) -> ActorSpan:
    return ActorSpan(text=row["text"], start=row["start_char"], end=row["end_char"], code=row["code"],
                     name=row["name"], is_place=bool(row["is_place"]))


def _page(s: Session, model, page_query: tuple[str, list], rows_query, item, limit: int) -> Page:
    """One page of a keyset-paged listing: `page_query` gives ids and sort keys of limit + 1
    rows (an extra one says a next page exists), `rows_query(page)` the full rows of those,
    `item(row)` the response model of each; the cursor is the last row's key and id."""
    page = s.rows(*page_query)
    more = len(page) > limit
    page = page[:limit]
    by_id = {r["id"]: r for r in s.rows(*rows_query(page))} if page else {}
    items = [item(by_id[r["id"]]) for r in page if r["id"] in by_id]
    next_cursor = queries.encode_cursor(page[-1]["sort_key"], page[-1]["id"]) if more else None
    return Page[model](items=items, next_cursor=next_cursor, limit=limit)


def _json(items: list[BaseModel]) -> bytes:
    return b"[" + b",".join(item.model_dump_json().encode() for item in items) + b"]"



# -- the app ----------------------------------------------------------------------------------

def create_app(db: Database | PgDatabase, cors_origins: list[str] | None = None, cache_seconds: float = 60.0) -> FastAPI:
    app = FastAPI(
        title="newsevents",
        description="Political events coded from English news, each with the sentences that report it.",
        version="0.1.0",
        docs_url=None,  # served below from packaged assets instead of a CDN
        redoc_url=None,
    )
    app.state.db = db
    if cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=cors_origins, allow_methods=["GET"])

    @app.exception_handler(QueryTimeout)
    async def _timeout(request: Request, exc: QueryTimeout):
        return JSONResponse({"error": str(exc)}, status_code=503)

    @app.exception_handler(DatabaseError)
    async def _unavailable(request: Request, exc: DatabaseError):
        return JSONResponse({"error": str(exc)}, status_code=503)

    @app.exception_handler(queries.BadCursor)
    async def _bad_cursor(request: Request, exc: queries.BadCursor):
        return JSONResponse({"error": str(exc)}, status_code=422)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ())[1:]) or "request"
        return JSONResponse({"error": f"{where}: {first.get('msg', 'invalid')}"}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        return JSONResponse({"error": "internal error"}, status_code=500)


    # Aggregates are the page's first view and each costs a scan of every event, so their
    # finished JSON is kept for `cache_seconds`: a hit touches neither the file nor the
    # models, and the time bounds how long an ingest's new events go uncounted.
    # These endpoints are coroutines: a hit is answered on the event loop, and only a miss
    # goes to a worker thread for the query (the cache is touched from the loop alone).
    cache = TTLCache(maxsize=1024, ttl=cache_seconds) if cache_seconds > 0 else None
    app.state.cache = cache

    async def cached(request: Request, build) -> Response:
        key = (request.url.path, tuple(sorted(request.query_params.multi_items())))
        body = cache.get(key) if cache is not None else None
        if body is None:
            body = await run_in_threadpool(build)
            if cache is not None:
                cache[key] = body
        return Response(body, media_type="application/json")

    # -- events ----------------------------------------------------------------------------

    @app.get("/api/events", response_model=Page[Event], responses=ERRORS, tags=["events"])
    def list_events(
        s: Db,
        filters: Filters,
        sort: Annotated[Literal["date", "-date", "goldstein", "-goldstein"], Query()] = "-date",
        limit: Limit = 50,
        cursor: Cursor = None,
    ) -> Page[Event]:
        """Events matching every given filter, one page at a time (newest first by default)."""
        key = sort.lstrip("-")
        after = queries.decode_cursor(cursor, key) if cursor else None
        return _page(s, Event, queries.event_page(filters, key, sort.startswith("-"), limit, after, s.row_ids),
                     queries.events_by_id, _event, limit)

    @app.get("/api/events/{event_id}", response_model=EventDetail, responses=ERRORS, tags=["events"])
    def get_event(s: Db, event_id: Id) -> EventDetail:
        """One event with every mention that reports it and the evidence spans of each."""
        found = s.rows(*queries.event(event_id))
        if not found:
            raise HTTPException(404, f"no event {event_id}")
        mentions = s.rows(*queries.mentions_of(event_id))
        return EventDetail(**_event(found[0]).model_dump(), mentions=[_mention(r) for r in mentions])

    @app.get("/api/export", responses={**ERRORS, 200: {"content": {t: {} for t in set(EXPORT_TYPES.values())},
                                                           "description": "The export file, streamed."}},
             response_class=StreamingResponse, tags=["events"])
    def export(
        format: Literal[EXPORT_FORMATS],  # type: ignore[valid-type]
        table: Literal[EXPORT_TABLES] = "events",  # type: ignore[valid-type]
        source: SourceCode = None, target: TargetCode = None, code: CameoCode = None, status: Status | None = None,
        since: Since = None, until: Until = None, outlet: _text("Outlet of the article.") = None,
        header: bool = False,
    ) -> StreamingResponse:
        """The events (or their mentions, articles ...) in the formats of `newsevents export`: GDELT 2.0
        events or mentions, PLOVER JSON Lines, Parquet, CSV or JSON Lines, with that command's filters."""
        from newsevents.export.run import ExportError
        from newsevents.export.run import export as write_export
        from newsevents.store.filters import Filters as StoreFilters

        chosen = StoreFilters(actor=source, target=target, code=code, status=status, since=since, until=until,
                              outlet=outlet)
        # The exporter writes a file a chunk at a time (it never holds all the rows); the
        # file is then streamed and removed.
        handle, name = tempfile.mkstemp(prefix="newsevents-export-", suffix=f".{format}")
        os.close(handle)
        try:
            # PostgreSQL's URL, with the password the displayed `path` leaves out.
            write_export(db.url if isinstance(db, PgDatabase) else db.path, format, name, chosen, table=table,
                         header=header)
        except ExportError as err:
            os.unlink(name)
            raise HTTPException(422, str(err)) from None
        except BaseException:
            os.unlink(name)
            raise

        def chunks() -> Iterator[bytes]:
            try:
                with open(name, "rb") as f:
                    while chunk := f.read(1 << 20):
                        yield chunk
            finally:
                os.unlink(name)

        suffix = {"gdelt": "tsv", "gdelt-mentions": "tsv", "plover": "jsonl"}.get(format, format)
        return StreamingResponse(chunks(), media_type=EXPORT_TYPES[format],
                                 headers={"Content-Disposition": f'attachment; filename="{table}.{suffix}"'})

    # -- aggregates --------------------------------------------------------------------------

    @app.get("/api/timeline", response_model=Timeline, responses=ERRORS, tags=["aggregates"])
    async def get_timeline(request: Request, filters: Filters, interval: Literal["day", "week", "month"] = "month",
                     by: Literal["quad", "plover"] = "quad") -> Response:
        """Event counts per day, ISO week or month, split by quad class or PLOVER type."""
        def build() -> bytes:
            buckets = [TimelineBucket(**r) for r in db.rows(*queries.timeline(filters, interval, by))]
            return Timeline(interval=interval, by=by, buckets=buckets).model_dump_json().encode()

        return await cached(request, build)

    @app.get("/api/actors", response_model=list[ActorCount], responses=ERRORS, tags=["aggregates"])
    async def get_actors(request: Request, filters: Filters, limit: Limit = 50) -> Response:
        """The actors most often source or target of the matching events."""
        return await cached(request, lambda: _json([ActorCount(**r) for r in db.rows(*queries.actors(filters, limit))]))

    @app.get("/api/dyads", response_model=list[Dyad], responses=ERRORS, tags=["aggregates"])
    async def get_dyads(request: Request, filters: Filters, limit: Limit = 100) -> Response:
        """Source -> target edges of the actor network: counts, mean Goldstein score, counts per quad class."""
        return await cached(request, lambda: _json([
            Dyad(source=r["source"], target=r["target"], count=r["count"], goldstein_mean=round(r["goldstein_mean"], 3),
                 quad={str(q): r[f"q{q}"] for q in (1, 2, 3, 4)})
            for r in db.rows(*queries.dyads(filters, limit))
        ]))

    @app.get("/api/places", response_model=list[PlaceCount], responses=ERRORS, tags=["aggregates"])
    async def get_places(request: Request, filters: Filters, limit: Limit = 200) -> Response:
        """Event counts per country and place, with coordinates where the place has them."""
        return await cached(request, lambda: _json([PlaceCount(**r) for r in db.rows(*queries.places(filters, limit))]))

    # -- articles ---------------------------------------------------------------------------

    @app.get("/api/articles", response_model=Page[ArticleSummary], responses=ERRORS, tags=["articles"])
    def list_articles(
        s: Db,
        outlet: Annotated[str | None, Query(max_length=200)] = None,
        since: date | None = None,
        until: date | None = None,
        q: Annotated[str | None, Query(max_length=200, description="Words in the title.")] = None,
        limit: Limit = 50,
        cursor: Cursor = None,
    ) -> Page[ArticleSummary]:
        """Stored articles, newest first."""
        after = queries.decode_cursor(cursor, "date") if cursor else None
        return _page(s, ArticleSummary, queries.article_page(outlet, since, until, q, limit, after),
                     lambda page: queries.articles_by_id([r["id"] for r in page]),
                     lambda row: ArticleSummary(**row), limit)

    @app.get("/api/articles/{article_id}", response_model=ArticleDetail, responses=ERRORS, tags=["articles"])
    def get_article(s: Db, article_id: Id) -> ArticleDetail:
        """An article's text with every span found in it: events, actors, quotes, dates and places."""
        found = s.rows(*queries.article(article_id))
        if not found:
            raise HTTPException(404, f"no article {article_id}")
        children = {t: s.rows(*queries.article_children(t, article_id)) for t in ("mentions", "actors", "quotes", "places")}
        return ArticleDetail(
            **found[0],
            event_spans=[_event_span(r) for r in children["mentions"]],
            actors=[_actor_span(r) for r in children["actors"]],
            quotes=[_quote(r) for r in children["quotes"]],
            places=[_place(r) for r in children["places"]],
        )

    # -- page and docs -----------------------------------------------------------------------

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.mount("/docs-assets", StaticFiles(directory=_swagger_assets()), name="docs-assets")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url, title="newsevents API",
            swagger_js_url="/docs-assets/swagger-ui-bundle.js", swagger_css_url="/docs-assets/swagger-ui.css",
            swagger_favicon_url="/docs-assets/favicon-32x32.png",
        )

    return app


def _swagger_assets() -> Path:
    import swagger_ui

    return Path(swagger_ui.__file__).resolve().parent / "static"
