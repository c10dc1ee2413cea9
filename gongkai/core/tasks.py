"""The audit chain's heads, checkpointed outside the database every five minutes (`audit.write_checkpoint`): a
truncation of the trail older than that is caught by `gongkai audit verify`."""

from . import audit


def checkpoint_audit_chain():
    audit.write_checkpoint()


PERIODIC = [(300, checkpoint_audit_chain)]
