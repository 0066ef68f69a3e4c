"""What a teacher sees of a class (the roster x lessons grid, item analysis
per quiz, the gradebook) and what a student sees of their assignments. Each
is built in a fixed number of queries, however many students, lessons or
attempts there are."""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from typing import NamedTuple

from django.db.models import Count, Exists, F, Max, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from civics.kinds import QuestionKind
from civics.models import Answer, Attempt, Progress, SelectedChoice
from civics.rules.mastery import LessonStatus, course_progress, lesson_status
from teaching.models import Assignment, ClassNote, Extension, QuizReset
from teaching.rules import (
    ItemResult,
    Timeliness,
    WrongAnswer,
    due_for_student,
    gradebook_status,
    standing_since,
    timeliness,
)


class Cell(NamedTuple):
    """One student on one assigned lesson, as plain values: the grid holds
    thousands of these (a tuple is the cheapest to build), so nothing here
    touches a model or the database."""

    assignment: object
    status: LessonStatus
    best_percent: Decimal | None
    attempts: int
    timeliness: Timeliness
    # When the student's extra time ends, if they have some here.
    extra_time_until: datetime | None = None
    # When their teacher last gave them another try here, if ever: the
    # status, best score and attempts count only what came after.
    reset_at: datetime | None = None

    @property
    def best(self):
        """The best score as shown, e.g. "87.5"; "" when there is none."""
        if self.best_percent is None:
            return ""
        return format(self.best_percent.normalize(), "f")

    @property
    def due_at(self):
        """When the student's work is due, extra time included."""
        return due_for_student(self.assignment.due_at, self.extra_time_until)

    @property
    def attempts_text(self):
        return f"{self.attempts} attempt{'' if self.attempts == 1 else 's'}"


@dataclass(frozen=True)
class Row:
    student: object
    cells: list
    url: str  # the student's drill-down page
    remove_url: str

    @property
    def mastered(self):
        return course_progress(cell.status for cell in self.cells).mastered

    def best_percent(self, lesson_id):
        for cell in self.cells:
            if cell.assignment.lesson_id == lesson_id:
                return cell.best_percent
        return None


@dataclass(frozen=True)
class LessonSummary:
    """How the class stands on one assigned lesson: the grid's summary row.
    Each count is of students on the roster, and adds up with the cells."""

    assignment: object
    roster: int
    submitted: int  # with at least one submitted attempt
    in_progress: int  # with a quiz open, the lesson not yet mastered
    mastered: int
    average_percent: int | None  # of the best scores, None before any

    @property
    def average_text(self):
        if self.average_percent is None:
            return "No scores yet"
        return f"{self.average_percent}% average"

    @property
    def submitted_text(self):
        return f"{self.submitted} of {self.roster} submitted"

    @property
    def in_progress_text(self):
        return f"{self.in_progress} in progress"

    @property
    def mastered_text(self):
        return f"{self.mastered} mastered"


@dataclass(frozen=True)
class Grid:
    assignments: list
    rows: list
    sorted_by: int | None  # the lesson whose scores order the rows, if any

    @property
    def assigned_key(self):
        """Which lessons are assigned, as a cache key: the assign form lists
        the others."""
        return "-".join(sorted(str(a.lesson_id) for a in self.assignments))

    @cached_property
    def summaries(self):
        """A LessonSummary per assignment, in column order, from the cells
        alone: no query, and one pass over them (a class of 200 has 2,800)."""
        columns = range(len(self.assignments))
        submitted = [0 for _ in columns]
        in_progress = [0 for _ in columns]
        mastered = [0 for _ in columns]
        scored = [0 for _ in columns]
        total = [Decimal(0) for _ in columns]
        for row in self.rows:
            for column, cell in enumerate(row.cells):
                if cell.attempts:
                    submitted[column] += 1
                if cell.best_percent is not None:
                    scored[column] += 1
                    total[column] += cell.best_percent
                if cell.status == LessonStatus.MASTERED:
                    mastered[column] += 1
                elif cell.status == LessonStatus.IN_PROGRESS:
                    in_progress[column] += 1
        return [
            LessonSummary(
                assignment=assignment,
                roster=len(self.rows),
                submitted=submitted[column],
                in_progress=in_progress[column],
                mastered=mastered[column],
                average_percent=_whole_percent(total[column], scored[column]),
            )
            for column, assignment in zip(columns, self.assignments, strict=True)
        ]


