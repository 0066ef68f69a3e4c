import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_POST

from accounts import services as account_services
from accounts.forms import ConfirmForm, NameForm
from accounts.network import client_address
from accounts.services import export_student_data
from civics import page_cache
from civics.access import teacher_required
from civics.models import Attempt, Lesson
from civics.rules import permissions
from teaching import dashboard, qr, services, throttle
from teaching.formats import due_text
from teaching.forms import (
    ArchiveForm,
    AssignmentForm,
    ClassNoteForm,
    ClassroomForm,
    DueDateForm,
    ExtraTimeForm,
    JoinForm,
    due_initial,
)
from teaching.models import ClassNote, Classroom, QuizReset


def _classroom(request, pk):
    """The teacher's own class; anyone else's is a 404, not a hint it exists."""
    return get_object_or_404(Classroom.objects.taught_by(request.user), pk=pk)


def _enrolment(classroom, student_pk):
    """A student's place in the class; a student not in it is a 404."""
    return get_object_or_404(
        classroom.enrolments.select_related("student"), student_id=student_pk
    )


def _account_student(request, pk, student_pk):
    """The class and a student in it whose account its teacher may manage:
    only in a running class (an archived one is a record), and only a
    student's account, never a teacher's or an administrator's who joined."""
    classroom = _classroom(request, pk)
    if classroom.is_archived:
        raise Http404("The class is archived.")
    student = _enrolment(classroom, student_pk).student
    if not permissions.is_student(student):
        raise Http404("Only students' accounts are managed from a class.")
    return classroom, student


def _join_link(request, classroom):
    """The class's join link in full, as a student types or scans it."""
    return request.build_absolute_uri(
        reverse("teaching:join_link", args=[classroom.join_code])
    )


def _sort_param(request):
    try:
        return int(request.GET.get("sort", ""))
    except ValueError:
        return None


@teacher_required
def classroom_list(request):
    """A teacher sees their classes and creates a new one."""
    form = ClassroomForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        classroom = services.create_classroom(
            teacher=request.user, name=form.cleaned_data["name"]
        )
        messages.success(
            request,
            f"{classroom} is ready. Students join with the code {classroom.join_code}.",
        )
        return redirect(classroom)
    classrooms = Classroom.objects.taught_by(request.user).with_counts()
    return render(
        request,
        "teaching/classroom_list.html",
        {"classrooms": classrooms, "form": form},
    )


def _lessons_to_assign(classroom):
    """Published lessons the class has not been assigned yet."""
    return Lesson.objects.published().exclude(assignments__classroom=classroom)


def _render_dashboard(request, classroom, *, assignment_form=None, status=200):
    now = timezone.now()
    grid = dashboard.class_grid(classroom, now=now, sort_by_lesson=_sort_param(request))
    return render(
        request,
        "teaching/classroom_detail.html",
        {
            "classroom": classroom,
            "grid": grid,
            "assignment_form": assignment_form
            or AssignmentForm(lessons=_lessons_to_assign(classroom), now=now),
            "content_version": page_cache.content_version(),
            "join_link": _join_link(request, classroom),
        },
        status=status,
    )


@teacher_required
def classroom_detail(request, pk):
    """A teacher sees who has done which assigned lesson, how well and whether
    on time, and manages the class's code, roster and assignments."""
    return _render_dashboard(request, _classroom(request, pk))


@teacher_required
@require_POST
def assignment_save(request, pk):
    """A teacher assigns one or several published lessons, due at one time."""
    classroom = _classroom(request, pk)
    form = AssignmentForm(
        request.POST, lessons=_lessons_to_assign(classroom), now=timezone.now()
    )
    if not form.is_valid():
        if form.forged:
            # Lessons no page offered, or assigned since in another tab: say
            # so above a fresh form, which lists what can be assigned now.
            for error in form.errors["lessons"]:
                messages.error(request, error)
            return _render_dashboard(request, classroom, status=400)
        return _render_dashboard(request, classroom, assignment_form=form)
    due_at = form.cleaned_data["due_at"]
    assigned = services.assign_lessons(
        classroom=classroom, lessons=form.cleaned_data["lessons"], due_at=due_at
    )
    titles = ", ".join(str(assignment.lesson) for assignment in assigned)
    due = f", due {due_text(due_at)}" if due_at else ""
    messages.success(request, f"Assigned {titles}{due}.")
    return redirect(classroom)


