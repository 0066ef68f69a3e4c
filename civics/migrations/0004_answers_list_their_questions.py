"""Attempts now carry one Answer per question from the start. Give attempts
opened before that their unanswered rows, and number every answer in its
question's order, so nothing started earlier is lost."""

from django.db import migrations


def give_attempts_their_questions(apps, schema_editor):
    Attempt = apps.get_model("civics", "Attempt")
    Answer = apps.get_model("civics", "Answer")
    Question = apps.get_model("civics", "Question")
    for answer in Answer.objects.select_related("question"):
        answer.position = answer.question.position
        answer.save(update_fields=["position"])
    for attempt in Attempt.objects.filter(submitted_at__isnull=True, answers=None):
        Answer.objects.bulk_create(
            Answer(attempt=attempt, question=question, position=position)
            for position, question in enumerate(
                Question.objects.filter(quiz_id=attempt.quiz_id).order_by(
                    "position", "id"
                ),
                start=1,
            )
        )


class Migration(migrations.Migration):
    dependencies = [("civics", "0003_quiz_engine")]

    operations = [
        migrations.RunPython(give_attempts_their_questions, migrations.RunPython.noop),
    ]
