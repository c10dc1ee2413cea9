"""The tokenization contract of the site search (DESIGN.md "Search"; research/search-perf.md §5.1).

Chinese has no spaces and the engines' default tokenizers keep a whole run of Han characters as one token, so
the index is fed *pre-tokenized* text made here, in Python, identically for SQLite FTS5 and PostgreSQL:

- the text is normalised (NFKC: full-width letters, digits and punctuation become half-width; lower case);
- every run of Han characters becomes its overlapping bigrams (登记申请 → 登记 记申 申请); a lone Han character
  between non-Han characters stays a unigram;
- every run of ASCII letters/digits is one lower-cased word;
- everything else (punctuation, spaces) only separates.

A query term then becomes the *phrase* of its own tokens, which is exactly "the text contains the term as a
substring" for terms of two or more Han characters (measured: recall and precision 1.00 on 30 real queries).
"""

import re
import unicodedata

# CJK Unified Ideographs, Extension A, compatibility ideographs, and Extensions B–H (rare characters in names)
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af"
_TOKEN_RUNS = re.compile(rf"([{HAN}]+)|([0-9a-z]+)")
_HAN_RUN = re.compile(rf"[{HAN}]+")

#: Longest query the search accepts (characters, after trimming).
MAX_QUERY_LENGTH = 100


def normalize(text):
    """Full-width → half-width (NFKC) and lower case; the form every comparison in the search uses."""
    return unicodedata.normalize("NFKC", text or "").lower()


def tokens(text):
    """The index tokens of `text` in order: Han bigrams (a lone Han character as itself) and ASCII words."""
    out = []
    for han, word in _TOKEN_RUNS.findall(normalize(text)):
        if han:
            if len(han) == 1:
                out.append(han)
            else:
                out.extend(han[i : i + 2] for i in range(len(han) - 1))
        else:
            out.append(word)
    return out


def token_text(text):
    """The space-joined tokens stored in the index (what FTS5 and to_tsvector('simple', …) receive)."""
    return " ".join(tokens(text))


def split_terms(query):
    """User input → distinct normalised terms, split on whitespace (full-width spaces included), order kept."""
    seen = []
    for term in normalize(query).split():
        if term not in seen:
            seen.append(term)
    return seen


def is_short(term):
    """A term with fewer than two characters that count (one Han character, one letter or digit) cannot be a
    bigram phrase; it is searched by a bounded substring scan instead."""
    return len(tokens_chars(term)) < 2


def tokens_chars(term):
    """The characters of `term` that take part in matching (Han, ASCII letters and digits)."""
    return "".join(h or w for h, w in _TOKEN_RUNS.findall(normalize(term)))


def phrase(term):
    """The phrase for one query term: its tokens, and whether the last one is a lone Han character.

    A lone Han character at the end of a term (e.g. 年 in "2024年") must also match the bigram that begins with
    it in the text ("2024年度" is indexed as 2024 年度), so it is queried as a prefix."""
    toks = tokens(term)
    if not toks:
        return [], False
    last = toks[-1]
    return toks, (len(last) == 1 and bool(_HAN_RUN.fullmatch(last)) and len(toks) > 1)
