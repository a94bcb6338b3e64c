"""Fetch URLs politely: timeouts, a size limit, a user agent, http(s) only, optionally public hosts only."""
from __future__ import annotations

import ipaddress
import logging
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from ..errors import FetchError
from ..settings import Settings

log = logging.getLogger(__name__)

MAX_REDIRECTS = 10


@dataclass(frozen=True)
class Fetched:
    """A fetched response body with its final URL and content type."""

    url: str
    content_type: str
    data: bytes
    charset: str | None = None


def resolve_host(host: str) -> list[str]:
    """Return the IP addresses a host name resolves to."""
    try:
        infos = socket.getaddrinfo(host, None)
    except (socket.gaierror, UnicodeError) as e:
        raise FetchError(f"cannot resolve host {host!r}: {e}; check the URL") from e
    return sorted({info[4][0] for info in infos})


def is_private_address(address: str) -> bool:
    """Tell whether an IP address is loopback, private, link-local or otherwise not public."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
            or ip.is_reserved or ip.is_unspecified)


def check_url(url: str, *, refuse_private: bool = False) -> None:
    """Raise FetchError for a non-http(s) URL, or (if asked) one whose host is not a public address."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise FetchError(f"refusing to fetch {url!r}: only http:// and https:// URLs with a host are allowed")
    if not refuse_private:
        return
    host = parts.hostname
    try:
        addresses = [str(ipaddress.ip_address(host))]
    except ValueError:
        addresses = resolve_host(host)
    private = [a for a in addresses if is_private_address(a)]
    if private:
        raise FetchError(f"refusing to fetch {url!r}: host {host!r} is a private or local address "
                         f"({private[0]}); only public hosts may be fetched here")


def fetch(url: str, *, settings: Settings | None = None, client: httpx.Client | None = None,
          refuse_private: bool = False) -> Fetched:
    """Fetch a URL, following redirects (each checked), and stop reading past settings.max_bytes."""
    settings = settings or Settings()
    if client is None:
        with httpx.Client() as own:
            return fetch(url, settings=settings, client=own, refuse_private=refuse_private)
    headers = {"User-Agent": settings.user_agent}
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        check_url(current, refuse_private=refuse_private)
        try:
            with client.stream("GET", current, headers=headers, timeout=settings.fetch_timeout,
                               follow_redirects=False) as response:
                if response.is_redirect and response.next_request is not None:
                    current = str(response.next_request.url)
                    continue
                return read_response(response, current, settings.max_bytes)
        except httpx.TimeoutException as e:
            raise FetchError(f"fetching {current!r} timed out after {settings.fetch_timeout:g} s: "
                             "try again later or raise fetch_timeout") from e
        except httpx.HTTPError as e:
            reason = str(e).splitlines()[0] if str(e) else type(e).__name__
            raise FetchError(f"could not fetch {current!r}: {reason}; check the URL and your connection") from e
    raise FetchError(f"{url!r} redirected more than {MAX_REDIRECTS} times: check the URL")


def read_response(response: httpx.Response, url: str, max_bytes: int) -> Fetched:
    """Read a streamed response body, refusing error statuses and bodies over max_bytes."""
    if response.status_code >= 400:
        raise FetchError(f"{url!r} answered HTTP {response.status_code} {response.reason_phrase}: "
                         "check the URL")
    declared = response.headers.get("content-length", "")
    too_big = FetchError(f"{url!r} is larger than the limit of {max_bytes} bytes: raise max_bytes to fetch it")
    if declared.isdigit() and int(declared) > max_bytes:
        raise too_big
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise too_big
        chunks.append(chunk)
    content_type = response.headers.get("content-type", "")
    return Fetched(url=url, content_type=content_type.split(";")[0].strip().lower(),
                   data=b"".join(chunks), charset=response.charset_encoding)
