def load(stdout):
    """Demo data of this part (called by assessment/demo.py)."""
