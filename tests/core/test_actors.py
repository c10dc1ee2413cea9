"""The actor as each audience reads it (core/actors.py): staff screens name the person, a citizen the organ."""

from django.contrib.auth.models import AnonymousUser

from gongkai.core import actors, roles


def test_the_trail_names_the_person_the_system_or_the_public(office_user):
    assert actors.staff_label(office_user).endswith("（gkb）")
    assert actors.staff_label(None) == "系统"
    assert actors.staff_label(AnonymousUser()) == "公众"


def test_a_citizen_reads_the_organ_never_the_person(edu, office_user):
    assert actors.public_label(edu) == edu.name
    assert actors.public_label(None) == "政务公开办"
    assert office_user.get_full_name() not in actors.public_label(roles.user_department(office_user))
