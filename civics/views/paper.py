"""A lesson's quiz on paper, and its answer key, for a teacher to print."""

from dataclasses import dataclass
from string import ascii_uppercase

from django.shortcuts import get_object_or_404, render

from civics.access import paper_quiz_required
from civics.kinds import QuestionKind
from civics.models import Lesson, Question
from civics.rules.shuffle import shuffled


@dataclass(frozen=True)
class PaperQuestion:
    """One question as printed: its choices (or, for ordering, its items)
    lettered A, B, C in the order the sheet shows them."""

    number: int
    question: object
    lettered: list  # (letter, choice) in the sheet's order

    def letter_of(self, choice):
        return next(letter for letter, shown in self.lettered if shown == choice)

    @property
    def numeric_answer(self):
        """A numeric question's answer and tolerance as printed: "100", "0.5"."""
        return [
            format(value.normalize(), "f")
            for value in (self.question.numeric_answer, self.question.tolerance)
        ]

    @property
    def writing_lines(self):
        """Ruled lines for a written answer: three for each criterion of its
        rubric, and never fewer than six."""
        return range(3 * max(len(self.question.rubric_lines), 2))

    @property
    def key(self):
        """The right answer as (letter, choice) pairs: every item in its
        correct order, or the correct choices in the sheet's order."""
        key = [
            (self.letter_of(choice), choice)
            for choice in self.question.correct_choices()
        ]
        return key if self.question.is_ordering else sorted(key)


def _paper_questions(quiz):
    """The quiz's questions, numbered, their choices in an order fixed by the
    quiz and question (so the quiz and its key always agree). Ordering items
    never print already in order; true or false keeps its order."""
    questions = Question.objects.filter(quiz=quiz).current().prefetch_related("choices")
    paper = []
    for number, question in enumerate(questions, start=1):
        choices = list(question.choices.all())
        if question.kind != QuestionKind.TRUE_FALSE:
            choices = shuffled(choices, seed=quiz.pk, salt=question.pk)
        paper.append(
            PaperQuestion(
                number=number,
                question=question,
                lettered=list(zip(ascii_uppercase, choices, strict=False)),
            )
        )
    return paper


def _render_paper(request, slug, *, answer_key):
    lesson = get_object_or_404(
        Lesson.objects.visible_to(request.user).select_related("quiz"),
        slug=slug,
        quiz__isnull=False,
    )
    return render(
        request,
        "civics/quiz_print.html",
        {
            "lesson": lesson,
            "questions": _paper_questions(lesson.quiz),
            "answer_key": answer_key,
        },
    )


@paper_quiz_required
def quiz_print(request, slug):
    """A teacher prints the lesson's quiz for students to answer on paper:
    numbered questions and their choices, with space to write."""
    return _render_paper(request, slug, answer_key=False)


@paper_quiz_required
def answer_key_print(request, slug):
    """A teacher prints the answer key to the paper quiz: the right answers,
    each choice's feedback and each question's explanation. Never students."""
    return _render_paper(request, slug, answer_key=True)
