"""The address of the client behind a request, for logs that VICIdial reads."""
import ipaddress

from django.conf import settings


def _parse_address(text):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _is_trusted_proxy(address):
    """Tell whether ``address`` matches an entry of settings.TRUSTED_PROXIES (an address or a network)."""
    for entry in settings.TRUSTED_PROXIES:
        try:
            if address in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue
    return False


def client_ip(request):
    """Return the client's address: REMOTE_ADDR, or the last X-Forwarded-For hop behind a trusted proxy.

    Only the last hop is believed, because the trusted proxy appended it. The hops
    before it come from the client and can be forged. When the last hop is not an IP
    address, REMOTE_ADDR is returned.
    """
    remote_addr = request.META.get("REMOTE_ADDR", "")
    remote = _parse_address(remote_addr)
    if remote is None or not _is_trusted_proxy(remote):
        return remote_addr

    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    forwarded = _parse_address(hops[-1]) if hops else None
    return str(forwarded) if forwarded is not None else remote_addr
