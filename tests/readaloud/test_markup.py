"""Sentence markup: the HTML stays the same HTML, and span N is JSON sentence N."""

import re
from html.parser import HTMLParser

import pytest
from django.template import Context, Template

from gongkai.readaloud.markup import html_sentences, html_to_text, mark_sentences

from .conftest import BODY


class _Tree(HTMLParser):
    """Structure of an HTML fragment with the read-aloud spans taken out: (tag, attrs) events and the text."""

    VOID = {"br", "hr", "img", "input", "meta", "link"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.events, self.text, self.stack, self.ra = [], [], [], {}
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag == "span" and ("class", "ra-s") in attrs:
            self.current.append(int(dict(attrs)["data-ra"]))
            self.stack.append("ra")
            return
        self.events.append(("start", tag, tuple(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        top = self.stack.pop()
        if top == "ra":
            assert tag == "span"
            self.current.pop()
            return
        assert top == tag, f"</{tag}> closes <{top}>"
        self.events.append(("end", tag))

    def handle_data(self, data):
        self.text.append(data)
        if self.current:
            self.ra.setdefault(self.current[-1], []).append(data)


def tree(html):
    parser = _Tree()
    parser.feed(html)
    parser.close()
    assert not parser.stack, f"unclosed: {parser.stack}"
    return parser


HTML_CASES = [
    BODY,
    "<p>第一句。<strong>加粗的第二句</strong>还在第二句！</p><p>第三<em>句</em>？</p>",
    '<p>含有&lt;尖括号&gt;与&amp;符号的句子。</p><p>图片<img src="/a.png" alt="示意图">之后。</p>',
    "<table><caption>表一</caption><tr><th>项目</th><td>1,200条</td></tr></table>",
    '<p>脚本不读<script>var s = "<b>不是标签</b>";</script>。样式也不读<style>p{color:red}</style>。</p>',
    '<div><p>嵌套<a href="/x?a=1&amp;b=2" title="链接 &quot;标题&quot;">链接里的句子。下一句</a>结束。</p></div>',
]


@pytest.mark.parametrize("html", HTML_CASES)
def test_markup_keeps_html_and_matches_sentences(html):
    marked, count = mark_sentences(html, start=0, max_len=25)
    sentences = html_sentences(html, max_len=25)
    assert count == len(sentences)
    before, after = tree(html), tree(marked)
    assert after.events == before.events  # every tag and attribute intact, nothing added but the spans
    assert "".join(after.text) == "".join(before.text)  # text unchanged (escaping round-trips)
    assert sorted(after.ra) == list(range(len(sentences)))
    for index, sentence in enumerate(sentences):
        assert " ".join("".join(after.ra[index]).split()) == sentence


def test_markup_escapes_text_and_offsets_indices():
    marked, count = mark_sentences("<p>规定&lt;script&gt;不得执行。</p>", start=3)
    assert count == 1
    assert '<span class="ra-s" data-ra="3">规定&lt;script&gt;不得执行。</span>' in marked
    assert "<script>" not in marked


def test_block_elements_end_sentences():
    assert html_to_text("<li>第一项</li><li>第二项</li>").split() == ["第一项", "第二项"]
    assert html_sentences("<p>没有句号的段落</p><p>另一段</p>") == ["没有句号的段落", "另一段"]


def test_template_filter_numbers_body_after_title(publish_page):
    page = publish_page(title="关于做好2024年春节期间工作的通知。补充说明")
    html = Template(
        "{% load wagtailcore_tags readaloud_tags %}<h1>{{ page.title|read_aloud_sentences }}</h1>"
        "{{ page.body|richtext|read_aloud_sentences:page }}"
    ).render(Context({"page": page}))
    indices = [int(n) for n in re.findall(r'data-ra="(\d+)"', html)]
    assert indices[:2] == [0, 1]  # the title is two sentences, so the body starts at 2
    assert indices[2] == 2
    marks = tree(html).ra
    from gongkai.readaloud.services import page_sentences

    sentences = page_sentences(page)
    assert sorted(marks) == list(range(len(sentences)))
    for index, sentence in enumerate(sentences):
        assert " ".join("".join(marks[index]).split()) == sentence


def test_plain_text_is_escaped_by_the_filter():
    html = Template("{% load readaloud_tags %}{{ text|read_aloud_sentences }}").render(
        Context({"text": "<b>标题</b>里的尖括号。"})
    )
    assert html == '<span class="ra-s" data-ra="0">&lt;b&gt;标题&lt;/b&gt;里的尖括号。</span>'
