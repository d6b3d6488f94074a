"""The client's address, as VICIdial records it in logs and login counters."""
from django.conf import settings


def client_address(request):
    """Return REMOTE_ADDR, or the forwarded address when REMOTE_ADDR is a trusted proxy.

    The forwarded address is the right-most one in X-Forwarded-For that is not itself
    a trusted proxy, because the left-most entries can be set by the client.
    """
    remote = request.META.get("REMOTE_ADDR", "") or ""
    if remote not in settings.TRUSTED_PROXIES:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "") or ""
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        if hop not in settings.TRUSTED_PROXIES:
            return hop
    return remote
