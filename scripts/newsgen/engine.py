"""Stories as paragraphs of segments: text, and names that know their entity.

A template is a string with `{slot}` and `{slot.form}` fields and `[a|b|c]`
alternatives. A slot holding an `Ent` becomes a name segment (it carries the
entity's global key and type, so every rendering knows its gold mention); any
other slot value becomes plain text. `{slot}` alone picks the entity's
introduction form the first time a story names it and a short form afterwards:
"Toyota Motor Corp." first, then "Toyota".
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

COARSE = {
    "PERSON": "PER",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "ORG": "ORG",
    "NORP": "OTHER",
    "PRODUCT": "OTHER",
    "EVENT": "OTHER",
    "LAW": "OTHER",
    "IGNORE": "OTHER",
}


@dataclass(eq=False)
class Ent:
    """One entity of the generated world: every surface form shares `key`."""

    key: str
    type: str
    forms: dict[str, str]
    real: bool = False  # a real-world entity: its key is also a Wikipedia-style title
    intro: tuple[str, ...] = ("full",)  # forms a story may introduce it with
    later: tuple[str, ...] = ("short",)  # forms for later references
    abbr_define: bool = False  # introduce as "Full Name (ABBR)" now and then
    attrs: dict = field(default_factory=dict)

    def form(self, name: str) -> str:
        return self.forms.get(name) or self.forms["full"]

    def __getattr__(self, name: str):  # templates read attributes like {c.ceo}
        attrs = self.__dict__.get("attrs")
        if attrs is not None and name in attrs:
            return attrs[name]
        raise AttributeError(name)


@dataclass
class Seg:
    text: str
    ent: Ent | None = None  # a name mention
    ignore: bool = False  # a span gold marks IGNORE (ticker symbols)


@dataclass
class Para:
    kind: str  # "p", "h2" (subheading), "quote" (pull quote), "table" (wire figures)
    segs: list[Seg] = field(default_factory=list)

    def words(self) -> int:
        # counted once per length: stories ask after every sentence
        cached = self.__dict__.get("_wc")
        if cached is None or cached[0] != len(self.segs):
            cached = (len(self.segs), sum(len(s.text.split()) for s in self.segs))
            self.__dict__["_wc"] = cached
        return cached[1]


_FIELD = re.compile(r"\{(\w+)(?:\.(\w+))?\}|\[([^\[\]]*)\]")


class Story:
    """An article under construction: title segments, paragraphs, metadata."""

    def __init__(self, rng: random.Random, world, style: str):
        self.rng = rng
        self.world = world
        self.style = style
        self.title: list[Seg] = []
        self.paras: list[Para] = []
        self.meta: dict = {}
        self.seen: set[str] = set()
        self.caps = False

    # ------------------------------------------------------------------ building
    def para(self, kind: str = "p") -> Para:
        p = Para(kind)
        self.paras.append(p)
        return p

    def cur(self) -> Para:
        if not self.paras or self.paras[-1].kind in ("h2",):
            return self.para()
        return self.paras[-1]

    def words(self) -> int:
        return sum(p.words() for p in self.paras)

    def render(self, template: str, slots: dict) -> list[Seg]:
        segs: list[Seg] = []
        pos = 0
        for m in _FIELD.finditer(template):
            if m.start() > pos:
                segs.append(Seg(template[pos : m.start()]))
            pos = m.end()
            if m.group(3) is not None:
                choice = self.rng.choice(m.group(3).split("|"))
                if choice:
                    segs.extend(self.render(choice, slots))
                continue
            name, form = m.group(1), m.group(2)
            value = slots[name]
            if callable(value) and not isinstance(value, Ent):
                value = value()  # a fresh figure at each use
            if isinstance(value, Ent):
                named = self.name(value, form)
                if form is None and named[0].text in value.attrs.get("the_forms", ()):
                    before = "".join(x.text for x in segs)[-4:]
                    if before.lower() != "the ":
                        at_start = not before.strip() or before.rstrip().endswith((".", '"', "“"))
                        named = [
                            Seg("The " if at_start and not segs_in_title(self) else "the ")
                        ] + named
                segs.extend(named)
            elif form is not None:
                attr = getattr(value, form)
                segs.extend(self.name(attr) if isinstance(attr, Ent) else [Seg(str(attr))])
            elif hasattr(value, "template"):  # a Tpl: a title such as "{b} Governor"
                segs.extend(self.render(value.template, value.slots))
            elif isinstance(value, list):  # prepared segments
                segs.extend(value)
            else:
                segs.append(Seg(str(value)))
        if pos < len(template):
            segs.append(Seg(template[pos:]))
        return possessives(segs)

    def name(self, ent: Ent, form: str | None = None) -> list[Seg]:
        """The segments naming `ent`: a chosen or automatic form ("full_up": upper case)."""
        if form is not None and form.endswith("_up"):
            segs = self.name(ent, form[:-3] or None) if form != "_up" else self.name(ent)
            return [Seg(upper_same_length(x.text), x.ent, x.ignore) for x in segs]
        if form == "up":
            return [Seg(upper_same_length(x.text), x.ent, x.ignore) for x in self.name(ent)]
        first = ent.key not in self.seen
        if (
            first
            and form in ("short", "mid")
            and ent.type in ("PERSON", "ORG", "PRODUCT")
            and not segs_in_title(self)
        ):
            form = None  # nobody is "Okafor" before being "Jane Okafor"
        self.seen.add(ent.key)
        if form is None:
            form = self.rng.choice(ent.intro if first else ent.later)
            abbr = ent.forms.get("abbr")
            if (
                first
                and ent.abbr_define
                and abbr
                and ent.form(form) != abbr
                and self.rng.random() < 0.6
            ):
                return [Seg(ent.form(form), ent), Seg(" ("), Seg(abbr, ent), Seg(")")]
        return [Seg(ent.form(form), ent)]

    def say(self, template: str, **slots) -> None:
        """Append one sentence to the current paragraph."""
        p = self.cur()
        segs = self.render(template, slots)
        if p.segs and p.kind != "table":
            p.segs.append(Seg(" "))
        p.segs.extend(segs)

    def line(self, template: str, **slots) -> None:
        """Append one line to the current table paragraph."""
        p = self.paras[-1] if self.paras and self.paras[-1].kind == "table" else self.para("table")
        if p.segs:
            p.segs.append(Seg("\n"))
        p.segs.extend(self.render(template, slots))

    def sentences(self, templates, **slots) -> None:
        self.para()
        for t in templates:
            self.say(t, **slots)

    def heading(self, template: str, **slots) -> None:
        p = self.para("h2")
        p.segs.extend(self.render(template, slots))

    def set_title(self, template: str, caps: bool = False, **slots) -> None:
        seen = set(self.seen)  # a headline introduces nobody: the body still names them in full
        self.in_title = True
        try:
            segs = self.render(template, slots)
        finally:
            self.in_title = False
            self.seen = seen
        if caps:
            segs = [Seg(upper_same_length(s.text), s.ent, s.ignore) for s in segs]
        self.title = segs

    def title_text(self) -> str:
        return "".join(s.text for s in self.title)

    def text_words(self) -> int:
        return self.words()


def segs_in_title(story: Story) -> bool:
    return getattr(story, "in_title", False)


def possessives(segs: list[Seg]) -> list[Seg]:
    """ "Underwriters's" -> "Underwriters'", "Moody's's" -> "Moody's"; "U.S.." -> "U.S."."""
    for i in range(len(segs) - 1):
        cur, nxt = segs[i], segs[i + 1]
        if (
            cur.ent is not None
            and nxt.ent is None
            and cur.text.endswith(".")
            and nxt.text.startswith(".")
        ):
            nxt.text = nxt.text[1:]
            continue
        if cur.ent is None or nxt.ent is not None or not nxt.text.startswith("'s"):
            continue
        if cur.text.endswith("'s"):
            nxt.text = nxt.text[2:]
        elif cur.text.endswith("s") and not cur.text.endswith("ss"):
            nxt.text = "'" + nxt.text[2:]
    return segs


def upper_same_length(text: str) -> str:
    """str.upper(), keeping any character whose upper case is longer (ß -> SS)."""
    up = text.upper()
    if len(up) == len(text):
        return up
    return "".join(c.upper() if len(c.upper()) == 1 else c for c in text)


# ---------------------------------------------------------------------- gold


def mention_record(i: int, start: int, end: int, text: str, seg: Seg) -> dict:
    if seg.ignore:
        return {
            "id": f"m{i}",
            "start": start,
            "end": end,
            "text": text,
            "type": "IGNORE",
            "coarse_type": "OTHER",
            "entity": None,
            "wikipedia": None,
            "instance_id": None,
            "proper": None,
        }
    ent = seg.ent
    # A demonym's cluster is its country's ("German", "Germans": Germany), as
    # issue 12 defines it; its type stays NORP.
    key = ent.attrs.get("gold_key", ent.key)
    return {
        "id": f"m{i}",
        "start": start,
        "end": end,
        "text": text,
        "type": ent.type,
        "coarse_type": COARSE[ent.type],
        "entity": key,
        "wikipedia": key if ent.real else None,
        "instance_id": key,
        "proper": True,
    }


class TextBuilder:
    """Concatenates segments into one text and records the name spans."""

    def __init__(self):
        self.parts: list[str] = []
        self.pos = 0
        self.spans: list[tuple[int, int, Seg]] = []

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.pos += len(text)

    def segs(self, segs: list[Seg]) -> None:
        for s in segs:
            if s.ent is not None or s.ignore:
                self.spans.append((self.pos, self.pos + len(s.text), s))
            self.add(s.text)

    def text(self) -> str:
        return "".join(self.parts)

    def mentions(self, text: str) -> list[dict]:
        return [mention_record(i, a, b, text[a:b], s) for i, (a, b, s) in enumerate(self.spans)]


def wrap_in_place(text: str, start: int, width: int) -> str:
    """Hard-wrap text[start:] at `width` columns by turning spaces into newlines.

    One character for one, so every offset stays valid.
    """
    chars = list(text)
    col = 0
    last_space = -1
    i = start
    while i < len(chars):
        c = chars[i]
        if c == "\n":
            col, last_space = 0, -1
        else:
            col += 1
            if c == " " and col > 4:  # never at a paragraph's indent
                last_space = i
            if col > width and last_space > 0:
                chars[last_space] = "\n"
                col = i - last_space
                last_space = -1
        i += 1
    return "".join(chars)
