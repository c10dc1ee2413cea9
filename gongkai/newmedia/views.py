"""Public pages: the 政务新媒体矩阵 (accounts by department and platform, QR/link, latest posts)."""

from collections import OrderedDict

from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gongkai.core.textcheck import mask_personal_data
from gongkai.org import sites

from .models import Account, AccountStatus, Platform, Post
from .qr import qr_svg

LATEST_POSTS = 3


def latest_posts(account_ids, n=LATEST_POSTS):
    """The n newest posts of each account, in one query (a window function, on SQLite and PostgreSQL alike)."""
    ranked = (
        Post.objects.filter(account_id__in=account_ids)
        .annotate(rank=Window(RowNumber(), partition_by=F("account_id"), order_by=[F("published_at").desc()]))
        .filter(rank__lte=n)
        .only("id", "account_id", "title", "url", "published_at", "findings")
        .order_by("account_id", "rank")
    )
    out = {}
    for post in ranked:
        if post.findings:
            # personal data never reaches a public page, even when an account published it (RULES: 个人信息)
            post.title = mask_personal_data(post.title)
        out.setdefault(post.account_id, []).append(post)
    return out


@require_GET
def matrix(request):
    platform = request.GET.get("platform", "")
    site = sites.current_site(request)  # 集约化: this site's departments' accounts only
    accounts = sites.public_filter(
        Account.objects.filter(status__in=[AccountStatus.ACTIVE, AccountStatus.CLOSING_NOTICE]), site
    ).select_related("department")
    if platform in Platform.values:
        accounts = accounts.filter(platform=platform)
    else:
        platform = ""
    order = {value: i for i, value in enumerate(Platform.values)}
    accounts = sorted(
        accounts, key=lambda a: (a.department.sort_order, a.department_id, order[a.platform], a.name)
    )
    posts = latest_posts([a.pk for a in accounts])
    departments = OrderedDict()
    for account in accounts:
        account.latest = posts.get(account.pk, [])
        departments.setdefault(account.department, []).append(account)
    counts = OrderedDict((p.value, 0) for p in Platform)
    for value in (
        sites.public_filter(Account.objects.exclude(status=AccountStatus.CLOSED), site)
        .order_by()
        .values_list("platform", flat=True)
    ):
        counts[value] += 1
    platforms = [(value, Platform(value).label, n) for value, n in counts.items() if n]
    return render(
        request,
        "newmedia/matrix.html",
        {
            "departments": departments,
            "platforms": platforms,
            "platform": platform,
            "platform_label": Platform(platform).label if platform else "",
            "total": len(accounts),
        },
    )


@require_GET
def account_qr(request, pk):
    account = Account.objects.filter(pk=pk).exclude(status=AccountStatus.CLOSED).only("url").first()
    if account is None or not account.url:
        raise Http404
    response = HttpResponse(qr_svg(account.url), content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=86400"
    return response
