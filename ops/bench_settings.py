"""The production settings, with the benchmark's URLs (ops/bench_urls.py)."""

from summit.settings import *  # noqa: F403

ROOT_URLCONF = "ops.bench_urls"
