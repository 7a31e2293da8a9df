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
    path("verify/resend/", views.resend_verification, name="verify_email_resend"),
    path("verify/<uidb64>/<token>/", views.verify_email, name="verify_email"),
    # Django's own password reset and change, its e-mail throttled and its links built from
    # SITE_URL; templates under accounts/, since registration/password_* are the admin's.
    path("password/reset/", account_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html"
        ),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path(
        "password/change/",
        auth_views.PasswordChangeView.as_view(template_name="accounts/password_change_form.html"),
        name="password_change",
    ),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/password_change_done.html"
        ),
        name="password_change_done",
    ),
]
