"""Hostile-input scan of the public surface (issue 10 item 4): the open API with schemathesis, and every public
form with XSS, SQL meta-characters, oversize bodies, bad encodings and path traversal in uploads.

Run: .venv/bin/python bench/security_scan.py                 (PostgreSQL if reachable, else SQLite; ~5 min)
     .venv/bin/python bench/security_scan.py --sqlite --schemathesis-seconds 60
Needs schemathesis (`pip install -c requirements.lock -e '.[bench]'`).

The script starts its own app server (gunicorn, production-shaped, captcha and rate limits off so hostile input
reaches the validators) on a throwaway database (`deploy_scan` on the machine's PostgreSQL, created and dropped
here; or a temporary SQLite file) loaded with the demo data the forms need (org, portal, foi, interaction). No background worker runs, so every row that
appears comes from the request under test. Pass criteria, each counted and printed:
  - schemathesis `not_a_server_error` over /api/v1/openapi.json (examples, coverage and fuzzing phases, NUL bytes
    allowed): no 5xx;
  - every hostile request to every public form and JSON submission endpoint: no 5xx;
  - a rejected request (a 4xx, or the form shown again with its class="error" message; for the API anything but
    201) changes no row in any table of the platform's apps (all models under gongkai.*, counted before/after);
  - no response — including the pages an accepted submission is shown on — contains a hostile payload unescaped;
  - an uploaded file named with ../ lands inside MEDIA_ROOT under a clean name; nothing is written outside it;
  - `next=` of the accessibility switch never redirects off-site.
Baseline in the same run: the same forms with ordinary Chinese input (all must be accepted).
"""

import argparse
import base64
import http.client
import http.cookies
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
PG_URL = "postgres://postgres@127.0.0.1:5432/deploy_scan"
PORT = 18350
REDIS_URL = "redis://127.0.0.1:6379/13"

XSS = [
    '<script>alert("gk-xss")</script>',
    '"><img src=x onerror=alert("gk-xss")>',
    "'><svg/onload=alert('gk-xss')>",
    '<a href="javascript:alert(1)">gk-xss</a>',
    "</textarea><script>alert('gk-xss')</script>",
    "{{7*7}}{% debug %}${7*7}",
]
SQL = [
    "' OR '1'='1",
    "1; DROP TABLE interaction_case;--",
    "%' AND 1=1 --",
    "'); SELECT pg_sleep(3);--",
    "\\'; DELETE FROM auth_user WHERE ''='",
]
ODD = [
    "\x00",
    "正常文字\x00后半",
    "\ud800",  # a lone surrogate: not encodable in UTF-8
    "\u202e\u2066反向文字",
    "A" * 100_000,
    "字" * 300_000,  # ~900 KB of Chinese in one field
]
PAYLOADS = XSS + SQL + ODD
# --quick: one of each family (markup, quotes, NUL, lone surrogate, bidi, oversize)
QUICK_PAYLOADS = [XSS[1], XSS[4], SQL[0], SQL[3], ODD[1], ODD[2], ODD[3], ODD[5]]
# what a payload looks like rendered unescaped: each has a "<", which escaping turns into &lt;. (The template
# payload is echoed as text, never rendered: Django does not compile user input; it is there for the 5xx check.)
RAW_MARKERS = [
    '<script>alert("gk-xss")',
    "<img src=x onerror=",
    "<svg/onload",
    '<a href="javascript:alert',
    "</textarea><script>",
]

RUN = secrets.token_hex(
    3
)  # keeps ordinary input of this run apart from an earlier run's (duplicate detection)
VALID = {
    "name": "李群",
    "phone": "13907180000",
    "email": "liqun@example.com",
    "id_number": "42280119900101123X",
    "address": "湖北省恩施市施州大道 88 号",
    "description": f"申请公开 2025 年度施州大道路灯维护经费的预算与决算（{RUN}）。",
    "title": f"施州大道路灯不亮 {RUN}",
    "content": f"施州大道与航空大道路口路灯已一周不亮，夜间行人不便，请尽快维修（{RUN}）。",
    "page_url": "http://127.0.0.1/xxgk/",
    "organization_type": "",
    "tracking_code": "YSQ2026000001",
    "code": "LY2026000001",
    "secret": "abcd1234",
    "q": "义务教育",
}


# --- HTTP ----------------------------------------------------------------------------------------------------------


class Client:
    def __init__(self):
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
        h = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https", **(headers or {})}
        if self.cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            try:
                conn.request(method, path, body=body, headers=h)
            except (BrokenPipeError, ConnectionResetError):
                # the server refused an oversize body from its headers and closed the connection while the rest
                # was still being sent: its answer is already in the socket, read it
                pass
            resp = conn.getresponse()
            data = resp.read()
        except (OSError, http.client.HTTPException) as exc:
            return None, repr(exc).encode(), {}
        finally:
            conn.close()
        for header in resp.headers.get_all("Set-Cookie") or []:
            for key, morsel in http.cookies.SimpleCookie(header).items():
                self.cookies[key] = morsel.value
        return resp.status, data, dict(resp.getheaders())


