"""WSGI entry point, for gunicorn and other WSGI servers."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "summit.settings")

application = get_wsgi_application()

# What start-up loaded (Django, the apps, their modules) lives as long as the
# process: keep it out of the garbage collector's full passes, which would
# otherwise walk all of it again and again while pages are built.
gc.freeze()
