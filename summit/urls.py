"""Each app's URLs under its own prefix; the course is the site's home."""

from django.contrib import admin
from django.urls import include, path, register_converter

from civics.views import course as course_views
from summit.converters import IdConverter

# Before the apps' URLs are included: their patterns take ids as <id:…>.
register_converter(IdConverter, "id")

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
