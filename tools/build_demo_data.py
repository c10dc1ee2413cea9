"""Build the demo's shipped data (this folder) from the full datasets in ../shared/data. Run by hand, by a developer
who has that folder — never by `make demo` or `make test`, which read only what this script wrote:

    python tools/build_demo_data.py /work/shared/data

It keeps a compact, deterministic subset (the same input gives byte-identical output) and copies the licence of
the MIT-licensed source. DATA.md beside this file names each source, its licence and what was taken; update it
when this script changes what it takes.
"""

import gzip
import json
import random
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent / "gongkai" / "demo" / "data"  # where the shipped files go
#: national laws: how many of those in force, and every repealed, amended or superseded one (the source has few)
LAWS_IN_FORCE = 100
ARTICLES_PER_LAW = 60
#: State Council regulations and ministry rules: the first lines of the body (the demo quotes at most 40)
REGULATION_LINES = 40
REGULATION_CATEGORIES = ("行政法规", "部门规章")
#: Government Work Reports of the State Council kept whole (the newest ones)
REPORT_YEARS = ("2023", "2024", "2025")


def write_jsonl_gz(path, rows):
    # mtime=0 and sorted keys: a rebuild from the same input is byte-identical, so git sees no change
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9) as fh:
        for row in rows:
            fh.write((json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8"))
    return len(rows)


def build_laws(source):
    laws = [json.loads(line) for line in open(source / "cn-national-laws" / "laws.jsonl", encoding="utf-8")]
    articles = {}
    with gzip.open(source / "cn-national-laws" / "articles.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            a = json.loads(line)
            articles.setdefault(a["law_id"], []).append(a)
    usable = [
        law
        for law in laws
        if law["law_id"] in articles
        and law.get("issuing_body")
        and law.get("publish_date")
        and law.get("status")
    ]
    in_force = sorted((law for law in usable if law["status"] == "现行有效"), key=lambda law: law["law_id"])
    others = sorted((law for law in usable if law["status"] != "现行有效"), key=lambda law: law["law_id"])
    picked = random.Random(20261127).sample(in_force, LAWS_IN_FORCE) + others  # noqa: S311 — a fixed sample
    rows = []
    for law in sorted(picked, key=lambda law: law["law_name"]):
        rows.append(
            {
                **{k: law[k] for k in ("law_id", "law_name", "doc_type", "level", "issuing_body", "status")},
                **{k: law[k] for k in ("publish_date", "effective_date", "version_date", "law_department")},
                "articles": [
                    {"article_no": a["article_no"], "text": a["article_text"]}
                    for a in articles[law["law_id"]][:ARTICLES_PER_LAW]
                ],
            }
        )
    return write_jsonl_gz(HERE / "laws.jsonl.gz", rows)


def build_regulations(source):
    rows = []
    with gzip.open(source / "cn-regulations-lawrefbook" / "documents.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            if doc.get("category") not in REGULATION_CATEGORIES or len(doc.get("body", "")) <= 800:
                continue
            lines = [ln.strip() for ln in doc["body"].split("\n") if ln.strip() and not ln.startswith("#")]
            rows.append(
                {
                    "title": doc["title"],
                    "category": doc["category"],
                    # 行政法规 are enacted by the State Council; for 部门规章 the source's folder names the ministry
                    "issuer": "国务院" if doc["category"] == "行政法规" else doc.get("issuer_hint"),
                    "version_date": doc.get("version_date"),
                    "history": doc.get("history") or [],
                    "path": doc["path"],
                    "lines": lines[:REGULATION_LINES],
                }
            )
    rows.sort(key=lambda r: r["path"])
    return write_jsonl_gz(HERE / "regulations.jsonl.gz", rows)


def build_reports(source):
    rows = []
    path = source / "cn-gov-work-reports" / "government_work_reports.jsonl"
    for line in open(path, encoding="utf-8"):
        report = json.loads(line)
        if report.get("year") in REPORT_YEARS:
            paragraphs = [p.strip() for p in report["content"].split("\n") if p.strip()]
            rows.append(
                {
                    "year": report["year"],
                    "title": report["title"],
                    "url": report["url"],
                    "paragraphs": paragraphs,
                }
            )
    rows.sort(key=lambda r: r["year"])
    return write_jsonl_gz(HERE / "reports.jsonl.gz", rows)


def main(argv):
    if len(argv) != 2 or not (Path(argv[1]) / "cn-national-laws").is_dir():
        sys.exit(
            "用法：python tools/build_demo_data.py <shared/data 目录>（其中应有 cn-national-laws 等数据集）"
        )
    source = Path(argv[1])
    print("laws.jsonl.gz", build_laws(source))
    print("regulations.jsonl.gz", build_regulations(source))
    print("reports.jsonl.gz", build_reports(source))
    shutil.copyfile(source / "cn-national-laws" / "LICENSE", HERE / "LICENSE-cn-national-laws")
    total = sum(p.stat().st_size for p in HERE.iterdir() if p.is_file())
    print(f"total {total / 1e6:.1f} MB in {HERE}")


if __name__ == "__main__":
    main(sys.argv)
