"""Search: turn user input into one SQL query giving the kind counts and one ranked page, on either engine.

Rules (DESIGN.md "Search", research/search-perf.md §5.1):
- input is split on whitespace into terms; the entry must contain *every* term (AND);
- a term of two or more characters is the phrase of its bigrams, i.e. a substring match in title, 文号 or body;
- a one-character term cannot be a bigram phrase; it is a substring condition, and a query made only of such
  terms is a bounded scan of the newest entries (`SHORT_SCAN_LIMIT`), with a notice saying so;
- ranking: bm25 / ts_rank with title and 文号 weighing 10× the body, then boosts when every term is in the title,
  when every term is a whole jieba word of the title, and for recent years;
- counts are exact up to `MATCH_CAP` and shown as "more than" beyond it; then only the most recently indexed
  matches are ranked (the frequent-term mitigation of research/search-perf.md §2.3), identically on both engines.
"""

# SQL here is assembled only from constant fragments; every user-supplied value is a bound parameter and
# match expressions contain only tokens made of Han characters and [0-9a-z] (gongkai.search.text).
# ruff: noqa: S608

import math
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.utils import timezone

from . import engine, text
from .models import Kind, SearchEntry, Validity

PER_PAGE = 20
MAX_PAGE = 50


def _setting(name, default):
    return getattr(settings, f"GONGKAI_SEARCH_{name}", default)


MATCH_CAP = _setting("MATCH_CAP", 10000)
SHORT_SCAN_LIMIT = _setting("SHORT_SCAN_LIMIT", 200)
TITLE_BOOST = 2.0
WORD_BOOST = 1.0
RECENCY_BOOST = 0.5
RECENCY_YEARS = 10


class SearchInputError(ValueError):
    """Bad search input; `errors` maps a parameter name to a Chinese message."""

    def __init__(self, errors):
        super().__init__("；".join(errors.values()))
        self.errors = errors


@dataclass
class Filters:
    """The filters of the results page and the API (all optional): 类别, 栏目, 部门, 主题分类, 年份, 有效性."""

    kind: str = ""
    column: str = ""
    department: int | None = None
    topic: str = ""
    year: int | None = None
    validity: str = ""
    #: 集约化: (site id, include entries without a site) — set by the view from the request, never by the user
    site: tuple | None = None

    @classmethod
    def parse(cls, params):
        """From GET-style parameters; unknown or malformed values raise SearchInputError (in Chinese)."""
        errors = {}
        kind = (params.get("kind") or "").strip()
        if kind and kind not in Kind.values:
            errors["kind"] = "类别不在可选范围内。"
        validity = (params.get("validity") or "").strip()
        if validity and validity not in Validity.values:
            errors["validity"] = "有效性应为 有效、失效、废止 或 修改。"
        department = None
        raw = (params.get("department") or "").strip()
        if raw:
            if raw.isdecimal() and len(raw) < 12:
                department = int(raw)
            else:
                errors["department"] = "部门编号应为正整数。"
        year = None
        raw = (params.get("year") or "").strip()
        if raw:
            if raw.isdecimal() and 1949 <= int(raw) <= 2100:
                year = int(raw)
            else:
                errors["year"] = "年份应为 1949 到 2100 之间的四位数字。"
        column = (params.get("column") or "").strip()[:100]
        topic = (params.get("topic") or "").strip()[:100]
        if errors:
            raise SearchInputError(errors)
        return cls(kind, column, department, topic, year, validity)

    def sql(self, include_kind=True):
        clauses, params = [], []
        for name in ("column", "topic", "validity") + (("kind",) if include_kind else ()):
            value = getattr(self, name)
            if value:
                clauses.append(f'e."{name}" = %s')
                params.append(value)
        if self.department is not None:
            clauses.append("e.department_id = %s")
            params.append(self.department)
        if self.year is not None:
            clauses.append("e.year = %s")
            params.append(self.year)
        if self.site is not None:
            site_id, with_unassigned = self.site
            clauses.append("(e.site_id = %s OR e.site_id IS NULL)" if with_unassigned else "e.site_id = %s")
            params.append(site_id)
        return clauses, params

    def for_site(self, site):
        """These filters limited to one site's entries (entries without a site belong to the default site)."""
        if site is not None:
            self.site = (site.pk, bool(site.is_default_site))
        return self


