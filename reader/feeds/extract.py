"""Article text from what a feed brings: the linked page (trafilatura, as for an
`.html` file in the collection) or the feed's own HTML content.

Text is paragraphs separated by blank lines, without terminal controls.
"""

from __future__ import annotations

import hashlib
import html
import re

from reader.corpus import HtmlArticle, extract_html

_BLOCKS = {
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "table",
    "tr",
    "section",
    "article",
    "header",
    "footer",
    "figure",
    "figcaption",
    "hr",
    "dl",
    "dt",
    "dd",
    "aside",
    "main",
}
#: C0 and C1 controls except tab and newline: never written into an article.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)


def page_article(data: bytes, content_type_header: str, url: str) -> HtmlArticle | None:
    """The article in a fetched page, or None when the page has none."""
    try:
        page = extract_html(decode_page(data, content_type_header), url=url)
    except ValueError:
        return None
    if page is None:
        return None
    text = clean_text(page.text)
    return (
        HtmlArticle(page.title, text, page.date, page.source, page.url, page.author)
        if text
        else None
    )


def decode_page(data: bytes, content_type_header: str) -> str:
    """Page bytes as text: the charset the server names, else the page's own <meta>,
    else UTF-8 (invalid bytes replaced)."""
    for candidate in (_header_charset(content_type_header), _meta_charset(data), "utf-8"):
        if not candidate:
            continue
        try:
            return data.decode(candidate, errors="replace")
        except LookupError:  # an encoding Python does not know
            continue
    return data.decode("utf-8", errors="replace")


def _header_charset(header: str) -> str | None:
    match = re.search(r"charset\s*=\s*[\"']?([\w-]+)", header or "", re.I)
    return match.group(1) if match else None


def _meta_charset(data: bytes) -> str | None:
    match = _CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "replace") if match else None


def fragment_text(fragment: str) -> str:
    """Plain text of a feed's HTML content: one paragraph per block, blank lines between."""
    if not fragment.strip():
        return ""
    if "<" not in fragment:
        return clean_text(html.unescape(fragment))
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return clean_text(html.unescape(re.sub(r"<[^>]*>", " ", fragment)))
    for element in list(root.iter("script", "style", "noscript", "template")):
        element.drop_tree()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag in _BLOCKS:
            element.tail = "\n\n" + (element.tail or "")
            element.text = "\n\n" + (element.text or "")
        elif element.tag == "br":
            element.tail = "\n\n" + (element.tail or "")
    return clean_text(root.text_content())


def clean_text(text: str) -> str:
    """Paragraphs (split at blank lines), each on one line, controls dropped."""
    text = _CONTROLS.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\n"))
    paragraphs = (" ".join(p.split()) for p in re.split(r"\n\s*\n", text))
    return "\n\n".join(p for p in paragraphs if p)


def text_hash(text: str) -> str:
    """What "the same content" means: the same words, whatever the spacing or case."""
    return hashlib.blake2b(
        " ".join(text.casefold().split()).encode("utf-8", "surrogatepass"), digest_size=16
    ).hexdigest()
