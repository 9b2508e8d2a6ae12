from django.urls import path

from alerts import views

app_name = "alerts"

urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    # A token is URL-safe base64 (secrets.token_urlsafe): anything else, a NUL too, does not match (404).
    path("confirm/<slug:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<slug:token>/", views.unsubscribe, name="unsubscribe"),
]
