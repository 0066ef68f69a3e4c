"""The site's URLs plus one view that fails, to show the 500 page."""

from django.urls import path

from summit.urls import urlpatterns as site_urlpatterns


def failing_view(request):
    raise RuntimeError("The database went away")


urlpatterns = [*site_urlpatterns, path("fail/", failing_view)]
