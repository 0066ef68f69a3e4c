"""Which network address a request came from, for the sign-up limit and the
log-in lockout (django-axes calls it too, through AXES_CLIENT_IP_CALLABLE).

Behind the school's proxy every request arrives from the proxy, which adds the
address it saw as the last entry of X-Forwarded-For; earlier entries are
whatever the browser sent. So the header is believed only from a connection
out of TRUSTED_PROXIES (someone who reaches gunicorn without the proxy would
otherwise name a fresh address with every request), and only as far back as
PROXY_COUNT proxies wrote it. An entry that is not an address (a typo in the
proxy's configuration, or a browser's own "not-an-ip" passed along) is never
used: the nearest address known is, which is the proxy's.
"""

import ipaddress

from django.conf import settings

# Where no address is known at all: a server that gave none and no proxy.
UNKNOWN = "0.0.0.0"


def client_address(request) -> str:
    """The student's address in its one canonical spelling, so that
    "2001:DB8::1" and "2001:db8:0::1" are counted as the same address."""
    hop = _address(request.META.get("REMOTE_ADDR", ""))
    if settings.BEHIND_PROXY:
        entries = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        for written_by in range(1, settings.PROXY_COUNT + 1):
            if not _is_trusted_proxy(hop) or written_by > len(entries):
                break
            entry = _address(entries[-written_by])
            if entry is None:
                break
            hop = entry
    return str(hop) if hop is not None else UNKNOWN


def _address(text):
    """`text` as an ip_address, or None if it is not one. An IPv4 address
    written as IPv6 ("::ffff:203.0.113.7") is the IPv4 one, and an IPv6
    zone ("%eth0") is dropped: neither makes a different client."""
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    if address.version == 6:
        return address.ipv4_mapped or ipaddress.IPv6Address(int(address))
    return address


def _is_trusted_proxy(address) -> bool:
    # gunicorn gives no address for a Unix-socket connection, which only a
    # process on this machine can open: the proxy's, as loopback is.
    if address is None:
        return True
    return any(
        address in ipaddress.ip_network(network, strict=False)
        for network in settings.TRUSTED_PROXIES
    )
