"""A plain Django project, production settings, the middleware a new project starts with."""

import peercommon

peercommon.production(globals())
ROOT_URLCONF = "plainpeer.urls"
WSGI_APPLICATION = "plainpeer.wsgi.application"
INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.staticfiles", "plainpeer"]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
TEMPLATES = peercommon.templates()
DATABASES = peercommon.databases("plain")
