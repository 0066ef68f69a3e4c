"""The benchmark: `make bench`.

Builds a district-sized data set on PostgreSQL, serves the app with gunicorn
in production settings with the Redis cache, and drives each page with wrk
from a separate process on loopback, bounded in time. It measures, in the same
run and on the same server, /healthz (the framework's floor: a constant
response through the full middleware stack) and the signed-in floor (the same
after loading the session and the user: ops/bench_urls.py). Quiz submissions
are measured under load, one at a time (the time a lone submission takes,
which no p95 under load can beat) and with a whole class submitting at once
(how long a student waits then). It prints, for every page, its throughput,
p50 and p95 latency and its throughput as a share of the floor's, then checks
the targets of issue #10.
"""

import json
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psycopg

from ops.production import (
    POSTGRES,
    PROJECT,
    PYTHON,
    drop_database,
    environment,
    gunicorn,
    prepare,
    recreate_database,
)

DATABASE = "summit_bench"
SECONDS = 6
CONNECTIONS = 4
CLASS_SIZE = 35  # the classroom that submits a quiz in the same minute
WORKERS = 3
SIGNED_IN_FLOOR = "bench/signed-in-floor"  # served by ops/bench_urls.py
# What every browser sends, so pages are measured compressed, as browsers get them.
ACCEPT_ENCODING = "gzip, deflate, br"


def wrk(url, *, script="report.lua", cookie=None, args=(), connections=CONNECTIONS):
    command = [
        "wrk",
        "--threads",
        "1",
        "--connections",
        str(connections),
        "--duration",
        f"{SECONDS}s",
        "--timeout",
        "5s",
        "--script",
        str(PROJECT / "ops" / script),
        "--header",
        f"Accept-Encoding: {ACCEPT_ENCODING}",
    ]
    if cookie:
        command += ["--header", f"Cookie: {cookie}"]
    command.append(url)
    if args:
        command += ["--", *args]
    output = subprocess.run(
        command, cwd=PROJECT, capture_output=True, text=True, check=True
    ).stdout
    return json.loads(re.search(r"^RESULT (.*)$", output, re.MULTILINE)[1])


def main():
    started = time.monotonic()
    recreate_database(DATABASE)
    env = environment(DATABASE, port=8766)
    try:
        prepare(env)
        with tempfile.TemporaryDirectory() as folder:
            fixtures_file = Path(folder) / "fixtures.json"
            seed_started = time.monotonic()
            subprocess.run(
                [PYTHON, "ops/seed_bench.py", str(fixtures_file)],
                cwd=PROJECT,
                env=env,
                check=True,
            )
            seed_seconds = time.monotonic() - seed_started
            fixtures = json.loads(fixtures_file.read_text())
            submissions = Path(folder) / "submissions.tsv"
            submissions.write_text(
                "".join(
                    f"{s['path']}\t{s['cookie']}\t{s['body']}\n"
                    for s in fixtures["submissions"]
                )
            )
            bench_env = {**env, "DJANGO_SETTINGS_MODULE": "ops.bench_settings"}
            with gunicorn(bench_env, workers=WORKERS) as base:
                check_signed_in(base, fixtures)
                results = run_pages(base, fixtures, submissions)
            scored = scored_submissions(fixtures["submissions"])
    finally:
        drop_database(DATABASE)
    report(results, fixtures, scored, seed_seconds, time.monotonic() - started)


def check_signed_in(base, fixtures):
    """Stop if a session the runs use signs nobody in: its pages would be the
    sign-in page or a visitor's cached page, and look fast."""
    cookies = [
        fixtures["student_cookie"],
        fixtures["one_try"]["cookie"],
        fixtures["small_class"]["cookie"],
        fixtures["large_class"]["cookie"],
        fixtures["submissions"][0]["cookie"],
        fixtures["submissions"][-1]["cookie"],
    ]
    for cookie in cookies:
        request = urllib.request.Request(
            f"{base}/{SIGNED_IN_FLOOR}", headers={"Cookie": cookie}
        )
        with urllib.request.urlopen(request) as response:
            if response.url != request.full_url:
                raise SystemExit(f"This session signs nobody in: {cookie}")


def scored_submissions(submissions):
    """How many of the prepared attempts the submission runs scored."""
    with psycopg.connect(f"{POSTGRES}/{DATABASE}") as connection:
        return connection.execute(
            "SELECT count(*) FROM civics_attempt"
            " WHERE id = ANY(%s) AND submitted_at IS NOT NULL",
            [[s["attempt"] for s in submissions]],
        ).fetchone()[0]


def progress_row(attempts):
    """My progress is measured for two students with the same lessons under
    way, one with many attempts and one with an attempt at each quiz."""
    return f"My progress, {attempts} attempts"


