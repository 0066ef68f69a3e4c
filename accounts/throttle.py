"""How many accounts one network address may create in a while.

Counted in Django's cache, so every server process shares the count when the
cache is shared (Redis in a multi-process deployment).
"""

from django.conf import settings
from django.core.cache import cache


def allow_signup(address: str) -> bool:
    """Count one more sign-up from `address`; False once SIGNUP_LIMIT have been
    made there within SIGNUP_WINDOW."""
    key = f"signups:{address}"
    cache.add(key, 0, timeout=int(settings.SIGNUP_WINDOW.total_seconds()))
    return cache.incr(key) <= settings.SIGNUP_LIMIT
