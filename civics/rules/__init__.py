"""The one home of each domain rule: pure functions on plain values.

Rules never query the database, read the clock or look at a request; services
and querysets load the values, call a rule and store or show what it returns.
"""
