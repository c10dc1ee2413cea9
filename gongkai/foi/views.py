"""Public pages under /ysqgk/: the guide and form, the receipt (tracking code and secret shown once), tracking."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header

from gongkai.core import privatefiles, protection
from gongkai.org import sites

from . import actions, letters, rules, tracking
from .forms import ApplicationForm, TrackingForm
from .models import APPLICANT_NOTICES, Notice, ReleasedFile, Status

SESSION_KEY = "foi_receipt"
# the applications whose tracking code and secret were given in this browser session: their notices and (once the
# reply is delivered) the released documents may be downloaded — nothing else, and nothing without the secret
TRACKED_KEY = "foi_tracked"


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
                tracked = [pk for pk in request.session.get(TRACKED_KEY, []) if pk != app.pk][-9:]
                request.session[TRACKED_KEY] = [*tracked, app.pk]
                result["notices"] = letters.for_applicant(app)
                result["released_files"] = (
                    list(app.released_files.all()) if app.status == Status.CLOSED else []
                )
    return render(request, "foi/track.html", {"form": form, "result": result, "error": error})


def _tracked(request, application_id):
    if application_id not in request.session.get(TRACKED_KEY, []):
        # no secret given in this session: the same answer as for a file that does not exist
        raise Http404
    return application_id


def applicant_notice(request, notice_id):
    """A notice addressed to the applicant, for the browser session that gave the tracking code and secret."""
    notice = get_object_or_404(Notice.objects.select_related("application"), pk=notice_id)
    _tracked(request, notice.application_id)
    if notice.kind not in APPLICANT_NOTICES:
        raise Http404
    response = HttpResponse(
        letters.build_docx(notice.paragraphs),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = content_disposition_header(True, letters.filename(notice))
    response["Cache-Control"] = "private, no-store"
    return response


def applicant_file(request, file_id):
    """A document released with the reply, once the reply is delivered, for the session that gave the secret."""
    item = get_object_or_404(ReleasedFile.objects.select_related("application"), pk=file_id)
    _tracked(request, item.application_id)
    if item.application.status != Status.CLOSED:
        raise Http404
    return privatefiles.serve(item.file, filename=item.original_name, content_type=item.content_type)
