"""Posting Wagtail's admin forms as a browser would: every field the form shows, with its current value, plus what
the user typed and the button they pressed."""

from bs4 import BeautifulSoup
from wagtail.test.utils.form_data import rich_text

__all__ = ["form_values", "post_form", "rich_text"]


def form_values(html, form_selector="form[method=post]"):
    """The values a browser submits for the first form matching `form_selector` (buttons excluded)."""
    soup = BeautifulSoup(html, "html.parser")
    # the page editor's form when there is one (its header holds other small forms), else the first one asked for
    form = soup.select_one("form#page-edit-form") if form_selector == "form[method=post]" else None
    form = form or soup.select_one(form_selector)
    assert form is not None, f"no form {form_selector!r} on the page"
    values = {}

    def add(name, value):
        values.setdefault(name, []).append(value)

    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.has_attr("disabled"):
            continue
        if field.name == "input":
            kind = (field.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                continue
            if kind in ("checkbox", "radio"):
                if field.has_attr("checked"):
                    add(name, field.get("value", "on"))
                continue
            add(name, field.get("value", ""))
        elif field.name == "textarea":
            add(name, field.text)
        else:
            options = field.find_all("option")
            chosen = [o for o in options if o.has_attr("selected")]
            if not chosen and options and not field.has_attr("multiple"):
                chosen = options[:1]
            for option in chosen:
                add(name, option.get("value", option.text))
            if not chosen:
                values.setdefault(name, [])
    return {k: v if len(v) != 1 else v[0] for k, v in values.items()}


def post_form(client, url, changes=None, *, action=None, form_selector="form[method=post]", follow=False):
    """GET `url`, fill in `changes` over what the form shows, press the button named `action`, POST it back."""
    page = client.get(url)
    assert page.status_code == 200, (url, page.status_code)
    data = form_values(page.content.decode(), form_selector)
    data.update(changes or {})
    if action:
        data[action] = "1"
    return client.post(url, data, follow=follow)


def errors_on(response):
    """The error messages a page shows (field errors and the messages bar), for assertion messages."""
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    found = [
        e.get_text(" ", strip=True) for e in soup.select(".error-message, .messages .error, .w-field__errors")
    ]
    return found
