"""The outbound guard (core/outbound.py) against blind SSRF, with a real HTTP server on loopback: a draft's link
or a new-media feed pointing at 127.0.0.1, or at a public-looking address that redirects to 127.0.0.1, is never
requested; the same server is reached once the test allow-lists it."""

import http.server
import threading

import pytest

from gongkai.core import outbound
from gongkai.disclosure import precheck
from gongkai.newmedia import imports


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits = []
    redirect_to = ""

    def do_GET(self):
        type(self).hits.append(self.path)
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", type(self).redirect_to)
            self.end_headers()
            return
        body = "<rss version='2.0'><channel><title>恩施教育</title></channel></rss>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_HEAD = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server():
    _Recorder.hits = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.12.3.4",
        "172.16.0.9",
        "192.168.1.20",
        "169.254.169.254",  # the cloud metadata service
        "100.100.100.200",  # Alibaba Cloud's metadata service
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.251",
        "240.0.0.1",
        "::1",
        "fe80::1",
        "fd00:ec2::254",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:169.254.169.254",
    ],
)
def test_non_public_addresses_are_refused(address):
    assert not outbound.is_public(address)


@pytest.mark.parametrize("address", ["58.19.1.10", "2400:3200::1", "::ffff:58.19.1.10"])
def test_public_addresses_are_allowed(address):
    assert outbound.is_public(address)


def test_loopback_is_refused_before_any_request(local_server):
    with pytest.raises(outbound.OutboundRefused, match="本机、内网或保留地址"):
        outbound.fetch(f"{local_server}/feed.xml")
    with pytest.raises(outbound.OutboundRefused):
        outbound.fetch(local_server.replace("127.0.0.1", "localhost") + "/feed.xml")
    assert _Recorder.hits == []


def test_a_redirect_to_loopback_is_refused(local_server, settings, monkeypatch):
    """The first hop is allowed (it stands for a public server); where it redirects is checked anew."""
    settings.GONGKAI_OUTBOUND_ALLOW = ["127.0.0.1/32"]
    _Recorder.redirect_to = local_server.replace("127.0.0.1", "[::ffff:127.0.0.2]") + "/secret"
    with pytest.raises(outbound.OutboundRefused, match=r"127\.0\.0\.2"):
        outbound.fetch(f"{local_server}/redirect")
    assert _Recorder.hits == ["/redirect"]


def test_an_allow_listed_server_is_reached_and_redirects_are_followed(local_server, settings):
    settings.GONGKAI_OUTBOUND_ALLOW = ["127.0.0.1"]
    _Recorder.redirect_to = "/feed.xml"
    response = outbound.fetch(f"{local_server}/redirect")
    assert response.status == 200 and "恩施教育" in response.body.decode()
    assert _Recorder.hits == ["/redirect", "/feed.xml"]


def test_the_connection_goes_to_the_address_that_was_checked(local_server, settings, monkeypatch):
    """DNS rebinding: a name checked as public must not be resolved again to loopback for the connection."""
    settings.GONGKAI_OUTBOUND_ALLOW = ["127.0.0.1"]
    port = local_server.rsplit(":", 1)[1]
    answers = iter([[(2, 1, 6, "", ("127.0.0.1", int(port)))]])
    real = outbound.socket.getaddrinfo

    def rebinding_dns(host, *args, **kwargs):
        # the name has one answer; a second lookup of it (at connect time) would raise StopIteration
        return next(answers) if host == "jyj.enshi.gov.cn" else real(host, *args, **kwargs)

    monkeypatch.setattr(outbound.socket, "getaddrinfo", rebinding_dns)
    response = outbound.fetch(f"http://jyj.enshi.gov.cn:{port}/feed.xml")
    assert response.status == 200


def test_precheck_does_not_request_a_drafts_loopback_link(local_server):
    assert precheck.url_resolves(f"{local_server}/admin/") is False
    assert precheck.url_resolves(f"{local_server}/redirect") is False
    assert _Recorder.hits == []


def test_newmedia_feed_on_loopback_is_refused_with_a_chinese_reason(local_server):
    with pytest.raises(imports.SourceError, match="订阅地址不可访问") as caught:
        imports.download(f"{local_server}/feed.xml")
    assert "本机、内网或保留地址" in caught.value.errors[0]
    assert _Recorder.hits == []


def test_newmedia_feed_redirected_to_loopback_is_refused(local_server, settings):
    settings.GONGKAI_OUTBOUND_ALLOW = ["127.0.0.1/32"]
    _Recorder.redirect_to = local_server.replace("127.0.0.1", "127.0.0.3") + "/feed.xml"
    with pytest.raises(imports.SourceError, match="订阅地址不可访问"):
        imports.download(f"{local_server}/redirect")
    assert _Recorder.hits == ["/redirect"]
