"""Public pages: the message board, the forms, receipts and the query/rating page (issue 6 §2, §4, §5). Views only
translate HTTP; the rules are in intake.py, rules.py and actions.py."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from gongkai.core import actors, protection, textcheck
from gongkai.core import tracking as case_tracking
from gongkai.org import sites

from . import actions, clock, rules, stats, tracking
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


def _submit_view(request, form_class, channel, template):
    site = sites.current_site(request)
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, site=site)
        if protection.rate_limited(request, "submit"):
            form.is_valid()
            form.add_error(None, protection.RATE_LIMIT_MESSAGE)
        elif form.is_valid():
            case, secret = actions.submit(
                channel, form.intake, source="web", attachment=request.FILES.get("attachment"), site=site
            )
            if secret is not None:
                # the receipt is shown once after a redirect; the secret waits in the session, in no URL
                case_tracking.hold_receipt(request, tracking.RECEIPT_KEY, case.code, secret)
                return redirect("interaction:receipt")
            if case_tracking.pending_receipt(request, tracking.RECEIPT_KEY, case.code):
                return redirect("interaction:receipt")  # a double click: the first receipt was never shown
            return _receipt_page(request, case, None)
        form.refresh_captcha()
    else:
        form = form_class(site=site)
    return render(request, template, {"form": form})


def _receipt_page(request, case, secret):
    duplicate = ""
    if secret is None:
        duplicate = case_tracking.duplicate_message(
            case.get_channel_display(), actions.DEDUPE_SECONDS // 60, case.code
        )
    response = render(
        request, "interaction/receipt.html", {"case": case, "secret": secret, "duplicate": duplicate}
    )
    response["Cache-Control"] = "private, no-store"
    return response


def receipt(request):
    """Shown once after the form's POST: the secret is taken out of the session as the page renders."""
    data = case_tracking.take_receipt(request, tracking.RECEIPT_KEY)
    case = Case.objects.filter(code=data["code"]).first() if data else None
    if case is None:
        return redirect("interaction:query")
    return _receipt_page(request, case, data["secret"])


@require_http_methods(["GET", "POST"])
def write(request):
    return _submit_view(request, MessageForm, Channel.MESSAGE, "interaction/write.html")


@require_http_methods(["GET", "POST"])
def site_error(request):
    return _submit_view(request, SiteErrorForm, Channel.SITE_ERROR, "interaction/site_error.html")


LOOKUP_ERROR = "查询码或查询密码不正确，请核对回执上的查询码和查询密码。"


def _rate(request, channels):
    """The rating form of the result page carries the code only: the case must have been looked up with its
    secret in this browser in the last half hour (gongkai.core.tracking.remember)."""
    rating_form = RatingForm(request.POST)
    code = request.POST.get("code", "")
    case = tracking.tracked(request, channels, code)
    if protection.rate_limited(request, "rating"):
        return case, rating_form, protection.RATE_LIMIT_MESSAGE, ""
    if case is None:
        return None, None, "请重新输入查询码和查询密码查询后再评价（查询后半小时内有效）。", ""
    if not rating_form.is_valid():
        return case, rating_form, "", ""
    try:
        case = actions.rate(
            case, rating_form.cleaned_data["rating"], rating_form.cleaned_data["comment"].strip()
        )
    except rules.TransitionError as exc:
        return case, rating_form, str(exc), ""
    notice = "感谢您的评价。" + (
        "您的不满意评价已转督办，承办部门将回访并重新办理。" if case.unsatisfied else ""
    )
    return case, None, "", notice


@require_http_methods(["GET", "POST"])
def query(request, channels=(Channel.MESSAGE, Channel.HOTLINE), template="interaction/query.html"):
    """查询 by code and secret (POSTed: a secret never travels in a URL), and rate a published reply."""
    case = None
    error = notice = ""
    rating_form = None
    status = 200
    code = request.POST.get("code") if request.method == "POST" else request.GET.get("code")
    form = QueryForm(initial={"code": case_tracking.normalize_code(code)[:20]})
    if case_tracking.secret_in_url(request):
        error, status = case_tracking.URL_REFUSED_MESSAGE, 400  # nothing looked up, nothing echoed
    elif request.method == "POST" and "rating" in request.POST:
        case, rating_form, error, notice = _rate(request, channels)
    elif request.method == "POST":
        form = QueryForm(request.POST)
        if protection.rate_limited(request, "query"):
            error = protection.RATE_LIMIT_MESSAGE
        elif form.is_valid():
            case = tracking.find(channels, form.cleaned_data["code"], form.cleaned_data["secret"])
            if case is None:
                error = LOOKUP_ERROR
            else:
                case_tracking.remember(request, tracking.TRACKED_KEY, case.pk)
    can_rate = case is not None and rules.rating_blocker(case) is None
    if can_rate and rating_form is None and not notice:
        rating_form = RatingForm(initial={"code": case.code})
    response = render(
        request,
        template,
        {
            "form": form,
            "case": case,
            "item": _board_item(case) if case else None,
            "light": clock.LIGHT_LABELS.get(clock.light(case), "") if case else "",
            "rating_form": rating_form if can_rate else None,
            "error": error,
            "notice": notice,
            "ratings": Rating.choices,
        },
        status=status,
    )
    response["Cache-Control"] = "private, no-store"
    return response


def site_error_query(request):
    return query(request, channels=(Channel.SITE_ERROR,), template="interaction/site_error_query.html")
