"""The security tests use the FOI and interaction fixtures (real submissions through the action functions)."""

from tests.foi.conftest import submit_case  # noqa: F401
from tests.interaction.conftest import _fresh_categories, make_message, routed  # noqa: F401
