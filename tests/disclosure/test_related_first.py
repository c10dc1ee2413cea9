"""相关信息 of a policy leads with its 解读 and 图解, and theirs with the policy (issue 17: the 解读 of
恩市教发〔2026〕12号 was only third, after items ranked by word similarity)."""

import re

from gongkai.disclosure.models import GovInfoPage
from tests.disclosure.test_search_integration import publish


def _related_titles(client, page):
    html = client.get(page.url).content.decode()
    section = html.split('id="related-title"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'<a href="[^"]+">([^<]+)</a>', section)


def test_interpretations_come_first_in_related_information(
    client, make_draft, edu_editor, edu_reviewers, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        policy = publish(
            make_draft(
                edu_editor,
                title="恩施市教育局关于印发《恩施市义务教育招生入学实施细则》的通知",
                column=("fdzdgknr", "zcwj"),
            ),
            edu_editor,
            edu_reviewers,
        )
        others = [
            publish(
                make_draft(edu_editor, title=title, doc_number=f"恩市教发〔2026〕{n}号"),
                edu_editor,
                edu_reviewers,
            )
            for n, title in (
                (20, "关于做好2026年秋季学期义务教育招生入学工作的补充通知"),
                (21, "关于公布2026年义务教育招生入学划片范围的公告"),
            )
        ]
        interpretation = publish(
            make_draft(
                edu_editor,
                title="《恩施市义务教育招生入学实施细则》政策解读",
                doc_number="",
                genre="解读",
                column=("fdzdgknr", "zcjd"),
                policies=[policy],
            ),
            edu_editor,
            edu_reviewers,
        )
        graphic = publish(
            make_draft(
                edu_editor,
                title="一图读懂《恩施市义务教育招生入学实施细则》",
                doc_number="",
                genre="图解",
                column=("fdzdgknr", "tj"),
                policies=[policy],
            ),
            edu_editor,
            edu_reviewers,
        )
    # as ranked by similarity: the two notices before the 解读, the 图解 not at all
    GovInfoPage.objects.filter(pk=policy.pk).update(
        related_ids=[others[0].pk, others[1].pk, interpretation.pk]
    )
    GovInfoPage.objects.filter(pk=interpretation.pk).update(related_ids=[others[0].pk, policy.pk])
    titles = _related_titles(client, GovInfoPage.objects.get(pk=policy.pk))
    assert titles[:2] == [interpretation.title, graphic.title] or titles[:2] == [
        graphic.title,
        interpretation.title,
    ]
    assert titles[2:] == [others[0].title, others[1].title]
    # and both ways: the 解读 leads with its policy, then the policy's 图解
    titles = _related_titles(client, GovInfoPage.objects.get(pk=interpretation.pk))
    assert titles[:3] == [policy.title, graphic.title, others[0].title]
