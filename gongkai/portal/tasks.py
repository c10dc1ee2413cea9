"""Background work of the portal: keeping the pages published as static files true after every change."""

from django_tasks import task

from . import published


@task()
def refresh_published_task(page_id):
    published.refresh(page_id)
