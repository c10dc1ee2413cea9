"""No empty column (国办秘函〔2019〕19号 空白栏目; issue 17): the standard columns with fixed content — 政府信息公开指南,
政府信息公开制度 and 依申请公开 — are generated for every department from the office's template of its site
(ColumnTemplate, one per column kind and site; the built-in text below until the office saves its own), with the
department's particulars filled in. A column's generated text is stored on the column (ColumnPage.standard_body)
and regenerated when the template changes (actions.save_column_template) or on `gongkai standard-columns`.

Nothing here records an audit entry: the callers are audited actions (saving a template, creating a department)
or the command, which regenerates what the templates already say."""

import re

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import escape

from .models import TEMPLATED_KINDS, Absence, ColumnKind, ColumnPage, ColumnTemplate, DepartmentCatalogPage

#: placeholder → what it stands for (shown to the office beside the template)
PLACEHOLDERS = {
    "部门名称": "部门全称，如 恩施市教育局",
    "部门简称": "部门简称，如 市教育局",
    "办公地址": "部门办公地址",
    "咨询电话": "部门公开咨询电话",
    "站点名称": "网站名称，如 恩施市人民政府",
    "指南链接": "本部门政府信息公开指南的链接",
    "申请链接": "在线提交政府信息公开申请的链接",
    "查询链接": "申请办理进度查询的链接",
}

DEFAULT_TEMPLATES = {
    ColumnKind.GUIDE: """<p>为保障公民、法人和其他组织依法获取政府信息，根据《中华人民共和国政府信息公开条例》，{部门名称}编制本指南。</p>
<h2>一、主动公开</h2><p>{部门名称}主动公开的政府信息，通过{站点名称}门户网站“政府信息公开”专栏、政务新媒体、政府信息公开查阅点等渠道公开，并在信息形成或者变更之日起20个工作日内予以公开。</p>
<h2>二、依申请公开</h2><p>公民、法人或者其他组织可以通过网站在线申请（{申请链接}）、当面申请、信函申请等方式向本机关申请获取政府信息。能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内答复；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长期限最长不超过20个工作日。</p>
<h2>三、收费</h2><p>依申请提供政府信息，不收取费用；申请人申请公开政府信息的数量、频次明显超过合理范围的，可以按照《政府信息公开信息处理费管理办法》收取信息处理费。</p>
<h2>四、监督和救济</h2><p>公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼。</p>
<h2>五、联系方式</h2><p>办公地址：{办公地址}；咨询电话：{咨询电话}；办公时间：工作日上午8:30—12:00，下午14:30—17:30。</p>""",
    ColumnKind.RULES: """<p>为规范本机关政府信息公开工作，根据《中华人民共和国政府信息公开条例》和《中华人民共和国保守国家秘密法》，{部门名称}制定本制度。</p>
<h2>一、公开审查</h2><p>拟主动公开的政府信息，由信息员起草、科室负责人初审、保密审查员保密审查、分管领导终审后发布；未经审查的信息不得公开。</p>
<h2>二、保密审查</h2><p>坚持“先审查、后公开”和“一事一审”，对涉及国家秘密、商业秘密、个人隐私的内容依法不予公开或者作区分处理。</p>
<h2>三、依申请公开办理</h2><p>收到申请后登记编号，能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内答复，需要延长的经负责人同意并告知申请人，延长期限最长不超过20个工作日。</p>
<h2>四、信息发布协调</h2><p>拟发布的政府信息涉及其他机关的，与有关机关协商、确认，保证发布的信息准确一致。</p>
<h2>五、监督考核</h2><p>{部门名称}政府信息公开工作纳入年度绩效考核，接受政府信息公开工作主管部门的监督检查和社会评议。</p>""",
    ColumnKind.ON_REQUEST: """<p>向{部门名称}申请获取政府信息，请先阅读{指南链接}。</p>
<p class="on-request-actions">{申请链接}　{查询链接}</p>
<h2>一、申请方式</h2><p>可以在本网站在线提交申请，也可以当面或者以信函方式向{部门名称}提出申请（办公地址：{办公地址}）。</p>
<h2>二、申请内容</h2><p>申请书应当包括申请人的姓名或者名称、身份证明、联系方式，申请公开的政府信息的名称、文号或者便于查询的其他特征性描述，以及获取信息的方式和途径。</p>
<h2>三、补正</h2><p>申请内容不明确的，本机关自收到申请之日起7个工作日内一次性告知申请人作出补正，说明需要补正的事项和合理的补正期限。</p>
<h2>四、答复期限</h2><p>能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内答复；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长期限最长不超过20个工作日。</p>
<h2>五、咨询</h2><p>咨询电话：{咨询电话}。</p>""",
}

