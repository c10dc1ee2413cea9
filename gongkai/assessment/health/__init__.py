"""Site health monitor on the national inspection indicators (MISSION B4, RULES.md §5)."""
