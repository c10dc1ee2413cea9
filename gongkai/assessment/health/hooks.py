"""Wagtail admin hooks of this part (imported by assessment/wagtail_hooks.py)."""
