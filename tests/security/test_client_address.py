"""Behind nginx every connection comes from 127.0.0.1: the client's address is the one nginx forwards, and only
when GONGKAI_TRUST_PROXY says a proxy is there (issue 18 item 2). Rate limits, the sign-in lockout and the audit's
来源地址 are all counted under `protection.client_address`."""

import pytest
from django.test import RequestFactory

from gongkai.accounts.signin import locked_for
from gongkai.core.protection import client_address


def request(forwarded=None):
    extra = {"REMOTE_ADDR": "127.0.0.1"}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post("/admin/login/", **extra)


def test_behind_one_proxy_the_forwarded_address_counts(settings):
    settings.GONGKAI_TRUST_PROXY = 1
    assert client_address(request("58.19.24.107")) == "58.19.24.107"
    # what the client wrote itself is further left and never believed
    assert client_address(request("10.0.0.1, 58.19.24.107")) == "58.19.24.107"
    assert client_address(request("2409:8a4c:12::5")) == "2409:8a4c:12::5"


def test_without_the_setting_a_forged_header_is_ignored(settings):
    settings.GONGKAI_TRUST_PROXY = 0
    assert client_address(request("58.19.24.107")) == "127.0.0.1"


@pytest.mark.parametrize("forwarded", [None, "", "not-an-address", "58.19.24.107; DROP"])
def test_a_missing_or_garbled_header_falls_back_to_the_connection(settings, forwarded):
    settings.GONGKAI_TRUST_PROXY = 1
    assert client_address(request(forwarded)) == "127.0.0.1"


def test_two_proxies_take_the_second_entry_from_the_right(settings):
    settings.GONGKAI_TRUST_PROXY = 2
    # the load balancer appended the client, nginx appended the load balancer
    assert client_address(request("1.2.3.4, 58.19.24.107, 10.8.0.2")) == "58.19.24.107"
    assert client_address(request("10.8.0.2")) == "127.0.0.1"


@pytest.mark.django_db
def test_behind_nginx_the_lockout_hits_the_attackers_address_not_everyones(client, settings):
    settings.GONGKAI_TRUST_PROXY = 1
    settings.GONGKAI_LOGIN_IP_MAX_FAILURES = 3
    for _ in range(4):
        client.post(
            "/admin/login/",
            {"username": "nobody", "password": "wrong-password-123"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="58.19.24.107",
        )
    # the address nginx saw is locked, not 127.0.0.1 (which would lock every colleague out with the attacker)
    assert locked_for("gkb", "58.19.24.107") > 0
    assert locked_for("gkb", "127.0.0.1") == 0
    assert locked_for("gkb", "119.96.60.3") == 0
