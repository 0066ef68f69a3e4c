"""Import and export of a quiz's questions in the admin (civics.importing).

QuizInterchangeMixin adds its pages to whichever ModelAdmin it is mixed
into, with names that do not depend on it (admin:civics_quiz_import and
admin:civics_quiz_export, both taking the quiz's id), so the pages can move
from one admin class to another without their links changing.

The file is pasted into a text box, or picked and read in memory: it must
fit the site's request limit (summit.middleware, 2.5 MB), far above any quiz.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import slugify
from django.utils.translation import ngettext

from civics import importing
from civics.models import Quiz

IMPORT_PERMISSIONS = ("civics.add_question", "civics.add_choice")
EXPORT_PERMISSION = "civics.view_question"
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "gift": "text/plain; charset=utf-8"}
EXTENSIONS = {"csv": "csv", "gift": "gift.txt"}


class QuestionImportForm(forms.Form):
    format = forms.ChoiceField(
        choices=[
            ("csv", "CSV (a spreadsheet)"),
            ("gift", "GIFT (Moodle's text format)"),
        ],
        widget=forms.RadioSelect,
        initial="csv",
    )
    text = forms.CharField(
        label="Questions",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 16, "class": "vLargeTextField"}),
        help_text="Paste the file's text here, or choose the file below.",
    )
    file = forms.FileField(
        label="Or a file",
        required=False,
        help_text="A .csv or GIFT .txt file in UTF-8; its text replaces the box's.",
    )

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload:
            try:
                data["text"] = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                raise forms.ValidationError(
                    "This file is not UTF-8 text. Save it as “CSV UTF-8” (or "
                    "as UTF-8 text) and choose it again."
                ) from None
            # The box refuses them as every text field does; PostgreSQL
            # would refuse them in the database.
            if "\x00" in data["text"]:
                raise forms.ValidationError(
                    "Null characters are not allowed in a file."
                )
        if not data.get("text", "").strip() and not self.errors:
            raise forms.ValidationError("Paste the questions or choose a file.")
        return data


class QuizInterchangeMixin:
    # Where the pages sit under the admin class's own URL: "quiz/<id>/import/"
    # on another model's admin; set it to "" on the quiz's own admin.
    interchange_prefix = "quiz/"

    def get_urls(self):
        view, prefix = self.admin_site.admin_view, self.interchange_prefix
        return [
            path(
                f"{prefix}<id:quiz_id>/import/",
                view(self.quiz_import_view),
                name="civics_quiz_import",
            ),
            path(
                f"{prefix}<id:quiz_id>/export/<slug:format>/",
                view(self.quiz_export_view),
                name="civics_quiz_export",
            ),
            *super().get_urls(),
        ]

    def quiz_import_view(self, request, quiz_id):
        """Preview first: the questions the text would add and each row that
        cannot be one; then "Create" adds them all, or none while a row is
        wrong."""
        if not request.user.has_perms(IMPORT_PERMISSIONS):
            raise PermissionDenied
        quiz = get_object_or_404(Quiz.objects.select_related("lesson"), pk=quiz_id)
        form = QuestionImportForm(request.POST or None, request.FILES or None)
        result = None
        if request.method == "POST" and form.is_valid():
            text, format = form.cleaned_data["text"], form.cleaned_data["format"]
            if "create" in request.POST:
                try:
                    created = importing.import_questions(
                        quiz=quiz, text=text, format=format, user=request.user
                    )
                except importing.ImportRefused as refused:
                    result = refused.preview
                else:
                    message = ngettext(
                        "%(count)d question imported into “%(lesson)s”.",
                        "%(count)d questions imported into “%(lesson)s”.",
                        len(created),
                    )
                    self.message_user(
                        request,
                        message % {"count": len(created), "lesson": quiz.lesson},
                    )
                    return redirect("admin:civics_lesson_change", quiz.lesson_id)
            else:
                result = importing.preview(quiz, text, format)
            # The preview's text goes back in the box, so "Create" posts it.
            form = QuestionImportForm(initial={"format": format, "text": text})
        request.current_app = self.admin_site.name
        return TemplateResponse(
            request,
            "admin/civics/quiz/import.html",
            {
                **self.admin_site.each_context(request),
                "opts": Quiz._meta,
                "title": f"Import questions into “{quiz.lesson}”",
                "quiz": quiz,
                "form": form,
                "result": result,
                "exports": self._export_links(quiz),
            },
        )

    def quiz_export_view(self, request, quiz_id, format):
        """The quiz's questions as a file to download: CSV in UTF-8 with a
        byte-order mark, as the gradebook, or GIFT."""
        if not request.user.has_perm(EXPORT_PERMISSION):
            raise PermissionDenied
        quiz = get_object_or_404(Quiz.objects.select_related("lesson"), pk=quiz_id)
        if format not in importing.FORMATS:
            return HttpResponse(
                "Export as csv or gift.", status=400, content_type="text/plain"
            )
        response = HttpResponse(content_type=CONTENT_TYPES[format])
        name = f"{slugify(quiz.lesson.title) or 'quiz'}-questions.{EXTENSIONS[format]}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        if format == "csv":
            response.write("\ufeff")
        response.write(importing.export(quiz, format))
        return response

    def _export_links(self, quiz):
        return [
            (
                importing.FORMAT_NAMES[format],
                reverse("admin:civics_quiz_export", args=[quiz.pk, format]),
            )
            for format in importing.FORMATS
        ]
