from django.urls import path

from tools import views

app_name = "tools"

urlpatterns = [
    path("", views.index, name="index"),
    path("senate-vote-calculator/", views.vote_calculator, name="vote_calculator"),
    path("handshake-to-law/", views.handshake_walk, name="handshake_walk"),
    path("summit-timeline/", views.summit_timeline, name="summit_timeline"),
]
