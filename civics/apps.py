from django.apps import AppConfig


class CivicsConfig(AppConfig):
    name = "civics"
    verbose_name = "Course"

    def ready(self):
        from civics import signals

        signals.connect()
