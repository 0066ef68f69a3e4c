from django.urls import path

from civics.views import course, paper, preview, quiz, results, review

app_name = "civics"

urlpatterns = [
    path("", course.course_home, name="course_home"),
    path("lessons/<slug:slug>/", course.lesson_detail, name="lesson_detail"),
    path("lessons/<slug:slug>/preview/", course.lesson_preview, name="lesson_preview"),
    path(
        "lessons/<slug:slug>/preview/quiz/",
        preview.quiz_preview,
        name="quiz_preview",
    ),
    path("lessons/<slug:slug>/quiz/", quiz.quiz_start, name="quiz_start"),
    path("lessons/<slug:slug>/print/quiz/", paper.quiz_print, name="quiz_print"),
    path("lessons/<slug:slug>/print/key/", paper.answer_key_print, name="answer_key"),
    path("attempts/<id:pk>/", quiz.attempt_take, name="attempt_take"),
    path("attempts/<id:pk>/save/", quiz.attempt_save, name="attempt_save"),
    path("attempts/<id:pk>/result/", results.attempt_result, name="attempt_result"),
    path(
        "attempts/<id:pk>/answers/<id:answer_pk>/score/",
        results.written_score,
        name="written_score",
    ),
    path("glossary/", course.glossary, name="glossary"),
    path("progress/", course.my_progress, name="my_progress"),
    path("review/", review.review_start, name="review_start"),
    path(
        "authoring/markdown-preview/",
        preview.markdown_preview,
        name="markdown_preview",
    ),
]
