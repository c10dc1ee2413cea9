from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "gongkai.search"
    label = "gongkai_search"
    verbose_name = "站内检索"
