from django.urls import path

from seal import views

app_name = "seal"

urlpatterns = [path("", views.verify, name="verify")]
