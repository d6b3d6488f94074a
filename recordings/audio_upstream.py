"""Turning a remote recording location into a URL on a host of the VICIdial cluster.

The proxy contacts only hosts named in the servers table (server_ip, alt_server_ip,
external_server_ip) or in settings.RECORDING_HOSTS_ALLOWLIST. The location's host is
compared as text after strict parsing: no user information, no other IP notations
(decimal, octal, hex, short forms), no schemes but http and https. A DNS name is
allowed only when it is itself listed.
"""
import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import quote, unquote

from django.conf import settings

from recordings.audio_errors import AudioUnavailable
from recordings.models import Server

# scheme://authority/path, where the path is everything after the authority: VICIdial
# writes file names into locations unencoded, so "?" and "#" belong to the name.
_LOCATION_PATTERN = re.compile(r"^(?P<scheme>https?)://(?P<authority>[^/]*)(?P<path>/.*)?$", re.IGNORECASE | re.DOTALL)
_AUTHORITY_PATTERN = re.compile(r"^(?P<host>[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::(?P<port>[0-9]{1,5}))?$")
_NUMERIC_HOST_PATTERN = re.compile(r"^[0-9.]+$|^0x|\.0x", re.IGNORECASE)


@dataclass(frozen=True)
class UpstreamURL:
    scheme: str
    host: str
    port: int | None
    # Percent-decoded path segments; the first is empty because the path starts with "/".
    # Bytes that are not UTF-8 are kept as surrogate escapes.
    segments: tuple

    @property
    def file_name(self):
        return self.segments[-1]

    def url(self):
        """Return the URL with each path segment percent-encoded."""
        authority = self.host if self.port is None else f"{self.host}:{self.port}"
        path = "/".join(quote(segment, safe="", errors="surrogateescape") for segment in self.segments)
        return f"{self.scheme}://{authority}{path}"


def canonical_host(text):
    """Return ``text`` as a host to compare: a lower-case name or a canonical IP address.

    Returns None for anything that is not a plain name, a dotted-quad IPv4 address
    or a bracketed IPv6 address, including numeric forms such as ``2130706433``,
    ``0177.0.0.1``, ``0x7f.1`` or ``127.1`` that resolvers would read as IPv4.
    """
    text = (text or "").strip().lower()
    if ":" in text and not text.startswith("["):
        # servers columns may hold an IPv6 address without the brackets a URL needs.
        text = f"[{text}]"
    if text.startswith("[") and text.endswith("]"):
        try:
            return f"[{ipaddress.IPv6Address(text[1:-1]).compressed}]"
        except ValueError:
            return None
    if not re.fullmatch(r"[a-z0-9.-]+", text) or text.startswith(".") or ".." in text:
        return None
    if _NUMERIC_HOST_PATTERN.search(text) or text.split(".")[-1].isdigit():
        try:
            # Python rejects leading zeros and short forms, so only a dotted quad passes.
            return str(ipaddress.IPv4Address(text))
        except ValueError:
            return None
    return text


def parse_location(location):
    """Parse a recording location into an UpstreamURL; raise AudioUnavailable when it is not a plain http(s) URL."""
    match = _LOCATION_PATTERN.match(location or "")
    if match is None:
        raise AudioUnavailable("location is not an http or https URL")
    authority = _AUTHORITY_PATTERN.match(match["authority"])
    if authority is None:
        raise AudioUnavailable("location has user information or an invalid host or port")
    host = canonical_host(authority["host"])
    port = int(authority["port"]) if authority["port"] else None
    if host is None or port == 0 or (port is not None and port > 65535):
        raise AudioUnavailable("location has an invalid host or port")

    # surrogateescape keeps percent-encoded bytes that are not UTF-8 (such as %FF) as they were.
    segments = tuple(unquote(segment, errors="surrogateescape") for segment in (match["path"] or "").split("/"))
    if len(segments) < 2 or segments[-1] == "":
        raise AudioUnavailable("location names no file")
    if any(segment in (".", "..") or "\x00" in segment for segment in segments):
        raise AudioUnavailable("location path has a dot segment or a NUL")
    return UpstreamURL(match["scheme"].lower(), host, port, segments)


def cluster_hosts():
    """Return the canonical hosts the proxy may contact: the servers table and the allowlist setting."""
    hosts = set()
    for row in Server.objects.values_list("server_ip", "alt_server_ip", "external_server_ip"):
        hosts.update(canonical_host(value) for value in row if value)
    hosts.update(canonical_host(value) for value in settings.RECORDING_HOSTS_ALLOWLIST)
    hosts.discard(None)
    return hosts


def swap_host(upstream):
    """Apply servers.recording_web_link as VICIdial's player does.

    When the location's host is a server's server_ip and that server's link is
    ALT_IP or EXTERNAL_IP, the host becomes its alt_server_ip or external_server_ip
    (left as it is when that column is empty). The port and path are kept.
    """
    for server in Server.objects.filter(recording_web_link__in=("ALT_IP", "EXTERNAL_IP")):
        if canonical_host(server.server_ip) != upstream.host:
            continue
        replacement = server.alt_server_ip if server.recording_web_link == "ALT_IP" else server.external_server_ip
        if replacement:
            host = canonical_host(replacement)
            if host is None:
                raise AudioUnavailable("the server's %s is not a valid host" % server.recording_web_link)
            return UpstreamURL(upstream.scheme, host, upstream.port, upstream.segments)
    return upstream


# NOTE: any port of a cluster host is accepted, because recording servers may listen
# on a port other than 80 or 443.
def upstream_url(location):
    """Return the UpstreamURL to fetch for ``location``, or raise AudioUnavailable when its host is outside the cluster."""
    upstream = swap_host(parse_location(location))
    if upstream.host not in cluster_hosts():
        raise AudioUnavailable(f"host {upstream.host} is not a server of the cluster")
    return upstream
