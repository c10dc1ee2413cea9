"""Public pages under /ysqgk/: the guide and form, the receipt (tracking code and secret shown once), tracking."""

from django.shortcuts import redirect, render

from gongkai.core import protection
from gongkai.org import sites

from . import actions, rules, tracking
from .forms import ApplicationForm, TrackingForm

SESSION_KEY = "foi_receipt"


def apply(request):
    """The guide (who may apply, what to include, time limits, fees, remedies) and the form."""
    form = ApplicationForm(request.POST or None, request.FILES or None)
    error = ""
    if request.method == "POST":
        if protection.rate_limited(request, "submit"):
            error = protection.RATE_LIMIT_MESSAGE
        elif form.is_valid():
            try:
                app, secret = actions.submit(
                    form.checked, attachments=form.checked_files, site=sites.current_site(request)
                )
            except actions.ActionError as exc:  # a double submission
                error = str(exc)
            else:
                request.session[SESSION_KEY] = {"code": app.tracking_code, "secret": secret}
                return redirect("foi:receipt")
        form.refresh_captcha()
    return render(request, "foi/apply.html", {"form": form, "error": error, "rules": rules})


def receipt(request):
    """Shown once: the secret is taken out of the session as the page renders."""
    data = request.session.pop(SESSION_KEY, None)
    if data is None:
        return redirect("foi:track")
    return render(request, "foi/receipt.html", data)


def track(request):
    form = TrackingForm(request.POST or None)
    result = None
    error = ""
    if request.method == "POST" and form.is_valid():
        if protection.rate_limited(request, "query"):
            error = protection.RATE_LIMIT_MESSAGE
        else:
            app = tracking.find(form.cleaned_data["tracking_code"], form.cleaned_data["secret"])
            if app is None:
                error = "未找到该申请，请核对查询码和查询密码。"
            else:
                result = tracking.public_view(app)
    return render(request, "foi/track.html", {"form": form, "result": result, "error": error})
