"""Course content changed: retire the visitors' cached pages (civics/page_cache).

Connected for every row a teacher can save or delete in the admin, a restored
version included. Writes in bulk send no signals; they call content_changed()
themselves."""

from django.db.models.signals import post_delete, post_save

from civics.models import Choice, KeyTerm, Lesson, Question, Quiz, Source, Unit
from civics.page_cache import content_changed

CONTENT_MODELS = (Unit, Lesson, Source, KeyTerm, Quiz, Question, Choice)


def retire_cached_pages(sender, **kwargs):
    content_changed()


def connect():
    for model in CONTENT_MODELS:
        post_save.connect(retire_cached_pages, sender=model)
        post_delete.connect(retire_cached_pages, sender=model)
