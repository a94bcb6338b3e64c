"""Recognise layout noise in pasted article text by the shape of a line.

Each test looks at one stripped line: image file names, photo credits and captions,
ad markers, bylines and date lines, share buttons, and tip-line or newsletter footers.
"""
from __future__ import annotations

import re

QUOTE_MARKS = "\"'“”‘’«»„‚‹›"
AGENCIES = ("afp", "ap", "reuters", "getty", "getty images", "epa", "epa-efe", "sputnik", "tass", "xinhua",
            "bloomberg", "shutterstock", "anadolu", "alamy", "pool", "ria novosti", "dpa", "ansa", "kyodo",
            "yonhap", "zuma", "sipa", "nurphoto", "abaca", "imago", "picture alliance", "ukrinform")

_IMAGE_EXT = re.compile(r"\.(jpe?g|png|gif|webp|tiff?|bmp|heic|avif|svg)$", re.I)
_AD = re.compile(
    r"^[\W_]*(advertisement|advertising|sponsored( content)?|paid (post|content)|promoted( content)?|ad|"
    r"skip advertisement|story continues( below)?( (this )?advertisement)?|article continues below( advertisement)?|"
    r"continue reading( (the|this)( main)? story)?( below)?|scroll to continue( with content)?)[\W_]*$", re.I)
_CREDIT_PREFIX = re.compile(
    r"^[(\[]?(photo(graph)?s?|image|picture|pic|illustration|credit|photo credit|video|source: getty|"
    r"foto|fotos|bild|beitragsbild|titelbild|bildquelle)\b\s*(by|:)", re.I)
_CREDIT_TAIL = re.compile(r"[(\[](ap|afp|reuters|getty|epa|photo|file photo|credit)[^()\[\]]*[)\]]\s*$", re.I)
_FOOTER = re.compile(
    r"^[\W_]*(got a tip|have a tip|send us a tip|send tips|tips\?|sign up (for|to)|subscribe (to|for|now)|"
    r"follow us|follow (the author|.{1,40} on (twitter|x|facebook|instagram|telegram))|"
    r"(read more|related( articles?| stories| coverage| content| reading| links)?|read also|also read|see also|"
    r"more from .{0,40}|more on this( story)?)(\s*[:|»›>\-–—]|$)|click here|share this|copyright\b|©|"
    r"all rights reserved|\(?reporting by|\(?additional reporting|\(?editing by|\(?writing by|"
    r"our standards:|this story has been (updated|corrected)|join (the conversation|our)|"
    r"get (our|the) .{0,40}newsletter|download (our|the) app|"
    # the same related-content headers on German pages (trafilatura's test pages are ~40% German)
    r"(auch interessant|lesen sie (auch|mehr)|mehr zum thema|weitere artikel|ähnliche artikel|"
    r"(das )?(thema )?(könnte )?(dich|sie) auch interessieren)(\s*[:|»›>\-–—]|$))", re.I)
# A newsletter sign-up box heading: "PC Gamer Newsletter", "Our daily newsletter".
_NEWSLETTER_HEADING = re.compile(r"^[\w&'’. -]{0,40}\bnewsletters?[\W_]*$", re.I)
_UI = {"share", "share this", "share this article", "comments", "comment", "save", "print", "listen",
       "listen to this article", "copy link", "copy link to clipboard", "email", "facebook", "twitter", "x",
       "linkedin", "whatsapp", "telegram", "reddit", "gift this article", "toggle caption", "hide caption",
       "enlarge this image", "expand"}
_BYLINE = re.compile(r"^(by|written by|words by)\s+\S", re.I)
_DATE_WORDS = re.compile(
    r"^(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|"
    r"august|september|october|november|december|mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|am|pm|a\.m|p\.m|et|est|edt|gmt|utc|bst|cet|cest|msk|at|on|"
    r"updated|published|posted|last|modified|ago|hours?|minutes?|mins?|days?|read|\d[\d:/.\-]*(am|pm)?)$", re.I)


def strip_quotes(line: str) -> str:
    """Remove quote marks around a line."""
    return line.strip().strip(QUOTE_MARKS).strip()


def is_image_name(line: str) -> bool:
    """Tell whether a line is a lone image file name (GettyImages-1245835710_mejrsm, IMG_2345.jpg)."""
    token = line.strip()
    if " " in token or len(token) < 5 or not re.fullmatch(r"[\w.\-]+", token):
        return False
    if _IMAGE_EXT.search(token):
        return True
    return "_" in token or bool(re.search(r"\d{4,}", token) and "-" in token)


def is_credit(line: str) -> bool:
    """Tell whether a line is a photo credit or a caption that ends in one."""
    text = line.strip()
    words = text.split()
    if _CREDIT_TAIL.search(text) or (len(words) <= 15 and _CREDIT_PREFIX.search(text)):
        return True
    if len(words) > 12:
        return False
    lowered = text.lower()
    if "via getty" in lowered or "getty images" in lowered:
        return True
    if "/" not in text or text.endswith("."):
        return False
    parts = [p.strip() for p in re.split(r"/|\bvia\b|\bfor\b", text) if p.strip()]
    name_like = all(p[0].isupper() for p in parts)
    agency = any(p.lower().removesuffix(" photo") in AGENCIES or p.lower().startswith("ap photo") for p in parts)
    return name_like and (agency or is_caps(text))


def is_caps(line: str) -> bool:
    """Tell whether a line's letters are (almost) all capitals, with at least four letters."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) / len(letters) >= 0.9


def is_ad_marker(line: str) -> bool:
    """Tell whether a line is an ad marker such as ADVERTISEMENT or "Story continues below"."""
    return bool(_AD.match(line.strip()))


def is_footer(line: str) -> bool:
    """Tell whether a line is a tip-line, newsletter, social, related-links or credits footer."""
    text = line.strip()
    return len(line.split()) <= 40 and bool(_FOOTER.match(text) or _NEWSLETTER_HEADING.match(text))


def is_ui_label(line: str) -> bool:
    """Tell whether a line is a page control label such as "Share" or "Listen to this article"."""
    return line.strip().strip(":|•·").strip().lower() in _UI


def is_byline(line: str) -> bool:
    """Tell whether a line is a byline: "By" and a few capitalised names."""
    text = line.strip()
    words = text.split()
    if not _BYLINE.match(text) or len(words) > 14 or text.endswith((".", "?", "!")) and not text.endswith(" Jr."):
        return False
    names = [w for w in words[1:] if w.lower() not in ("and", "by", "&", "in", "for", "with", "of")]
    return all(w[0].isupper() or not w[0].isalpha() for w in names)


def is_dateline(line: str) -> bool:
    """Tell whether a line holds only a date, a time or a reading time ("Updated Jan. 24, 2023 10:04AM ET")."""
    words = [w.strip(",.|•·()") for w in line.split()]
    words = [w for w in words if w]
    return 0 < len(words) <= 12 and all(_DATE_WORDS.match(w) for w in words) and any(
        any(c.isdigit() for c in w) for w in words)


def is_picture_line(line: str) -> bool:
    """Tell whether a line belongs to the picture or byline block between a deck and the body."""
    return any(test(line) for test in (is_image_name, is_credit, is_byline, is_dateline))


def is_noise(line: str) -> bool:
    """Tell whether a line is layout noise of any kind."""
    return any(test(line) for test in (is_image_name, is_ad_marker, is_credit, is_footer, is_ui_label,
                                       is_byline, is_dateline))