def _assignment(classroom, assignment_pk):
    return get_object_or_404(
        classroom.assignments.select_related("lesson"), pk=assignment_pk
    )


@teacher_required
@require_http_methods(["GET", "POST"])
def assignment_due(request, pk, assignment_pk):
    """A teacher moves an assignment's due time, or clears it."""
    classroom = _classroom(request, pk)
    assignment = _assignment(classroom, assignment_pk)
    form = DueDateForm(
        request.POST or None,
        now=timezone.now(),
        initial=due_initial(assignment.due_at),
    )
    if request.method == "POST" and form.is_valid():
        due_at = form.cleaned_data["due_at"]
        services.set_due_time(assignment=assignment, due_at=due_at)
        messages.success(
            request,
            f"{assignment.lesson} is due {due_text(due_at)}."
            if due_at
            else f"{assignment.lesson} has no due date now.",
        )
        return redirect(classroom)
    return render(
        request,
        "teaching/assignment_due.html",
        {"classroom": classroom, "assignment": assignment, "form": form},
    )


@teacher_required
@require_http_methods(["GET", "POST"])
def extra_time(request, pk, assignment_pk, student_pk):
    """A teacher gives one student of the class more time on an assignment
    than the class has (an accommodation), moves it or takes it back."""
    classroom = _classroom(request, pk)
    assignment = _assignment(classroom, assignment_pk)
    student = _enrolment(classroom, student_pk).student
    if assignment.due_at is None:
        raise Http404("The assignment has no due time to extend.")
    extension = assignment.extensions.filter(student=student).first()
    back = redirect("teaching:student_detail", classroom.pk, student.pk)
    if request.method == "POST" and "remove" in request.POST:
        if extension is not None:
            extension.delete()
            messages.success(
                request,
                f"{student.display_name} is due {due_text(assignment.due_at)} "
                f"on {assignment.lesson}, as the class is.",
            )
        return back
    form = ExtraTimeForm(
        request.POST or None,
        now=timezone.now(),
        class_due_at=assignment.due_at,
        initial=due_initial(extension.due_at if extension else None),
    )
    if request.method == "POST" and form.is_valid():
        until = form.cleaned_data["due_at"]
        services.give_extra_time(assignment=assignment, student=student, until=until)
        messages.success(
            request,
            f"{student.display_name} has until {due_text(until)} on "
            f"{assignment.lesson}.",
        )
        return back
    return render(
        request,
        "teaching/extra_time.html",
        {
            "classroom": classroom,
            "assignment": assignment,
            "student": student,
            "extension": extension,
            "form": form,
        },
    )


@teacher_required
@require_http_methods(["GET", "POST"])
def assignment_remove(request, pk, assignment_pk):
    """A teacher confirms, then takes a lesson off the class's list; students'
    work on it stays."""
    classroom = _classroom(request, pk)
    assignment = _assignment(classroom, assignment_pk)
    if request.method == "POST":
        assignment.delete()
        messages.success(request, f"{assignment.lesson} is no longer assigned.")
        return redirect(classroom)
    return render(
        request,
        "teaching/assignment_remove_confirm.html",
        {"classroom": classroom, "assignment": assignment},
    )


def _set_aside(n):
    """What happens to the attempts another try sets aside, in words."""
    if n == 1:
        return "their 1 submitted attempt stays in their history"
    return f"their {n} submitted attempts stay in their history"


@teacher_required
@require_http_methods(["GET", "POST"])
def another_try_class(request, pk, assignment_pk):
    """A teacher confirms, then gives everyone in the class another try at an
    assignment's quiz; their submitted attempts stay in their history."""
    classroom = _classroom(request, pk)
    assignment = _assignment(classroom, assignment_pk)
    now = timezone.now()
    students = classroom.students.all()
    if request.method == "POST":
        resets = services.give_another_try(
            assignment=assignment, students=students, by=request.user, now=now
        )
        if resets:
            n = len(resets)
            who = "1 student starts" if n == 1 else f"{n} students start"
            attempts = sum(reset.attempts_set_aside for reset in resets)
            messages.success(
                request, f"{who} {assignment.lesson} afresh: {_set_aside(attempts)}."
            )
        else:
            messages.info(
                request,
                f"Nobody in {classroom} has submitted attempts at "
                f"{assignment.lesson} to set aside, so nothing changed.",
            )
        return redirect(classroom)
    counted = dashboard.attempts_counted(assignment, students=students, now=now)
    return render(
        request,
        "teaching/another_try_class_confirm.html",
        {
            "classroom": classroom,
            "assignment": assignment,
            "students_with_attempts": len(counted),
            "attempts": sum(counted.values()),
        },
    )


