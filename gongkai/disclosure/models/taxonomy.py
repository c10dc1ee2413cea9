"""主题分类 (two-level topic tree) and the 基层政务公开标准目录 (standard catalog entries of the pilot areas)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.org.models import Department


class Topic(models.Model):
    """主题分类, two levels, shown as 一级\\二级 (e.g. 综合政务\\政务公开)."""

    name = models.CharField(_("名称"), max_length=40)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级分类"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["parent__sort_order", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="unique_topic_name_per_parent")
        ]
        verbose_name = _("主题分类")
        verbose_name_plural = _("主题分类")

    def __str__(self):
        return f"{self.parent.name}\\{self.name}" if self.parent_id else self.name

    @property
    def root(self):
        return self.parent or self


class PilotArea(models.Model):
    """A 试点领域 of 国办发〔2019〕54号 (26 seeded; local catalogs add and rename areas — data, not an enum)."""

    name = models.CharField(_("领域"), max_length=40, unique=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = _("基层政务公开试点领域")
        verbose_name_plural = _("基层政务公开试点领域")

    def __str__(self):
        return self.name


class Channel(models.TextChoices):
    WEBSITE = "website", _("政府网站")
    GAZETTE = "gazette", _("政府公报")
    NEWMEDIA = "newmedia", _("两微一端")
    PRESS = "press", _("发布会/听证会")
    BROADCAST = "broadcast", _("广播电视")
    PRINT = "print", _("纸质媒体")
    READING_ROOM = "reading_room", _("公开查阅点")
    SERVICE_CENTRE = "service_centre", _("政务服务中心")
    SERVICE_STATION = "service_station", _("便民服务站")
    DOOR_TO_DOOR = "door_to_door", _("入户/现场")
    NOTICE_BOARD = "notice_board", _("公示栏（电子屏）")
    TARGETED = "targeted", _("精准推送")
    OTHER = "other", _("其他")


class StandardCatalogEntry(models.Model):
    """One row of the 公开事项标准目录 (RULES.md §4): what must be disclosed, on what basis, by whom, how fast."""

    class Audience(models.TextChoices):
        PUBLIC = "public", _("全社会")
        GROUP = "group", _("特定群体")

    class Mode(models.TextChoices):
        PROACTIVE = "proactive", _("主动公开")
        ON_REQUEST = "on_request", _("依申请公开")

    area = models.ForeignKey(
        PilotArea, verbose_name=_("领域"), on_delete=models.PROTECT, related_name="entries"
    )
    item_l1 = models.CharField(_("一级事项"), max_length=60)
    item_l2 = models.CharField(_("二级事项"), max_length=80, blank=True)
    content = models.TextField(_("公开内容（要素）"))
    basis = models.TextField(_("公开依据"))
    time_limit_text = models.CharField(
        _("公开时限"), max_length=100, default="信息形成或者变更之日起20个工作日内"
    )
    time_limit_days = models.PositiveSmallIntegerField(
        _("公开时限（工作日）"), default=20, help_text=_("用于逾期检查：自信息形成（成文日期）起的工作日数")
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("公开主体"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="catalog_entries",
    )
    subject_text = models.CharField(_("公开主体（文字）"), max_length=100, blank=True)
    channels = models.JSONField(_("公开渠道和载体"), default=list, help_text=_("可多选"))
    audience = models.CharField(
        _("公开对象"), max_length=10, choices=Audience.choices, default=Audience.PUBLIC
    )
    mode = models.CharField(_("公开方式"), max_length=12, choices=Mode.choices, default=Mode.PROACTIVE)
    level_county = models.BooleanField(_("县级"), default=True)
    level_town = models.BooleanField(_("乡级"), default=False)
    sort_order = models.PositiveIntegerField(_("序号"), default=0)

    class Meta:
        ordering = ["area__sort_order", "sort_order", "id"]
        verbose_name = _("标准目录事项")
        verbose_name_plural = _("基层政务公开标准目录")

    def __str__(self):
        return f"{self.area.name}：{self.item_l1}" + (f"／{self.item_l2}" if self.item_l2 else "")

    def channel_labels(self):
        labels = dict(Channel.choices)
        return [labels.get(c, c) for c in self.channels]

    def levels(self):
        return "、".join(name for name, on in (("县级", self.level_county), ("乡级", self.level_town)) if on)
