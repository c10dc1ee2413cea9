"""Search benchmark (issue 4, Checks; research/search-perf.md §5.2 B1–B3).

    .venv/bin/python bench/search_bench.py                 # 100,000 documents, SQLite and PostgreSQL
    .venv/bin/python bench/search_bench.py --n 200000      # the whole corpus
    .venv/bin/python bench/search_bench.py --engines sqlite

Loads the real corpus (shared/data/cn-law-paragraphs-200k/corpus.jsonl.gz) into a throwaway database — a temp
SQLite file, and a PostgreSQL database `bench_search` that it creates and drops — through the project's own
indexing path (gongkai.search.index.bulk_load → SearchEntry → FTS5 triggers / tsvector trigger), then runs the
30 queries of queries.tsv (space-separated terms = AND) through gongkai.search.query.search, the function the
results page and the API call: kind counts + one ranked top-20 page + entries + highlighted snippets.

Prints per engine: build time, index size, p50/p95/max latency (median of 5 runs per query), recall and precision
against a substring scan of the same documents, and a baseline measured in the same run: LIKE '%term%' on the
raw body (count + first 20). Each engine runs in its own child process with its own Django settings.

Corpus location: $GONGKAI_SHARED_DIR/data/… if set, else ../shared/data/… relative to the repository. Without
that corpus (a fresh clone) it runs on the texts the repository ships for the demo (gongkai/demo/data: the
articles of 126 national laws, the lines of 687 State Council regulations and the paragraphs of three government
work reports, 37,164 documents; see its DATA.md for source and licence) with the same 30 queries
(bench/search_queries.tsv, copied from the corpus's queries.tsv; its last column counts the 200k corpus).
PostgreSQL server: $BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres).
"""

import argparse
import gzip
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS_REL = Path("data/cn-law-paragraphs-200k")
PG_ADMIN_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
PG_DB = "bench_search"
RUNS = 5


def corpus_dir():
    """$GONGKAI_SHARED_DIR, else ../shared next to the repository (a git worktree one level deeper also finds
    it two levels up)."""
    shared = os.environ.get("GONGKAI_SHARED_DIR")
    if shared:
        return Path(shared) / CORPUS_REL
    candidates = [REPO.parent / "shared" / CORPUS_REL, REPO.parent.parent / "shared" / CORPUS_REL]
    return next((c for c in candidates if c.exists()), candidates[0])


SHIPPED = REPO / "gongkai" / "demo" / "data"
SHIPPED_QUERIES = REPO / "bench" / "search_queries.tsv"


def has_corpus(directory):
    return (directory / "corpus.jsonl.gz").exists() and (directory / "queries.tsv").exists()


