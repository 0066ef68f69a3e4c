from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme

from accounts.forms import LoginForm, NameForm, PasswordChangeForm, SignUpForm
from accounts.models import User
from accounts.network import client_address
from accounts.throttle import allow_signup
from civics.rules import permissions


def _safe_next(request):
    """Where to go after signing up (a class's join link, say), if it is on
    this site; otherwise "" and the course home."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return ""


def signup(request):
    """A visitor creates a student account and is signed in straight away,
    then goes back where they were headed (a class's join link) if anywhere."""
    next_url = _safe_next(request)
    if request.user.is_authenticated:
        return redirect(next_url or "civics:course_home")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not allow_signup(client_address(request)):
            form.add_error(
                None,
                "Many accounts were just created from this network. Wait a few "
                "minutes and try again, or ask your teacher.",
            )
            return render(
                request,
                "registration/signup.html",
                {"form": form, "next": next_url},
                status=429,
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
            return redirect(next_url or "civics:course_home")
    return render(request, "registration/signup.html", {"form": form, "next": next_url})


class LoginView(auth_views.LoginView):
    """Log-in; without a `next`, a teacher lands on My classes, where their
    work starts, and a student on the course home."""

    authentication_form = LoginForm

    def get_default_redirect_url(self):
        if permissions.can_teach(self.request.user):
            return resolve_url("teaching:classroom_list")
        return super().get_default_redirect_url()


@login_required
def your_name(request):
    """A signed-in user changes the first name and last initial their
    teachers know them by."""
    form = NameForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your name is saved.")
        return redirect("civics:my_progress")
    return render(request, "accounts/your_name.html", {"form": form})


class PasswordChangeView(auth_views.PasswordChangeView):
    """A signed-in user changes their password; one given a temporary
    password by their teacher is sent here until they do."""

    form_class = PasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("civics:course_home")

    def form_valid(self, form):
        form.user.must_change_password = False
        response = super().form_valid(form)
        messages.success(self.request, "Your new password is saved.")
        return response
