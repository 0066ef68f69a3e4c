"""Which network address a request came from, for the sign-up limit and the
log-in lockout (django-axes calls it too, through AXES_CLIENT_IP_CALLABLE)."""

from django.conf import settings


def client_address(request) -> str:
    """The student's address. Behind the school's proxy every request arrives
    from the proxy, which adds the address it saw as the last entry of
    X-Forwarded-For; earlier entries are whatever the browser sent, so they
    are not trusted. Without a proxy the header is ignored for the same
    reason."""
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.rsplit(",", 1)[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR", "")
