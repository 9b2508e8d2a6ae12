from django.urls import path

from meetings.views import public

app_name = "public"

urlpatterns = [
    path("", public.home, name="home"),
    path("meetings/<int:pk>/notes/", public.minutes, name="minutes"),
    path("meetings/<int:pk>/notes.pdf", public.minutes_pdf, name="minutes_pdf"),
]
