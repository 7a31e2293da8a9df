"""The README's first command prepares the demo through `setup_demo`."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from briefing.releases.models import Release


def test_setup_demo_loads_the_announcement_once_and_prints_working_credentials(
    db, settings, capsys
):
    """Run twice, it loads the seed once and prints accounts that really log in."""
    settings.DEBUG = True
    call_command("setup_demo")
    call_command("setup_demo")
    output = capsys.readouterr().out
    assert Release.objects.count() == 1
    line = next(line for line in output.splitlines() if "staff (admin" in line)
    username, _, password = line.split()[-3:]
    user = get_user_model().objects.get(username=username)
    assert user.is_staff and user.check_password(password)


def test_setup_demo_refuses_to_run_in_production(db, settings):
    """Printed passwords never reach a production database."""
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("setup_demo")


def test_setup_demo_prepares_every_role_and_a_queue_to_try(db, settings, capsys):
    """The editor, moderator and citizen it prints log in; the demo queue has items to decide."""
    from briefing.comments.models import Comment

    settings.DEBUG = True
    call_command("setup_demo")
    output = capsys.readouterr().out
    for username in ("editor", "moderator", "citizen"):
        line = next(line for line in output.splitlines() if f" {username} / " in line)
        password = line.split()[-1]
        assert get_user_model().objects.get(username=username).check_password(password)
    assert Comment.objects.filter(status="published").count() >= 3
    assert Comment.objects.exclude(status="published").exists()