@dataclass
class Parsed:
    terms: list
    long_terms: list  # ≥ 2 matching characters: phrase of bigrams
    short_terms: list  # 1 matching character: substring condition
    match: str  # the engine's match expression for long_terms ("" when none)


def parse_query(q):
    """Validate and split the user's input. Raises SearchInputError for empty or over-long input."""
    q = (q or "").strip()
    if not q:
        raise SearchInputError({"q": "请输入要搜索的词语。"})
    if len(q) > text.MAX_QUERY_LENGTH:
        raise SearchInputError({"q": f"搜索词不能超过 {text.MAX_QUERY_LENGTH} 个字。"})
    terms = [t for t in text.split_terms(q) if text.tokens_chars(t)]
    if not terms:
        raise SearchInputError({"q": "搜索词应包含汉字、字母或数字。"})
    long_terms = [t for t in terms if not text.is_short(t)]
    short_terms = [t for t in terms if text.is_short(t)]
    phrases = [text.phrase(t) for t in long_terms]
    return Parsed(terms, long_terms, short_terms, engine.match_expression(phrases) if phrases else "")


@dataclass
class Hit:
    entry: SearchEntry
    score: float
    snippet: str = ""  # HTML: escaped body window with <mark> around the terms
    title_html: str = ""


@dataclass
class Results:
    query: str
    terms: list
    filters: Filters
    count: int = 0
    count_capped: bool = False
    kind_counts: dict = field(default_factory=dict)  # {kind: n} for every kind with matches
    hits: list = field(default_factory=list)
    page: int = 1
    per_page: int = PER_PAGE
    notice: str = ""
    suggestions: list = field(default_factory=list)

    @property
    def pages(self):
        return min(MAX_PAGE, max(1, math.ceil(self.count / self.per_page)))

    @property
    def all_count(self):
        """Matches over every kind (the 全部 tab), whatever kind is selected."""
        return sum(self.kind_counts.values())

    @property
    def kind_tabs(self):
        return [(k, label, self.kind_counts.get(k, 0)) for k, label in Kind.choices]


def _short_clause(term):
    # one character: in the normalised title, the 文号 or the body (lower() for a lone ASCII letter or digit)
    c = engine.contains
    return f"({c('e.title_key')} OR {c('lower(e.number)')} OR {c('lower(e.body)')})", [term, term, term]


def _where(parsed, filters, include_kind=True):
    clauses, params = filters.sql(include_kind)
    for term in parsed.short_terms:
        sql, p = _short_clause(term)
        clauses.append(sql)
        params.extend(p)
    return clauses, params


def _boost_sql(parsed, this_year):
    """(SQL, params) of the boost multiplier: title hit, whole jieba word in the title, recency."""
    c = engine.contains
    title_all = " AND ".join(c("e.title_key") for _ in parsed.terms)
    params = list(parsed.terms)
    sql = f"(1 + {TITLE_BOOST} * (CASE WHEN {title_all} THEN 1 ELSE 0 END)"
    if parsed.long_terms:
        words_all = " AND ".join(c("e.title_words") for _ in parsed.long_terms)
        sql += f" + {WORD_BOOST} * (CASE WHEN {words_all} THEN 1 ELSE 0 END)"
        params += [f" {t} " for t in parsed.long_terms]
    sql += (
        f" + {RECENCY_BOOST} * (CASE WHEN e.year IS NULL THEN 0 WHEN e.year >= %s THEN 1"
        f" WHEN e.year <= %s THEN 0 ELSE (e.year - %s) / {float(RECENCY_YEARS)} END))"
    )
    params += [this_year, this_year - RECENCY_YEARS, this_year - RECENCY_YEARS]
    return sql, params


def _candidates(parsed, filters, cap, columns, include_kind=False):
    """(SQL, params) of a subquery listing at most `cap` matching entries with `columns` and a base score."""
    if parsed.match:
        source, match_where, match_params, score_sql, score_params, newest = engine.matched_source(
            parsed.match
        )
        clauses, params = _where(parsed, filters, include_kind)
        where = " AND ".join([match_where, *clauses])
        # the newest entries (highest ids) first, so a capped candidate set keeps what was indexed last
        sql = f"SELECT {columns}, {score_sql} AS base FROM {source} WHERE {where} ORDER BY {newest} LIMIT {int(cap)}"
        return sql, score_params + match_params + params
    # only one-character terms: a bounded scan of the newest entries
    clauses, params = _where(parsed, filters, include_kind)
    where = " AND ".join(clauses) or "1=1"
    sql = (
        f"SELECT {columns}, 1.0 AS base FROM {engine.TABLE} e WHERE {where}"
        f" ORDER BY e.published DESC, e.id DESC LIMIT {int(cap)}"
    )
    return sql, params


