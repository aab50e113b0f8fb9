"""The SQL of each export, over the store's `events` (clusters), `mentions` and `articles`.

Every query reads the selected event ids from the temporary table `sel` (see `select_sql`)
and the lookup tables `actor_split`, `country_ref` and `doc_ref` that `export.run`
registers, so each export is one DuckDB statement streamed by COPY: no row passes
through Python except article texts on their way to the tone function. `doc_ref` holds
what the formats need of each article without its text (which, joined whole, made the
1M-event GDELT export run out of DuckDB's memory limit).
"""

from __future__ import annotations

from newsevents.store.filters import EVENT_DAY, Filters, day_conditions, event_conditions

# A mention's sentence number in its article, counted from 1: the sentence starts that
# precede it (`doc_ref.sentence_ends`, see tone.sentence_ends), plus one.
def _sentence_number(start: str) -> str:
    return f"len(list_filter(d.sentence_ends, lambda x: x <= {start})) + 1"


# Exports go out in the order of the day they are filtered by, the same day they print.
ORDER = f"{EVENT_DAY} NULLS LAST, e.id"


def _selection(f: Filters) -> tuple[str, list]:
    """FROM/WHERE of the events the filters keep, and its parameters."""
    where, params = event_conditions(f)
    days, day_params = day_conditions(f)
    where += days
    params += day_params
    if f.outlet:
        # Any of the event's mentions from that outlet.
        where.append(
            "EXISTS (SELECT 1 FROM mentions m JOIN articles a ON a.id = m.article_id "
            "WHERE m.event_id = e.id AND lower(a.outlet) = lower(?))"
        )
        params.append(f.outlet)
    return " FROM events e" + (f" WHERE {' AND '.join(where)}" if where else ""), params


def _limit(f: Filters) -> tuple[str, list]:
    return (" LIMIT ?", [f.limit]) if f.limit is not None else ("", [])


def select_sql(f: Filters, replace: bool = True) -> tuple[str, list]:
    """CREATE the `sel` table: ids of the events the filters keep, in export order.
    PostgreSQL (`replace=False`) has no CREATE OR REPLACE TABLE, and needs none: each
    export has a connection of its own."""
    source, params = _selection(f)
    limit, p = _limit(f)
    sql = (
        f"CREATE {'OR REPLACE ' if replace else ''}TEMP TABLE sel AS "
        f"SELECT e.id, row_number() OVER (ORDER BY {ORDER}) AS n{source} ORDER BY n{limit}"
    )
    return sql, params + p


def _clean(expr: str) -> str:
    """GDELT files are tab-separated and unquoted: no tab or line break may reach a field."""
    return f"regexp_replace({expr}, '[\\t\\r\\n]+', ' ', 'g')"


def _ymd(expr: str) -> str:
    return f"CAST(strftime({expr}, '%Y%m%d') AS INTEGER)"


def _stamp(expr: str) -> str:
    return f"CAST(strftime({expr}, '%Y%m%d%H%M%S') AS BIGINT)"


# GLOBALEVENTID is an integer; event ids are hex digests, whose first 15 digits (60 bits)
# make a positive BIGINT that is as stable as the id itself.
def _global_id(expr: str) -> str:
    return f"CAST('0x' || substr({expr}, 1, 15) AS BIGINT)"


def _actor(n: int, prefix: str) -> str:
    s = f"s{n}"
    return ",\n".join([
        f"e.{prefix}_code AS Actor{n}Code",
        f"{_clean(f'upper(coalesce(e.{prefix}_name, e.{prefix}_text))')} AS Actor{n}Name",
        f"coalesce({s}.country, e.{prefix}_country) AS Actor{n}CountryCode",
        f"{s}.known_group AS Actor{n}KnownGroupCode",
        f"{s}.ethnic AS Actor{n}EthnicCode",
        f"{s}.religion1 AS Actor{n}Religion1Code",
        f"{s}.religion2 AS Actor{n}Religion2Code",
        f"{s}.type1 AS Actor{n}Type1Code",
        f"{s}.type2 AS Actor{n}Type2Code",
        f"{s}.type3 AS Actor{n}Type3Code",
    ])


