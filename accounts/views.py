from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from accounts import two_factor
from accounts.forms import (
    LoginForm,
    NameForm,
    PasswordChangeForm,
    SignUpForm,
    TwoFactorCodeForm,
)
from accounts.models import User
from accounts.network import client_address
from accounts.throttle import allow_signup
from civics.rules import permissions
from teaching.qr import qr_svg


def _safe_next(request):
    """Where to go after signing up (a class's join link, say), if it is on
    this site; otherwise "" and the course home."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return ""


def _home(user):
    """Where a user goes when nothing says where: a teacher to My classes,
    where their work starts, anyone else to the course home."""
    if permissions.can_teach(user):
        return resolve_url("teaching:classroom_list")
    return resolve_url(settings.LOGIN_REDIRECT_URL)


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
        return _home(self.request.user)


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


WRONG_CODE = "That code is not right. Check the app shows Summit Civics and try again."


def _with_next(url_name, next_url):
    url = reverse(url_name)
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def _too_many(error):
    wait = (
        f"{error.seconds} seconds"
        if error.seconds <= 90
        else f"{-(-error.seconds // 60)} minutes"
    )
    return f"Too many wrong codes in a row. Wait {wait} and try again."


def _code_form(request, **kwargs):
    return TwoFactorCodeForm(
        request.POST if request.method == "POST" else None, **kwargs
    )


@never_cache
@login_required
def two_factor_verify(request):
    """Staff who must use two-factor sign-in give the code their
    authenticator app shows, or a recovery code, once a session, before any
    other page (accounts.middleware sends them here)."""
    user = request.user
    if not two_factor.is_required(user):
        raise Http404
    next_url = _safe_next(request)
    if user.is_verified():
        return redirect(next_url or _home(user))
    if not two_factor.has_app(user):
        return redirect(_with_next("two_factor_setup", next_url))
    form = _code_form(request, recovery=True)
    status = 200
    if form.is_valid():
        try:
            device = two_factor.verify(user=user, code=form.cleaned_data["code"])
        except two_factor.TooManyWrongCodes as error:
            form.add_error(None, _too_many(error))
            status = 429
        else:
            if device is not None:
                otp_login(request, device)
                if isinstance(device, StaticDevice):
                    left = two_factor.recovery_codes_left(device)
                    messages.warning(
                        request,
                        f"You used a recovery code: {left} recovery "
                        f"code{'' if left == 1 else 's'} left. Lost your phone? Ask "
                        "an administrator to reset your two-factor sign-in.",
                    )
                return redirect(next_url or _home(user))
            form.add_error("code", WRONG_CODE)
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "next": next_url},
        status=status,
    )


@never_cache
@login_required
def two_factor_setup(request):
    """The first time, staff who must use two-factor sign-in set up an
    authenticator app: they scan the QR code (or type the key) and give the
    code the app then shows; their recovery codes are shown once."""
    user = request.user
    if not two_factor.is_required(user):
        raise Http404
    next_url = _safe_next(request)
    if two_factor.has_app(user):
        # Another app only after an administrator's reset: otherwise a
        # password alone would be enough to add one.
        return redirect(_with_next("two_factor_verify", next_url))
    device = two_factor.app_being_set_up(user=user)
    form = _code_form(request)
    status = 200
    if form.is_valid():
        try:
            codes = two_factor.confirm_app(
                device=device, code=form.cleaned_data["code"]
            )
        except two_factor.TooManyWrongCodes as error:
            form.add_error(None, _too_many(error))
            status = 429
        else:
            if codes is not None:
                otp_login(request, device)
                return render(
                    request,
                    "accounts/two_factor_recovery_codes.html",
                    {"codes": codes, "next": next_url or _home(user)},
                )
            form.add_error("code", WRONG_CODE)
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "next": next_url,
            "qr_code": qr_svg(
                device.config_url, title="QR code for your authenticator app"
            ),
            "secret": two_factor.secret_for_typing(device),
        },
        status=status,
    )
