"""Requests the platform makes on its own to addresses someone else typed (a link in a draft, a new-media feed):
the guard against server-side request forgery.

`fetch()` resolves the host itself and refuses the whole request if any address it resolves to is not a public
one — loopback, private (RFC 1918, fc00::/7), link-local (169.254.0.0/16 with the cloud metadata service,
fe80::/10), multicast, reserved, unspecified, shared (100.64.0.0/10), documentation ranges, and IPv4-mapped IPv6
forms of all of them. It then connects to exactly the address it checked (pinned: a DNS answer that changes
between check and connect — DNS rebinding — cannot move the connection), sends the host name in the Host header
and TLS SNI (the certificate is verified against the name), and follows redirects by hand, checking each new
address the same way. `GONGKAI_OUTBOUND_ALLOW` (addresses or networks) lets tests reach their own local server.
"""

import http.client
import ipaddress
import socket
import ssl
import urllib.parse
from dataclasses import dataclass

from django.conf import settings

REDIRECTS = (301, 302, 303, 307, 308)
MAX_REDIRECTS = 5
#: cloud metadata services that sit on otherwise ordinary-looking addresses (Alibaba Cloud, AWS IPv6, Oracle)
METADATA = [ipaddress.ip_network(n) for n in ("100.100.100.200/32", "fd00:ec2::254/128", "192.0.0.192/32")]


class OutboundError(Exception):
    """The request could not be made or answered; the message is Chinese, for the person who gave the address."""


class OutboundRefused(OutboundError):
    """The address is not one the platform may reach on someone else's behalf."""


class OutboundTimeout(OutboundError):
    """The other side did not answer in time."""


@dataclass
class Response:
    status: int
    url: str
    headers: dict
    body: bytes


def _allowed_networks():
    return [ipaddress.ip_network(n, strict=False) for n in getattr(settings, "GONGKAI_OUTBOUND_ALLOW", ())]


def is_public(address):
    """True for an address on the public internet; IPv4-mapped IPv6 (::ffff:127.0.0.1) is judged as its IPv4."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if any(ip in net for net in _allowed_networks()):
        return True
    if any(ip in net for net in METADATA if net.version == ip.version):
        return False
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_loopback or ip.is_link_local)


def resolve(host, port):
    """The one address to connect to: every address the name resolves to must be public (else a second answer
    could be the internal one), and the first is pinned for the connection."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise OutboundError(f"无法解析域名 {host}。") from exc
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise OutboundError(f"无法解析域名 {host}。")
    for address in addresses:
        if not is_public(address):
            raise OutboundRefused(f"地址 {host} 指向本机、内网或保留地址（{address}），已拒绝访问。")
    return addresses[0]


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def _once(url, method, headers, timeout, max_bytes):
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise OutboundRefused("地址须以 http:// 或 https:// 开头。")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise OutboundError(f"地址端口不正确：{url}") from exc
    address = resolve(parts.hostname, port)
    connection_class = _PinnedHTTPS if parts.scheme == "https" else _PinnedHTTP
    connection = connection_class(parts.hostname, port, address, timeout)
    path = urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, ""))
    try:
        connection.request(method, path, headers=headers)
        answer = connection.getresponse()
        body = b"" if method == "HEAD" else answer.read(max_bytes)
        return Response(answer.status, url, dict(answer.getheaders()), body)
    except TimeoutError as exc:
        raise OutboundTimeout("对方响应超时。") from exc
    except (OSError, http.client.HTTPException) as exc:
        raise OutboundError(f"无法连接 {parts.hostname}：{exc}") from exc
    finally:
        connection.close()


def fetch(url, *, method="GET", headers=None, timeout=10.0, max_bytes=5 * 1024 * 1024):
    """GET (or HEAD) `url` through the guard, following up to five redirects, each one checked anew. The body is
    read up to `max_bytes` (the caller can tell a longer one by its length). Raises OutboundRefused,
    OutboundTimeout or OutboundError."""
    for _ in range(MAX_REDIRECTS + 1):
        response = _once(url, method, headers or {}, timeout, max_bytes)
        location = response.headers.get("Location") or response.headers.get("location")
        if response.status not in REDIRECTS or not location:
            return response
        url = urllib.parse.urljoin(url, location)
        if response.status == 303 and method != "HEAD":
            method = "GET"
    raise OutboundError(f"重定向次数过多（超过 {MAX_REDIRECTS} 次）。")