def _country_geo(label: str, c: str) -> str:
    """A geography block at country level (GDELT type 1), from a country_ref row."""
    return ",\n".join([
        f"CASE WHEN {c}.fips IS NOT NULL THEN 1 END AS {label}_Type",
        f"{c}.name AS {label}_FullName",
        f"{c}.fips AS {label}_CountryCode",
        f"{c}.fips AS {label}_ADM1Code",
        f"NULL AS {label}_ADM2Code",
        f"{c}.lat AS {label}_Lat",
        f"{c}.lon AS {label}_Long",
        f"{c}.fips AS {label}_FeatureID",
    ])


def _action_geo(c: str) -> str:
    """The event's own place: GDELT types 1 country, 2 US state, 3 US city, 4 world city,
    5 world state; ADM1 is FIPS country + the GeoNames admin1 code (FIPS 10-4 for most
    countries); FeatureID is the GeoNames id (GDELT uses GNS/GNIS ids)."""
    kind = (
        "CASE WHEN e.location_name IS NULL THEN NULL "
        "WHEN e.location_feature = 'country' THEN 1 "
        "WHEN e.location_feature IN ('admin1', 'region') THEN CASE WHEN e.location_country = 'USA' THEN 2 ELSE 5 END "
        "ELSE CASE WHEN e.location_country = 'USA' THEN 3 ELSE 4 END END"
    )
    admin1 = "nullif(split_part(e.location_admin1, '.', 2), '')"
    place_and_country = _clean(f"concat_ws(', ', e.location_name, {c}.name)")
    return ",\n".join([
        f"{kind} AS ActionGeo_Type",
        f"CASE WHEN e.location_name IS NULL THEN NULL WHEN e.location_feature = 'country' THEN coalesce({c}.name, e.location_name) "
        f"ELSE {place_and_country} END AS ActionGeo_FullName",
        f"CASE WHEN e.location_name IS NOT NULL THEN {c}.fips END AS ActionGeo_CountryCode",
        f"CASE WHEN e.location_name IS NULL THEN NULL WHEN e.location_feature = 'country' OR {admin1} IS NULL "
        f"THEN {c}.fips ELSE {c}.fips || {admin1} END AS ActionGeo_ADM1Code",
        "NULL AS ActionGeo_ADM2Code",
        "e.location_lat AS ActionGeo_Lat",
        "e.location_lon AS ActionGeo_Long",
        f"CASE WHEN e.location_feature = 'country' THEN {c}.fips ELSE CAST(e.location_geonames_id AS VARCHAR) END "
        "AS ActionGeo_FeatureID",
    ])