def run_pages(base, fixtures, submissions):
    student = fixtures["student_cookie"]
    pages = [
        ("Floor: /healthz (constant response)", base + "/healthz", {}),
        (
            "Signed-in floor (session and user, then a constant)",
            f"{base}/{SIGNED_IN_FLOOR}",
            {"cookie": student},
        ),
        ("Course home, visitor", base + "/", {}),
        ("Course home, student", base + "/", {"cookie": student}),
        ("Lesson, visitor", base + fixtures["lesson_path"], {}),
        ("Lesson, student", base + fixtures["lesson_path"], {"cookie": student}),
        ("Quiz page, student", base + fixtures["quiz_path"], {"cookie": student}),
        (
            "Quiz submission",
            base + "/",
            {"script": "submit.lua", "args": [str(submissions)]},
        ),
        (
            "Quiz submission, one at a time",
            base + "/",
            {"script": "submit.lua", "args": [str(submissions)], "connections": 1},
        ),
        (
            f"Quiz submission, a class of {CLASS_SIZE} at once",
            base + "/",
            {
                "script": "submit.lua",
                "args": [str(submissions)],
                "connections": CLASS_SIZE,
            },
        ),
        (
            progress_row(fixtures["student_attempts"]),
            base + "/progress/",
            {"cookie": student},
        ),
        (
            progress_row(fixtures["one_try"]["attempts"]),
            base + "/progress/",
            {"cookie": fixtures["one_try"]["cookie"]},
        ),
        (
            f"Class dashboard, {fixtures['small_class']['students']} students",
            base + fixtures["small_class"]["path"],
            {"cookie": fixtures["small_class"]["cookie"]},
        ),
        (
            f"Class dashboard, {fixtures['large_class']['students']} students",
            base + fixtures["large_class"]["path"],
            {"cookie": fixtures["large_class"]["cookie"]},
        ),
    ]
    results = []
    lines_used = 0
    for name, url, options in pages:
        submitting = options.get("script") == "submit.lua"
        if submitting:
            # Each submission run starts where the last one stopped, past the
            # requests still in flight when it ended, so no attempt is sent
            # twice.
            options = {**options, "args": [*options["args"], str(lines_used + 1)]}
        result = wrk(url, **options)
        if submitting:
            lines_used += result["requests"] + options.get("connections", CONNECTIONS)
        results.append((name, result))
        print(f"measured {name}", file=sys.stderr)
    return results


def report(results, fixtures, scored, seed_seconds, total_seconds):
    floor = results[0][1]
    print()
    print(
        f"Data: {fixtures['attempts']:,} attempts, {fixtures['students']:,} "
        f"students in {fixtures['classes']} classes; "
        f"seeded in {seed_seconds:.0f} s. Whole run: {total_seconds:.0f} s."
    )
    print(
        f"Load: wrk, {CONNECTIONS} connections unless the page says otherwise, "
        f"{SECONDS} s a page; gunicorn "
        f"with {WORKERS} workers; 2 cores shared by server and load."
    )
    print()
    print("| Page | Requests/s | p50 ms | p95 ms | Throughput vs floor | Errors |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, r in results:
        print(
            f"| {name} | {r['rps']:.0f} | {r['p50_ms']:.1f} | {r['p95_ms']:.1f} | "
            f"{100 * r['rps'] / floor['rps']:.0f}% | {r['errors']} |"
        )
    by_name = dict(results)
    submitted = sum(
        r["requests"] for name, r in results if name.startswith("Quiz submission")
    )
    checks = [
        (
            "Lesson and course pages reach 50% of the floor's throughput: visitors",
            all(
                by_name[n]["rps"] >= 0.5 * floor["rps"]
                for n in ("Course home, visitor", "Lesson, visitor")
            ),
        ),
        (
            "Lesson and course pages reach 50% of the floor's throughput: students",
            all(
                by_name[n]["rps"] >= 0.5 * floor["rps"]
                for n in ("Course home, student", "Lesson, student")
            ),
        ),
        (
            "Quiz submission p95 is at most 4x the floor's p95",
            by_name["Quiz submission"]["p95_ms"] <= 4 * floor["p95_ms"],
        ),
        (
            "Class dashboards answer within 100 ms at p95 (35 and 200 students)",
            all(
                r["p95_ms"] <= 100
                for n, r in results
                if n.startswith("Class dashboard")
            ),
        ),
        (
            "My progress is flat in the number of attempts (within 20%)",
            by_name[progress_row(fixtures["student_attempts"])]["rps"]
            >= 0.8 * by_name[progress_row(fixtures["one_try"]["attempts"])]["rps"],
        ),
        (
            "Every quiz submission scored a fresh attempt (none submitted twice)",
            scored >= submitted,
        ),
        ("No request failed", all(r["errors"] == 0 for _, r in results)),
    ]
    print()
    for text, passed in checks:
        print(f"{'PASS' if passed else 'MISS'}  {text}")


if __name__ == "__main__":
    main()
