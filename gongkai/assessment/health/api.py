"""Endpoints of this part, on the assessment router."""

from gongkai.assessment.api import router  # noqa: F401