class FormParser(HTMLParser):
    """The POST forms of a page: action, and each field's name, kind and a plausible value."""

    def __init__(self):
        super().__init__()
        self.forms = []
        self.current = None
        self.select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self.current = {
                "action": a.get("action") or "",
                "fields": {},
                "files": [],
                "enctype": a.get("enctype"),
            }
            self.forms.append(self.current)
        elif self.current is None:
            return
        elif tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind == "file":
                self.current["files"].append(a["name"])
            elif kind in ("checkbox", "radio"):
                self.current["fields"].setdefault(a["name"], a.get("value") or "on")
            elif kind not in ("submit", "button", "image", "reset"):
                self.current["fields"][a["name"]] = a.get("value") or ""
        elif tag == "textarea" and a.get("name"):
            self.current["fields"][a["name"]] = ""
        elif tag == "select" and a.get("name"):
            self.select = a["name"]
            self.current["fields"][a["name"]] = None
        elif tag == "option" and self.select and self.current["fields"].get(self.select) is None:
            if a.get("value"):
                self.current["fields"][self.select] = a["value"]

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
        elif tag == "select":
            self.select = None


def multipart(fields, files):
    boundary = "gkscan" + secrets.token_hex(8)
    out = []
    for key, value in fields.items():
        out.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n'.encode())
        out.append(value.encode("utf-8", "surrogatepass") if isinstance(value, str) else value)
        out.append(b"\r\n")
    for key, (filename, content, ctype) in files.items():
        out.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"; filename="{filename}"\r\n'
            f"Content-Type: {ctype}\r\n\r\n".encode("utf-8", "surrogatepass")
        )
        out.append(content)
        out.append(b"\r\n")
    out.append(f"--{boundary}--\r\n".encode())
    return b"".join(out), f"multipart/form-data; boundary={boundary}"


# --- the platform's state ------------------------------------------------------------------------------------------


def snapshot():
    from django.apps import apps

    counts = {}
    for model in apps.get_models():
        if model.__module__.startswith("gongkai.") and not model._meta.proxy and model._meta.managed:
            counts[model._meta.label] = model._default_manager.count()
    return counts


def changed(before, after):
    return {k: (before[k], after[k]) for k in before if before[k] != after.get(k)}


class Scan:
    def __init__(self, media_root, var_dir):
        self.findings = []
        self.requests = 0
        self.accepted = 0
        self.rejected = 0
        self.status = {}
        self.media_root = media_root
        self.var_dir = var_dir

    def finding(self, label, detail):
        self.findings.append((label, detail))
        print(f"  ✗ {label}: {detail}", flush=True)

    def look(self, label, status, body, content_type="text/html"):
        self.requests += 1
        self.status[status] = self.status.get(status, 0) + 1
        if status is None:
            self.finding(label, f"connection error {body[:200]!r}")
        elif status >= 500:
            self.finding(label, f"HTTP {status}")
        if "html" not in (content_type or ""):
            return  # JSON is data (served as application/json with nosniff), escaped by whoever renders it
        text = body.decode("utf-8", "replace")
        for marker in RAW_MARKERS:
            if marker in text:
                self.finding(label, f"payload rendered unescaped ({marker!r})")
        if re.search(r"""(?:href|src|action)\s*=\s*["']?\s*javascript:""", text, re.I):
            self.finding(label, "javascript: URL in the page")

    # --- forms ---

    def post_form(self, page, label, field, value, filename=None, content=b"%PDF-1.4\n%gk\n", raw_body=None):
        client = Client()
        status, body, _ = client.request("GET", page)
        forms = FormParser()
        forms.feed(body.decode("utf-8", "replace"))
        form = next((f for f in forms.forms if "csrfmiddlewaretoken" in f["fields"]), None)
        if form is None:
            self.finding(label, f"no POST form found on {page} ({status})")
            return None
        fields = {}
        for name, default in form["fields"].items():
            fields[name] = VALID.get(name, default if default is not None else "")
        if "captcha_key" in fields:
            # the web forms always ask (GONGKAI_CAPTCHA is the API's switch): read the code from the shared cache
            from gongkai.core import protection

            challenge = protection.challenge(fields["captcha_key"])
            fields["captcha_answer"] = challenge["code"] if challenge else ""
        if field is not None:
            fields[field] = value
        action = form["action"] or page
        files = {}
        if filename is not None and form["files"]:
            files[form["files"][0]] = (filename, content, "application/pdf")
        headers = {"Referer": f"https://127.0.0.1{page}", "Origin": "https://127.0.0.1"}
        if raw_body is not None:
            body_bytes, ctype = raw_body
        else:
            body_bytes, ctype = multipart(fields, files)
        before = snapshot()
        status, body, resp_headers = client.request(
            "POST", action, body=body_bytes, headers={**headers, "Content-Type": ctype}
        )
        after = snapshot()
        self.look(label, status, body)
        text = body.decode("utf-8", "replace")
        # the forms answer a rejection with their own page and a class="error" message (or a 4xx); an accepted
        # submission redirects to its receipt or shows it (code and secret) with 200
        rejected = status is None or status >= 400 or bool(re.search(r'class="(?:notice )?error"', text))
        diff = changed(before, after)
        accepted = not rejected and (status in (301, 302, 303) or bool(diff))
        if accepted:
            self.accepted += 1
            location = resp_headers.get("Location", "")
            if location.startswith("/"):
                st, page_body, _ = client.request("GET", location)
                self.look(f"{label} → {location}", st, page_body)
        else:
            self.rejected += 1
            if diff:
                self.finding(label, f"rejected ({status}) but stored: {diff}")
        return accepted

    def post_json(self, path, label, payload=None, raw=None, ctype="application/json"):
        client = Client()
        body = (
            raw
            if raw is not None
            else json.dumps(payload, ensure_ascii=False).encode("utf-8", "surrogatepass")
        )
        before = snapshot()
        status, data, headers = client.request("POST", path, body=body, headers={"Content-Type": ctype})
        after = snapshot()
        self.look(label, status, data, headers.get("Content-Type"))
        if status == 201:
            self.accepted += 1
            code = json.loads(data).get("code")
            secret = json.loads(data).get("secret")
            if code:
                # the look-up is POSTed: a secret never travels in a URL (gongkai.core.tracking)
                st, page, h = client.request(
                    "POST",
                    f"{path}/{code}/query",
                    body=json.dumps({"secret": secret or ""}).encode(),
                    headers={"Content-Type": "application/json"},
                )
                self.look(f"{label} → POST {path}/{code}/query", st, page, h.get("Content-Type"))
        else:
            self.rejected += 1
            diff = changed(before, after)
            if diff:
                self.finding(label, f"rejected ({status}) but stored: {diff}")
        return status