@teacher_required
@require_http_methods(["GET", "POST"])
def another_try(request, pk, assignment_pk, student_pk):
    """A teacher confirms, then gives one student of the class another try at
    an assignment's quiz; their submitted attempts stay in their history."""
    classroom = _classroom(request, pk)
    assignment = _assignment(classroom, assignment_pk)
    student = _enrolment(classroom, student_pk).student
    now = timezone.now()
    if request.method == "POST":
        resets = services.give_another_try(
            assignment=assignment, students=[student], by=request.user, now=now
        )
        if resets:
            messages.success(
                request,
                f"{student.display_name} starts {assignment.lesson} afresh: "
                f"{_set_aside(resets[0].attempts_set_aside)}.",
            )
        else:
            messages.info(
                request,
                f"{student.display_name} has no submitted attempts at "
                f"{assignment.lesson} to set aside, so nothing changed.",
            )
        return redirect("teaching:student_detail", classroom.pk, student.pk)
    counted = dashboard.attempts_counted(assignment, students=[student], now=now)
    return render(
        request,
        "teaching/another_try_confirm.html",
        {
            "classroom": classroom,
            "assignment": assignment,
            "student": student,
            "attempts": counted.get(student.pk, 0),
        },
    )


@teacher_required
@require_http_methods(["GET", "POST"])
def student_remove(request, pk, student_pk):
    """A teacher confirms, then removes a student from the class; the
    student's work stays."""
    classroom = _classroom(request, pk)
    enrolment = _enrolment(classroom, student_pk)
    if request.method == "POST":
        enrolment.delete()
        messages.success(
            request, f"{enrolment.student.name_for_teachers} has left {classroom}."
        )
        return redirect(classroom)
    return render(
        request,
        "teaching/student_remove_confirm.html",
        {"classroom": classroom, "student": enrolment.student},
    )


@teacher_required
@require_http_methods(["GET", "POST"])
def join_code_regenerate(request, pk):
    """A teacher confirms, then replaces the join code; the old one stops
    working at once."""
    classroom = _classroom(request, pk)
    if request.method == "POST":
        classroom = services.regenerate_join_code(classroom=classroom)
        messages.success(request, f"The new join code is {classroom.join_code}.")
        return redirect(classroom)
    return render(request, "teaching/join_code_confirm.html", {"classroom": classroom})


@teacher_required
@require_http_methods(["GET", "POST"])
def classroom_archive(request, pk):
    """A teacher confirms, then archives a class (records kept, code
    disabled), or reopens an archived one."""
    classroom = _classroom(request, pk)
    if request.method == "GET":
        return render(
            request,
            "teaching/classroom_archive_confirm.html",
            {
                "classroom": classroom,
                "form": ArchiveForm(
                    initial={"archive": "0" if classroom.is_archived else "1"}
                ),
            },
        )
    form = ArchiveForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest("Choose whether to archive or reopen the class.")
    archive = form.cleaned_data["archive"]
    services.set_archived(classroom=classroom, archived=archive, now=timezone.now())
    messages.success(
        request, f"{classroom} is {'archived' if archive else 'open again'}."
    )
    return redirect(classroom)


@teacher_required
def projector(request, pk):
    """A teacher shows the board how to join: the code very large, the join
    link and its QR code."""
    classroom = _classroom(request, pk)
    join_link = _join_link(request, classroom)
    return render(
        request,
        "teaching/projector.html",
        {
            "classroom": classroom,
            "join_link": join_link,
            "qr_code": qr.qr_svg(join_link, title=f"QR code of {join_link}"),
        },
    )


