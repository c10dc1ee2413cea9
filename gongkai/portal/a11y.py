"""The elder-friendly / accessibility preferences (适老化与无障碍, RULES.md §7; 《互联网网站适老化通用设计规范》).

The preferences live in one cookie, ``gk_a11y``, whose value is the list of active options joined by dots, e.g.
``elder.size-2.spacing.cursor``. Each option is a class ``gk-<option>`` on ``<html>``; the styles for them are in
``portal/static/portal/a11y.css``. The cookie is the only state: the HTML of a page is the same for everybody
(so a front cache may keep it), the classes are applied in the browser by ``a11y.js`` and, for visitors without
JavaScript, by the ``/a11y/mode.css`` stylesheet generated from the cookie (see docs/portal.md).

Everything here is plain functions on plain values, callable without a request.
"""

from dataclasses import dataclass, replace

COOKIE_NAME = "gk_a11y"
COOKIE_MAX_AGE = 365 * 24 * 3600

#: text size steps: the root font size in px. Step 2 is 24 px = 18 pt, the least the 适老版 main text may be;
#: step 4 is 40 px = 30 pt, the largest size the spec asks to offer.
SIZE_PX = {0: 16, 1: 20, 2: 24, 3: 32, 4: 40}
ELDER_MIN_SIZE = 2
MAX_SIZE = max(SIZE_PX)

#: what the toolbar and the kiosk may ask for (the ``do`` parameter of /a11y/)
ACTIONS = (
    "elder-on",
    "elder-off",
    "bigger",
    "smaller",
    "contrast-on",
    "contrast-off",
    "spacing-on",
    "spacing-off",
    "cursor-on",
    "cursor-off",
    "crosshair-on",
    "crosshair-off",
    "caption-on",
    "caption-off",
    "reset",
)


@dataclass(frozen=True)
class Prefs:
    """One visitor's settings. ``elder`` is the 适老化 (关怀版) mode the header button switches; the other options
    are the toolbar's, and they only take effect inside it."""

    elder: bool = False
    size: int = 0
    contrast: bool = False
    spacing: bool = False
    cursor: bool = False
    #: 十字光标: two thin lines across the screen through the pointer (a reading guide, as on the national 无障碍 toolbars)
    crosshair: bool = False
    #: 大字幕: a bar at the bottom of the screen repeating, in very large text, what is under the pointer or has focus
    caption: bool = False
    kiosk: bool = False

    def tokens(self):
        """The cookie's / the classes' option names, in a fixed order."""
        if not self.elder:
            return []
        out = ["elder", f"size-{self.size}"]
        out += [name for name in (*OPTIONS, "kiosk") if getattr(self, name)]
        return out

    def classes(self):
        return [f"gk-{token}" for token in self.tokens()]

    def cookie_value(self):
        return ".".join(self.tokens())


#: the toolbar's on/off options, in cookie order
OPTIONS = ("contrast", "spacing", "cursor", "crosshair", "caption")

STANDARD = Prefs()
#: what the 适老化 button turns on: 18 pt text, wide line spacing and the large cursor (contrast stays a choice:
#: white-on-black is not what everybody with weak sight wants)
ELDER = Prefs(elder=True, size=ELDER_MIN_SIZE, spacing=True, cursor=True)
#: the hall terminal (政务公开专区): elder-friendly styles always on, plus the kiosk restrictions
KIOSK = replace(ELDER, kiosk=True)


def parse(value):
    """Read a cookie value; anything unknown or malformed is ignored, never an error (it comes from the client)."""
    tokens = set((value or "").split("."))
    if "elder" not in tokens:
        return STANDARD
    size = ELDER_MIN_SIZE
    for token in tokens:
        if token.startswith("size-") and token[5:].isdecimal():
            size = int(token[5:])
    return Prefs(
        elder=True,
        size=min(max(size, ELDER_MIN_SIZE), MAX_SIZE),
        contrast="contrast" in tokens,
        spacing="spacing" in tokens,
        cursor="cursor" in tokens,
        crosshair="crosshair" in tokens,
        caption="caption" in tokens,
        kiosk="kiosk" in tokens,
    )


def apply(prefs, action):
    """The preferences after one toolbar action. Unknown actions change nothing. On a kiosk the 适老化 styles cannot
    be switched off (the terminal is left in that state by the hall staff); text size never drops below 18 pt
    while 适老化 is on (适老版 main text ≥ 18 pt)."""
    if action == "elder-on":
        return prefs if prefs.elder else ELDER
    if action in ("elder-off", "reset"):
        if prefs.kiosk:
            return KIOSK
        return STANDARD if action == "elder-off" else ELDER
    if not prefs.elder:
        # the toolbar's options live inside the 适老化 mode: using one switches the mode on first
        prefs = ELDER
    if action == "bigger":
        return replace(prefs, size=min(prefs.size + 1, MAX_SIZE))
    if action == "smaller":
        return replace(prefs, size=max(prefs.size - 1, ELDER_MIN_SIZE))
    for name in OPTIONS:
        if action == f"{name}-on":
            return replace(prefs, **{name: True})
        if action == f"{name}-off":
            return replace(prefs, **{name: False})
    return prefs
