"""Benchmark: the pre-publication check on a 50,000-character document with a 10,000-word sensitive list.

Run: .venv/bin/python bench/textcheck_bench.py        (target: >= 5 MB/s of text on one core)
The document is real regulation text from ../shared/data (with personal data and list words sprinkled in); the word
list is 10,000 real words cut from the same corpus by rjieba (so many of them do occur). Baseline in the same run:
one `re` pass of a single literal over the text, the cheapest possible scan.
"""

import gzip
import json
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

import rjieba  # noqa: E402

from gongkai.core import textcheck  # noqa: E402

SHARED = Path(os.environ.get("GONGKAI_SHARED_DIR", ROOT.parent / "shared"))
CORPUS = SHARED / "data" / "cn-regulations-lawrefbook" / "documents.jsonl.gz"
# without ../shared: the regulations the repository ships for the demo (gongkai/demo/data/DATA.md)
SHIPPED = ROOT / "gongkai" / "demo" / "data" / "regulations.jsonl.gz"


def median_seconds(fn, repeats=7):
    samples = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


def main():
    corpus_file = CORPUS if CORPUS.exists() else SHIPPED
    print(
        f"corpus: {corpus_file}" + (" (the demo data the repository ships)" if corpus_file == SHIPPED else "")
    )
    rng = random.Random(7)
    texts = []
    with gzip.open(corpus_file, "rt", encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            texts.append(
                doc.get("body") or doc.get("content") or doc.get("text") or "\n".join(doc.get("lines", []))
            )
            if sum(map(len, texts)) > 3_000_000:
                break
    corpus = "".join(texts)
    words = sorted({w for w in rjieba.cut(corpus) if len(w) >= 2 and not w.isascii()})
    rng.shuffle(words)
    start = rng.randrange(0, len(corpus) - 60_000)
    doc = corpus[start : start + 50_000]
    # realistic: a list of words that do not occur in the document (a clean draft); adversarial: words that do
    absent = [w for w in words if w not in doc][:10_000]
    present = [w for w in words if w in doc]
    present = (present + absent)[:10_000]
    # sprinkle personal data and wording errors so the detectors have real work
    inserts = [
        "申请人身份证号420106199001011231",
        "手机13907181234",
        "中华人民共合国",
        "卡号6222021234567890128",
    ]
    parts = [doc[i : i + 5_000] for i in range(0, 50_000, 5_000)]
    doc = "".join(p + inserts[i % len(inserts)] for i, p in enumerate(parts))[:50_000]
    size_mb = len(doc.encode("utf-8")) / 1e6

    correction = [("中华人民共合国", "中华人民共和国", "block", "")]
    t0 = time.perf_counter()
    clean = textcheck.WordMatcher([(w, "warn", "bench") for w in absent], correction)
    build = time.perf_counter() - t0
    dirty = textcheck.WordMatcher([(w, "warn", "bench") for w in present], correction)

    baseline = median_seconds(lambda: re.findall("政府信息公开", doc))
    personal = median_seconds(lambda: textcheck.find_personal_data(doc))
    print(
        f"pre-publication check: {len(doc):,} chars ({size_mb:.2f} MB UTF-8), median of 7 "
        f"(Python {sys.version.split()[0]})"
    )
    print(f"  automaton build ({len(absent):,} words)    {build * 1000:8.1f} ms (once per list change)")
    print(f"  baseline: one re literal scan   {baseline * 1000:8.2f} ms  {size_mb / baseline:8.1f} MB/s")
    print(f"  personal data (ID/mobile/card)  {personal * 1000:8.2f} ms  {size_mb / personal:8.1f} MB/s")
    for label, matcher in (("clean draft", clean), ("every word in list occurs", dirty)):
        words_only = median_seconds(lambda m=matcher: m.find(doc))
        full = median_seconds(lambda m=matcher: textcheck.check_text(doc, matcher=m))
        n = len(textcheck.check_text(doc, matcher=matcher))
        print(f"  [{label}] word lists        {words_only * 1000:8.2f} ms  {size_mb / words_only:8.1f} MB/s")
        print(
            f"  [{label}] full check_text   {full * 1000:8.2f} ms  {size_mb / full:8.1f} MB/s  "
            f"({n} findings; target >= 5 MB/s)"
        )


if __name__ == "__main__":
    main()
