from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect, render

from accounts.forms import SignUpForm


def signup(request):
    """A visitor creates a student account and is signed in straight away."""
    if request.user.is_authenticated:
        return redirect("civics:course_home")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"Welcome, {user.username}. Pick a lesson to start.")
        return redirect("civics:course_home")
    return render(request, "registration/signup.html", {"form": form})
