"""A party's answer link (``/answer/<token>/``): no login, the token is the key (``answer`` namespace)."""

from django.urls import path

from recommendations.views import answer as views

app_name = "answer"

urlpatterns = [
    path("<str:token>/", views.answer, name="answer"),
    path("<str:token>/documents/<int:pk>/", views.document, name="document"),
]