#: what a new department's columns with nothing in them yet say, marked 本单位暂无 (the office may change it)
NONE_YET_NOTE = "本栏目暂无信息。相关政府信息形成或者变更后，将自形成或者变更之日起20个工作日内在本栏目公开。"

_PLACEHOLDER = re.compile(r"\{(" + "|".join(PLACEHOLDERS) + r")\}")


def template_body(site, kind):
    """The office's template of `kind` for `site`, or the built-in one."""
    stored = ColumnTemplate.objects.filter(site=site, kind=kind).values_list("body", flat=True).first()
    return stored if stored else DEFAULT_TEMPLATES[ColumnKind(kind)]


def _link(url, text):
    return f'<a href="{escape(url)}">{escape(text)}</a>' if url else escape(text)


def _reverse(name):
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


def values_for(department, catalog, site):
    guide = ColumnPage.objects.child_of(catalog).filter(kind=ColumnKind.GUIDE).first()
    guide_url = guide.get_url() if guide else ""
    return {
        "部门名称": escape(department.name),
        "部门简称": escape(department.short_name or department.name),
        "办公地址": escape(department.address or "（请向本部门咨询）"),
        "咨询电话": escape(department.phone or "（请向本部门咨询）"),
        "站点名称": escape((site.site_name if site else "") or department.name),
        "指南链接": _link(guide_url, f"《{department.name}政府信息公开指南》"),
        "申请链接": _link(_reverse("foi:apply"), "在线申请"),
        "查询链接": _link(_reverse("foi:track"), "办理进度查询"),
    }


def render(body, values):
    """Fill the placeholders; an unknown {…} is left as written."""
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], body)


def generate(catalog, kinds=TEMPLATED_KINDS, now=None):
    """(Re)generate the standard text of the templated columns of one department's catalog; returns how many
    columns changed. The catalog's site decides which office's template applies."""
    now = now or timezone.now()
    department = catalog.department
    site = catalog.get_site()
    values = values_for(department, catalog, site)
    changed = 0
    for column in ColumnPage.objects.child_of(catalog).filter(kind__in=kinds):
        body = render(template_body(site, column.kind), values)
        if body != column.standard_body:
            ColumnPage.objects.filter(pk=column.pk).update(standard_body=body, standard_generated_at=now)
            changed += 1
    return changed


def generate_site(site, kinds=TEMPLATED_KINDS):
    """Regenerate the templated columns of every department catalog on `site` (None: every site)."""
    catalogs = DepartmentCatalogPage.objects.select_related("department")
    if site is not None:
        catalogs = catalogs.descendant_of(site.root_page)
    return sum(generate(c, kinds) for c in catalogs)


def mark_new_catalog(catalog, today):
    """A new department starts with no empty column: each column without a sub-column or standard text is marked
    本单位暂无 with the standard note until its first item is published."""
    marked = 0
    for column in ColumnPage.objects.descendant_of(catalog).filter(standard_body="", absence=""):
        if ColumnPage.objects.child_of(column).exists():
            continue
        ColumnPage.objects.filter(pk=column.pk).update(
            absence=Absence.NONE_YET, absence_note=NONE_YET_NOTE, absence_since=today
        )
        marked += 1
    return marked
