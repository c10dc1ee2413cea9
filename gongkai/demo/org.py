"""Demo organisation: the 33 city departments of 恩施市, its towns and streets, and one account per role."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from gongkai.core import roles
from gongkai.core.checks import DEMO_GROUP
from gongkai.core.identity import make_uscc
from gongkai.org.actions import create_staff
from gongkai.org.models import Department

DEMO_PASSWORD = "Demo@2026gk"  # noqa: S105 — printed by `make demo`; demo mode only


def create_demo_staff(**fields):
    """A staff account of the demo, with the demo password, in the group that `check --deploy` refuses in
    production (gongkai.core.checks)."""
    user = create_staff(None, password=DEMO_PASSWORD, **fields)
    group, _ = Group.objects.get_or_create(name=DEMO_GROUP)
    user.groups.add(group)
    return user


CITY_DEPARTMENTS = [
    # (name, short name, 发文字号前缀)
    ("恩施市人民政府办公室", "市政府办", "恩施市政办发"),
    ("恩施市发展和改革局", "市发改局", "恩市发改"),
    ("恩施市教育局", "市教育局", "恩市教发"),
    ("恩施市科学技术和经济信息化局", "市科经局", "恩市科经发"),
    ("恩施市公安局", "市公安局", "恩市公发"),
    ("恩施市民政局", "市民政局", "恩市民发"),
    ("恩施市司法局", "市司法局", "恩市司发"),
    ("恩施市财政局", "市财政局", "恩市财发"),
    ("恩施市人力资源和社会保障局", "市人社局", "恩市人社发"),
    ("恩施市自然资源和规划局", "市自然资源和规划局", "恩市自然资规发"),
    ("恩施州生态环境局恩施市分局", "市生态环境分局", "恩市环发"),
    ("恩施市住房和城乡建设局", "市住建局", "恩市建发"),
    ("恩施市交通运输局", "市交通运输局", "恩市交发"),
    ("恩施市水利和湖泊局", "市水利局", "恩市水发"),
    ("恩施市农业农村局", "市农业农村局", "恩市农发"),
    ("恩施市商务局", "市商务局", "恩市商发"),
    ("恩施市文化和旅游局", "市文旅局", "恩市文旅发"),
    ("恩施市卫生健康局", "市卫健局", "恩市卫健发"),
    ("恩施市退役军人事务局", "市退役军人事务局", "恩市退役军人发"),
    ("恩施市应急管理局", "市应急管理局", "恩市应急发"),
    ("恩施市审计局", "市审计局", "恩市审发"),
    ("恩施市市场监督管理局", "市市场监管局", "恩市市监发"),
    ("恩施市统计局", "市统计局", "恩市统发"),
    ("恩施市医疗保障局", "市医保局", "恩市医保发"),
    ("恩施市林业局", "市林业局", "恩市林发"),
    ("恩施市城市管理执法局", "市城管执法局", "恩市城管发"),
    ("恩施市政务服务和大数据管理局", "市政数局", "恩市政数发"),
    ("恩施市信访局", "市信访局", "恩市信发"),
    ("恩施市民族宗教事务局", "市民宗局", "恩市民宗发"),
    ("恩施市乡村振兴局", "市乡村振兴局", "恩市乡振发"),
    ("恩施市残疾人联合会", "市残联", "恩市残联发"),
    ("恩施市住房保障服务中心", "市住房保障中心", "恩市房保发"),
    ("恩施市数据局", "市数据局", "恩市数发"),
]

TOWNS = [
    "舞阳坝街道办事处",
    "六角亭街道办事处",
    "小渡船街道办事处",
    "龙凤镇人民政府",
    "崔家坝镇人民政府",
    "板桥镇人民政府",
    "白杨坪镇人民政府",
    "三岔镇人民政府",
    "新塘乡人民政府",
    "红土乡人民政府",
    "沙地乡人民政府",
    "太阳河乡人民政府",
    "屯堡乡人民政府",
    "白果乡人民政府",
    "芭蕉侗族乡人民政府",
    "盛家坝乡人民政府",
]

OFFICE_NAME = "恩施市政务公开办公室"

# (username, full name, department name or None, roles, description)
ACCOUNTS = [
    (
        "gkb",
        "田晓梅",
        OFFICE_NAME,
        [roles.OFFICE],
        "政务公开办：目录、依申请公开与留言的受理转办、督办、考评年报",
    ),
    ("gkb_head", "向志刚", OFFICE_NAME, [roles.OFFICE, roles.OFFICE_HEAD], "政务公开办负责人：审批延期答复"),
    ("jyj_editor", "谭雨欣", "恩施市教育局", [roles.EDITOR], "市教育局信息员：起草、报送"),
    ("jyj_chushen", "黄建华", "恩施市教育局", [roles.REVIEWER_SECTION], "市教育局科室负责人：初审"),
    ("jyj_baomi", "杨春燕", "恩施市教育局", [roles.REVIEWER_SECRECY], "市教育局保密审查员：保密审查"),
    ("jyj_leader", "覃国强", "恩施市教育局", [roles.REVIEWER_LEADER], "市教育局分管领导：终审"),
    ("rsj_editor", "邓丽君", "恩施市人力资源和社会保障局", [roles.EDITOR], "市人社局信息员"),
    (
        "rsj_chushen",
        "龙海波",
        "恩施市人力资源和社会保障局",
        [roles.REVIEWER_SECTION],
        "市人社局科室负责人：初审",
    ),
    ("rsj_baomi", "刘芳", "恩施市人力资源和社会保障局", [roles.REVIEWER_SECRECY], "市人社局保密审查员"),
    ("rsj_leader", "张德明", "恩施市人力资源和社会保障局", [roles.REVIEWER_LEADER], "市人社局分管领导：终审"),
    ("sysadmin", "李卫东", None, [roles.SYSADMIN], "系统管理员：账号与角色（三员之一）"),
    ("secadmin", "王静", None, [roles.SECADMIN], "安全管理员：安全策略、敏感词库（三员之一）"),
    ("auditor", "陈立新", None, [roles.AUDITOR], "审计管理员：只读审计日志（三员之一）"),
]


def department_code(index, kind_digit):
    """A valid-looking 统一社会信用代码 for a 恩施市 organ ('11' = 机关, region 422801)."""
    return make_uscc("11", "422801", f"{kind_digit}{index:07d}"[-8:])


@transaction.atomic
def load(stdout):
    order = 0
    Department.objects.get_or_create(
        name=OFFICE_NAME,
        defaults={
            "short_name": "市政务公开办",
            "code": department_code(1, 7),
            "kind": Department.Kind.OFFICE,
            "phone": "0718-8222345",
            "sort_order": 0,
        },
    )
    for i, (name, short, prefix) in enumerate(CITY_DEPARTMENTS, start=1):
        order += 1
        Department.objects.get_or_create(
            name=name,
            defaults={
                "short_name": short,
                "code": department_code(1000 + i * 37, 0),
                "doc_prefix": prefix,
                "kind": Department.Kind.CITY,
                "phone": f"0718-82{i + 10:02d}{(i * 7) % 100:02d}0"[:13],
                "address": "湖北省恩施市舞阳大道",
                "sort_order": order,
            },
        )
    for i, name in enumerate(TOWNS, start=1):
        order += 1
        Department.objects.get_or_create(
            name=f"恩施市{name}",
            defaults={
                "short_name": name.replace("人民政府", "").replace("办事处", ""),
                "code": department_code(5000 + i * 41, 0),
                "kind": Department.Kind.TOWN,
                "sort_order": order,
            },
        )
    User = get_user_model()
    created = 0
    for username, full_name, dept_name, role_list, _ in ACCOUNTS:
        if User.objects.filter(username=username).exists():
            continue
        dept = Department.objects.get(name=dept_name) if dept_name else None
        create_demo_staff(
            username=username,
            full_name=full_name,
            department=dept,
            role_list=role_list,
            title=role_list[0],
        )
        created += 1
    stdout.write(
        f"  部门 {Department.objects.count()} 个（市直 {len(CITY_DEPARTMENTS)}、乡镇街道 {len(TOWNS)}），"
        f"新建账号 {created} 个"
    )
    return {"logins": [(u, DEMO_PASSWORD, d) for u, _, _, _, d in ACCOUNTS]}
