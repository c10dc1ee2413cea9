"""The end of a review workflow (WAGTAIL_FINISH_WORKFLOW_ACTION): publication of the approved revision.

Approvers do not hold the publish permission (nobody does, for items: see models/permissions.GovInfoPermissionTester), so the
approved revision is published here with the permission check skipped — after refusing if a blocking pre-check
finding is still unresolved. A revision with a future go-live time is scheduled instead (the worker publishes it).
"""

from gongkai.core.refusals import Refused


def publish_approved(workflow_state, user=None):
    # imported here: Wagtail resolves this function while its own models are still loading
    from .models import GovInfoPage

    obj = workflow_state.content_object
    obj = getattr(obj, "specific_deferred", obj)
    revision = obj.get_latest_revision()
    if isinstance(obj, GovInfoPage):
        from .precheck import unresolved_block

        if unresolved_block(obj):
            # a refusal because of the item's state (409), not of who asks: the approver may publish, this
            # revision may not until the finding is corrected or let through in writing
            raise Refused("发布前检查存在未处理的阻断项，须修改或书面说明后放行。")
        revision.publish(user=user, skip_permission_checks=True)
    else:
        revision.publish(user=user)


def attach():
    """Give the department review task what it calls (DepartmentReviewTask.unresolved_block, .override_precheck);
    called from DisclosureConfig.ready()."""
    from .actions import override_precheck
    from .models import DepartmentReviewTask
    from .precheck import unresolved_block

    DepartmentReviewTask.unresolved_block = staticmethod(unresolved_block)
    DepartmentReviewTask.override_precheck = staticmethod(override_precheck)
