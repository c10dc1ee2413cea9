"""答疑解惑: the Q&A knowledge base (F13), searchable on the theme pages and offered to message replies (F12).

Matching is by substring (`icontains`) here; the site-wide search app indexes the same records through
`search_sources.search_documents()` with bigram matching.
"""

from django.db.models import Q

from .models import Question


def search(q="", *, theme=None, department=None):
    """Published questions whose question or answer contains `q`, newest first."""
    qs = Question.objects.filter(published=True)
    if theme is not None:
        qs = qs.filter(theme=theme)
    if department is not None:
        qs = qs.filter(department=department)
    q = (q or "").strip()
    for term in q.split()[:5]:
        qs = qs.filter(Q(question__icontains=term) | Q(answer__icontains=term))
    return qs


def suggestions_for_reply(message_text, *, department=None, limit=5):
    """Answers a department may quote when replying to a message: published Q&A whose question shares the
    longest 4-, then 3-, then 2-character runs of the message (no segmentation needed)."""
    text = "".join(ch for ch in (message_text or "") if ch.strip())[:200]
    for width in (4, 3, 2):
        grams = {text[i : i + width] for i in range(len(text) - width + 1)}
        if not grams:
            continue
        cond = Q()
        for gram in sorted(grams)[:60]:
            cond |= Q(question__icontains=gram)
        found = list(search(department=department).filter(cond)[:limit])
        if found:
            return found
    return []
