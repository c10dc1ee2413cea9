"""A search_sources module as an app would write it (gongkai/<app>/search_sources.py), over org.Department."""

from gongkai.org.models import Department
from gongkai.search.index import Document


def search_documents():
    for dept in Department.objects.filter(active=True):
        yield (
            dept,
            Document(
                title=dept.name,
                body=f"{dept.name}（{dept.short_name}）办公地址：{dept.address}",
                url=f"/bumen/{dept.pk}/",
                kind="service",
                department_id=dept.pk,
                department_name=dept.name,
            ),
        )
