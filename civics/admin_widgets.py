"""Widgets of the course editor in the admin."""

from django import forms
from django.urls import reverse_lazy

from civics.markdown import render_markdown


class MarkdownPreviewWidget(forms.Textarea):
    """A lesson body's box, with the text rendered beside it as students will
    see it and short help on the Markdown a lesson uses.

    The preview is rendered on the server by civics.markdown, the renderer and
    sanitiser of the lesson page itself, so it can never show what the lesson
    would not. The page opens with the saved text rendered; as the teacher
    types, static/js/markdown_preview.js asks civics:markdown_preview for the
    new rendering. Without JavaScript the pane shows the text as loaded, and
    "View as student" shows the whole lesson."""

    template_name = "civics/widgets/markdown_preview.html"
    preview_url = reverse_lazy("civics:markdown_preview")

    class Media:
        css = {"all": ["css/markdown_preview.css"]}
        js = ["js/markdown_preview.js"]

    def __init__(self, attrs=None):
        super().__init__({"class": "vLargeTextField", "rows": 20, **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["preview_url"] = str(self.preview_url)
        context["widget"]["preview_html"] = render_markdown(value or "")
        return context
