from django.contrib import messages
from django.contrib.auth import login
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render

from accounts.forms import SignUpForm
from accounts.models import User
from accounts.network import client_address
from accounts.throttle import allow_signup


def signup(request):
    """A visitor creates a student account and is signed in straight away."""
    if request.user.is_authenticated:
        return redirect("civics:course_home")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not allow_signup(client_address(request)):
            form.add_error(
                None,
                "Many accounts were just created from this network. Wait a few "
                "minutes and try again, or ask your teacher.",
            )
            return render(
                request, "registration/signup.html", {"form": form}, status=429
            )
        try:
            with transaction.atomic():
                user = form.save()
        except IntegrityError:
            # A simultaneous request (a double click) took the name after the
            # form found it free; the database's unique index had the last word.
            form.add_error(
                "username", form.instance.unique_error_message(User, ["username"])
            )
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request, f"Welcome, {user.username}. Pick a lesson to start."
            )
            return redirect("civics:course_home")
    return render(request, "registration/signup.html", {"form": form})
