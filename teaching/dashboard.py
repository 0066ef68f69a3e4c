"""What a teacher sees of a class (the roster x lessons grid, item analysis
per quiz, the gradebook) and what a student sees of their assignments. Each
is built in a fixed number of queries, however many students, lessons or
attempts there are."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.safestring import mark_safe

from civics.kinds import QuestionKind
from civics.models import Answer, Attempt, Progress, SelectedChoice
from civics.rules.mastery import LessonStatus, lesson_status
from teaching.models import Assignment
from teaching.rules import ItemResult, Timeliness, timeliness
from teaching.templatetags.badges import STATUS_BADGES, TIMELINESS_BADGES


@dataclass(frozen=True)
class Cell:
    """One student on one assigned lesson, as plain values: the grid holds
    thousands of these, so nothing here touches a model or the database."""

    assignment: object
    status: LessonStatus
    best_percent: Decimal | None
    attempts: int
    timeliness: Timeliness

    @property
    def best(self):
        """The best score as shown, e.g. "87.5"; "" when there is none."""
        if self.best_percent is None:
            return ""
        return format(self.best_percent.normalize(), "f")

    @property
    def attempts_text(self):
        return f"{self.attempts} attempt{'' if self.attempts == 1 else 's'}"


def _cell_html(cell):
    """One grid cell. Only prebuilt badges and numbers go in, so nothing
    needs escaping here."""
    parts = [STATUS_BADGES[cell.status]]
    if cell.best:
        parts.append(f'<span class="d-block">{cell.best}% best</span>')
    parts.append(f'<span class="d-block small">{cell.attempts_text}</span>')
    if cell.assignment.due_on:
        parts.append(TIMELINESS_BADGES[cell.timeliness])
    return f"<td>{''.join(parts)}</td>"


@dataclass(frozen=True)
class Row:
    student: object
    cells: list

    @property
    def cells_html(self):
        """The row's cells as HTML, rendered in Python: a template loop over
        2,800 cells (200 students x 14 lessons) took 0.7 s."""
        return mark_safe("".join(_cell_html(cell) for cell in self.cells))

    @property
    def mastered(self):
        return sum(1 for cell in self.cells if cell.status == LessonStatus.MASTERED)

    def best_percent(self, lesson_id):
        for cell in self.cells:
            if cell.assignment.lesson_id == lesson_id:
                return cell.best_percent
        return None


@dataclass(frozen=True)
class Grid:
    assignments: list
    rows: list
    sorted_by: int | None  # the lesson whose scores order the rows, if any


def class_grid(classroom, *, today, sort_by_lesson=None, only_student=None) -> Grid:
    """Roster x assigned lessons. Rows are in name order, or by best score on
    one assigned lesson (highest first, not yet scored last). `only_student`
    narrows the roster to one student, for their drill-down page."""
    assignments = list(classroom.assignments.select_related("lesson"))
    enrolments = classroom.enrolments.select_related("student")
    if only_student is not None:
        enrolments = enrolments.filter(student=only_student)
    students = [enrolment.student for enrolment in enrolments]
    # Plain tuples, not Progress instances: a class of 200 has 2,800 of them.
    progress = {
        (student_id, lesson_id): rest
        for student_id, lesson_id, *rest in Progress.objects.filter(
            student__in=students, lesson__in=[a.lesson_id for a in assignments]
        ).values_list(
            "student_id",
            "lesson_id",
            "read_at",
            "attempt_count",
            "best_percent",
            "mastered_at",
        )
    }
    rows = []
    for student in students:
        cells = []
        for assignment in assignments:
            read_at, attempts, best_percent, mastered_at = progress.get(
                (student.pk, assignment.lesson_id), (None, 0, None, None)
            )
            cells.append(
                Cell(
                    assignment=assignment,
                    status=lesson_status(
                        read=read_at is not None,
                        attempted=attempts > 0,
                        mastered=mastered_at is not None,
                    ),
                    best_percent=best_percent,
                    attempts=attempts,
                    timeliness=timeliness(
                        due_on=assignment.due_on,
                        mastered_on=timezone.localdate(mastered_at)
                        if mastered_at
                        else None,
                        today=today,
                    ),
                )
            )
        rows.append(Row(student=student, cells=cells))
    if sort_by_lesson in {a.lesson_id for a in assignments}:
        rows.sort(key=lambda row: -(row.best_percent(sort_by_lesson) or -1))
    else:
        sort_by_lesson = None
    return Grid(assignments=assignments, rows=rows, sorted_by=sort_by_lesson)


def item_analysis(classroom, quiz):
    """For each question of the quiz: how many of the class answered it, how
    many fully right, and the wrong answer chosen most often. Each student
    counts once, by their latest submitted attempt."""
    latest = {}
    for attempt_id, student_id in (
        Attempt.objects.submitted()
        .filter(quiz=quiz, student__enrolments__classroom=classroom)
        .order_by("student_id", "-submitted_at", "-id")
        .values_list("id", "student_id")
    ):
        latest.setdefault(student_id, attempt_id)
    attempts = list(latest.values())

    totals = {
        row["question_id"]: row
        for row in Answer.objects.filter(attempt__in=attempts)
        .values("question_id")
        .annotate(answered=Count("id"), correct=Count("id", filter=Q(credit=1)))
    }
    top_wrong = {}
    wrong_choices = (
        SelectedChoice.objects.filter(
            answer__attempt__in=attempts, choice__is_correct=False
        )
        .exclude(answer__question__kind=QuestionKind.ORDERING)
        .values("answer__question_id", "choice__text")
        .annotate(n=Count("id"))
        .order_by("answer__question_id", "-n", "choice__text")
    )
    for row in wrong_choices:
        top_wrong.setdefault(
            row["answer__question_id"], (row["choice__text"], row["n"])
        )
    wrong_numbers = (
        Answer.objects.filter(
            attempt__in=attempts, question__kind=QuestionKind.NUMERIC, credit=0
        )
        .values("question_id", "numeric_value")
        .annotate(n=Count("id"))
        .order_by("question_id", "-n", "numeric_value")
    )
    for row in wrong_numbers:
        value = format(row["numeric_value"].normalize(), "f")
        top_wrong.setdefault(row["question_id"], (value, row["n"]))

    results = []
    for question in quiz.questions.all():
        total = totals.get(question.pk, {"answered": 0, "correct": 0})
        wrong, count = top_wrong.get(question.pk, (None, 0))
        results.append(
            (
                question,
                ItemResult(
                    answered=total["answered"],
                    correct=total["correct"],
                    top_wrong_answer=wrong,
                    top_wrong_count=count,
                ),
            )
        )
    return len(attempts), results


# A cell starting with one of these is run as a formula by spreadsheet
# programs; usernames may start with "+", "-" or "@", and teachers type titles.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def gradebook_rows(grid):
    """The gradebook as CSV rows: one per student, one column per assigned
    lesson (best score in percent, blank if none yet), then mastery totals."""
    yield [
        "Student",
        *(spreadsheet_safe(a.lesson.title) for a in grid.assignments),
        "Lessons mastered",
        "Lessons assigned",
    ]
    for row in grid.rows:
        yield [
            spreadsheet_safe(row.student.username),
            *(cell.best for cell in row.cells),
            row.mastered,
            len(row.cells),
        ]


@dataclass(frozen=True)
class StudentAssignment:
    """One assignment as its student sees it on the home page."""

    assignment: object
    lesson: object
    timeliness: Timeliness


def assignments_for_student(user, *, lessons, today):
    """The student's assignments, soonest due first, each with where it stands.
    `lessons` are the lessons the student can see, with their progress
    attached (Lesson.objects.with_progress_for); others are left out."""
    by_id = {lesson.pk: lesson for lesson in lessons}
    items = []
    for assignment in Assignment.objects.for_student(user):
        lesson = by_id.get(assignment.lesson_id)
        if lesson is None:
            continue
        progress = lesson.student_progress
        mastered_at = progress.mastered_at if progress else None
        items.append(
            StudentAssignment(
                assignment=assignment,
                lesson=lesson,
                timeliness=timeliness(
                    due_on=assignment.due_on,
                    mastered_on=timezone.localdate(mastered_at)
                    if mastered_at
                    else None,
                    today=today,
                ),
            )
        )
    return items
