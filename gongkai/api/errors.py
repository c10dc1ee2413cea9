"""Error bodies for the API: always {"errors": {field: message}} with Chinese messages."""

MESSAGES = {
    "missing": "此项为必填项。",
    "string_type": "应为文本。",
    "int_type": "应为整数。",
    "int_parsing": "应为整数。",
    "bool_type": "应为是或否（true/false）。",
    "bool_parsing": "应为是或否（true/false）。",
    "date_from_datetime_parsing": "日期格式应为 YYYY-MM-DD。",
    "date_parsing": "日期格式应为 YYYY-MM-DD。",
    "date_type": "日期格式应为 YYYY-MM-DD。",
    "enum": "取值不在允许范围内。",
    "literal_error": "取值不在允许范围内。",
    "string_too_long": "内容过长。",
    "string_too_short": "内容过短。",
    "greater_than_equal": "数值过小。",
    "less_than_equal": "数值过大。",
    "json_invalid": "请求体不是有效的 JSON。",
    "model_attributes_type": "请求体格式不正确。",
    "dict_type": "请求体应为 JSON 对象。",
    "value_error": "取值不正确。",
}


def errors_from_ninja(errors):
    out = {}
    for err in errors:
        loc = [str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path", "payload", "form")]
        field = loc[-1] if loc else "__all__"
        kind = err.get("type", "")
        message = MESSAGES.get(kind)
        if kind == "value_error":
            # our own validators raise ValueError with a Chinese message already
            message = str(err.get("ctx", {}).get("error", "")) or err.get("msg", "") or MESSAGES[kind]
            message = message.removeprefix("Value error, ")
        out.setdefault(field, message or "取值不正确。")
    return out
