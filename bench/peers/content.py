"""The peers' content, read from the page our benchmark measures (bench/results/baseline.html).

Reading the served page rather than our models keeps the peers independent of briefing's schema
and gives them exactly what a reader of our page gets: title, subtitles, body blocks and photos in
order, footnote, contacts, attribution, statistics, attachments, the comment count and the first
page of comments. The markup outside the article and the comment section (head, header, menu,
sidebar, footer, and the posting rules before the comments) is cut out as fixed strings, the
*chrome*, which every peer pastes around its own render, so the peers' pages have our page's
bytes and structure. The peers render the rest (the article and the comment section) from data.

Runs with the standard library only: bench/run.py writes content.json and the chrome files with it,
and the peers' loaders (in their own virtual environment) read the JSON.
"""

import html
import json
import re
from pathlib import Path

ARTICLE = re.compile(r'<article class="article".*?</article>', re.S)
COMMENTS_END = re.compile(r'<section class="comments".*?</section>\s*', re.S)


def _text(fragment):
    """Text of a fragment: tags dropped, entities decoded (the peers escape it again)."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def _one(pattern, text, default=""):
    match = re.search(pattern, text, re.S)
    return match.group(1) if match else default


def split_chrome(page):
    """(head, rules, tail): the page before the article, between the article and the comment
    section (the posting rules, fixed text) and after the comment section."""
    article = ARTICLE.search(page)
    comments = COMMENTS_END.search(page, article.end())
    return (
        page[: article.start()],
        page[article.end() : comments.start()],
        page[comments.end() :],
    )


def _body(view_cont):
    """Blocks of rich text, photos and the footnote, in page order."""
    parts, position, photos = [], 0, 0
    pieces = r'<figure class="photo".*?</figure>|<p class="footnote"[^>]*>.*?</p>'
    for piece in re.finditer(pieces, view_cont, re.S):
        block = view_cont[position : piece.start()].strip()
        if block:
            parts.append({"kind": "html", "html": block})
        markup = piece.group(0)
        position = piece.end()
        if markup.startswith("<p"):
            text = re.sub(r"<br>\s*", "\n", _one(r"<p[^>]*>(.*?)</p>", markup))
            parts.append({"kind": "footnote", "text": html.unescape(text).strip()})
            continue
        photos += 1
        caption = _one(r"<figcaption[^>]*>▶ (.*?)</figcaption>", markup)
        parts.append({
            "kind": "photo", "number": photos,
            "src": _one(r'<img src="([^"]+)"', markup),
            "alt": html.unescape(_one(r'alt="([^"]*)"', markup)),
            "width": int(_one(r'width="(\d+)"', markup, "0")),
            "height": int(_one(r'height="(\d+)"', markup, "0")),
            "caption": _text(re.sub(r'<span class="credit".*?</span>', "", caption)),
            "credit": _text(_one(r'<span class="credit"[^>]*>\((.*?)\)</span>', caption)),
        })  # fmt: skip
    block = view_cont[position:].strip()
    if block:
        parts.append({"kind": "html", "html": block})
    return parts


def _statistics(article):
    """The table's rows, and the chart: the figures by unit, each unit with its own scale."""
    rows = []
    for row in re.findall(r"<tr><th scope=\"row\".*?</tr>", article, re.S):
        cells = [_text(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        label, value, as_of, change, note = cells
        rows.append({
            "label": label, "value": value.removesuffix(" 역대 최고"),
            "record_high": value.endswith(" 역대 최고"), "as_of": as_of, "change": change,
            "note": note,
        })  # fmt: skip
    chart = []
    for group in re.findall(r'<div class="chart-unit">.*?</ul>', article, re.S):
        bars = []
        for bar in re.findall(r"<li>.*?</li>", group, re.S):
            percent = _one(r'<rect width="([\d.]+)"', bar, None)
            bars.append({
                "label": _text(_one(r'<span class="chart-label"[^>]*>(.*?)</span>', bar)),
                "value": _text(_one(r'<strong class="chart-value"[^>]*>(.*?)</strong>', bar)),
                "percent": percent, "record_high": 'class="record"' in bar,
            })  # fmt: skip
        unit = _text(_one(r'<p class="chart-unit-title">[^<]*<span[^>]*>(.*?)</span>', group))
        chart.append({"unit": unit, "bars": bars})
    return {"rows": rows, "chart": chart}


def _comments(section):
    comments = []
    for item in re.findall(r'<li id="comment-\d+" class="comment">.*?</li>', section, re.S):
        comments.append({
            "author": _text(_one(r'<strong class="comment-author">(.*?)</strong>', item)),
            "datetime": _one(r'<time datetime="([^"]+)"', item),
            "shown": _text(_one(r"<time[^>]*>(.*?)</time>", item)),
            "text": _text(_one(r'<p class="comment-text">(.*?)</p>', item)),
        })  # fmt: skip
    count = int(_one(r"댓글 ([\d,]+)개", section, "0").replace(",", ""))
    return count, comments


def extract(page):
    article = ARTICLE.search(page).group(0)
    comments_section = COMMENTS_END.search(page).group(0)
    view_cont = _one(r'<div class="view-cont"[^>]*>(.*?)</div>\s*(?:<p class="contact"|<p class="remark")',
                     article)  # fmt: skip
    contacts = []
    for contact in re.findall(r'<p class="contact">(.*?)</p>', article, re.S):
        contacts.append({
            "who": _text(_one(r"<span[^>]*>(.*?)</span>", contact)),
            "tel": _one(r'href="(tel:[^"]*)"', contact),
            "phone": _text(_one(r'href="tel:[^"]*">(.*?)</a>', contact)),
            "email": _one(r'href="mailto:([^"]*)"', contact),
        })  # fmt: skip
    attachments = []
    for item in re.findall(r"<li>\s*<span class=\"file-name\">.*?</li>", article, re.S):
        attachments.append({
            "name": _text(_one(r"<span data-content>(.*?)</span>", item)),
            "kind": _one(r"file-(\w+)\.", item, "etc"),
            "size": _text(_one(r'<span class="file-size">\((.*?)\)</span>', item)),
        })  # fmt: skip
    count, comments = _comments(comments_section)
    neighbours = {}
    for name, css in (("older", "prev"), ("newer", "next")):
        link = re.search(rf'<a class="{css}" href="[^"]*/([^/"]+)/"><span>[^<]*</span>'
                         r"<strong[^>]*>(.*?)</strong>", article)  # fmt: skip
        neighbours[name] = {"slug": link.group(1), "title": _text(link.group(2))} if link else None
    return {
        "slug": _one(r'<link rel="canonical" href="[^"]*/([^/"]+)/">', page),
        "title": _text(_one(r'<h1 id="release-title"[^>]*>(.*?)</h1>', article)),
        "published": _one(r'<time datetime="([^"]+)"', article),
        "published_shown": _text(_one(r"<time[^>]*>(.*?)</time>", article)),
        "ministry": _text(_one(r'class="gotosite"[^>]*><span[^>]*>(.*?)</span>', article)),
        "ministry_code": _one(r"\?ministry=(\w+)", article),
        "subtitles": [_text(s) for s in re.findall(r'<p class="subtitle">- (.*?)</p>', article)],
        "parts": _body(view_cont),
        "contacts": contacts,
        "attribution": _text(_one(r'<p class="remark"[^>]*>“(.*?)”</p>', article)),
        "statistics": _statistics(article),
        "attachments": attachments,
        "comment_count": count,
        "comments": comments,
        "comment_pages": int(_one(r"1 / (\d+)쪽", comments_section, "1")),
        **neighbours,
    }


def write(page_file, folder):
    """content.json and chrome-{head,rules,tail}.html in folder; returns the content."""
    page = Path(page_file).read_text(encoding="utf-8")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    content = extract(page)
    for name, text in zip(("head", "rules", "tail"), split_chrome(page), strict=True):
        (folder / f"chrome-{name}.html").write_text(text, encoding="utf-8")
    text = json.dumps(content, ensure_ascii=False, indent=1, sort_keys=True)
    (folder / "content.json").write_text(text, encoding="utf-8")
    return content