def gdelt_events_sql() -> str:
    day = EVENT_DAY
    return f"""
WITH ev_articles AS (
    SELECT DISTINCT m.event_id, m.article_id FROM mentions m JOIN sel ON sel.id = m.event_id
), ev_tone AS (
    SELECT x.event_id, avg(d.tone) AS tone FROM ev_articles x JOIN doc_ref d ON d.id = x.article_id GROUP BY x.event_id
)
SELECT
{_global_id('e.id')} AS GLOBALEVENTID,
{_ymd(day)} AS SQLDATE,
CAST(strftime({day}, '%Y%m') AS INTEGER) AS MonthYear,
year({day}) AS Year,
round(year({day}) + (month({day}) * 30 + day({day})) / 365.0, 4) AS FractionDate,
{_actor(1, 'source')},
{_actor(2, 'target')},
CASE WHEN fm.sentence_start < fd.lead_end THEN 1 ELSE 0 END AS IsRootEvent,
e.cameo_code AS EventCode,
substr(e.cameo_code, 1, 3) AS EventBaseCode,
coalesce(e.cameo_root, substr(e.cameo_code, 1, 2)) AS EventRootCode,
e.cameo_quad_class AS QuadClass,
e.cameo_goldstein AS GoldsteinScale,
e.num_mentions AS NumMentions,
e.num_sources AS NumSources,
e.num_articles AS NumArticles,
round(t.tone, 4) AS AvgTone,
{_country_geo('Actor1Geo', 'c1')},
{_country_geo('Actor2Geo', 'c2')},
{_action_geo('c3')},
{_stamp('fd.ingested_at')} AS DATEADDED,
{_clean('coalesce(fd.url, fd.source)')} AS SOURCEURL
FROM sel
JOIN events e ON e.id = sel.id
LEFT JOIN ev_tone t ON t.event_id = e.id
LEFT JOIN mentions fm ON fm.id = e.first_mention_id
LEFT JOIN doc_ref fd ON fd.id = fm.article_id
LEFT JOIN actor_split s1 ON s1.code = e.source_code
LEFT JOIN actor_split s2 ON s2.code = e.target_code
LEFT JOIN country_ref c1 ON c1.code = coalesce(s1.country, e.source_country)
LEFT JOIN country_ref c2 ON c2.code = coalesce(s2.country, e.target_country)
LEFT JOIN country_ref c3 ON c3.code = e.location_country
ORDER BY sel.n
"""


SOURCE_NAME = _clean("coalesce(nullif(regexp_extract(d.url, '^[A-Za-z]+://(?:www\\.)?([^/:?#]+)', 1), ''), d.outlet)")
IDENTIFIER = _clean("coalesce(d.url, concat_ws(', ', d.outlet, d.title, strftime(d.published, '%Y-%m-%d'), d.source))")


def gdelt_mentions_sql() -> str:
    return f"""
SELECT
{_global_id('e.id')} AS GLOBALEVENTID,
{_stamp('fd.ingested_at')} AS EventTimeDate,
{_stamp('d.ingested_at')} AS MentionTimeDate,
CASE WHEN d.url IS NOT NULL THEN 1 ELSE 2 END AS MentionType,
{SOURCE_NAME} AS MentionSourceName,
{IDENTIFIER} AS MentionIdentifier,
{_sentence_number('m.sentence_start')} AS SentenceID,
coalesce(m.source_start, -1) AS Actor1CharOffset,
coalesce(m.target_start, -1) AS Actor2CharOffset,
m.trigger_start AS ActionCharOffset,
CASE WHEN 'coreference' IN (m.source_resolved_from, m.target_resolved_from) THEN 0 ELSE 1 END AS InRawText,
CAST(greatest(10, least(100, round(100 * coalesce(m.confidence, 0.5)))) AS INTEGER) AS Confidence,
d.doc_len AS MentionDocLen,
round(d.tone, 4) AS MentionDocTone,
NULL AS MentionDocTranslationInfo,
NULL AS Extras
FROM sel
JOIN events e ON e.id = sel.id
JOIN mentions m ON m.event_id = e.id
JOIN doc_ref d ON d.id = m.article_id
LEFT JOIN mentions fm ON fm.id = e.first_mention_id
LEFT JOIN doc_ref fd ON fd.id = fm.article_id
ORDER BY sel.n, d.published NULLS LAST, m.article_id, m.sentence_start, m.id
"""


def _plover_entity(prefix: str, s: str) -> str:
    return (
        f"CASE WHEN e.{prefix}_code IS NULL AND e.{prefix}_text IS NULL THEN [] ELSE [{{"
        f"'code': {s}.plover_code, 'sector': {s}.plover_sector, 'other_sectors': coalesce({s}.plover_other_sectors, []), "
        f"'entity_text': e.{prefix}_text, 'identifier_text': e.{prefix}_name, 'cameo_code': e.{prefix}_code, "
        f"'religion': {s}.religion1, 'ethnicity': {s}.ethnic, 'start': e.{prefix}_start, 'end': e.{prefix}_end"
        "}] END"
    )


