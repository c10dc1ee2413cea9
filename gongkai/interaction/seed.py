"""Default categories (with the department each is routed to) and 12345 keyword rules. Used by the data
migration and by the demo; the office edits them afterwards."""

MESSAGE_CATEGORIES = [
    # (category, department routed to by default)
    ("教育与入学", "恩施市教育局"),
    ("医疗与医保", "恩施市医疗保障局"),
    ("社保与就业", "恩施市人力资源和社会保障局"),
    ("住房与公积金", "恩施市住房保障服务中心"),
    ("城市建设与道路", "恩施市住房和城乡建设局"),
    ("交通出行", "恩施市交通运输局"),
    ("城市管理与噪音", "恩施市城市管理执法局"),
    ("生态环境", "恩施州生态环境局恩施市分局"),
    ("市场监管与消费", "恩施市市场监督管理局"),
    ("政务公开", "恩施市政务公开办公室"),
    ("其他", None),
]
SITE_ERROR_CATEGORIES = [
    ("错别字或表述错误", "恩施市政务公开办公室"),
    ("链接失效", "恩施市政务服务和大数据管理局"),
    ("内容过期或不准确", "恩施市政务公开办公室"),
    ("页面无法访问", "恩施市政务服务和大数据管理局"),
    ("其他", "恩施市政务公开办公室"),
]
HOTLINE_CATEGORIES = [("政务公开咨询", "恩施市政务公开办公室"), ("其他", None)]

KEYWORDS = {
    "disclosure": ["政务公开", "信息公开", "公示", "公开", "政策文件", "文件", "通知"],
    "foi": ["依申请公开", "申请公开", "政府信息公开申请", "申请获取", "提供政府信息"],
}


def seed(Category, Department, KeywordRule):
    depts = {d.name: d for d in Department.objects.all()}
    for channel, rows in (
        ("message", MESSAGE_CATEGORIES),
        ("site_error", SITE_ERROR_CATEGORIES),
        ("hotline", HOTLINE_CATEGORIES),
    ):
        for order, (name, dept) in enumerate(rows):
            cat, created = Category.objects.get_or_create(
                channel=channel, name=name, defaults={"sort_order": order, "department": depts.get(dept)}
            )
            if not created and cat.department_id is None and depts.get(dept):
                cat.department = depts[dept]
                cat.save(update_fields=["department"])
    for kind, words in KEYWORDS.items():
        for word in words:
            KeywordRule.objects.get_or_create(kind=kind, keyword=word)
