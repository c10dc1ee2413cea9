"""The data the migrations create (Wagtail's root page and site, the work calendar, the indicator system, service
categories, role groups …), kept once per test run and put back after a test that flushes the database.

pytest-django's transactional tests end by flushing every table. Run one after another in one process that is harmless
— pytest-django orders them after the ordinary database tests, as Django does — but the parallel workers take whole
files in any order, so an ordinary test could follow a flush and find no root page. After each flush the migrations'
data is restored, so every test starts from a migrated database whatever ran before it on its worker."""

from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection

_initial = None
# set when a test flushed the database; the next test restores it first (at its set-up, while the session's test
# database is certainly still the one connected: the last test's teardown also tears down the session)
flushed = False


def remember_initial_data():
    global _initial
    if _initial is None:
        _initial = connection.creation.serialize_db_to_string()


def restore_initial_data():
    """After a flush (which re-creates content types and permissions with new ids): empty the tables without that,
    then load the migrated state as it was."""
    from django.contrib.contenttypes.models import ContentType

    global flushed
    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
    connection.creation.deserialize_db_from_string(_initial)
    _reset_sequences()
    ContentType.objects.clear_cache()
    flushed = False


def flushes_the_database(item):
    """Whether pytest-django runs this test as a transactional one (flushed at its end)."""
    marker = item.get_closest_marker("django_db")
    if marker is not None and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return True
    return bool({"transactional_db", "live_server", "django_db_reset_sequences"} & set(item.fixturenames))


def _reset_sequences():
    """The flush restarted PostgreSQL's id sequences at 1 while the restored rows keep their ids: move each sequence
    past its table's highest id, or the next insert collides (SQLite takes the next id from the table itself)."""
    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True))
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
