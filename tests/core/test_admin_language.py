"""Wagtail's admin in Chinese for the staff who review government information (gongkai/locale fills the gaps of
Wagtail 8.0's own zh_Hans catalogue), and the committed .mo files are compiled from the .po files beside them."""

import ast
import gettext
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from tests.disclosure.fixtures import act, submit

LOCALE = Path(__file__).resolve().parents[2] / "gongkai" / "locale" / "zh_Hans" / "LC_MESSAGES"

# English that staff saw on these screens before the project catalogue (walked as 信息员 and as 初审)
ENGLISH_SEEN = [
    "Your pages and snippets in a workflow",
    "is awaiting",
    "workflow. Only reviewers",
    "Only reviewers can edit",
    "Reviewers can edit this",
    "Locked by workflow",
    "Anyone can edit this",
    "Locking:",
    "Referenced 0 times",
    "is referenced",
    "Content metrics",
    "Reading time",
    "Readability",
    "This data explained",
    "Autosave is paused",
    "Correct the validation errors",
    "Go to the first error",
    "To be created by",
    "Date updated",
    "Edited by",
    "Has child pages",
    "Page type",
    "Exploring",
    "Sent to",
    "Changes requested",
    "seconds ago",
    "second ago",
    "Search all pages",
    "Privacy and access",
    "editor guide",
    "JavaScript is required",
    "Actions",  # "Actions (footer)", and the header buttons' landmark Wagtail names in its template
    "- Wagtail",  # the browser tab: "控制面板 - Wagtail"
    "Moderators approval",  # the workflow Wagtail's migrations create, in the workflow report's filter
    "Toggle checks",
    "There is one matching page",
    "No results in",
]


def po_messages(path):
    """{(msgid, msgid_plural or None): [msgstr, …]} of a .po file, as msgfmt reads it (fuzzy entries left out)."""
    messages, entry, key = {}, None, None

    def flush():
        if entry and entry.get("msgid") and "fuzzy" not in entry["flags"]:
            strs = [entry["msgstr"][i] for i in sorted(entry["msgstr"])]
            messages[(entry["msgid"], entry.get("msgid_plural"))] = strs

    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            flush()
            entry = None
            continue
        entry = entry or {"flags": [], "msgstr": {}}
        if line.startswith("#,"):
            entry["flags"] += [flag.strip() for flag in line[2:].split(",")]
        elif line.startswith("#"):
            continue
        elif match := re.match(r'(msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+(".*")$', line):
            key = (match[1], int(match[2] or 0))
            value = ast.literal_eval(match[3])
            if key[0] == "msgstr":
                entry["msgstr"][key[1]] = value
            else:
                entry[key[0]] = value
        else:
            value = ast.literal_eval(line)
            if key[0] == "msgstr":
                entry["msgstr"][key[1]] += value
            else:
                entry[key[0]] += value
    return messages


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_committed_mo_is_compiled_from_the_po(domain):
    messages = po_messages(LOCALE / f"{domain}.po")
    with open(LOCALE / f"{domain}.mo", "rb") as mo:
        catalog = gettext.GNUTranslations(mo)
    assert len(messages) > 10
    for (msgid, plural), strs in messages.items():
        assert all(strs), f"untranslated in {domain}.po: {msgid}"
        if plural is None:
            assert catalog.gettext(msgid) == strs[0], f"{domain}.mo is older than {domain}.po: {msgid}"
        else:
            assert catalog.ngettext(msgid, plural, 2) == strs[0], (
                f"{domain}.mo is older than {domain}.po: {msgid}"
            )
    # nothing compiled in that the .po no longer has: one key per message (zh has one plural form), plus the header
    assert len(catalog._catalog) == len(messages) + 1


def english_on(html):
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "template", "svg"]):
        tag.decompose()
    texts = list(soup.stripped_strings)
    for tag in soup.find_all(True):
        texts += [tag[attr] for attr in ("title", "aria-label", "placeholder") if tag.get(attr)]
    text = "\n".join(texts)
    return [phrase for phrase in ENGLISH_SEEN if phrase in text]


@pytest.fixture
def items_in_review(make_draft, edu_editor, edu_reviewers):
    waiting = submit(make_draft(edu_editor), edu_editor)
    returned = submit(
        make_draft(edu_editor, title="恩施市教育局关于开展2026年冬季校园食品安全检查的通知"), edu_editor
    )
    returned = act(returned, edu_reviewers["section"], "reject", comment="请补充各校自查时间安排和联系人。")
    return waiting, returned


@pytest.mark.parametrize("who", ["editor", "section reviewer"])
def test_the_admin_screens_staff_use_are_in_chinese(client, items_in_review, edu_editor, edu_reviewers, who):
    waiting, returned = items_in_review
    user = edu_editor if who == "editor" else edu_reviewers["section"]
    column = waiting.get_parent()
    screens = {
        "控制面板": "/admin/",
        "栏目浏览": f"/admin/pages/{column.pk}/",
        "栏目内搜索": f"/admin/pages/{column.pk}/?q=通知",
        "全站搜索": "/admin/pages/search/?q=招生",
        "审核中的编辑页": f"/admin/pages/{waiting.pk}/edit/",
        "退回修改的编辑页": f"/admin/pages/{returned.pk}/edit/",
        "审核记录": f"/admin/pages/{waiting.pk}/workflow_history/",
        "审核流程报表": "/admin/reports/workflow/",
        "审核环节报表": "/admin/reports/workflow_tasks/",
    }
    client.force_login(user)
    found = {}
    for name, url in screens.items():
        response = client.get(url)
        assert response.status_code == 200, (name, url)
        if english := english_on(response.content.decode()):
            found[name] = english
    if who == "section reviewer":
        task_state = waiting.current_workflow_task_state
        for action in ("approve", "reject"):
            url = reverse("wagtailadmin_pages:workflow_action", args=(waiting.pk, action, task_state.pk))
            response = client.get(url)
            assert response.status_code == 200
            if english := english_on(response.json()["html"]):
                found[f"审核操作 {action}"] = english
    assert found == {}


def test_the_admin_javascript_speaks_chinese_too(client, edu_editor):
    client.force_login(edu_editor)
    catalog = client.get("/admin/jsi18n/").content.decode("utf-8")
    for text in ("正在自动保存…", "输入内容，或输入“/”插入内容块"):
        assert json.dumps(text) in catalog  # the catalogue is JSON, non-ASCII escaped
