"""Tool pages: plain GET forms and links, every answer computed on the server,
so each tool works without JavaScript. None of them touches the database."""

from django.shortcuts import render

from civics.rules import senate
from tools import handshake
from tools.forms import RouteForm, VoteForm
from tools.links import lesson_link
from tools.records import HISTORIC_VOTES, SUMMITS


def index(request):
    """Anyone sees the civics tools and what each one is for."""
    return render(request, "tools/index.html")


def vote_calculator(request):
    """Anyone enters the Senators voting and the yes votes and learns whether
    the Senate consents to a treaty, by how many votes it passed or fell short,
    and how real treaty votes compare; a typo gets a message, not an error."""
    submitted = any(name in request.GET for name in VoteForm.base_fields)
    form = VoteForm(request.GET if submitted else None)
    vote = form.vote if form.is_valid() else None
    historic = [
        (record, senate.treaty_vote(voting=record.voting, yes=record.yes))
        for record in sorted(HISTORIC_VOTES, key=lambda record: record.voted_on)
    ]
    return render(
        request,
        "tools/vote_calculator.html",
        {
            "form": form,
            "vote": vote,
            "historic": historic,
            "quorum": senate.QUORUM,
            "lesson": lesson_link("senate-vote-math"),
            "votes_lesson": lesson_link("famous-treaty-votes"),
        },
    )


def handshake_walk(request):
    """Anyone walks an agreement from a summit through the Constitution: they
    choose what came out of the summit and see, step by step, the rule, its
    source and the lesson for each step, and where that route ends."""
    form = RouteForm(request.GET if "route" in request.GET else None)
    route = handshake.ROUTES[form.cleaned_data["route"]] if form.is_valid() else None
    return render(
        request,
        "tools/handshake_walk.html",
        {
            "form": form,
            "route": route,
            "steps": handshake.STEPS,
            "anchorage": handshake.NOTHING_WRITTEN,
            "anchorage_remarks": handshake.ANCHORAGE_REMARKS,
            "security_guarantee_reports": handshake.SECURITY_GUARANTEE_REPORTS,
            "anchorage_lesson": lesson_link("anchorage-summit-2025"),
            "after_lesson": lesson_link("after-anchorage"),
        },
    )


def summit_timeline(request):
    """Anyone reads the course's summits in date order: when and where, who
    met, what was agreed, whether it became a treaty, and the lesson."""
    summits = sorted(SUMMITS, key=lambda summit: summit.starts_on)
    votes = {record.slug: record for record in HISTORIC_VOTES}
    return render(
        request,
        "tools/summit_timeline.html",
        {
            "summits": [(summit, votes.get(summit.senate_vote)) for summit in summits],
        },
    )
