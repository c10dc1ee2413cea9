"""Staff upload attachments (documents) and images in the admin: a department's editor and the office can, their
files are GovDocuments owned by them; an account without a role cannot. (Wagtail checks documents against
wagtaildocs.Document's permissions even with a custom document model.)"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model

from tests.security.helpers import sign_in

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def upload(client, name="恩施市教育局2026年部门预算.pdf"):
    return client.post(
        "/admin/documents/multiple/add/",
        {"title": "部门预算", "files[]": SimpleUploadedFile(name, PDF, content_type="application/pdf")},
    )


@pytest.mark.parametrize("who", ["edu_editor", "office_user"])
def test_staff_upload_attachments_in_the_admin(client, catalog, request, who):
    user = request.getfixturevalue(who)
    sign_in(client, user)
    response = upload(client)
    assert response.status_code == 200, response.get("Location")
    document = get_document_model().objects.get()
    assert document.uploaded_by_user == user


def test_an_account_without_a_role_cannot_upload(client, catalog, make_staff, edu):
    user = make_staff(None)
    sign_in(client, user)
    response = upload(client)
    assert response.status_code in (302, 403)
    assert not get_document_model().objects.exists()
