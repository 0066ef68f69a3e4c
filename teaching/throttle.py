"""How many wrong class codes may be tried in an hour (issue 19, finding 3).

A right guess puts a stranger in a class, so wrong codes are counted per
student and per network address, in Django's cache as the sign-up limit is
(accounts.throttle): every process shares the counts when the cache does.

Only wrong codes count. A successful join never does, nor does it wipe the
count (a guesser could rejoin a class of theirs between guesses), and a code
that is not even six letters and digits tells a guesser nothing.

Ten a student is more than anyone mistypes a code they are reading off the
board. Behind the school's proxy every student shares one address, so its
limit is a hundred: a class of 30 mistyping twice each, with a second class
joining in the same hour, stays under it, while a script with many accounts
still gets only a hundred tries an hour, against a billion possible codes.
"""

from datetime import UTC, datetime, timedelta

from django.core.cache import cache

STUDENT_LIMIT = 10
ADDRESS_LIMIT = 100
# Counted by clock hour (10:00 to 11:00), so a student is told a round time.
WINDOW = timedelta(hours=1)


def _window(now):
    """This window's number, and when it ends."""
    seconds = int(WINDOW.total_seconds())
    number = int(now.timestamp()) // seconds
    return number, datetime.fromtimestamp((number + 1) * seconds, tz=UTC)


def _counts(student, address, now):
    """Each count's cache key, with its limit."""
    number, _ = _window(now)
    return {
        f"join-failures:student:{student.pk}:{number}": STUDENT_LIMIT,
        f"join-failures:address:{address}:{number}": ADDRESS_LIMIT,
    }


def blocked_until(*, student, address, now) -> datetime | None:
    """When the student may try a code again, if they or their address have
    tried too many wrong ones this hour; None when they may now."""
    limits = _counts(student, address, now)
    counts = cache.get_many(limits)
    if any(counts.get(key, 0) >= limit for key, limit in limits.items()):
        return _window(now)[1]
    return None


def count_failure(*, student, address, now) -> None:
    """Count one more wrong code against the student and their address."""
    timeout = int(WINDOW.total_seconds())
    for key in _counts(student, address, now):
        cache.add(key, 0, timeout=timeout)
        try:
            cache.incr(key)
        except ValueError:  # it expired between the two calls
            cache.add(key, 1, timeout=timeout)
