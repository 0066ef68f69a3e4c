"""Choice order for one attempt: shuffled, but the same on every reload."""

import random
from collections.abc import Sequence


def shuffled(items: Sequence, *, seed: int, salt: int) -> list:
    """The items in an order fixed by (seed, salt): an attempt's seed and a
    question's id give each question its own order, stable for that attempt.

    When the shuffle happens to leave every item in place (likely with two
    items), the order is rotated, so an ordering question never arrives solved.
    """
    order = list(items)
    random.Random(f"{seed}:{salt}").shuffle(order)
    if len(order) > 1 and order == list(items):
        order = order[1:] + order[:1]
    return order
