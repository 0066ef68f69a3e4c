"""The site's URLs plus one that only the benchmark serves: the cheapest
answer a signed-in user can get (the session and the user loaded, then a
constant). It is the ceiling of every page that knows who is signed in, as
/healthz is of every page."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import path

from ops.bench import SIGNED_IN_FLOOR
from summit.urls import urlpatterns as site_urlpatterns


@login_required
def signed_in_floor(request):
    return HttpResponse(str(request.user.pk), content_type="text/plain")


urlpatterns = [*site_urlpatterns, path(SIGNED_IN_FLOOR, signed_in_floor)]
