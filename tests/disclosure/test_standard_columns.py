"""No empty column, ever (issue 17, 国办秘函〔2019〕19号 空白栏目): standard columns generated from the office's
template, 本单位暂无/不涉及 marked by the office with its 栏目说明, a new department starting with no blank column."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from gongkai.assessment.health.models import Severity
from gongkai.core.models import AuditRecord
from gongkai.core.refusals import NotPermitted
from gongkai.disclosure import actions, health, setup, standard_columns
from gongkai.disclosure.models import Absence, ColumnKind, ColumnPage, DepartmentCatalogPage
from gongkai.org import actions as org_actions
from gongkai.org.models import Department
from gongkai.portal.setup import ensure_home
from tests.assessment.health.conftest import at

pytestmark = pytest.mark.django_db


def _leaves(catalog):
    return [
        c for c in ColumnPage.objects.descendant_of(catalog) if not ColumnPage.objects.child_of(c).exists()
    ]


def test_a_new_department_starts_with_no_empty_column(client, office_user):
    root = setup.ensure_root(ensure_home())
    department = Department(
        name="恩施市医疗保障局",
        short_name="市医保局",
        code="11422801MB1934765X",
        phone="0718-8213456",
        address="恩施市金桂大道88号",
    )
    org_actions.save_department(office_user, department)
    catalog = DepartmentCatalogPage.objects.get(department=department)
    assert catalog.get_parent().pk == root.pk

    outcome = health.check_empty_columns(at(2026, 12, 7))
    assert outcome.figure == 0 and outcome.status == Severity.OK, [f.subject for f in outcome.findings]

    guide = setup.column(catalog, "zhinan")
    assert "恩施市医疗保障局" in guide.standard_body and "0718-8213456" in guide.standard_body
    assert "恩施市金桂大道88号" in guide.standard_body
    on_request = setup.column(catalog, "ysqgk")
    # 依申请公开 leads to the form and to the department's own 指南
    assert 'href="/ysqgk/shenqing/"' in on_request.standard_body
    assert f'href="{guide.url}"' in on_request.standard_body
    news = setup.column(catalog, "fdzdgknr", "gzdt")
    assert news.absence == Absence.NONE_YET and news.absence_note == standard_columns.NONE_YET_NOTE

    page = client.get(news.url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "本单位暂无" in html and standard_columns.NONE_YET_NOTE in html
    assert "共 0 条" not in html
    html = client.get(on_request.url).content.decode()
    assert "在线申请" in html and "共 0 条" not in html


def test_a_column_marked_not_applicable_is_accepted_and_shows_its_note(
    client, catalog, office_user, edu_editor
):
    graphic = setup.column(catalog["edu"], "fdzdgknr", "tj")
    # an older catalog's column with nothing in it and no mark is a 空白栏目
    ColumnPage.objects.filter(pk=graphic.pk).update(absence="", absence_note="")
    blank = {f.subject for f in health.check_empty_columns(at(2026, 12, 7)).findings}
    assert "市教育局·图解" in blank

    note = "本单位本年度未制发需以图解方式解读的政策文件，暂无图解类信息。"
    with pytest.raises(NotPermitted):
        actions.mark_column_absence(edu_editor, graphic, Absence.NOT_APPLICABLE, note)
    with pytest.raises(ValidationError) as err:
        actions.mark_column_absence(office_user, graphic, Absence.NOT_APPLICABLE, "不涉及")
    assert "栏目说明" in str(err.value)
    assert ColumnPage.objects.get(pk=graphic.pk).absence == ""  # nothing half-stored

    actions.mark_column_absence(office_user, graphic, Absence.NOT_APPLICABLE, note)
    entry = AuditRecord.objects.filter(action="disclosure.mark_column_absence").latest("pk")
    assert entry.after == {"absence": "not_applicable", "note": note}

    blank = {f.subject for f in health.check_empty_columns(at(2026, 12, 7)).findings}
    assert "市教育局·图解" not in blank
    html = client.get(graphic.url).content.decode()
    assert "不涉及" in html and note in html and "共 0 条" not in html


def test_none_yet_is_no_excuse_beyond_the_column_cycle(catalog, office_user):
    news = setup.column(catalog["edu"], "fdzdgknr", "gzdt")
    actions.mark_column_absence(office_user, news, Absence.NONE_YET, standard_columns.NONE_YET_NOTE)
    marked_on = ColumnPage.objects.get(pk=news.pk).absence_since
    later = marked_on + datetime.timedelta(days=20)
    outcome = health.check_columns(at(later.year, later.month, later.day))
    subjects = {f.subject: f for f in outcome.findings}
    assert "市教育局·工作动态" in subjects and subjects["市教育局·工作动态"].days == 20
    assert "标注“本单位暂无”" in subjects["市教育局·工作动态"].detail


def test_standard_columns_follow_the_office_template(catalog, office_user, edu_editor, edu, hrss):
    site = catalog["root"].get_site()
    rules_edu = setup.column(catalog["edu"], "zhidu")
    assert "保密审查" in rules_edu.standard_body  # the built-in template until the office saves its own

    body = (
        "<p>{部门名称}政府信息公开工作制度：信息发布实行“三审”，由{部门简称}信息员起草，"
        "经科室负责人初审、保密审查、分管领导终审后发布。咨询电话：{咨询电话}。</p>"
    )
    with pytest.raises(NotPermitted):
        actions.save_column_template(edu_editor, site, ColumnKind.RULES, body)
    changed = actions.save_column_template(office_user, site, ColumnKind.RULES, body)
    assert changed == 2  # both departments of the site
    rules_edu = ColumnPage.objects.get(pk=rules_edu.pk)
    assert rules_edu.standard_body.startswith("<p>恩施市教育局政府信息公开工作制度：")
    assert "由市教育局信息员起草" in rules_edu.standard_body
    rules_hrss = setup.column(catalog["hrss"], "zhidu")
    assert "恩施市人力资源和社会保障局政府信息公开工作制度" in rules_hrss.standard_body
    assert AuditRecord.objects.filter(action="disclosure.save_column_template").count() == 1

    # the department's particulars change: the command (standard_columns.generate_site) brings the pages up to date
    Department.objects.filter(pk=edu.pk).update(phone="0718-8260101")
    assert standard_columns.generate_site(site) == 3  # 指南, 制度 and 依申请公开 of 市教育局 name the phone
    rules_edu = ColumnPage.objects.get(pk=rules_edu.pk)
    assert "咨询电话：0718-8260101" in rules_edu.standard_body

    # a revision published later never brings the old generated text back
    rules_edu.title = "政府信息公开制度"
    rules_edu.save_revision().publish()
    assert "0718-8260101" in ColumnPage.objects.get(pk=rules_edu.pk).standard_body

    with pytest.raises(ValidationError):
        actions.save_column_template(office_user, site, ColumnKind.RULES, "<p> </p>")
    with pytest.raises(ValidationError):
        actions.save_column_template(office_user, site, ColumnKind.NEWS, body)


def test_standard_catalog_counts_and_links_the_items_that_fulfil_each_entry(
    client, make_draft, edu_editor, edu_reviewers, edu, django_capture_on_commit_callbacks
):
    from gongkai.disclosure.models import GovInfoPage, PilotArea, StandardCatalogEntry
    from tests.disclosure.test_search_integration import publish

    entry = StandardCatalogEntry.objects.create(
        area=PilotArea.objects.get(name="义务教育"),
        department=edu,
        item_l1="招生入学",
        item_l2="招生入学政策",
        content="招生范围、招生计划、入学条件、报名方式、录取办法",
        basis="《中华人民共和国义务教育法》",
        time_limit_days=20,
        time_limit_text="信息形成或者变更之日起20个工作日内",
        channels=["website"],
    )
    with django_capture_on_commit_callbacks(execute=True):
        shown = publish(make_draft(edu_editor, catalog_entry=entry), edu_editor, edu_reviewers)
        withdrawn = publish(
            make_draft(
                edu_editor,
                title="关于公布2026年义务教育招生入学划片范围的公告",
                doc_number="恩市教发〔2026〕13号",
                catalog_entry=entry,
            ),
            edu_editor,
            edu_reviewers,
        )
    make_draft(edu_editor, title="关于2026年春季转学插班的通知（草稿）", doc_number="", catalog_entry=entry)
    GovInfoPage.objects.filter(pk=withdrawn.pk).update(withdrawn=True)
    html = client.get("/xxgk/biaozhun/").content.decode()
    row = html.split("招生入学政策", 1)[1].split("</tr>", 1)[0]
    assert "1 条" in row  # the live one; neither the withdrawn item nor the draft
    assert f'<a href="{shown.url}">{shown.title}</a>' in row
    assert withdrawn.title not in row
    assert "disclosure/catalog" in html  # the layout that keeps the narrow columns readable


def test_the_command_regenerates_and_marks_as_the_office(catalog, office_user, edu_editor):
    import io

    from django.core.management import CommandError, call_command

    guide = setup.column(catalog["edu"], "zhinan")
    ColumnPage.objects.filter(pk=guide.pk).update(standard_body="")
    out = io.StringIO()
    call_command("standard-columns", "generate", stdout=out)
    assert "已重新生成标准栏目 1 个" in out.getvalue()
    assert "恩施市教育局" in ColumnPage.objects.get(pk=guide.pk).standard_body

    laws = setup.column(catalog["edu"], "gknb")
    note = "本单位2026年度政府信息公开工作年度报告将于2027年1月31日前公开。"
    with pytest.raises(CommandError, match="只有本站点的政务公开办"):
        call_command(
            "standard-columns",
            "mark",
            user=edu_editor.username,
            column=laws.pk,
            absence="none_yet",
            note=note,
        )
    call_command(
        "standard-columns", "mark", user=office_user.username, column=laws.pk, absence="none_yet", note=note
    )
    assert ColumnPage.objects.get(pk=laws.pk).absence_note == note


def test_the_office_edits_templates_and_marks_columns_in_the_admin(client, catalog, office_user, edu_editor):
    site = catalog["root"].get_site()
    graphic = setup.column(catalog["edu"], "fdzdgknr", "tj")
    client.force_login(edu_editor)
    for url in ("/admin/disclosure/column-templates/", f"/admin/disclosure/column/{graphic.pk}/absence/"):
        refused = client.get(
            url
        )  # Wagtail turns PermissionDenied into a redirect to the dashboard with a message
        assert (refused.status_code, refused.url) == (302, "/admin/")

    client.force_login(office_user)
    listing = client.get("/admin/disclosure/column-templates/").content.decode()
    assert "政府信息公开制度" in listing and "系统默认模板" in listing
    url = f"/admin/disclosure/column-templates/{site.pk}/rules/"
    assert "{部门名称}" in client.get(url).content.decode()
    body = "<p>{部门名称}政府信息公开工作制度：先审查、后公开，一事一审，未经审查的信息不得公开。</p>"
    assert client.post(url, {"body": body}).status_code == 302
    assert setup.column(catalog["edu"], "zhidu").standard_body.startswith(
        "<p>恩施市教育局政府信息公开工作制度"
    )

    page = client.post(
        f"/admin/disclosure/column/{graphic.pk}/absence/", {"absence": "not_applicable", "note": "短"}
    )
    assert page.status_code == 200 and "栏目说明" in page.content.decode()
    note = "本单位本年度未制发需以图解方式解读的政策文件，暂无图解类信息。"
    response = client.post(
        f"/admin/disclosure/column/{graphic.pk}/absence/", {"absence": "not_applicable", "note": note}
    )
    assert response.status_code == 302
    assert ColumnPage.objects.get(pk=graphic.pk).absence_note == note