@teacher_required
def student_detail(request, pk, student_pk):
    """A teacher sees one student of the class: their standing on each
    assigned lesson and every attempt they submitted, with its answers."""
    classroom = _classroom(request, pk)
    enrolment = _enrolment(classroom, student_pk)
    grid = dashboard.class_grid(
        classroom, now=timezone.now(), only_student=enrolment.student
    )
    attempts = (
        Attempt.objects.submitted()
        .filter(student=enrolment.student)
        .with_written_to_score()
        .select_related("quiz__lesson")
    )
    resets = QuizReset.objects.filter(
        assignment__classroom=classroom, student=enrolment.student
    ).select_related("assignment__lesson", "reset_by")
    return render(
        request,
        "teaching/student_detail.html",
        {
            "classroom": classroom,
            "student": enrolment.student,
            "row": grid.rows[0],
            "attempts": attempts,
            "resets": resets,
        },
    )


@teacher_required
def student_password_reset(request, pk, student_pk):
    """A teacher gives a student of a running class a temporary password,
    shown once; the student chooses their own at their next log-in."""
    classroom, student = _account_student(request, pk, student_pk)
    form = ConfirmForm(request.POST or None)
    if request.method == "POST":
        if not form.is_valid():
            return HttpResponseBadRequest("Confirm with the button on the page.")
        password = account_services.reset_password(actor=request.user, student=student)
        response = render(
            request,
            "teaching/student_password.html",
            {"classroom": classroom, "student": student, "password": password},
        )
        response["Cache-Control"] = "no-store"
        return response
    return render(
        request,
        "teaching/student_account_confirm.html",
        {
            "classroom": classroom,
            "student": student,
            "title": f"Reset {student.display_name}\u2019s password",
            "action_url": request.path,
            "button": "Reset the password",
            "consequence": f"{student.display_name} will get a temporary password, "
            "shown to you once on the next page, and will have to choose a new "
            "password when they next log in. Their current password stops "
            "working at once, and a lockout from wrong passwords ends.",
        },
    )


@teacher_required
def student_unlock(request, pk, student_pk):
    """A teacher lets a student of a running class who was locked out by
    wrong passwords log in again at once."""
    classroom, student = _account_student(request, pk, student_pk)
    form = ConfirmForm(request.POST or None)
    if request.method == "POST":
        if not form.is_valid():
            return HttpResponseBadRequest("Confirm with the button on the page.")
        account_services.unlock(actor=request.user, student=student)
        messages.success(request, f"{student.display_name} can log in again.")
        return redirect("teaching:student_detail", classroom.pk, student.pk)
    locked = account_services.is_locked_out(student, now=timezone.now())
    return render(
        request,
        "teaching/student_account_confirm.html",
        {
            "classroom": classroom,
            "student": student,
            "title": f"Unlock {student.display_name}\u2019s account",
            "action_url": request.path,
            "button": "Unlock the account",
            "status": f"{student.display_name} is locked out after too many wrong "
            "passwords."
            if locked
            else f"{student.display_name} is not locked out at the moment.",
            "consequence": f"{student.display_name} will be able to log in again "
            "straight away with their password; the count of wrong passwords "
            "starts again from zero. If they have forgotten it, reset it instead.",
        },
    )


@teacher_required
def student_name(request, pk, student_pk):
    """A teacher sets the first name and last initial a student of a running
    class is known by."""
    classroom, student = _account_student(request, pk, student_pk)
    form = NameForm(request.POST or None, instance=student, by_teacher=True)
    if request.method == "POST" and form.is_valid():
        account_services.set_name(actor=request.user, form=form)
        messages.success(request, f"The name is now {student.name_for_teachers}.")
        return redirect("teaching:student_detail", classroom.pk, student.pk)
    return render(
        request,
        "teaching/student_name.html",
        {"classroom": classroom, "student": student, "form": form},
    )


@teacher_required
def student_export(request, pk, student_pk):
    """A teacher downloads everything the site holds about a student of the
    class (for a family who asks), naming only the teacher's own classes."""
    classroom = _classroom(request, pk)
    enrolment = _enrolment(classroom, student_pk)
    student = enrolment.student
    data = export_student_data(
        student=student, classrooms=Classroom.objects.taught_by(request.user)
    )
    response = JsonResponse(
        data, json_dumps_params={"indent": 2, "ensure_ascii": False}
    )
    filename = f"{slugify(student.username) or 'student'}-data.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@teacher_required
