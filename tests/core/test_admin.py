"""The admin screens of the foundation: calendar (office) and audit trail (audit administrator only)."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from gongkai.core import audit
from gongkai.core.models import CalendarDay
from tests.security.helpers import sign_in


def test_auditor_reads_the_audit_trail_and_others_cannot(client, db, auditor, office_user):
    with transaction.atomic():
        audit.record(
            office_user,
            "foi.confirm",
            object_type="foi.application",
            object_id="7",
            object_repr="依申请公开 YSQ-2026-0007",
        )
    sign_in(client, auditor)  # an administrator: password and TOTP second factor
    page = client.get("/admin/audit/")
    html = page.content.decode()
    assert page.status_code == 200 and "确认收到申请" in html and "<code>foi.confirm</code>" in html
    client.force_login(office_user)
    assert client.get("/admin/audit/").status_code in (302, 403)


def test_office_imports_a_calendar_csv_in_the_admin(client, db, office_user):
    client.force_login(office_user)
    assert client.get("/admin/calendar/").status_code == 200
    csv = "date,kind,name,source\n2027-01-01,rest,元旦,国办发明电\n".encode()
    response = client.post("/admin/calendar-import/", {"file": SimpleUploadedFile("2027.csv", csv)})
    assert response.status_code == 302
    assert CalendarDay.objects.filter(date="2027-01-01", name="元旦").exists()


def test_a_bad_calendar_csv_is_reported_and_nothing_changes(client, db, office_user):
    client.force_login(office_user)
    csv = "date,kind,name\n2027-01-01,rest,元旦\n2027-13-01,rest,春节\n".encode()
    response = client.post("/admin/calendar-import/", {"file": SimpleUploadedFile("2027.csv", csv)})
    assert response.status_code == 200
    assert "第 3 行" in response.content.decode()
    assert not CalendarDay.objects.filter(date__year=2027).exists()


def test_an_editor_cannot_import_a_calendar(client, db, edu_editor):
    client.force_login(edu_editor)
    response = client.get("/admin/calendar-import/")
    assert response.status_code in (302, 403)
    assert response.get("Location", "/admin/") == "/admin/"


def test_office_and_security_admin_edit_the_word_lists_others_do_not(
    client, db, office_user, make_staff, edu
):
    from gongkai.core import roles

    secadmin = make_staff(None, roles.SECADMIN)
    editor = make_staff(edu, roles.EDITOR)
    for user in (office_user, secadmin):
        sign_in(client, user)
        assert client.get("/admin/sensitive_words/").status_code == 200
        assert client.get("/admin/wording_corrections/").status_code == 200
    client.force_login(editor)
    assert client.get("/admin/sensitive_words/").status_code in (302, 403)


def test_the_auditors_detail_of_a_record_shows_the_label_and_the_raw_name(client, db, auditor, office_user):
    with transaction.atomic():
        rec = audit.record(
            office_user,
            "interaction.follow_up.revisit",
            object_type="interaction.case",
            object_id="31",
            object_repr="关于城区老旧小区加装电梯补贴政策的咨询",
            note="电话回访，群众对答复表示理解",
        )
    sign_in(client, auditor)
    html = client.get(f"/admin/audit/inspect/{rec.pk}/").content.decode()
    assert "记录回访" in html and "<code>interaction.follow_up.revisit</code>" in html


def test_the_audit_trail_lists_the_newest_record_first(client, db, auditor, office_user):
    for number in ("YSQ-2026-0031", "YSQ-2026-0032"):
        with transaction.atomic():
            audit.record(
                office_user,
                "foi.confirm",
                object_type="foi.application",
                object_id=number,
                object_repr=f"依申请公开 {number}",
            )
    sign_in(client, auditor)
    text = client.get("/admin/audit/").content.decode()
    assert text.index("YSQ-2026-0032") < text.index("YSQ-2026-0031")


def test_word_list_edits_on_the_admin_screens_are_audited(client, db, make_staff):
    from gongkai.core import roles
    from gongkai.core.models import AuditRecord, SensitiveWord

    secadmin = make_staff(None, roles.SECADMIN, username="secadmin")
    sign_in(client, secadmin)
    fields = {"word": "内部资料", "severity": "block", "category": "涉密标识", "active": "on"}
    assert client.post("/admin/sensitive_words/new/", fields).status_code == 302
    word = SensitiveWord.objects.get(word="内部资料")
    created = AuditRecord.objects.get(action="sensitiveword.create", object_id=str(word.pk))
    assert created.actor == secadmin and created.after["severity"] == "block"

    response = client.post(f"/admin/sensitive_words/edit/{word.pk}/", {**fields, "severity": "warn"})
    assert response.status_code == 302
    changed = AuditRecord.objects.get(action="sensitiveword.change", object_id=str(word.pk))
    assert changed.before == {"severity": "block"} and changed.after == {"severity": "warn"}

    assert client.post(f"/admin/sensitive_words/delete/{word.pk}/").status_code == 302
    assert not SensitiveWord.objects.filter(word="内部资料").exists()
    deleted = AuditRecord.objects.get(action="sensitiveword.delete", object_id=str(word.pk))
    assert deleted.before["word"] == "内部资料"


def test_a_calendar_day_added_on_the_admin_screen_is_audited(client, db, office_user):
    from gongkai.core.models import AuditRecord

    client.force_login(office_user)
    fields = {"date": "2027-02-06", "kind": "rest", "name": "春节", "source": "国办发明电〔2026〕7号"}
    assert client.post("/admin/calendar/new/", fields).status_code == 302
    day = CalendarDay.objects.get(date="2027-02-06")
    record = AuditRecord.objects.get(action="calendarday.create", object_id=str(day.pk))
    assert record.actor == office_user and record.after["name"] == "春节"
