"""What a content editor previews: a lesson body's Markdown as they type it."""

from django.http import HttpResponse
from django.views.decorators.http import require_POST

from civics.access import content_editor_required
from civics.markdown import render_markdown


@require_POST
@content_editor_required
def markdown_preview(request):
    """The lesson editor's preview pane: the posted text rendered and
    sanitised exactly as a lesson body is, as an HTML fragment. The request
    body limit (summit.middleware.RequestBodyLimitMiddleware) bounds the text."""
    return HttpResponse(
        render_markdown(request.POST.get("text", "")),
        content_type="text/html; charset=utf-8",
    )
