"""Public pages under /ysqgk/: the guide and form, the receipt (tracking code and secret shown once), tracking."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header

from gongkai.core import privatefiles, protection
from gongkai.core import tracking as case_tracking
from gongkai.org import sites

from . import actions, letters, rules, tracking
from .forms import ApplicationForm, TrackingForm
from .models import APPLICANT_NOTICES, Notice, ReleasedFile, Status

SESSION_KEY = "foi_receipt"
# the applications whose tracking code and secret were POSTed in this browser session, for half an hour: their
# notices and (once the reply is delivered) the released documents may be downloaded — nothing else, and nothing
# without the secret; the download links carry no secret (gongkai.core.tracking)
TRACKED_KEY = tracking.TRACKED_KEY


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
            except actions.DuplicateSubmission as exc:
                # a double click: the first response was never shown, its receipt still waits in this session
                if case_tracking.pending_receipt(request, SESSION_KEY, exc.existing.tracking_code):
                    return redirect("foi:receipt")
                error = str(exc)
            except actions.ActionError as exc:  # the same application still being stored
                error = str(exc)
            else:
                case_tracking.hold_receipt(request, SESSION_KEY, app.tracking_code, secret)
                return redirect("foi:receipt")
        form.refresh_captcha()
    return render(request, "foi/apply.html", {"form": form, "error": error, "rules": rules})


def receipt(request):
    """Shown once: the secret is taken out of the session as the page renders (it is in no URL)."""
    data = case_tracking.take_receipt(request, SESSION_KEY)
    if data is None:
        return redirect("foi:track")
    response = render(request, "foi/receipt.html", data)
    response["Cache-Control"] = "private, no-store"
    return response


def track(request):
    """The code and the secret are POSTed; a link with `?secret=` is refused without looking anything up (the
    code alone, `?tracking_code=`, only fills in the form)."""
    if request.method != "POST":
        code = request.GET.get("tracking_code") or request.GET.get("code") or ""
        form = TrackingForm(initial={"tracking_code": case_tracking.normalize_code(code)[:20]})
        if case_tracking.secret_in_url(request):
            context = {"form": form, "result": None, "error": case_tracking.URL_REFUSED_MESSAGE}
            return render(request, "foi/track.html", context, status=400)
        return render(request, "foi/track.html", {"form": form, "result": None, "error": ""})
    form = TrackingForm(request.POST)
    result = None
    error = ""
    if case_tracking.secret_in_url(request):
        error = case_tracking.URL_REFUSED_MESSAGE
    elif form.is_valid():
        if protection.rate_limited(request, "query"):
            error = protection.RATE_LIMIT_MESSAGE
        else:
            app = tracking.find(form.cleaned_data["tracking_code"], form.cleaned_data["secret"])
            if app is None:
                error = "未找到该申请，请核对查询码和查询密码。"
            else:
                result = tracking.public_view(app)
                case_tracking.remember(request, TRACKED_KEY, app.pk)
                result["notices"] = letters.for_applicant(app)
                result["released_files"] = (
                    list(app.released_files.all()) if app.status == Status.CLOSED else []
                )
    response = render(request, "foi/track.html", {"form": form, "result": result, "error": error})
    response["Cache-Control"] = "private, no-store"
    return response


def _tracked(request, application_id):
    if not case_tracking.remembered(request, TRACKED_KEY, application_id):
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
