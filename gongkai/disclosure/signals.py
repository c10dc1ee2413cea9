"""Wagtail's publishing and workflow events, turned into the disclosure record: the pre-check on submission,
the audit trail of every review step, the publication record, and `gov_info_changed` for other apps (search index,
page cache, related items)."""

from django.db import transaction
from django.dispatch import receiver
from wagtail.signals import (
    page_published,
    page_unpublished,
    task_approved,
    task_rejected,
    task_submitted,
    workflow_cancelled,
    workflow_rejected,
)

from gongkai.core import audit
from gongkai.org.signals import department_created

from .events import gov_info_changed, item_changed
from .models import GovInfoPage


def _gov_info(obj):
    page = getattr(obj, "specific_deferred", obj)
    return page if isinstance(page, GovInfoPage) else None


@receiver(task_submitted)
def on_task_started(sender, instance, user=None, **kwargs):
    """A review step starts (first submission, or resubmission after changes were requested): check each new
    revision once, before any reviewer sees it."""
    page = _gov_info(instance.workflow_state.content_object)
    if page is None:
        return
    from .models import PrecheckResult
    from .precheck import run_precheck
    from .tasks import check_links_task

    revision = instance.revision
    if PrecheckResult.objects.filter(revision=revision).exists():
        return
    with transaction.atomic():
        result = run_precheck(page, revision)
        audit.record(
            user,
            "disclosure.submit",
            page,
            after={
                "workflow": instance.workflow_state.workflow.name,
                "revision": revision.pk,
                "precheck": {"block": len(result.blocking), "warn": len(result.warnings)},
            },
        )
    transaction.on_commit(lambda: check_links_task.enqueue(result.pk))


@receiver(task_approved)
@receiver(task_rejected)
def on_task_decided(sender, instance, user=None, **kwargs):
    page = _gov_info(instance.workflow_state.content_object)
    if page is None:
        return
    approved = instance.status == instance.STATUS_APPROVED
    with transaction.atomic():
        audit.record(
            user,
            "disclosure.review_approve" if approved else "disclosure.review_reject",
            page,
            after={"step": instance.task.name, "revision": instance.revision_id},
            note=instance.comment or "",
        )


@receiver(workflow_rejected)
@receiver(workflow_cancelled)
def on_workflow_ended(sender, instance, user=None, **kwargs):
    page = _gov_info(instance.content_object)
    if page is None:
        return
    with transaction.atomic():
        audit.record(
            user, f"disclosure.workflow_{instance.status}", page, after={"workflow": instance.workflow.name}
        )


@receiver(page_published)
def on_published(sender, instance, revision=None, **kwargs):
    page = _gov_info(instance)
    if page is None:
        return
    from .actions import record_publication

    if not page.live:
        # an approved revision scheduled for later: Wagtail announces it too; the item is published by the worker
        with transaction.atomic():
            audit.record(
                None,
                "disclosure.schedule",
                page,
                after={"go_live_at": revision.approved_go_live_at if revision else None},
            )
        return
    record_publication(page, revision, _publishing_user(page, revision))
    transaction.on_commit(lambda: _after_publish(page.pk))


def _publishing_user(page, revision):
    """The final approver, when the publication is the end of a workflow; None for a scheduled publication."""
    from wagtail.models import TaskState

    if revision is not None and revision.approved_go_live_at is not None:
        return None
    state = (
        (
            TaskState.objects.filter(revision=revision, status=TaskState.STATUS_APPROVED)
            .select_related("finished_by")
            .order_by("-finished_at")
            .first()
        )
        if revision is not None
        else None
    )
    if state is not None:
        return state.finished_by
    return revision.user if revision is not None else None


def _after_publish(page_id):
    from .tasks import compute_related_task

    compute_related_task.enqueue(page_id)
    item_changed(page_id)


@receiver(page_unpublished)
def on_unpublished(sender, instance, **kwargs):
    page = _gov_info(instance)
    if page is None:
        return
    with transaction.atomic():
        audit.record(kwargs.get("user"), "disclosure.unpublish", page)
    transaction.on_commit(lambda: item_changed(page.pk))


@receiver(gov_info_changed)
def update_search_index(sender, page_id, **kwargs):
    """Keep the site search true: published, changed or withdrawn items re-indexed, unpublished ones removed."""
    from .search_sources import update

    update(page_id)


@receiver(gov_info_changed)
def refresh_published_copy(sender, page_id, **kwargs):
    """The portal's published copy of the page (portal/published.py) follows the item."""
    from gongkai.portal.signals import refresh_later

    refresh_later(page_id)


@receiver(department_created, weak=False)
def give_new_department_a_catalog(sender, department, **kwargs):
    """A department created in the admin gets its catalog (standard columns, staff permissions, review workflow)
    under its site's 政府信息公开 root — if that site has one yet."""
    from . import setup

    setup.ensure_catalog_for(department)
