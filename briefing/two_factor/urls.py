from django.urls import path

from briefing.two_factor import views

app_name = "two_factor"
urlpatterns = [
    path("", views.verify, name="verify"),
    path("setup/", views.enrol, name="enrol"),
    path("recovery-codes/", views.recovery_codes, name="codes"),
]
