from django.urls import path

from civics import views

app_name = "civics"

urlpatterns = [
    path("", views.course_home, name="course_home"),
    path("lessons/<slug:slug>/", views.lesson_detail, name="lesson_detail"),
    path("lessons/<slug:slug>/preview/", views.lesson_preview, name="lesson_preview"),
    path("lessons/<slug:slug>/quiz/", views.quiz_start, name="quiz_start"),
    path("attempts/<int:pk>/", views.attempt_take, name="attempt_take"),
    path("attempts/<int:pk>/result/", views.attempt_result, name="attempt_result"),
    path("glossary/", views.glossary, name="glossary"),
    path("progress/", views.my_progress, name="my_progress"),
    path("review/", views.review_start, name="review_start"),
]
