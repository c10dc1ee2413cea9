"""What a strict Content-Security-Policy (script-src 'self'; style-src 'self') would block in an HTML page."""

from html.parser import HTMLParser

DATA_SCRIPT_TYPES = {"application/json", "application/ld+json", "text/template"}


class InlineFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        line = self.getpos()[0]
        if tag == "script" and not attrs.get("src") and (attrs.get("type") or "") not in DATA_SCRIPT_TYPES:
            self.problems.append(f"line {line}: inline <script>")
        if tag == "style":
            self.problems.append(f"line {line}: <style> element")
        for name, value in attrs.items():
            if name.startswith("on"):
                self.problems.append(f"line {line}: <{tag} {name}=…> event handler")
            elif name == "style":
                self.problems.append(f"line {line}: <{tag} style=…>")
            elif name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.problems.append(f"line {line}: <{tag} {name}=javascript:…>")


def inline_problems(html):
    finder = InlineFinder()
    finder.feed(html)
    finder.close()
    return finder.problems