def start_server(env, log_path):
    log = open(log_path, "ab")
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "gongkai.wsgi:application", "--bind", f"127.0.0.1:{PORT}",
         "--workers", "2", "--threads", "4", "--timeout", "120", "--log-level", "error"],
        env=env, cwd=ROOT, stdout=log, stderr=log, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if Client().request("GET", "/healthz")[0] == 200:
            return proc
        time.sleep(0.5)
    raise SystemExit("app server did not start")


# --- access control, outbound guard, uploads under /media/ (issue 18) -------------------------------------------


# The screens each of the three administrators (三员) keeps, and no other role: 系统管理员 the accounts and
# departments and the sign-in locks, 审计管理员 the audit export; 安全管理员 the word lists (which the office
# also keeps, so that screen is judged only between the three).
SYSADMIN_SCREENS = ["/admin/org/staff/", "/admin/org/departments/", "/admin/security/locked/"]
SECADMIN_SCREENS = ["/admin/sensitive_words/"]
AUDITOR_SCREENS = ["/admin/audit-export/"]
# the business screens (lists of cases and items, reports); no 三员 reads cases through its role
CASE_LISTS = ["/admin/foi/", "/admin/hudong/"]
BUSINESS_SCREENS = [*CASE_LISTS, "/admin/foi/tables/", "/admin/hudong/dashboard/", "/admin/disclosure/overdue/",
                    "/admin/site-health/", "/admin/pages/"]  # fmt: skip


def _kind_of(user):
    """'anonymous', 'superuser', one of the 三员 role names, 'office', 'department' or 'platform' (an account with
    no department and no administrator role: not judged on objects)."""
    from gongkai.core import roles

    if user is None:
        return "anonymous"
    if user.is_superuser:
        return "superuser"
    held = [r for r in roles.THREE_ADMINS if roles.has_role(user, r)]
    if held:
        return held[0]
    department = roles.user_department(user)
    if department is None:
        return "office" if roles.is_office(user) else "platform"
    return "office" if roles.is_office(user) else "department"


def _expect_refusal(user, site_id, department_id):
    """Whether `user` must be refused an object of (site, department), by the rule (docs/security.md, threat
    model), not by asking the code under test: anonymous always; the three administrators always (they read no
    case through their role); staff of another site always; within the site the office reads every department's,
    other staff only their own department's. None: not judged (superusers, and accounts bound to no department
    and holding no role that says what they read)."""
    from gongkai.core import roles

    kind = _kind_of(user)
    if kind == "anonymous" or kind in roles.THREE_ADMINS:
        return True
    if kind in ("superuser", "platform"):
        return None
    department = roles.user_department(user)
    if department is None:  # an office account of the whole platform
        return False
    if department.site_id != site_id:
        return True
    return False if kind == "office" else department.pk != department_id


def _cells(rows, per_cell):
    """The objects grouped by (kind, site, department) — a cell of the matrix — with at most `per_cell` of each
    (all when per_cell is 0): every cell is judged, not every row of a large demo."""
    groups = {}
    for row in rows:
        groups.setdefault(row[:3], []).append(row)
    if per_cell:
        return {key: members[:per_cell] for key, members in groups.items()}
    return groups


