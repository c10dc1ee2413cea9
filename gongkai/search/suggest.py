""" "找不到？试试…": suggestions when a search finds nothing.

Two sources, both drawn from a vocabulary of the jieba words of the newest titles in the index (so every
suggestion is a word that does occur):
- pinyin: a query typed in pinyin letters ("shebao") → words whose toneless pinyin is that (社保); the
  initials ("sb") are not used, they are too ambiguous;
- near miss: a Chinese term → words with the same pinyin (a homophone typo: 社宝 → 社保) or that differ from
  it by one character (difflib ratio).
"""

import difflib
import re
from collections import Counter

from django.core.cache import cache
from pypinyin import lazy_pinyin

from . import text
from .models import SearchEntry

VOCABULARY_TITLES = 20000
VOCABULARY_TTL = 3600
MAX_SUGGESTIONS = 5
_HAN_WORD = re.compile(rf"^[{text.HAN}]{{2,8}}$")
_PINYIN_QUERY = re.compile(r"^[a-z]{2,40}$")
CACHE_KEY = "gongkai.search.vocabulary"


def invalidate():
    cache.delete(CACHE_KEY)


def vocabulary():
    """{word: (frequency, pinyin)} over the jieba words of the newest titles; cached for an hour."""
    vocab = cache.get(CACHE_KEY)
    if vocab is None:
        counts = Counter()
        rows = SearchEntry.objects.order_by("-published", "-id").values_list("title_words", flat=True)
        for words in rows[:VOCABULARY_TITLES]:
            counts.update(w for w in words.split() if _HAN_WORD.match(w))
        vocab = {w: (n, "".join(lazy_pinyin(w))) for w, n in counts.items()}
        cache.set(CACHE_KEY, vocab, VOCABULARY_TTL)
    return vocab


def suggestions(terms):
    """Up to MAX_SUGGESTIONS alternative queries for a query (its terms) that found nothing."""
    vocab = vocabulary()
    if not vocab or not terms:
        return []
    out = []
    for i, term in enumerate(terms):
        candidates = _for_term(term, vocab)
        for candidate in candidates:
            alternative = " ".join([*terms[:i], candidate, *terms[i + 1 :]])
            if alternative not in out:
                out.append(alternative)
    return out[:MAX_SUGGESTIONS]


def _for_term(term, vocab):
    by_frequency = lambda words: sorted(words, key=lambda w: -vocab[w][0])  # noqa: E731
    if _PINYIN_QUERY.match(term):
        return by_frequency([w for w, (_, py) in vocab.items() if py == term])[:MAX_SUGGESTIONS]
    if not _HAN_WORD.match(term):
        return []
    target = "".join(lazy_pinyin(term))
    homophones = by_frequency([w for w, (_, py) in vocab.items() if py == target and w != term])
    near = difflib.get_close_matches(
        term, [w for w in vocab if len(w) == len(term) and w != term], n=10, cutoff=0.5
    )
    result = homophones + by_frequency([w for w in near if w not in homophones])
    return result[:MAX_SUGGESTIONS]