def _whole_percent(total, count):
    """The mean of `count` percentages adding up to `total`, to the whole
    percent, halves up as a teacher rounds (87.5 is 88); None if count is 0."""
    if not count:
        return None
    return int((total / count).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _student_urls(viewname, classroom):
    """reverse(viewname, args=[classroom.pk, student_pk]) for any student, at
    the cost of one reverse(): each takes ~17 µs, and the dashboard of a class
    of 200 links every student twice."""
    head, tail = reverse(viewname, args=[classroom.pk, 0]).rsplit("/0/", 1)
    return lambda student_pk: f"{head}/{student_pk}/{tail}"


def class_grid(classroom, *, now, sort_by_lesson=None, only_student=None) -> Grid:
    """Roster x assigned lessons. Rows are in name order, or by best score on
    one assigned lesson (highest first, not yet scored last). `only_student`
    narrows the roster to one student, for their drill-down page."""
    # Each with the class's note on its lesson, if any, in the same query.
    notes = ClassNote.objects.filter(
        classroom=OuterRef("classroom"), lesson=OuterRef("lesson")
    ).values("text")[:1]
    assignments = list(
        classroom.assignments.select_related("lesson")
        .only("classroom", "due_at", "lesson__title", "lesson__slug")
        .annotate(
            note=Subquery(notes),
            has_resets=Exists(QuizReset.objects.filter(assignment=OuterRef("pk"))),
        )
    )
    students = classroom.students.order_by("username").only(
        "username", "first_name", "last_name"
    )
    if only_student is not None:
        students = students.filter(pk=only_student.pk)
    students = list(students)
    student_ids = [student.pk for student in students]
    lesson_ids = [assignment.lesson_id for assignment in assignments]
    # Plain tuples, not Progress instances: a class of 200 has 2,800 of them.
    # Whether read comes from the database.
    progress = {
        (student_id, lesson_id): rest
        for student_id, lesson_id, *rest in Progress.objects.filter(
            student__in=student_ids, lesson__in=lesson_ids
        )
        .order_by()
        .values_list(
            "student_id",
            "lesson_id",
            Q(read_at__isnull=False),
            "attempt_count",
            "best_percent",
            "mastered_at",
        )
    }
    extra_time = {
        (student_id, assignment_id): until
        for student_id, assignment_id, until in Extension.objects.filter(
            assignment__classroom=classroom, student__in=student_ids
        )
        .order_by()
        .values_list("student_id", "assignment_id", "due_at")
    }
    # Quizzes started and not yet submitted: Progress only records what was
    # submitted, so these come from the attempts, in one query.
    open_attempts = set(
        Attempt.objects.open()
        .filter(student__in=student_ids, quiz__lesson__in=lesson_ids)
        .order_by()
        .values_list("student_id", "quiz__lesson_id")
    )
    # Where the teacher gave another try, the attempts before it no longer
    # count: those cells stand on the attempts since.
    resets = _latest_resets(classroom, assignments, student_ids)
    progress.update(_standing_after_resets(resets, progress))
    no_progress = (False, 0, None, None)
    # What each column shows for a lesson not yet mastered: the same for
    # every student, so worked out once per column, not once per cell.
    columns = [
        (
            assignment,
            assignment.lesson_id,
            assignment.due_at,
            timeliness(due_at=assignment.due_at, mastered_at=None, now=now),
        )
        for assignment in assignments
    ]
    detail_url = _student_urls("teaching:student_detail", classroom)
    remove_url = _student_urls("teaching:student_remove", classroom)
    rows = []
    for student in students:
        pk = student.pk
        cells = []
        for assignment, lesson_id, due_at, not_mastered in columns:
            read, attempts, best_percent, mastered_at = progress.get(
                (pk, lesson_id), no_progress
            )
            until = extra_time.get((pk, assignment.pk)) if extra_time else None
            if until is not None:
                due_at = due_for_student(due_at, until)
            if mastered_at is not None or until is not None:
                standing = timeliness(due_at=due_at, mastered_at=mastered_at, now=now)
            else:
                standing = not_mastered
            cells.append(
                Cell(
                    assignment,
                    lesson_status(
                        read=read,
                        attempted=attempts > 0,
                        mastered=mastered_at is not None,
                        in_progress=(pk, lesson_id) in open_attempts,
                    ),
                    best_percent,
                    attempts,
                    standing,
                    until,
                    resets.get((pk, lesson_id)) if resets else None,
                )
            )
        rows.append(
            Row(
                student=student,
                cells=cells,
                url=detail_url(pk),
                remove_url=remove_url(pk),
            )
        )
    if sort_by_lesson in {a.lesson_id for a in assignments}:
        rows.sort(key=lambda row: -(row.best_percent(sort_by_lesson) or -1))
    else:
        sort_by_lesson = None
    return Grid(assignments=assignments, rows=rows, sorted_by=sort_by_lesson)


def _latest_resets(classroom, assignments, student_ids):
    """{(student id, lesson id): when} of each student's latest another try
    on an assignment of the class. One query, none when no assignment has
    had one (the assignments' has_resets)."""
    if not any(assignment.has_resets for assignment in assignments):
        return {}
    return {
        (student_id, lesson_id): reset_at
        for student_id, lesson_id, reset_at in QuizReset.objects.filter(
            assignment__classroom=classroom, student__in=student_ids
        )
        .order_by()
        .values("student_id", "assignment__lesson_id")
        .annotate(latest=Max("reset_at"))
        .values_list("student_id", "assignment__lesson_id", "latest")
    }


def _submitted_attempts():
    """Submitted attempts with what rules.standing_since needs of each."""
    return Attempt.objects.submitted().only(
        "student", "quiz", "submitted_at", "score", "max_score", "pass_mark"
    )


def _attempts_since(resets):
    """{(student id, lesson id): [(submitted_at, percent, passed), ...]} of
    the attempts submitted since the earliest of `resets` ({(student id,
    lesson id): reset_at}), as rules.standing_since takes them. One query."""
    attempts = defaultdict(list)
    for attempt in (
        _submitted_attempts()
        .filter(
            student__in={student_id for student_id, _ in resets},
            quiz__lesson__in={lesson_id for _, lesson_id in resets},
            submitted_at__gt=min(resets.values()),
        )
        .annotate(lesson_id=F("quiz__lesson_id"))
        .order_by()
    ):
        attempts[attempt.student_id, attempt.lesson_id].append(
            (attempt.submitted_at, attempt.percent, attempt.passed)
        )
    return attempts


def _standing_after_resets(resets, progress):
    """{(student id, lesson id): (read, attempts, best percent, mastered at)}
    for the pairs with another try, from the attempts submitted since it;
    whether the lesson was read stays as Progress has it. One query, however
    many students had another try."""
    if not resets:
        return {}
    attempts = _attempts_since(resets)
    standing = {}
    for key, reset_at in resets.items():
        since = standing_since(attempts[key], reset_at=reset_at)
        read = progress[key][0] if key in progress else False
        standing[key] = (read, since.attempts, since.best_percent, since.mastered_at)
    return standing


def attempts_counted(assignment, *, students, now):
    """{student id: how many} of the submitted attempts at the assignment's
    quiz that count now, those since each student's latest another try, for
    the given students who are in its class; students with none are left
    out. What another try would set aside, in two queries."""
    latest = dict(
        QuizReset.objects.filter(assignment=assignment, student__in=students)
        .order_by()
        .values("student_id")
        .annotate(latest=Max("reset_at"))
        .values_list("student_id", "latest")
    )
    attempts = defaultdict(list)
    for attempt in (
        _submitted_attempts()
        .filter(
            quiz__lesson=assignment.lesson_id,
            student__in=students,
            student__enrolments__classroom=assignment.classroom_id,
            submitted_at__lte=now,
        )
        .order_by()
    ):
        attempts[attempt.student_id].append(
            (attempt.submitted_at, attempt.percent, attempt.passed)
        )
    counted = {
        student_id: standing_since(rows, reset_at=latest.get(student_id)).attempts
        for student_id, rows in sorted(attempts.items())
    }
    return {student_id: n for student_id, n in counted.items() if n}


class Miss(NamedTuple):
    """A student whose latest submitted attempt did not earn a question's
    full credit, with a link to their page in the class."""

    student: object
    url: str
    verdict: str  # "wrong", "partly right", "not answered" or "not scored yet"


def _verdict(answer):
    """A missed answer as a teacher reads it; `chose` is whether any choice
    was picked. A written answer nobody has marked is not yet wrong."""
    if answer.credit > 0:
        return "partly right"
    if answer.kind_shown == QuestionKind.WRITTEN:
        if not answer.text_value:
            return "not answered"
        return "wrong" if answer.marks is not None else "not scored yet"
    if answer.numeric_value is None and not answer.chose:
        return "not answered"
    return "wrong"


def _miss_url(answer, detail_url):
    """Where a teacher goes from a miss: a written answer's result, to read
    and score it; otherwise the student's page in the class."""
    if answer.kind_shown == QuestionKind.WRITTEN:
        return reverse("civics:attempt_result", kwargs={"pk": answer.attempt_id})
    return detail_url(answer.attempt.student_id)


def item_analysis(classroom, quiz):
    """For each question of the quiz: how many of the class answered it, how
    many fully right, each wrong answer given (most-chosen first, a choice
    with the misconception it reveals), and who missed it (a list of Miss, in
    username order). Each student counts once, by their latest submitted
    attempt."""
    latest = {}
    for attempt_id, student_id in (
        Attempt.objects.submitted()
        .filter(quiz=quiz, student__enrolments__classroom=classroom)
        .order_by("student_id", "-submitted_at", "-id")
        .values_list("id", "student_id")
    ):
        latest.setdefault(student_id, attempt_id)
    attempts = list(latest.values())

    # The counts and the wrong choices picked come from the answers'
    # snapshots: a choice is named and judged as the student saw it, however
    # a teacher has reworded it or fixed the key since. Its misconception is
    # the choice's own, today's: it explains the mistake, it does not record
    # what the student saw, and a tag added later should show at once.
    answers = {
        answer.pk: answer
        for answer in Answer.objects.filter(attempt__in=attempts).only(
            "question_id", "credit", "prompt_shown", "kind_shown", "choices_shown"
        )
    }
    totals = {}
    prompts = defaultdict(set)
    for answer in answers.values():
        total = totals.setdefault(answer.question_id, {"answered": 0, "correct": 0})
        total["answered"] += 1
        total["correct"] += answer.credit == 1
        prompts[answer.question_id].add(answer.prompt_shown)
    wrong_picks = Counter()
    misconceptions = {}
    for answer_id, choice_id, misconception in SelectedChoice.objects.filter(
        answer__attempt__in=attempts
    ).values_list("answer_id", "choice_id", "choice__misconception"):
        answer = answers[answer_id]
        if answer.kind_shown == QuestionKind.ORDERING:
            continue
        shown = {choice["id"]: choice for choice in answer.choices_shown}
        choice = shown.get(choice_id)
        if choice is not None and not choice["is_correct"]:
            picked = answer.question_id, choice["text"]
            wrong_picks[picked] += 1
            misconceptions.setdefault(picked, misconception)
    wrong_answers = defaultdict(list)
    for picked, n in sorted(
        wrong_picks.items(), key=lambda item: (item[0][0], -item[1], item[0][1])
    ):
        question_id, text = picked
        wrong_answers[question_id].append(WrongAnswer(text, n, misconceptions[picked]))
    wrong_numbers = (
        Answer.objects.filter(
            attempt__in=attempts, kind_shown=QuestionKind.NUMERIC, credit=0
        )
        .values("question_id", "numeric_value")
        .annotate(n=Count("id"))
        .order_by("question_id", "-n", "numeric_value")
    )
    for row in wrong_numbers:
        value = format(row["numeric_value"].normalize(), "f")
        wrong_answers[row["question_id"]].append(WrongAnswer(value, row["n"]))

    # Every answer short of full credit, with its student, in one query. A
    # question left blank is scored 0 at submission, so it is among them.
    missed = {}
    detail_url = _student_urls("teaching:student_detail", classroom)
    missed_answers = (
        Answer.objects.filter(attempt__in=attempts, credit__lt=1)
        .select_related("attempt__student")
        .only(
            "question",
            "attempt",
            "credit",
            "numeric_value",
            "kind_shown",
            "text_value",
            "self_marks",
            "teacher_marks",
            "attempt__student__username",
            "attempt__student__first_name",
            "attempt__student__last_name",
        )
        .annotate(chose=Exists(SelectedChoice.objects.filter(answer=OuterRef("pk"))))
        .order_by("question_id", "attempt__student__username")
    )
    for answer in missed_answers:
        student = answer.attempt.student
        missed.setdefault(answer.question_id, []).append(
            Miss(student, _miss_url(answer, detail_url), _verdict(answer))
        )

    results = []
    for question in quiz.questions.all():
        total = totals.get(question.pk, {"answered": 0, "correct": 0})
        results.append(
            (
                question,
                ItemResult(
                    answered=total["answered"],
                    correct=total["correct"],
                    wrong_answers=tuple(wrong_answers.get(question.pk, ())),
                    asked_as=tuple(sorted(prompts[question.pk] - {question.prompt})),
                ),
                missed.get(question.pk, []),
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
    """The gradebook as CSV rows: one per student, two columns per assigned
    lesson (best score in percent, blank if none yet, and where the student
    stands on it), then mastery totals."""
    yield [
        "Student",
        *(
            spreadsheet_safe(f"{a.lesson.title}: {heading}")
            for a in grid.assignments
            for heading in ("best score (%)", "status")
        ),
        "Lessons mastered",
        "Lessons assigned",
    ]
    for row in grid.rows:
        yield [
            spreadsheet_safe(row.student.name_for_teachers),
            *(
                value
                for cell in row.cells
                for value in (
                    cell.best,
                    gradebook_status(cell.status, cell.timeliness),
                )
            ),
            row.mastered,
            len(row.cells),
        ]


def _number(value):
    """A Decimal as a spreadsheet reads it: "87.5", "100", never "1E+2"."""
    return format(value.normalize(), "f")


def attempts_rows(classroom):
    """Every submitted attempt of the class's students at its assigned
    lessons, as CSV rows, by student (named as class pages name them, in
    order of username), then lesson, then when started. Times are ISO 8601
    in the site's time zone; one query, however many attempts."""
    yield [
        "Student",
        "Lesson",
        "Started",
        "Submitted",
        "Score",
        "Max score",
        "Percent",
        "Time taken (minutes)",
        "Mastered",
    ]
    attempts = (
        Attempt.objects.submitted()
        .filter(
            student__enrolments__classroom=classroom,
            quiz__lesson__assignments__classroom=classroom,
        )
        .select_related("student", "quiz__lesson")
        .only(
            "student__username",
            "student__first_name",
            "student__last_name",
            "quiz__lesson__title",
            "started_at",
            "submitted_at",
            "score",
            "max_score",
            "pass_mark",
        )
        .order_by("student__username", "quiz__lesson__title", "started_at", "id")
    )
    for attempt in attempts:
        minutes = (attempt.submitted_at - attempt.started_at).total_seconds() / 60
        yield [
            spreadsheet_safe(attempt.student.name_for_teachers),
            spreadsheet_safe(attempt.quiz.lesson.title),
            timezone.localtime(attempt.started_at).isoformat(timespec="seconds"),
            timezone.localtime(attempt.submitted_at).isoformat(timespec="seconds"),
            _number(attempt.score),
            _number(attempt.max_score),
            _number(attempt.percent),
            f"{minutes:.1f}",
            "yes" if attempt.passed else "no",
        ]


@dataclass(frozen=True)
class StudentAssignment:
    """One assignment as its student sees it on the home page."""

    assignment: object
    lesson: object
    # Where they stand on it: the lesson's status, or after another try,
    # what they have done since.
    status: LessonStatus
    timeliness: Timeliness
    due_at: datetime | None  # the student's own, extra time included
    has_extra_time: bool
    # When their teacher last gave them another try here, if ever.
    reset_at: datetime | None = None


def _standing_since_resets(user, assignments):
    """{assignment id: Standing} for the student's assignments with another
    try, from their attempts submitted since (rules.standing_since). One
    query, and none without another try."""
    resets = {a.pk: (a.lesson_id, a.reset_at) for a in assignments if a.reset_at}
    if not resets:
        return {}
    # A lesson assigned in two classes: fetch from the earlier reset.
    earliest = {}
    for lesson_id, reset_at in resets.values():
        key = (user.pk, lesson_id)
        earliest[key] = min(reset_at, earliest.get(key, reset_at))
    attempts = _attempts_since(earliest)
    return {
        pk: standing_since(attempts[user.pk, lesson_id], reset_at=reset_at)
        for pk, (lesson_id, reset_at) in resets.items()
    }


def assignments_for_student(user, *, lessons, now):
    """The student's assignments, soonest due first, each with where it stands.
    `lessons` are the lessons the student can see, with their progress
    attached (Lesson.objects.with_progress_for); others are left out."""
    by_id = {lesson.pk: lesson for lesson in lessons}
    assignments = [
        assignment
        for assignment in Assignment.objects.for_student(user)
        if assignment.lesson_id in by_id
    ]
    since_reset = _standing_since_resets(user, assignments)
    items = []
    for assignment in assignments:
        lesson = by_id[assignment.lesson_id]
        progress = lesson.student_progress
        due_at = due_for_student(assignment.due_at, assignment.extra_time_until)
        status = lesson.student_status
        mastered_at = progress.mastered_at if progress else None
        standing = since_reset.get(assignment.pk)
        if standing is not None:
            mastered_at = standing.mastered_at
            status = lesson_status(
                read=progress is not None and progress.read_at is not None,
                attempted=standing.attempts > 0,
                mastered=mastered_at is not None,
                in_progress=lesson.open_attempt is not None,
            )
        items.append(
            StudentAssignment(
                assignment=assignment,
                lesson=lesson,
                status=status,
                timeliness=timeliness(due_at=due_at, mastered_at=mastered_at, now=now),
                due_at=due_at,
                has_extra_time=due_at != assignment.due_at,
                reset_at=assignment.reset_at,
            )
        )
    # Extra time can move an assignment later than the class's order has it.
    items.sort(key=lambda item: (item.due_at is None, item.due_at or now))
    return items