def item_analysis(request, pk, lesson_pk):
    """A teacher sees, for each question of an assigned lesson's quiz, the
    share of the class answering it right and each wrong answer given, with
    the misconception a wrong choice reveals."""
    classroom = _classroom(request, pk)
    assignment = get_object_or_404(
        classroom.assignments.select_related("lesson__quiz"), lesson_id=lesson_pk
    )
    quiz = getattr(assignment.lesson, "quiz", None)
    if quiz is None:
        raise Http404("This lesson has no quiz.")
    respondents, items = dashboard.item_analysis(classroom, quiz)
    return render(
        request,
        "teaching/item_analysis.html",
        {
            "classroom": classroom,
            "lesson": assignment.lesson,
            "respondents": respondents,
            "items": items,
        },
    )


@teacher_required
def class_note(request, pk, lesson_pk):
    """A teacher writes a note on an assigned lesson that only the class's
    students see on the lesson's page; saving it empty removes it."""
    classroom = _classroom(request, pk)
    assignment = get_object_or_404(
        classroom.assignments.select_related("lesson"), lesson_id=lesson_pk
    )
    lesson = assignment.lesson
    note = ClassNote.objects.filter(
        classroom=classroom, lesson=lesson
    ).first() or ClassNote(classroom=classroom, lesson=lesson)
    form = ClassNoteForm(request.POST or None, instance=note)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["text"]:
            form.save()
            messages.success(request, f"Saved the note on {lesson} for {classroom}.")
        elif note.pk is not None:
            note.delete()
            messages.success(request, f"Removed the note on {lesson}.")
        return redirect(classroom)
    return render(
        request,
        "teaching/class_note.html",
        {"classroom": classroom, "lesson": lesson, "form": form, "note": note},
    )


@teacher_required
def gradebook_csv(request, pk):
    """A teacher downloads the gradebook: one row per student, one column per
    assigned lesson. UTF-8 with a byte-order mark, so Excel shows accented
    names correctly; LibreOffice and Google Sheets read it as UTF-8 too. Each
    lesson has its best score in percent and a status that is never blank."""
    classroom = _classroom(request, pk)
    grid = dashboard.class_grid(classroom, now=timezone.now())
    return _csv_download(classroom, "gradebook", dashboard.gradebook_rows(grid))


@teacher_required
def attempts_csv(request, pk):
    """A teacher downloads every submitted attempt of the class's students at
    its assigned lessons, one row each: when, how long, the score and whether
    it mastered the lesson. UTF-8 with a byte-order mark, as the gradebook."""
    classroom = _classroom(request, pk)
    return _csv_download(classroom, "attempts", dashboard.attempts_rows(classroom))


def _csv_download(classroom, name, rows):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"{slugify(classroom.name) or 'class'}-{name}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    csv.writer(response).writerows(rows)
    return response


@login_required
def join_class(request):
    """A student joins a class with the code their teacher gave them. Wrong
    codes are limited (teaching.throttle): past the limit every code gets a
    429 until the hour is out, so a guesser learns nothing more."""
    form = JoinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        address, now = client_address(request), timezone.now()
        until = throttle.blocked_until(student=request.user, address=address, now=now)
        if until is not None:
            form.add_error(
                None,
                "Too many wrong class codes were tried from your account or your "
                "network. Try again after "
                f"{time_format(timezone.localtime(until), 'g:i A')}, and check "
                "the code with your teacher.",
            )
            return render(request, "teaching/join.html", {"form": form}, status=429)
        try:
            enrolment = services.enrol_student(
                student=request.user, join_code=form.cleaned_data["code"]
            )
        except ValidationError as error:
            if error.code == "unknown_code":
                throttle.count_failure(student=request.user, address=address, now=now)
            form.add_error("code", error)
        else:
            messages.success(request, f"You joined {enrolment.classroom}.")
            return redirect("civics:course_home")
    return render(request, "teaching/join.html", {"form": form})


@login_required
def join_link(request, code):
    """A student who follows their teacher's join link sees the join form
    filled in with its code; joining is the form's button (a POST)."""
    return render(
        request, "teaching/join.html", {"form": JoinForm(initial={"code": code})}
    )
