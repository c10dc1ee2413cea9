"""Background work of the disclosure app."""

from django_tasks import task

from . import precheck


@task()
def check_links_task(result_id):
    """Links of a submitted draft are checked here, never in the request."""
    precheck.check_links(result_id)


@task()
def compute_related_task(page_id):
    from .related import update_related

    update_related(page_id)
