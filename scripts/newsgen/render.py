"""Stories to files: wire .txt, Markdown with front matter, HTML pages, JSON
lines, and the plain text + gold mentions of the evaluation layout."""

from __future__ import annotations

import copy
import html
import json
import random
import re
from datetime import datetime, timedelta, timezone

from .engine import Para, Seg, Story, TextBuilder, wrap_in_place

JUNK = ["", "", "", "", "  ", " RM", "  A  RM", "  F  Y", " #3;", "   f0412reute", " u f BC-"]


# ------------------------------------------------------------------ wire


def wire_text(s: Story, rng: random.Random) -> TextBuilder:
    """Title line, blank line, time stamp, body with 4-space indents, 'Reuter'."""
    b = TextBuilder()
    b.segs(s.title)
    b.add("\n\n")
    b.add(s.meta["stamp"] + rng.choice(JUNK) + "\n\n")
    body_start = b.pos
    blank = rng.random() < 0.7
    for i, p in enumerate(s.paras):
        if i:
            b.add("\n\n" if blank else "\n")
        if p.kind == "table":
            b.add("    ")
            for seg in p.segs:
                if seg.text == "\n" and seg.ent is None:
                    b.add("\n    ")
                else:
                    b.segs([seg])
        else:
            b.add("    ")
            b.segs(p.segs)
    b.add("\n")
    b.add(" ")
    b.segs([Seg("Reuter", s.world.reuter)])
    b.add("\n" + ("&#3;\n" if rng.random() < 0.08 else ""))
    text = b.text()
    wrapped = wrap_in_place(text, body_start, rng.choice([62, 66, 68, 70, 72]))
    b.parts = [wrapped]
    return b


def revised(s: Story, rng: random.Random) -> Story:
    """A re-issued version of a wire story: a changed figure, a new paragraph,
    sometimes a marked headline; the same names."""
    v = copy.copy(s)
    v.paras = [Para(p.kind, [Seg(x.text, x.ent, x.ignore) for x in p.segs]) for p in s.paras]
    v.title = [Seg(x.text, x.ent, x.ignore) for x in s.title]
    v.meta = dict(s.meta)
    numbers = [
        (pi, si)
        for pi, p in enumerate(v.paras)
        for si, seg in enumerate(p.segs)
        if seg.ent is None and not seg.ignore and re.search(r"\d", seg.text)
    ]
    if numbers:
        pi, si = rng.choice(numbers)
        seg = v.paras[pi].segs[si]
        seg.text = re.sub(r"\d+(?:\.\d+)?", lambda m: _nudge(m.group(), rng), seg.text, count=1)
    mark = rng.choice(["CORRECTED - ", "REFILED - ", "", "UPDATE - "])
    if mark.strip() == "CORRECTED -" and rng.random() < 0.5:
        v.title = v.title + [Seg(" (CORRECTED)")]
    elif mark:
        v.title = [Seg(mark)] + v.title
    if rng.random() < 0.6:
        p = v.para()
        p.segs.append(
            Seg(
                rng.choice(
                    [
                        "(Corrects figure in paragraph two.)",
                        "This story was refiled to correct a transmission error.",
                        "(Adds details on financing.)",
                        "A company spokesman later confirmed the figures.",
                        "(Corrects name of company in fourth paragraph.)",
                    ]
                )
            )
        )
    stamp = s.meta["stamp"]
    hh = int(stamp[12:14])
    v.meta["stamp"] = f"{stamp[:12]}{min(hh + rng.randint(0, 3), 23):02d}{stamp[14:]}"
    v.meta["revision_of"] = s
    return v


def _nudge(number: str, rng: random.Random) -> str:
    if "." in number:
        digits = len(number.split(".")[1])
        return f"{float(number) * rng.uniform(0.9, 1.1):.{digits}f}"
    n = int(number)
    return str(max(1, n + rng.choice([-2, -1, 1, 2, 3])))


# ------------------------------------------------------------------ modern


def plain_text(s: Story) -> TextBuilder:
    """Title line, blank line, paragraphs separated by blank lines (the gold layout)."""
    b = TextBuilder()
    b.segs(s.title)
    for p in s.paras:
        b.add("\n\n")
        b.segs(p.segs)
    b.add("\n")
    return b


def _plain(segs: list[Seg]) -> str:
    return "".join(x.text for x in segs)


