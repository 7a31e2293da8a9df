"""Personal data: rejected texts reach neither the database nor the logs; IPs only as hashes."""

import json
import logging

from django.apps import apps
from django.db import models

from briefing.comments.models import Comment

from .conftest import HONEST, client_for, post_url

PHONE = "010-2345-6789"
REJECTED = f"제 휴대전화 {PHONE}로 연락 주시면 자료를 보내 드리겠습니다."
ADDRESS = "198.51.100.23"


def every_stored_text():
    """Every value of every text column of every table, as strings."""
    for model in apps.get_models():
        fields = [
            field.attname
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField | models.JSONField)
        ]
        if not fields:
            continue
        for row in model._base_manager.values_list(*fields):
            for value in row:
                yield value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def test_a_rejected_comment_reaches_neither_the_database_nor_the_logs(seed, citizen, caplog):
    """The phone number is refused under rule 1 and not stored or logged anywhere."""
    client = client_for(citizen)
    with caplog.at_level(logging.DEBUG):
        response = client.post(post_url(seed), {"text": REJECTED})

    assert response.status_code == 200
    assert "운영원칙 제1항" in response.content.decode()
    assert REJECTED in response.content.decode()  # the author keeps their text in the form
    assert not Comment.objects.exists()
    stored = "\n".join(every_stored_text())
    assert PHONE not in stored and "23456789" not in stored.replace("-", "")
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert PHONE not in logged


def test_ip_addresses_are_stored_only_as_salted_hashes(seed, citizen):
    """The comment keeps a 64-character hash; the address itself is in no column."""
    client = client_for(citizen, REMOTE_ADDR=ADDRESS)
    client.post(post_url(seed), {"text": HONEST})

    comment = Comment.objects.get()
    assert len(comment.ip_hash) == 64 and ADDRESS not in comment.ip_hash
    assert not any(ADDRESS in text for text in every_stored_text())


def test_the_ip_hash_depends_on_the_salt(seed, citizen, settings):
    """Without the salt the hash cannot be recomputed from a guessed address."""
    from briefing.privacy import hash_ip

    first = hash_ip(ADDRESS)
    settings.BRIEFING_IP_HASH_SALT = "another-salt"

    assert hash_ip(ADDRESS) != first
