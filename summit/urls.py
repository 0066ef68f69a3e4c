"""Each app's URLs under its own prefix; the course is the site's home."""

from django.contrib import admin
from django.urls import include, path

from civics.views import course as course_views

admin.site.site_header = "Summit Civics: course authoring"
admin.site.site_title = "Summit Civics admin"
admin.site.index_title = "Course content"

urlpatterns = [
    path("healthz", course_views.health, name="health"),
    path("", include("civics.urls")),
    path("", include("teaching.urls")),
    path("tools/", include("tools.urls")),
    path("accounts/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("_nested_admin/", include("nested_admin.urls")),
]