def shipped_corpus(n):
    """The demo's shipped texts as short documents, one per article, regulation line or report paragraph (at least
    10 characters, exact duplicates dropped, as the 200k corpus was built)."""
    docs, seen = [], set()

    def add(title, body):
        body = body.strip()
        if len(body) >= 10 and body not in seen and len(docs) < n:
            seen.add(body)
            docs.append({"id": len(docs) + 1, "title": title, "body": body})

    for name, parts in (
        ("laws.jsonl.gz", lambda d: [a["text"] for a in d["articles"]]),
        ("regulations.jsonl.gz", lambda d: d["lines"]),
        ("reports.jsonl.gz", lambda d: d["paragraphs"]),
    ):
        with gzip.open(SHIPPED / name, "rt", encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                for part in parts(record):
                    for body in part.split("\n"):
                        add(record.get("title") or record["law_name"], body)
    return docs


def read_queries(path):
    rows = []
    with open(path, encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            query, _terms, _min, matches = line.rstrip("\n").split("\t")
            rows.append((query, int(matches)))
    return rows


def read_corpus(path, n):
    docs = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            docs.append(json.loads(line))
            if len(docs) >= n:
                break
    return docs


def _load():
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def pct(values, p):
    values = sorted(values)
    k = (len(values) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


# --- child: one engine --------------------------------------------------------------------------------------


def run_engine(engine_name, n, database_url, var_dir, ids_out):
    os.environ["DATABASE_URL"] = database_url
    os.environ["GONGKAI_VAR_DIR"] = var_dir
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.settings"
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connection

    from gongkai.search import index, query, text
    from gongkai.search.models import SearchEntry

    call_command("migrate", verbosity=0)
    directory = corpus_dir()
    if has_corpus(directory):
        docs = read_corpus(directory / "corpus.jsonl.gz", n)
        queries = read_queries(directory / "queries.tsv")
    else:
        docs = shipped_corpus(n)
        queries = read_queries(SHIPPED_QUERIES)

    content_type, _ = ContentType.objects.get_or_create(app_label="bench", model="paragraph")

    def pairs():
        for d in docs:
            yield (
                content_type,
                str(d["id"]),
                index.Document(title=d["title"], body=d["body"], url=f"/p/{d['id']}/"),
            )

    t0 = time.perf_counter()
    written = index.reindex(pairs(), batch_size=2000)
    build = time.perf_counter() - t0
    if connection.vendor == "sqlite":
        connection.cursor().execute("VACUUM")
        connection.close()
        size = f"database file {Path(database_url.removeprefix('sqlite:///')).stat().st_size / 1e6:.1f} MB"
    else:
        with connection.cursor() as c:
            c.execute("VACUUM ANALYZE gongkai_search_searchentry")
            c.execute(
                "SELECT pg_total_relation_size('gongkai_search_searchentry'),"
                " pg_relation_size('gongkai_search_searchentry_vector_gin')"
            )
            total, gin = c.fetchone()
        size = f"table+indexes {total / 1e6:.1f} MB, GIN {gin / 1e6:.1f} MB"

    # reference: every term a substring of the normalised title or body (what the index promises), by scan
    source_to_id = dict(SearchEntry.objects.values_list("object_id", "id"))
    norm = [(source_to_id[str(d["id"])], text.normalize(d["title"]), text.normalize(d["body"])) for d in docs]

    id_to_source = {v: k for k, v in source_to_id.items()}
    found_sets = {}
    lat, like_lat, recalls, precisions, lines = [], [], [], [], []
    for q, file_count in queries:
        terms = text.split_terms(q)
        ref = {i for i, t, b in norm if all(x in t or x in b for x in terms)}
        body_ref = sum(1 for _, _, b in norm if all(x in b for x in terms))
        got = query.matching_ids(q)
        found_sets[q] = sorted(int(id_to_source[i]) for i in got)
        tp = len(got & ref)
        recall = tp / len(ref) if ref else 1.0
        precision = tp / len(got) if got else 1.0
        recalls.append(recall)
        precisions.append(precision)
        times = []
        for _ in range(RUNS):
            t = time.perf_counter()
            res = query.search(q)
            times.append((time.perf_counter() - t) * 1000)
        lat.append(statistics.median(times))
        like_times = []
        for _ in range(RUNS):
            t = time.perf_counter()
            qs = SearchEntry.objects.all()
            for term in terms:
                qs = qs.filter(body__contains=term)
            like_count = qs.count()
            list(qs.values_list("id", "title")[:20])
            like_times.append((time.perf_counter() - t) * 1000)
        like_lat.append(statistics.median(like_times))
        note = f"  (file, 200k: {file_count})" if n >= 200000 else ""
        lines.append(
            f"  {q:<12} found {len(got):>6} shown-count {res.count:>6}{'+' if res.count_capped else ' '}"
            f" ref {len(ref):>6} body-only {body_ref:>6}{note}  R {recall:.2f} P {precision:.2f}"
            f"  {lat[-1]:7.1f} ms   LIKE {like_count:>6} {like_lat[-1]:7.1f} ms"
        )
    single = []
    entry = SearchEntry.objects.order_by("id").first()
    for _ in range(20):
        t = time.perf_counter()
        index.update_source(
            entry.content_type,
            entry.object_id,
            index.Document(title=entry.title, body=entry.body, url=entry.url),
        )
        single.append((time.perf_counter() - t) * 1000)

    Path(ids_out).write_text(json.dumps(found_sets))
    print(f"\n== {engine_name}: {written} documents ({connection.vendor}); load average {_load()} ==")
    print("\n".join(lines))
    print(f"  build (tokenize + insert + index + optimize): {build:.1f} s; {size}")
    print(
        f"  search top-20 page with count, snippets: p50 {pct(lat, 0.5):.1f} ms, p95 {pct(lat, 0.95):.1f} ms,"
        f" max {max(lat):.1f} ms   (target p95 < 50 ms)"
    )
    print(
        f"  baseline LIKE '%q%' count + first 20:  p50 {pct(like_lat, 0.5):.1f} ms, p95 {pct(like_lat, 0.95):.1f} ms,"
        f" max {max(like_lat):.1f} ms;  p50 ratio LIKE/index {pct(like_lat, 0.5) / pct(lat, 0.5):.1f}x"
    )
    print(
        f"  recall mean {statistics.mean(recalls):.3f} min {min(recalls):.2f};"
        f" precision mean {statistics.mean(precisions):.3f} min {min(precisions):.2f}"
    )
    print(f"  single-entry update (index.update): median {statistics.median(single):.1f} ms (target < 50 ms)")


# --- parent ---------------------------------------------------------------------------------------------------


def pg_admin(sql):
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(sql)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100000, help="documents to load (max 200000)")
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    parser.add_argument("--var-dir", help=argparse.SUPPRESS)
    parser.add_argument("--ids-out", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        run_engine(args.child, args.n, args.database_url, args.var_dir, args.ids_out)
        return

    directory = corpus_dir()
    if has_corpus(directory):
        source = f"corpus {directory}"
    else:
        args.n = min(args.n, len(shipped_corpus(args.n)))
        source = "the demo texts the repository ships (no ../shared corpus found)"
    import sqlite3

    print(
        f"search benchmark: {args.n} documents from {source}, {RUNS} runs per query, median per query;"
        f" Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, {os.cpu_count()} cores,"
        f" load average {_load()}"
    )
    id_files = {}
    results_dir = tempfile.mkdtemp(prefix="search-bench-ids-")
    for name in [e.strip() for e in args.engines.split(",") if e.strip()]:
        id_files[name] = Path(results_dir) / f"ids-{name}.json"
        with tempfile.TemporaryDirectory(prefix="search-bench-") as tmp:
            if name == "sqlite":
                url = f"sqlite:///{tmp}/bench.sqlite3"
            elif name == "postgresql":
                pg_admin(f"DROP DATABASE IF EXISTS {PG_DB}")
                pg_admin(f"CREATE DATABASE {PG_DB} ENCODING 'UTF8' TEMPLATE template0")
                url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{PG_DB}"
            else:
                sys.exit(f"unknown engine {name}")
            try:
                subprocess.run(
                    [
                        sys.executable,
                        __file__,
                        "--child",
                        name,
                        "--n",
                        str(args.n),
                        "--database-url",
                        url,
                        "--var-dir",
                        tmp,
                        "--ids-out",
                        str(id_files[name]),
                    ],
                    check=True,
                )
            finally:
                if name == "postgresql":
                    pg_admin(f"DROP DATABASE IF EXISTS {PG_DB}")
    sets = {name: json.loads(path.read_text()) for name, path in id_files.items() if path.exists()}
    if len(sets) == 2:
        a, b = sets.values()
        differ = [q for q in a if a[q] != b.get(q)]
        print(
            f"\nSQLite and PostgreSQL returned identical result sets for all {len(a)} queries."
            if not differ
            else f"\nResult sets DIFFER between the engines for: {', '.join(differ)}"
        )


if __name__ == "__main__":
    main()
