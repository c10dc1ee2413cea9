from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import workdays
from .models import CalendarDay, CalendarYear, SensitiveWord, WordingCorrection


@receiver([post_save, post_delete], sender=CalendarDay)
@receiver([post_save, post_delete], sender=CalendarYear)
def calendar_changed(sender, **kwargs):
    transaction.on_commit(workdays.invalidate)


@receiver([post_save, post_delete], sender=SensitiveWord)
@receiver([post_save, post_delete], sender=WordingCorrection)
def wordlists_changed(sender, **kwargs):
    from . import textcheck

    transaction.on_commit(textcheck.invalidate)
