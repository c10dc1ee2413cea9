"""Admin screens of the three parts register their hooks on import."""

from .annual import hooks as annual_hooks  # noqa: F401
from .health import hooks as health_hooks  # noqa: F401
from .indicators import hooks as indicator_hooks  # noqa: F401
