"""Read rendered pages as a browser would: a form's fields as it would submit
them, so admin tests post exactly what the page offers (management forms and
nested inlines too), and the inline code the site's CSP would block."""

from html.parser import HTMLParser


class _FormFields(HTMLParser):
    def __init__(self, form_id):
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.data = {}
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name and "__prefix__" not in name:
            kind = attrs.get("type", "text")
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self.data[name] = attrs.get("value", "on")
            elif kind not in {"submit", "button", "file"}:
                self.data[name] = attrs.get("value") or ""
        elif tag == "textarea" and name and "__prefix__" not in name:
            self._textarea = name
            self.data[name] = ""
        elif tag == "select" and name and "__prefix__" not in name:
            self._select = name
            self.data[name] = ""
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data.removeprefix("\n")


def form_data(html, form_id):
    parser = _FormFields(form_id)
    parser.feed(html)
    return parser.data


class _InlineCode(HTMLParser):
    """Collects what a no-inline CSP would block: inline scripts, style
    attributes and <style> elements."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and "src" not in attrs:
            self.found.append("inline <script>")
        if tag == "style":
            self.found.append("<style>")
        if "style" in attrs:
            self.found.append(f"style attribute on <{tag}>")
        if any(name.startswith("on") for name in attrs):
            self.found.append(f"event handler on <{tag}>")


def inline_code(html):
    """What in the page a no-inline CSP would block; [] when nothing."""
    parser = _InlineCode()
    parser.feed(html)
    return parser.found
