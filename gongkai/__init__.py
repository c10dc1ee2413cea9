"""gongkai — 政务公开平台."""
