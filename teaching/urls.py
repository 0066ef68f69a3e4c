from django.urls import path

from teaching import views

app_name = "teaching"

urlpatterns = [
    path("join/", views.join_class, name="join"),
    path("join/<str:code>/", views.join_link, name="join_link"),
    path("teach/", views.classroom_list, name="classroom_list"),
    path("teach/classes/<id:pk>/", views.classroom_detail, name="classroom_detail"),
    path(
        "teach/classes/<id:pk>/assign/",
        views.assignment_save,
        name="assignment_save",
    ),
    path(
        "teach/classes/<id:pk>/assignments/<id:assignment_pk>/due/",
        views.assignment_due,
        name="assignment_due",
    ),
    path(
        "teach/classes/<id:pk>/assignments/<id:assignment_pk>/students/"
        "<id:student_pk>/extra-time/",
        views.extra_time,
        name="extra_time",
    ),
    path(
        "teach/classes/<id:pk>/assignments/<id:assignment_pk>/another-try/",
        views.another_try_class,
        name="another_try_class",
    ),
    path(
        "teach/classes/<id:pk>/assignments/<id:assignment_pk>/students/"
        "<id:student_pk>/another-try/",
        views.another_try,
        name="another_try",
    ),
    path(
        "teach/classes/<id:pk>/assignments/<id:assignment_pk>/remove/",
        views.assignment_remove,
        name="assignment_remove",
    ),
    path(
        "teach/classes/<id:pk>/students/<id:student_pk>/",
        views.student_detail,
        name="student_detail",
    ),
    path(
        "teach/classes/<id:pk>/students/<id:student_pk>/export.json",
        views.student_export,
        name="student_export",
    ),
    path(
        "teach/classes/<id:pk>/students/<id:student_pk>/password/",
        views.student_password_reset,
        name="student_password_reset",
    ),
    path(
        "teach/classes/<id:pk>/students/<id:student_pk>/unlock/",
        views.student_unlock,
        name="student_unlock",
    ),
    path(
        "teach/classes/<id:pk>/students/<id:student_pk>/name/",
        views.student_name,
        name="student_name",
    ),
    path(
        "teach/classes/<id:pk>/students/<id:student_pk>/remove/",
        views.student_remove,
        name="student_remove",
    ),
    path(
        "teach/classes/<id:pk>/projector/",
        views.projector,
        name="projector",
    ),
    path(
        "teach/classes/<id:pk>/code/",
        views.join_code_regenerate,
        name="join_code_regenerate",
    ),
    path(
        "teach/classes/<id:pk>/archive/",
        views.classroom_archive,
        name="classroom_archive",
    ),
    path(
        "teach/classes/<id:pk>/lessons/<id:lesson_pk>/items/",
        views.item_analysis,
        name="item_analysis",
    ),
    path(
        "teach/classes/<id:pk>/lessons/<id:lesson_pk>/note/",
        views.class_note,
        name="class_note",
    ),
    path(
        "teach/classes/<id:pk>/gradebook.csv",
        views.gradebook_csv,
        name="gradebook_csv",
    ),
    path(
        "teach/classes/<id:pk>/attempts.csv",
        views.attempts_csv,
        name="attempts_csv",
    ),
]
