"""Public pages: the message board, the forms, receipts and the query/rating page (issue 6 §2, §4, §5). Views only
translate HTTP; the rules are in intake.py, rules.py and actions.py."""

import hmac

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from gongkai.core import actors, protection, textcheck
from gongkai.org import sites

from . import actions, clock, rules, stats
from .forms import MessageForm, QueryForm, RatingForm, SiteErrorForm
from .models import Case, Channel, Rating

PER_PAGE = 20


def _board_item(case):
    return {
        "code": case.code,
        "title": textcheck.mask_personal_data(case.title),
        "content": textcheck.mask_personal_data(case.content),
        "category": case.category.name if case.category else "",
        "received": case.received_at,
        "published": case.published_at,
        "department": actors.public_label(case.reply_department) if case.reply_department else "",
        "reply": textcheck.mask_official_reply(case.reply),
        "rating": case.get_rating_display() if case.rating else "",
        "status": case.get_status_display(),
    }


def board(request):
    """留言板: published replies (受理日期, 答复日期, 答复部门, 答复内容, 评价), searchable, with monthly statistics."""
    q = (request.GET.get("q") or "").strip()[:50]
    category = (request.GET.get("category") or "").strip()[:40]
    site = sites.current_site(request)
    qs = (
        Case.objects.on_board()
        .filter(sites.public_site_q("site", site))
        .select_related("category", "reply_department")
        .order_by("-published_at", "-id")
    )
    if q:
        # the citizen's own text is encrypted at rest (models.Case.content): the search looks at the title and the reply
        qs = qs.filter(Q(title__icontains=q) | Q(reply__icontains=q))
    if category:
        qs = qs.filter(category__name=category)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    from .intake import categories

    return render(
        request,
        "interaction/board.html",
        {
            "page_obj": page,
            "items": [_board_item(c) for c in page.object_list],
            "q": q,
            "category": category,
            "categories": categories(Channel.MESSAGE, site),
            "monthly": stats.monthly(queryset=Case.objects.filter(sites.public_site_q("site", site))),
        },
    )


def board_detail(request, code):
    case = (
        Case.objects.on_board()
        .filter(sites.public_site_q("site", sites.current_site(request)))
        .select_related("category", "reply_department")
        .filter(code=code)
        .first()
    )
    if case is None:
        raise Http404("未找到该留言或尚未公开。")
    return render(request, "interaction/board_detail.html", {"item": _board_item(case)})


def _submit_view(request, form_class, channel, template, receipt_template):
    site = sites.current_site(request)
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, site=site)
        if protection.rate_limited(request, "submit"):
            form.is_valid()
            form.add_error(None, protection.RATE_LIMIT_MESSAGE)
        elif form.is_valid():
            case, _created = actions.submit(
                channel, form.intake, source="web", attachment=request.FILES.get("attachment"), site=site
            )
            return render(request, receipt_template, {"case": case, "secret": case.secret})
        form.refresh_captcha()
    else:
        form = form_class(site=site)
    return render(request, template, {"form": form})


@require_http_methods(["GET", "POST"])
def write(request):
    return _submit_view(
        request, MessageForm, Channel.MESSAGE, "interaction/write.html", "interaction/receipt.html"
    )


@require_http_methods(["GET", "POST"])
def site_error(request):
    return _submit_view(
        request, SiteErrorForm, Channel.SITE_ERROR, "interaction/site_error.html", "interaction/receipt.html"
    )


def _lookup(channels, code, secret):
    case = (
        Case.objects.filter(code=(code or "").strip(), channel__in=channels)
        .select_related("category", "department", "reply_department")
        .first()
    )
    if case is None or not hmac.compare_digest(case.secret.encode(), (secret or "").strip().upper().encode()):
        return None
    return case


@require_http_methods(["GET", "POST"])
def query(request, channels=(Channel.MESSAGE, Channel.HOTLINE), template="interaction/query.html"):
    """查询 by code and secret, and rate a published reply (POST)."""
    case = None
    error = ""
    rating_form = None
    notice = ""
    if request.method == "POST":
        rating_form = RatingForm(request.POST)
        if protection.rate_limited(request, "rating"):
            error = protection.RATE_LIMIT_MESSAGE
        elif rating_form.is_valid():
            case = _lookup(channels, rating_form.cleaned_data["code"], rating_form.cleaned_data["secret"])
            if case is None:
                error = "查询码或查询密码不正确。"
            else:
                try:
                    case = actions.rate(
                        case, rating_form.cleaned_data["rating"], rating_form.cleaned_data["comment"].strip()
                    )
                    notice = "感谢您的评价。" + (
                        "您的不满意评价已转督办，承办部门将回访并重新办理。" if case.unsatisfied else ""
                    )
                    rating_form = None
                except rules.TransitionError as exc:
                    error = str(exc)
        else:
            case = _lookup(channels, request.POST.get("code"), request.POST.get("secret"))
        form = QueryForm(initial={"code": request.POST.get("code", "")})
    else:
        form = QueryForm(request.GET or None)
        if form.is_bound:
            if protection.rate_limited(request, "query"):
                error = protection.RATE_LIMIT_MESSAGE
            elif form.is_valid():
                case = _lookup(channels, form.cleaned_data["code"], form.cleaned_data["secret"])
                if case is None:
                    error = "查询码或查询密码不正确，请核对回执上的查询码和查询密码。"
    if case is not None and rating_form is None and rules.rating_blocker(case) is None:
        rating_form = RatingForm(initial={"code": case.code, "secret": case.secret})
    return render(
        request,
        template,
        {
            "form": form,
            "case": case,
            "item": _board_item(case) if case else None,
            "light": clock.LIGHT_LABELS.get(clock.light(case), "") if case else "",
            "rating_form": rating_form if case is not None and rules.rating_blocker(case) is None else None,
            "error": error,
            "notice": notice,
            "ratings": Rating.choices,
        },
    )


def site_error_query(request):
    return query(request, channels=(Channel.SITE_ERROR,), template="interaction/site_error_query.html")
