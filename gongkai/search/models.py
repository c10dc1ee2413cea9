"""One search index for every kind of public thing (政府信息, 解读, 办事服务, 答疑, 留言).

Each row is the searchable copy of one source object (content type + object id, unique). Besides the display
fields it holds the pre-tokenized text (`gongkai.search.text`) that the engine-specific full-text structure is
built from:

- SQLite: the FTS5 table ``gongkai_search_fts`` (external content = this table, kept in step by triggers);
- PostgreSQL: the ``search_vector`` tsvector column (title and 文号 weight A, body weight D), GIN-indexed and
  kept in step by a trigger, which then empties the three token columns (only the vector is needed there).

Both are created by migration 0002, which does only what the connected engine needs.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """The kinds of result, in the order the results page shows their tabs."""

    ITEM = "item", _("政府信息")
    INTERPRETATION = "interpretation", _("政策解读")
    SERVICE = "service", _("办事服务")
    QA = "qa", _("答疑")
    MESSAGE = "message", _("留言")


class Validity(models.TextChoices):
    """有效性 of a normative document (RULES.md §7: 有效 / 失效 / 废止 / 修改)."""

    VALID = "valid", _("有效")
    EXPIRED = "expired", _("失效")
    REPEALED = "repealed", _("废止")
    AMENDED = "amended", _("修改")


class SearchEntry(models.Model):
    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices, default=Kind.ITEM)
    content_type = models.ForeignKey(ContentType, verbose_name=_("来源类型"), on_delete=models.CASCADE)
    object_id = models.CharField(_("来源编号"), max_length=64)
    title = models.CharField(_("标题"), max_length=500)
    number = models.CharField(_("文号"), max_length=100, blank=True)
    body = models.TextField(_("正文"), blank=True)
    url = models.CharField(_("链接"), max_length=500)
    department_id = models.BigIntegerField(_("部门编号"), null=True, blank=True, db_index=True)
    department_name = models.CharField(_("发布机构"), max_length=100, blank=True)
    # 集约化 (docs/multisite.md): the Wagtail site the entry belongs to; a site's search shows only its own
    site_id = models.BigIntegerField(_("网站编号"), null=True, blank=True, db_index=True)
    column = models.CharField(_("栏目"), max_length=100, blank=True, db_index=True)
    topic = models.CharField(_("主题分类"), max_length=100, blank=True, db_index=True)
    year = models.PositiveSmallIntegerField(_("年份"), null=True, blank=True, db_index=True)
    validity = models.CharField(_("有效性"), max_length=10, choices=Validity.choices, blank=True)
    published = models.DateField(_("发布日期"), null=True, blank=True)
    # The pre-tokenized search text (gongkai.search.text.token_text) the full-text structures read.
    title_tokens = models.TextField(_("标题分词"), blank=True, editable=False)
    number_tokens = models.TextField(_("文号分词"), blank=True, editable=False)
    body_tokens = models.TextField(_("正文分词"), blank=True, editable=False)
    # Normalised title and its jieba words (" 不动产 登记 … "), for the ranking boosts only.
    title_key = models.CharField(_("标题（规范化）"), max_length=500, blank=True, editable=False)
    title_words = models.TextField(_("标题词语"), blank=True, editable=False)
    indexed_at = models.DateTimeField(_("索引时间"), auto_now=True)

    class Meta:
        verbose_name = _("检索条目")
        verbose_name_plural = _("检索条目")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="search_entry_unique_source")
        ]
        indexes = [models.Index(fields=["kind", "published"], name="search_entry_kind_published")]

    def __str__(self):
        return f"[{self.get_kind_display()}] {self.title}"

    @classmethod
    def for_object(cls, obj):
        return cls.objects.filter(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=str(obj.pk),
        )