def plover_sql(coder: str) -> str:
    resolution = (
        "CASE e.location_feature WHEN 'country' THEN 1 WHEN 'admin1' THEN 2 WHEN 'region' THEN 2 ELSE 4 END"
    )
    return f"""
SELECT
e.id AS id,
strftime({EVENT_DAY}, '%Y-%m-%d') AS date,
[e.plover_type] AS event,
list_filter([e.plover_mode], lambda x: x IS NOT NULL) AS mode,
plover_contexts(e.sentence_text, e.cameo_code, e.source_code, e.target_code) AS context,
{_plover_entity('source', 's1')} AS actor,
{_plover_entity('target', 's2')} AS recipient,
CASE WHEN e.location_name IS NULL THEN NULL ELSE {{
    'extracted_place': e.location_span_text, 'resolved_place': e.location_name,
    'geonameid': e.location_geonames_id, 'lat': e.location_lat, 'lon': e.location_lon,
    'country': c3.name, 'country_code': e.location_country, 'feature_code': e.location_feature,
    'resolution': {resolution}
}} END AS event_loc,
list_filter([e.trigger_text], lambda x: x IS NOT NULL) AS event_text,
e.cameo_quad_class AS quad_code,
e.sentence_text AS text,
{{'start': e.sentence_start, 'end': e.sentence_end,
  'sequence': {_sentence_number('e.sentence_start')}}} AS text_info,
{{'url': d.url, 'title': d.title, 'publication': d.outlet, 'coder': '{coder}',
  'codebook': 'PLOVER (CAMEO->PLOVER 2021 mapping)'}} AS cite_info,
'{coder}' AS coder,
strftime(d.ingested_at, '%Y-%m-%d') AS coded_date,
e.status AS status,
CASE WHEN e.reported_by_text IS NULL THEN NULL ELSE {{
    'code': e.reported_by_code, 'entity_text': e.reported_by_text, 'start': e.reported_by_start, 'end': e.reported_by_end
}} END AS reported_by,
e.cameo_code AS cameo_code,
e.num_mentions AS num_mentions,
e.num_sources AS num_sources,
e.num_articles AS num_articles,
strftime(e.first_seen, '%Y-%m-%d') AS first_seen,
strftime(e.last_seen, '%Y-%m-%d') AS last_seen
FROM sel
JOIN events e ON e.id = sel.id
LEFT JOIN doc_ref d ON d.id = e.article_id
LEFT JOIN actor_split s1 ON s1.code = e.source_code
LEFT JOIN actor_split s2 ON s2.code = e.target_code
LEFT JOIN country_ref c3 ON c3.code = e.location_country
WHERE e.plover_type IS NOT NULL
ORDER BY sel.n
"""


# Tables of the plain exports, and how each is narrowed to the selected events.
TABLE_SQL = {
    "events": "SELECT e.* FROM sel JOIN events e ON e.id = sel.id ORDER BY sel.n",
    "mentions": (
        "SELECT m.* FROM sel JOIN mentions m ON m.event_id = sel.id "
        "ORDER BY sel.n, m.article_id, m.sentence_start, m.id"
    ),
    "articles": (
        "SELECT a.* FROM articles a WHERE a.id IN (SELECT m.article_id FROM mentions m JOIN sel ON sel.id = m.event_id) "
        "ORDER BY a.published NULLS LAST, a.id"
    ),
    "quotes": (
        "SELECT q.* FROM quotes q WHERE q.article_id IN (SELECT m.article_id FROM mentions m JOIN sel ON sel.id = m.event_id) "
        "ORDER BY q.article_id, q.idx"
    ),
    "actors": (
        "SELECT x.* FROM actors x WHERE x.article_id IN (SELECT m.article_id FROM mentions m JOIN sel ON sel.id = m.event_id) "
        "ORDER BY x.article_id, x.idx"
    ),
    "places": (
        "SELECT p.* FROM places p WHERE p.article_id IN (SELECT m.article_id FROM mentions m JOIN sel ON sel.id = m.event_id) "
        "ORDER BY p.article_id, p.idx"
    ),
}