def access_matrix(scan, per_cell=0):
    """Every cell (kind × site × department) of FOI cases and messages — their staff page, and the message query
    API without its secret — every quarterly run, the health API, the staff screens, requested as anonymous
    and as every active staff account (each role, each department, each site, each of the 三员), after the
    hostile run: no 5xx anywhere; each refusal the threat model asks for; each 三员 reaching its own screens and
    only those; a department's case lists showing none of another department's cases."""
    from django.contrib.auth import get_user_model
    from django.test import Client as DjangoClient
    from django.urls import reverse

    from gongkai.accounts.signin import SESSION_VERIFIED
    from gongkai.assessment.indicators.models import DepartmentResult, Run
    from gongkai.core import roles
    from gongkai.foi.models import Application
    from gongkai.interaction.models import Case
    from gongkai.org import sites

    users = [None, *get_user_model().objects.filter(is_active=True, is_staff=True).order_by("username")]
    rows = [
        ("foi", a.site_id, a.department_id, reverse("foi_case", args=[a.pk]), a.tracking_code)
        for a in Application.objects.order_by("pk").only("pk", "site_id", "department_id", "tracking_code")
    ]
    rows += [
        (f"case-{c.channel}", c.site_id, c.department_id, reverse("interaction_case", args=[c.pk]), c.code)
        for c in Case.objects.order_by("pk").only("pk", "site_id", "department_id", "code", "channel")
    ]
    cells = _cells(rows, per_cell)
    sampled = [row for members in cells.values() for row in members]
    # the codes each department's staff must not see in their lists: every case of another department
    codes_by_department = {}
    for _kind, _site, department_id, _path, code in rows:
        codes_by_department.setdefault(department_id, set()).add(code)
    default = sites.default_site()
    names_of_site = {}
    for result in DepartmentResult.objects.filter(department__isnull=False).select_related(
        "department", "run"
    ):
        names_of_site.setdefault(result.run.site_id, {})[result.department.name] = result.department_id
    periods = sorted(set(Run.objects.values_list("period", flat=True)))
    admin_screens = SYSADMIN_SCREENS + SECADMIN_SCREENS + AUDITOR_SCREENS
    own = {roles.SYSADMIN: SYSADMIN_SCREENS, roles.SECADMIN: SECADMIN_SCREENS, roles.AUDITOR: AUDITOR_SCREENS}
    figures = {"requests": 0, "cells": 0, "expected_refusals": 0, "expected_reach": 0, "not_judged": 0}
    by_kind = {}
    for user in users:
        client = DjangoClient(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
        kind = _kind_of(user)
        by_kind[kind] = by_kind.get(kind, 0) + 1
        if user is not None:
            client.force_login(user)
            # the scan acts as the account after its second factor (the 三员 must have one): what it may read
            # then is what is judged
            session = client.session
            session[SESSION_VERIFIED] = user.pk
            session.save()
        who = user.username if user is not None else "anonymous"

        def get(path, client=client, who=who):
            figures["requests"] += 1
            response = client.get(path)
            if response.status_code >= 500:
                scan.finding("render", f"{who} GET {path}: HTTP {response.status_code}")
            return response

        def must_refuse(path, why, get=get, who=who):
            figures["expected_refusals"] += 1
            figures["cells"] += 1
            if get(path).status_code == 200:
                scan.finding("access", f"{who} read {path} ({why})")

        def must_reach(path, why, get=get, who=who):
            figures["expected_reach"] += 1
            figures["cells"] += 1
            status = get(path).status_code
            if status != 200:
                scan.finding("access", f"{who} was refused {path} ({why}): HTTP {status}")

        for (kind_, site_id, department_id), members in cells.items():
            expected = _expect_refusal(user, site_id, department_id)
            if expected is None:
                figures["not_judged"] += 1
                for _k, _s, _d, path, _code in members:
                    get(path)  # still rendered: no 5xx
                continue
            figures["cells"] += 1
            for _k, _s, _d, path, _code in members:
                status = get(path).status_code
                if expected:
                    figures["expected_refusals"] += 1
                    if status == 200:
                        scan.finding(
                            "access",
                            f"{who} read {path} ({kind_}, site {site_id}, department {department_id})",
                        )
                elif status != 200:
                    figures["expected_reach"] += 1
                    scan.finding(
                        "access", f"{who} was refused {path} ({kind_}, own site/department): {status}"
                    )
                else:
                    figures["expected_reach"] += 1
        if user is None:
            # the query API without the secret (or with a wrong one) answers nothing of a message
            for kind_, _s, _d, _path, code in sampled:
                if kind_.startswith("case-"):
                    api = "/api/v1/messages" if kind_ == "case-message" else "/api/v1/site-errors"
                    must_refuse(f"{api}/{code}", "no secret")
                    must_refuse(f"{api}/{code}?secret=00000000", "wrong secret")
                elif kind_ == "foi":
                    must_refuse(f"/api/v1/foi/applications/{code}?secret=00000000", "wrong secret")
        for period in periods:
            response = get(f"/api/v1/assessment/runs/{period}")
            if response.status_code != 200:
                continue
            for row in response.json():
                for site_id, names in names_of_site.items():
                    if row["department"] in names and _expect_refusal(
                        user, site_id, names[row["department"]]
                    ):
                        scan.finding(
                            "access", f"{who} read {row['department']} in /api/v1/assessment/runs/{period}"
                        )
        # the health monitor's runs are the default site's (it crawls that site): only its office reads them
        department = roles.user_department(user) if user is not None else None
        refuse_health = (
            user is None
            or kind in roles.THREE_ADMINS
            or (department is not None and (department.site_id != default.pk or kind != "office"))
        )
        if refuse_health:
            must_refuse("/api/v1/assessment/health/latest", "the default site's health findings")
        else:
            get("/api/v1/assessment/health/latest")
        # the staff screens
        if kind == "anonymous":
            for path in admin_screens + BUSINESS_SCREENS:
                must_refuse(path, "staff screen")
        elif kind in roles.THREE_ADMINS:
            for path in own[kind]:
                must_reach(path, f"the {kind}'s own screen")
            for path in admin_screens:
                if path not in own[kind]:
                    must_refuse(path, f"another administrator's screen ({kind})")
            for path in CASE_LISTS:
                must_refuse(path, f"case list ({kind} reads no cases)")
        elif kind in ("office", "department"):
            for path in SYSADMIN_SCREENS + AUDITOR_SCREENS:
                must_refuse(path, f"a 三员 screen ({kind})")
            for path in BUSINESS_SCREENS:
                response = get(path)
                if kind == "department" and path in CASE_LISTS and response.status_code == 200:
                    figures["cells"] += 1
                    html = response.content.decode("utf-8", "replace")
                    foreign = {
                        code
                        for d, codes in codes_by_department.items()
                        if d != department.pk
                        for code in codes
                        if code in html
                    }
                    if foreign:
                        scan.finding(
                            "access", f"{who}'s {path} lists another department's {sorted(foreign)[:5]}"
                        )
        else:
            for path in admin_screens + BUSINESS_SCREENS:
                get(path)
    print(
        f"  access matrix: {len(users)} callers ({', '.join(f'{k} {v}' for k, v in sorted(by_kind.items()))}) × "
        f"{len(cells)} object cells ({len(sampled)} of {len(rows)} cases sampled, ≤{per_cell or 'all'} per cell) "
        f"+ {len(periods)} quarters + health + {len(admin_screens + BUSINESS_SCREENS)} staff screens: "
        f"{figures['requests']} requests, {figures['cells']} matrix cells judged, "
        f"{figures['expected_refusals']} expected refusals and {figures['expected_reach']} expected reaches "
        f"checked, {figures['not_judged']} caller × cell pairs not judged (superuser / no department)",
        flush=True,
    )
    scan.matrix = figures


def build_quick_fixture():
    """The small dataset of `--quick` (after the demo's org and portal loaders): the second site 龙凤镇 with its
    office, departments and staff (the demo's own town functions, without its catalog), and for the city two FOI
    applications and two messages (one with an attachment) per department that has staff, plus one of each not yet
    routed — every kind × site × department cell of the matrix exists, each routed by the site's own office — and
    the city's last and current quarter computed (unpublished)."""
    import datetime

    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import transaction
    from django.utils import timezone

    from gongkai.core import roles
    from gongkai.core.identity import resident_id_check_char
    from gongkai.demo import town
    from gongkai.foi import actions as foi_actions
    from gongkai.foi import services
    from gongkai.interaction import actions, intake
    from gongkai.interaction.models import Category, Channel
    from gongkai.org import sites
    from gongkai.org.models import StaffProfile

    with transaction.atomic():
        _home, site = town.ensure_site()
        departments = town.ensure_departments(site)
        users = town.ensure_staff(departments)
        town.ensure_message(site, departments, users)
        town.ensure_foi(site, departments, users)
    default = sites.default_site()
    office = next(
        u for u in get_user_model().objects.filter(is_active=True).order_by("username")
        if roles.is_office(u) and getattr(getattr(u, "staff", None), "department", None) is not None
        and u.staff.department.site_id == default.pk
    )  # fmt: skip
    staffed = []
    for profile in StaffProfile.objects.filter(department__site=default).select_related("department", "user"):
        if profile.department not in staffed and roles.has_role(profile.user, *roles.DEPARTMENT_ROLES):
            staffed.append(profile.department)
    category = Category.objects.filter(channel=Channel.MESSAGE).exclude(name=town.MESSAGE_CATEGORY).first()
    start = timezone.now() - datetime.timedelta(days=3)
    png = b"\x89PNG\r\n\x1a\n" + bytes(64)
    for i, department in enumerate([*staffed, None]):
        for j in range(2):
            n = i * 2 + j
            body = f"4228011980{(n % 12) + 1:02d}15{n:03d}"  # 17 digits: region, 1980-MM-15, sequence
            cleaned, errors = services.validate({
                "applicant_type": "natural_person", "name": "李群", "id_type": "resident_id",
                "id_number": body + resident_id_check_char(body), "phone": f"139071800{n:02d}",
                "email": "liqun@example.com", "address": "湖北省恩施市舞阳坝街道施州大道 88 号",
                "description": f"请公开{department.name if department else '本市'} 2025 年度第 {n + 1} 批专项资金的分配方案与使用情况。",
                "delivery_form": "email", "delivery_way": "online"})  # fmt: skip
            if errors:
                raise SystemExit(f"quick fixture: FOI application refused: {errors}")
            app, _ = foi_actions.submit(
                cleaned, at=start, attachments=[("身份证复印件.png", png)] if j == 0 else ()
            )
            if department is not None:
                foi_actions.confirm_receipt(office, app, at=start + datetime.timedelta(hours=2))
                foi_actions.assign(office, app, department, at=start + datetime.timedelta(hours=3))
            cleaned, errors = intake.validate_message({
                "name": "向红梅", "phone": f"139071812{n:02d}", "category": category.name if category else "",
                "title": f"施州大道第 {n + 1} 段路灯不亮", "public": True,
                "content": f"施州大道第 {n + 1} 段路灯已一周不亮，夜间行人不便，请尽快维修。"})  # fmt: skip
            if errors:
                raise SystemExit(f"quick fixture: message refused: {errors}")
            case, _ = actions.submit(
                Channel.MESSAGE, cleaned, now=start, received_at=start,
                attachment=SimpleUploadedFile("现场照片.png", png) if j == 0 else None,
            )  # fmt: skip
            if department is not None:
                actions.dispatch(office, case, department, now=start + datetime.timedelta(hours=1))
    # the city's last and current quarter, computed, not published (publishing waits for the manual scores):
    # only the city's office reads them — what the runs API must scope
    from gongkai.assessment.indicators import actions as runs
    from gongkai.assessment.indicators import scoring

    today = timezone.localdate()
    year, quarter = today.year, (today.month - 1) // 3 + 1
    previous = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    for y, q in (previous, (year, quarter)):
        runs.compute_run(None, runs.create_run(None, scoring.period_code(y, q)))
    return len(staffed) + 1


def outbound_and_media(scan):
    """The outbound guard refuses this very server (loopback, its IPv4-mapped form, and a redirect to it is
    never reached); no citizen's stored upload is answered under /media/, and every file in the private storage
    is encrypted at rest."""
    from django.apps import apps
    from django.db import models

    from gongkai.core import outbound, privatefiles

    guarded = 0
    for url in (f"http://127.0.0.1:{PORT}/healthz", f"http://[::ffff:127.0.0.1]:{PORT}/healthz",
                f"http://localhost:{PORT}/healthz", "http://169.254.169.254/latest/meta-data/"):  # fmt: skip
        guarded += 1
        try:
            outbound.fetch(url, timeout=3)
        except outbound.OutboundRefused:
            continue
        except outbound.OutboundError as exc:
            scan.finding("outbound", f"{url}: not refused by the guard but failed otherwise ({exc})")
            continue
        scan.finding("outbound", f"{url} was requested")
    stored = 0
    for model in apps.get_models():
        if model._meta.app_label not in ("foi", "interaction", "disclosure"):
            continue
        for field in model._meta.get_fields():
            if not isinstance(field, models.FileField):
                continue
            private = isinstance(field.storage, privatefiles.PrivateStorage)
            for name in model.objects.exclude(**{field.name: ""}).values_list(field.name, flat=True):
                stored += 1
                if private and field.storage.exists(name) and not field.storage.is_encrypted(name):
                    scan.finding("at rest", f"{model._meta.label}.{field.name} {name} is stored in clear")
                st, _body, _ = Client().request("GET", "/media/" + urllib.parse.quote(name))
                if st == 200:
                    scan.finding("media", f"/media/{name} answered 200 ({model._meta.label}.{field.name})")
    print(f"  outbound guard: {guarded} internal addresses tried; /media/: {stored} stored uploads requested",
          flush=True)  # fmt: skip


def run_schemathesis(seconds, report_dir):
    exe = shutil.which("schemathesis", path=str(Path(sys.executable).parent)) or shutil.which("schemathesis")
    if exe is None:
        return (
            None,
            "",
            "schemathesis not installed (.venv/bin/pip install -c requirements.lock -e '.[bench]'): NOT RUN",
        )
    cmd = [
        exe, "run", f"http://127.0.0.1:{PORT}/api/v1/openapi.json",
        "--checks", "not_a_server_error",
        "--phases", "examples,coverage,fuzzing",
        "--max-time", str(seconds),
        "--generation-allow-x00", "true",
        "--request-timeout", "60",
        "--workers", "2",
        "--seed", "2026",
        "-H", "X-Forwarded-Proto: https",
        "--no-color",
        "--report", "junit", "--report-dir", str(report_dir),
    ]  # fmt: skip
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 600)
    out = result.stdout + result.stderr
    tail = "\n".join(out.strip().splitlines()[-25:])
    return result.returncode, out, tail


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--sqlite", action="store_true", help="scan on SQLite even if PostgreSQL is reachable"
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a small generated dataset in a temporary SQLite database (the demo's accounts of both sites and a "
        "few cases in every department), fewer hostile payloads per field, schemathesis 30 s unless given; "
        "every cell of the access-control matrix is still judged",
    )
    parser.add_argument(
        "--schemathesis-seconds", type=int, default=None, help="default 150 (30 with --quick)"
    )
    parser.add_argument(
        "--per-cell",
        type=int,
        default=None,
        help="cases requested per matrix cell (kind × site × department); 0 = all (default: all with --quick, 4 "
        "on the demo)",
    )
    parser.add_argument(
        "--existing-database",
        help="a PostgreSQL URL already migrated and loaded (skips migrate and demo; not dropped afterwards)",
    )
    parser.add_argument("--port", type=int, default=18350, help="the app server's port (default 18350)")
    parser.add_argument(
        "--redis-db", type=int, default=13, help="the Redis database the scan flushes (default 13)"
    )
    args = parser.parse_args()
    globals().update(PORT=args.port, REDIS_URL=f"redis://127.0.0.1:6379/{args.redis_db}")
    if args.quick:
        args.sqlite = True
    if args.schemathesis_seconds is None:
        args.schemathesis_seconds = 30 if args.quick else 150
    if args.per_cell is None:
        args.per_cell = 0 if args.quick else 4
    payloads = QUICK_PAYLOADS if args.quick else PAYLOADS

    work = Path(tempfile.mkdtemp(prefix="gk-scan-"))
    var = work / "var"
    var.mkdir()
    use_pg = False
    existing = args.existing_database
    if existing:
        use_pg = True
    elif not args.sqlite:
        try:
            import psycopg

            with psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=3) as conn:
                conn.execute("DROP DATABASE IF EXISTS deploy_scan WITH (FORCE)")
                conn.execute("CREATE DATABASE deploy_scan")
            use_pg = True
        except Exception as exc:
            print(f"(PostgreSQL not reachable, scanning on SQLite: {exc})")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DJANGO_", "REDIS"))}
    env.pop("DEBUG", None)
    env.update(
        GONGKAI_VAR_DIR=str(var),
        DATABASE_URL=existing or (PG_URL if use_pg else f"sqlite:///{var / 'scan.sqlite3'}"),
        GONGKAI_CAPTCHA="off",
        GONGKAI_RATE_LIMITS="off",
        DJANGO_SETTINGS_MODULE="gongkai.settings",
        LOG_LEVEL="CRITICAL",
        GONGKAI_LOG_LEVEL="ERROR",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        # the scanner reads the captcha codes from the server's cache
        REDIS_URL=REDIS_URL,
        # the encryption keys of personal data, the same for the demo load and the (production-mode) server
        GONGKAI_DATA_KEY=base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
        GONGKAI_INDEX_KEY=base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
        GONGKAI_AUDIT_KEY=base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
    )
    proc = None
    try:
        print(f"== security scan on {'PostgreSQL' if use_pg else 'SQLite'}: migrate, demo data …", flush=True)
        # the demo data the forms need (departments, categories, the site); the catalog is not needed here
        # (disclosure, assessment and the second site for the access-control matrix)
        loaders = ("org", "portal", "disclosure", "foi", "interaction", "assessment", "town")
        if args.quick:
            loaders = ("org", "portal")  # the rest: build_quick_fixture() below
        demo = ("demo", *[f"--only={a}" for a in loaders])
        steps = [("collectstatic", "--noinput", "-v0")]
        if not existing:
            steps = [("migrate", "--noinput", "-v0"), demo, *steps]
        subprocess.run(
            ["redis-cli", "-n", REDIS_URL.rsplit("/", 1)[1], "flushdb"], check=True, capture_output=True
        )
        for args_ in steps:
            done = subprocess.run([sys.executable, "-m", "gongkai.manage", *args_], env=env, cwd=ROOT,
                                  capture_output=True, text=True)  # fmt: skip
            if done.returncode != 0:
                raise SystemExit(f"step {' '.join(args_)} failed ({done.returncode}):\n{done.stderr[-4000:]}")
        # the server runs in production mode (secure cookies, HSTS, CSP as deployed) on the same database
        server_env = dict(env)
        if use_pg:
            server_env.update(GONGKAI_ENV="production", SECRET_KEY=secrets.token_urlsafe(50))
        proc = start_server(server_env, work / "server.log")
        os.environ.update(env)
        import django

        django.setup()
        from django.conf import settings

        scan = Scan(Path(settings.MEDIA_ROOT), var)
        began = started = time.monotonic()
        if args.quick:
            print(
                f"  quick fixture: cases in {build_quick_fixture()} departments of the city and in 龙凤镇",
                flush=True,
            )

        # baseline: ordinary input is accepted by every form and endpoint
        forms = ["/liuyan/xie/", "/jiucuo/", "/ysqgk/shenqing/"]
        queries = ["/liuyan/chaxun/", "/jiucuo/chaxun/", "/ysqgk/chaxun/"]
        baseline_ok = 0
        for page in forms:
            accepted = scan.post_form(page, f"baseline {page}", None, None)
            baseline_ok += bool(accepted)
            if not accepted:
                print(f"  baseline {page}: not accepted", flush=True)
        categories = json.loads(Client().request("GET", "/api/v1/messages/categories")[1])["categories"]
        category = categories[0]["name"] if categories else "其他"
        st = scan.post_json("/api/v1/messages", "baseline API message", {
            "name": "李群", "phone": "13907180000", "category": category, "title": f"施州大道路灯不亮 {RUN}",
            "content": f"施州大道与航空大道路口路灯已一周不亮，请尽快维修（{RUN}）。", "public": True})  # fmt: skip
        baseline_ok += st == 201
        if st != 201:
            print(f"  baseline API message: {st}", flush=True)
        print(f"  baseline: {baseline_ok}/{len(forms) + 1} ordinary submissions accepted", flush=True)
        if baseline_ok != len(forms) + 1:
            scan.finding("baseline", "ordinary input was not accepted everywhere (scan would prove nothing)")

        # hostile values in every field of every public form
        for page in forms + queries:
            client = Client()
            _, body, _ = client.request("GET", page)
            parsed = FormParser()
            parsed.feed(body.decode())
            fields = [
                name
                for f in parsed.forms
                for name in f["fields"]
                if name not in ("csrfmiddlewaretoken", "captcha_key", "captcha_answer")
            ]
            for field in fields:
                for payload in payloads:
                    scan.post_form(page, f"{page} {field}={payload[:24]!r}", field, payload)
            print(f"  {page}: {len(fields)} fields × {len(payloads)} payloads", flush=True)

        # uploads: path traversal and odd names, on the forms that take a file
        names = ["../../../../tmp/gk-scan-escape.pdf", "..\\..\\gk-scan-escape.pdf", "%2e%2e%2fgk-scan-escape.pdf",
                 "/etc/gk-scan-escape.pdf", "gk\x00scan.pdf", "证明材料<script>.pdf", "a" * 300 + ".pdf",
                 "report.pdf.html", "shell.php"]  # fmt: skip
        for page in ("/liuyan/xie/", "/ysqgk/shenqing/"):
            for name in names:
                scan.post_form(page, f"{page} upload {name[:30]!r}", None, None, filename=name)
            scan.post_form(page, f"{page} upload html-as-pdf", None, None, filename="材料.pdf",
                           content=b"<html><script>alert('gk-xss')</script></html>")  # fmt: skip
        escaped = [p for p in Path("/").glob("tmp/gk-scan-escape*")] + [
            p for p in work.rglob("*gk-scan-escape*") if scan.media_root not in p.parents
        ]
        for path in escaped:
            scan.finding("upload path traversal", f"file written outside MEDIA_ROOT: {path}")
        from django.apps import apps

        for model in apps.get_models():
            if not model.__module__.startswith("gongkai."):
                continue
            for f in model._meta.fields:
                if f.get_internal_type() == "FileField":
                    for name in model._default_manager.exclude(**{f.name: ""}).values_list(f.name, flat=True):
                        if ".." in name or name.startswith("/") or "\\" in name or "<" in name:
                            scan.finding("upload name", f"{model._meta.label}.{f.name} stored as {name!r}")

        # oversize and badly encoded bodies
        big = b"content=" + b"A" * (30 * 1024 * 1024)
        scan.post_form("/liuyan/xie/", "/liuyan/xie/ 30 MB urlencoded body", None, None,
                       raw_body=(big, "application/x-www-form-urlencoded"))  # fmt: skip
        for label, raw, ctype in [
            ("invalid UTF-8", b"title=%FF%FE%FD&content=%C3%28", "application/x-www-form-urlencoded"),
            ("GBK body declared", "title=路灯&content=不亮".encode("gbk"), "application/x-www-form-urlencoded; charset=gbk"),
            ("unknown charset", b"title=x&content=y", "application/x-www-form-urlencoded; charset=x-gk-unknown"),
            ("broken multipart", b"--xx\r\nContent-Disposition: form-data; name=\"t\"\r\n\r\nv", "multipart/form-data; boundary=yy"),
            ("multipart no boundary", b"abc", "multipart/form-data"),
        ]:  # fmt: skip
            for page in forms:
                scan.post_form(page, f"{page} {label}", None, None, raw_body=(raw, ctype))
        # the JSON submission endpoints
        base = {"name": "李群", "phone": "13907180000", "category": category, "title": f"路灯 {RUN}",
                "content": "施州大道路灯不亮已一周，请尽快维修。", "public": True}  # fmt: skip
        for path in ("/api/v1/messages", "/api/v1/site-errors"):
            for key in ("name", "phone", "category", "title", "content", "page_url", "description"):
                for payload in payloads:
                    scan.post_json(path, f"POST {path} {key}={payload[:24]!r}", {**base, key: payload})
            for label, raw in [
                ("invalid UTF-8", b'{"title": "\xff\xfe"}'),
                ("not JSON", b"<xml>"),
                ("JSON array", b"[1,2,3]"),
                ("deep nesting", b"[" * 100_000 + b"]" * 100_000),
                ("huge number", b'{"title": 1e999999, "public": 1e309}'),
                ("26 MB", b'{"content": "' + b"A" * (26 * 1024 * 1024) + b'"}'),
            ]:
                scan.post_json(path, f"POST {path} {label}", raw=raw)
        # GET surfaces: search and filters echo the query; the a11y switch takes next=
        for payload in PAYLOADS[:-2]:
            q = urllib.parse.quote(payload.encode("utf-8", "surrogatepass"))
            for path in (
                f"/search/?q={q}",
                f"/fuwu/shixiang/?q={q}",
                f"/api/v1/search?q={q}",
                f"/liuyan/?q={q}",
            ):
                st, body, _ = Client().request("GET", path)
                scan.look(f"GET {path[:60]}", st, body)
        for target in (
            "https://evil.example.com/",
            "//evil.example.com/",
            "/\\evil.example.com",
            "javascript:alert(1)",
        ):
            st, body, headers = Client().request(
                "GET", f"/a11y/?do=elder-on&next={urllib.parse.quote(target)}"
            )
            scan.look(f"a11y next={target}", st, body)
            location = headers.get("Location", "")
            if st in (301, 302, 303) and not (
                location.startswith("/") and not location.startswith(("//", "/\\"))
            ):
                scan.finding(f"a11y next={target}", f"redirects off-site to {location!r}")
        forms_seconds = time.monotonic() - started

        print("== access control, outbound guard, /media/ …", flush=True)
        hostile_requests = scan.requests
        access_matrix(scan, per_cell=args.per_cell)
        outbound_and_media(scan)

        print(f"== schemathesis over /api/v1/openapi.json ({args.schemathesis_seconds} s) …", flush=True)
        if args.schemathesis_seconds > 0:
            code, out, tail = run_schemathesis(args.schemathesis_seconds, work / "schemathesis")
        else:
            code, out, tail = None, "", "schemathesis: --schemathesis-seconds 0, not run"
        server_errors = re.findall(r"Server error", out)
        if code not in (0, None):
            scan.finding("schemathesis", f"exit {code}, {len(server_errors)} server-error reports")
        print(tail)

        print(
            f"\nhostile forms/API: {scan.requests} requests in {forms_seconds:.0f} s, accepted {scan.accepted}, "
            f"rejected {scan.rejected}, statuses {dict(sorted((k or 0, v) for k, v in scan.status.items()))}"
        )
        m = getattr(scan, "matrix", {})
        print(
            f"access control: {m.get('requests', 0)} requests, {m.get('cells', 0)} matrix cells judged "
            f"({m.get('expected_refusals', 0)} refusals, {m.get('expected_reach', 0)} reaches); "
            f"hostile requests {hostile_requests}; total {time.monotonic() - began:.0f} s"
        )
        print(f"findings: {len(scan.findings)}")
        for label, detail in scan.findings[:60]:
            print(f"  ✗ {label}: {detail}")
        return 0 if not scan.findings else 1
    finally:
        if proc is not None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
        if (work / "server.log").exists():
            errors = (work / "server.log").read_text(errors="replace")
            if "Traceback" in errors:
                print("\nserver log (tracebacks):\n" + errors[-4000:])
        subprocess.run(
            ["redis-cli", "-n", REDIS_URL.rsplit("/", 1)[1], "flushdb"], check=False, capture_output=True
        )
        if use_pg and not existing:
            from django.conf import settings as django_settings

            if django_settings.configured:  # the scan may have stopped before django.setup()
                from django.db import connections

                connections.close_all()
            import psycopg

            with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
                conn.execute("DROP DATABASE IF EXISTS deploy_scan WITH (FORCE)")
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