def counts_and_page(parsed, filters, offset, limit, today=None):
    """One SQL query for both needs of a results page, so the matches are read once:
    ({kind: count} over at most cap+1 matches, ignoring the kind filter so every tab keeps its number;
    [(entry id, score)] of the requested page, best first, within the selected kind)."""
    this_year = (today or timezone.localdate()).year
    cap = (MATCH_CAP if parsed.match else SHORT_SCAN_LIMIT) + 1
    columns = "e.id, e.kind, e.published, e.title_key, e.title_words, e.year"
    sub, params = _candidates(parsed, filters, cap, columns)
    boost, boost_params = _boost_sql(parsed, this_year)
    kind_where, kind_params = ("WHERE e.kind = %s", [filters.kind]) if filters.kind else ("", [])
    sql = (
        f"WITH m AS ({sub}) "
        "SELECT CAST(NULL AS BIGINT), m.kind, CAST(count(*) AS DOUBLE PRECISION) FROM m GROUP BY m.kind "
        "UNION ALL "
        f"SELECT * FROM (SELECT e.id, e.kind, CAST(e.base * {boost} AS DOUBLE PRECISION) AS score FROM m e"
        f" {kind_where} ORDER BY score DESC, e.published DESC, e.id DESC"
        f" LIMIT {int(limit)} OFFSET {int(offset)}) p"
    )
    counts, rows = {}, []
    with connection.cursor() as cursor:
        cursor.execute(sql, params + boost_params + kind_params)
        for entry_id, kind, value in cursor.fetchall():
            if entry_id is None:
                counts[kind] = int(value)
            else:
                rows.append((entry_id, value))
    return counts, rows


def matching_ids(q, filters=None):
    """Every matching entry id, uncapped and unranked: the reference for tests and the benchmark's recall."""
    parsed = parse_query(q)
    filters = filters or Filters()
    if not parsed.match:
        sub, params = _candidates(parsed, filters, SHORT_SCAN_LIMIT, "e.id", include_kind=True)
    else:
        source, match_where, match_params, *_ = engine.matched_source(parsed.match)
        clauses, params = _where(parsed, filters, True)
        sub = f"SELECT e.id FROM {source} WHERE {' AND '.join([match_where, *clauses])}"
        params = match_params + params
    with connection.cursor() as cursor:
        cursor.execute(sub, params)
        return {row[0] for row in cursor.fetchall()}


def search(q, filters=None, page=1, per_page=PER_PAGE, today=None, with_snippets=True):
    """Run a search. Raises SearchInputError for bad input. Two SQL queries: kind counts with the ranked page,
    and the page's entries."""
    from .highlight import highlight, snippet

    parsed = parse_query(q)
    filters = filters or Filters()
    if not isinstance(page, int) or page < 1:
        raise SearchInputError({"page": "页码应为正整数。"})
    counts, rows = counts_and_page(parsed, filters, (page - 1) * per_page, per_page, today)
    total = counts.get(filters.kind, 0) if filters.kind else sum(counts.values())
    cap = SHORT_SCAN_LIMIT if not parsed.match else MATCH_CAP
    results = Results(
        query=q.strip(),
        terms=parsed.terms,
        filters=filters,
        count=min(total, cap),
        count_capped=total > cap,
        kind_counts=counts,
        page=page,
        per_page=per_page,
    )
    if parsed.short_terms and not parsed.match:
        results.notice = f"单个字的检索只在最新的 {SHORT_SCAN_LIMIT} 条匹配内容中查找，结果可能不全；输入两个字以上的词语可得到完整结果。"
    if page > results.pages and total:
        raise SearchInputError({"page": f"页码超出范围（共 {results.pages} 页）。"})
    if rows:
        entries = SearchEntry.objects.in_bulk([r[0] for r in rows])
        for entry_id, score in rows:
            entry = entries[entry_id]
            hit = Hit(entry, float(score))
            if with_snippets:
                hit.snippet = snippet(entry.body, parsed.terms)
                hit.title_html = highlight(entry.title, parsed.terms)
            results.hits.append(hit)
    return results
