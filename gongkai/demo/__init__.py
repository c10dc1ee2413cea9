"""The demo: 恩施市's departments, accounts, a year of published items, requests, messages, services, new media,
assessment runs and a second site (龙凤镇), loaded by `gongkai demo`.

Installed only in demo mode (GONGKAI_ENV=demo, settings.py); production never lists this app, and no module
outside gongkai/demo imports it (tests/test_demo_isolation.py). The loaders run in the order of `ORDER` in
management/commands/demo.py; the texts they publish ship with the repository in data/ (data/DATA.md).
"""
