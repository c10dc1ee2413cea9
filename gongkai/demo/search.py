"""`gongkai demo` ends here: rebuild the search index from every app's search_sources.py, so the demo's
published items, services and messages are searchable at once."""

from gongkai.search import index, views


def load(stdout):
    written = index.reindex()
    views.invalidate()
    stdout.write(f"  检索索引已重建：{written} 条")
