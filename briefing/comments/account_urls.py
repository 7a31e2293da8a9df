"""Account pages under /<language>/accounts/, with the un-namespaced names Django's auth expects
("login", "logout"), which is why they are not in the namespaced comments URLconf."""

from django.contrib.auth import views as auth_views
from django.urls import path

from briefing.comments import account_views, views
from briefing.throttle import ThrottledAuthenticationForm, throttle_signup

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            redirect_authenticated_user=True, authentication_form=ThrottledAuthenticationForm
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("signup/", throttle_signup(refused=views.signup_refused)(views.signup), name="signup"),
    path("profile/", views.profile, name="profile"),
    path("delete/", account_views.delete_account, name="account_delete"),
]