def _date_value(s: Story, rng: random.Random) -> str:
    """The article's date in one of the formats real feeds use (all parse to the same day)."""
    dt: datetime = s.meta["datetime"]
    fmt = s.meta.get("date_format") or rng.choice(
        [
            "iso_date",
            "iso_z",
            "iso_offset",
            "rfc2822",
            "long",
            "day_month",
            "space",
            "us_slash",
            "iso_date_q",
        ]
    )
    s.meta["date_format"] = fmt
    if fmt == "iso_date":
        return dt.strftime("%Y-%m-%d")
    if fmt == "iso_date_q":
        return '"' + dt.strftime("%Y-%m-%d") + '"'
    if fmt == "iso_z":
        return dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    if fmt == "iso_offset":
        off = rng.choice([-5, -4, 1, 2, 9])
        local = dt.replace(tzinfo=timezone(timedelta(hours=off)))
        return '"' + local.isoformat() + '"'
    if fmt == "rfc2822":
        return dt.strftime("%a, %d %b %Y %H:%M:%S ") + rng.choice(
            ["+0000", "-0500", "+0100", "GMT"]
        )
    if fmt == "long":
        return dt.strftime("%B ") + str(dt.day) + dt.strftime(", %Y")
    if fmt == "day_month":
        return f"{dt.day} {dt.strftime('%B %Y')}"
    if fmt == "space":
        return dt.strftime("%Y-%m-%d %H:%M")
    return dt.strftime("%m/%d/%Y")


def _yaml_str(text: str, rng: random.Random) -> str:
    if (
        rng.random() < 0.7
        or ":" in text
        or text.startswith(("'", '"', "[", "{", "&", "*", "!", "|", ">", "%", "@", "`", "#", "-"))
        or " #" in text
    ):
        return json.dumps(text, ensure_ascii=False)
    return text


def markdown(s: Story, rng: random.Random) -> str:
    title = _plain(s.title)
    lines = [
        "---",
        f"title: {_yaml_str(title, rng)}",
        f"date: {_date_value(s, rng)}",
        f"source: {_yaml_str(s.meta['source'], rng)}",
        f"url: {s.meta['url']}",
    ]
    authors = s.meta["authors"]
    if len(authors) > 1 and rng.random() < 0.5:
        lines.append("author:")
        lines.extend(f"  - {a}" for a in authors)
    else:
        lines.append(f"author: {_yaml_str(' and '.join(authors), rng)}")
    if rng.random() < 0.5:
        lines.append(f"tags: [{', '.join(s.meta['tags'])}]")
    lines.append("---")
    out = "\n".join(lines) + "\n\n"
    if rng.random() < 0.25:
        out += f"# {title}\n\n"
    parts = []
    for i, p in enumerate(s.paras):
        text = _plain(p.segs)
        if p.kind == "h2":
            parts.append(f"## {text}")
        elif p.kind == "quote":
            parts.append(f"> {text}")
        elif i == 0 and s.meta.get("dateline_md"):
            parts.append(text)
        else:
            parts.append(text)
    return out + "\n\n".join(parts) + "\n"


def html_page(s: Story, rng: random.Random) -> str:
    title = html.escape(_plain(s.title))
    dt: datetime = s.meta["datetime"]
    site = html.escape(s.meta["source"])
    author = html.escape(", ".join(s.meta["authors"]))
    body = []
    for p in s.paras:
        text = html.escape(_plain(p.segs))
        if p.kind == "h2":
            body.append(f"      <h2>{text}</h2>")
        elif p.kind == "quote":
            body.append(f"      <blockquote><p>{text}</p></blockquote>")
        else:
            body.append(f"      <p>{text}</p>")
    nav = "".join(
        f'<li><a href="/{x.lower()}/">{x}</a></li>'
        for x in ["World", "Business", "Technology", "Markets", "Opinion"]
    )
    iso = dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{title} | {site}</title>
  <meta property="og:title" content="{title}">
  <meta property="og:site_name" content="{site}">
  <meta property="article:published_time" content="{iso}">
  <meta name="author" content="{author}">
  <link rel="canonical" href="{html.escape(s.meta["url"])}">
</head>
<body>
  <header><nav><ul>{nav}</ul></nav><form class="search"><input name="q" placeholder="Search"></form></header>
  <main>
    <article>
      <h1>{title}</h1>
      <p class="byline">By <span class="author">{author}</span> &middot; <time datetime="{iso}">{dt.strftime("%B %d, %Y")}</time></p>
{chr(10).join(body)}
    </article>
    <aside class="related"><h3>Most read</h3><ul><li><a href="/markets/">Markets wrap</a></li><li><a href="/newsletters/">Sign up for our newsletters</a></li></ul></aside>
  </main>
  <footer><p>&copy; {dt.year} {site}. All rights reserved.</p><p><a href="/privacy/">Privacy</a> &middot; <a href="/terms/">Terms</a></p></footer>
  <script>window.dataLayer = window.dataLayer || [];</script>
</body>
</html>
"""


def jsonl_record(s: Story, rng: random.Random, rid: str) -> str:
    body = "\n\n".join(_plain(p.segs) for p in s.paras)
    rec = {
        "id": rid,
        "title": _plain(s.title),
        "body": body,
        "date": _date_value(s, rng).strip('"'),
        "source": s.meta["source"],
        "url": s.meta["url"],
        "author": ", ".join(s.meta["authors"]),
    }
    return json.dumps(rec, ensure_ascii=rng.random() < 0.5)
