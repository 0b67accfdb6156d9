#!/usr/bin/env python3
"""Turns a generated glossary (gen_corpus output: content/<lang>/concept-NNNNN.md with YAML front matter) into
a Zola site beside it, for benches/compare.sh.

    benches/peers/zola/convert.py CORPUS SITE

SITE gets this folder's config.toml and templates/, plus content/ in Zola's layout: the default language as
content/concept-NNNNN.md, the others as content/concept-NNNNN.<lang>.md, with TOML front matter that keeps
Zola's own fields at the top level (title, description, date, aliases, taxonomies) and the rest under [extra].

The front matter is machine-written (benches/support/corpus.rs), so it is read line by line rather than with a
YAML library: `key: value`, `key: "quoted"`, `key: [inline, "list"]`, and the `sources:` list of title/url
pairs. Python 3 standard library only.
"""

import datetime
import json
import re
import shutil
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent


def unquote(value):
    """A YAML scalar as the generator writes it: double-quoted (with \\" and \\\\ escapes) or bare."""
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return re.sub(r'\\(.)', r'\1', value[1:-1])
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    return value


def inline_list(value):
    """`[a, "b, c", d]` -> ['a', 'b, c', 'd']; commas inside quotes do not split."""
    inner = value.strip()[1:-1]
    items, current, quote, escaped = [], "", None, False
    for ch in inner:
        if escaped:
            current += ch
            escaped = False
        elif quote and ch == "\\":
            current += ch
            escaped = True
        elif quote:
            current += ch
            if ch == quote:
                quote = None
        elif ch in "\"'":
            current += ch
            quote = ch
        elif ch == ",":
            items.append(current)
            current = ""
        else:
            current += ch
    items.append(current)
    return [unquote(i) for i in items if i.strip()]


def parse(text):
    """Splits an entry into (front matter dict, body)."""
    lines = text.split("\n")
    if lines[0].strip() != "---":
        raise ValueError("no front matter")
    end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    meta, key = {}, None
    for line in lines[1:end]:
        if not line.strip():
            continue
        if line.startswith(" "):
            # An item of a block list (only `sources` so far): "  - title: ..." starts an item, "    url: ..."
            # continues it.
            stripped = line.strip()
            new_item = stripped.startswith("- ")
            if new_item:
                stripped = stripped[2:]
            items = meta.setdefault(key, [])
            if ":" in stripped:
                k, v = stripped.split(":", 1)
                if new_item or not items or not isinstance(items[-1], dict):
                    items.append({})
                items[-1][k.strip()] = unquote(v)
            else:
                items.append(unquote(stripped))
            continue
        key, value = line.split(":", 1)
        key, value = key.strip(), value.strip()
        if value.startswith("["):
            meta[key] = inline_list(value)
        elif value:
            meta[key] = unquote(value)
        else:
            meta[key] = []
    return meta, "\n".join(lines[end + 1:])


def slugify(text):
    """Close to Zola's (and glossgen's) slugs: ASCII, lowercase, runs of anything else -> one dash."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def toml(value):
    """A TOML value. JSON strings are valid TOML basic strings, except that TOML also forbids a raw DEL."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, list):
        return "[" + ", ".join(toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {toml(v)}" for k, v in value.items()) + " }"
    return toml(str(value))


def week_date(week):
    """`2026-W08` -> the Monday of that ISO week. Zola's feeds only list pages with a date, and glossgen dates
    its feed entries by week the same way."""
    m = re.fullmatch(r"(\d{4})-W(\d{1,2})", week or "")
    return datetime.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1) if m else None


# `[text](@/concept-01234.md)` or with an #anchor; the target stays in the page's language.
INTERNAL_LINK = re.compile(r"\]\(@/([^)#\s]+?)\.md(#[^)\s]*)?\)")


def convert(corpus, site):
    default = "en"
    site_toml = corpus / "site.toml"
    if site_toml.exists():
        m = re.search(r'^default_language\s*=\s*"([^"]+)"', site_toml.read_text(), re.M)
        if m:
            default = m.group(1)
    langs = sorted(p.name for p in (corpus / "content").iterdir() if p.is_dir())

    if site.exists():
        shutil.rmtree(site)
    site.mkdir(parents=True)
    shutil.copy(HERE / "config.toml", site / "config.toml")
    shutil.copytree(HERE / "templates", site / "templates")
    content = site / "content"
    content.mkdir()

    pages = skipped = 0
    for lang in langs:
        suffix = "" if lang == default else f".{lang}"
        prefix = "/" if lang == default else f"/{lang}/"
        # The root section of each language: sorted by title, so the home page lists every entry in title
        # order and each page gets lower/higher (previous/next). Zola has no fallback between languages, so
        # every language needs its own.
        (content / f"_index{suffix}.md").write_text('+++\nsort_by = "title"\n+++\n')
        files = sorted((corpus / "content" / lang).glob("*.md"))
        # An alias must not land on another page or on another alias of the language.
        taken = {slugify(f.stem) for f in files}
        for f in files:
            meta, body = parse(f.read_text(encoding="utf-8"))
            front = ["+++"]
            front.append(f"title = {toml(meta.pop('title', f.stem))}")
            if "summary" in meta:
                front.append(f"description = {toml(meta.pop('summary'))}")
            date = week_date(meta.get("week"))
            if date:
                front.append(f"date = {date.isoformat()}")
            names = meta.pop("aliases", [])
            if isinstance(names, str):
                names = [names]
            paths = []
            for name in names:
                slug = slugify(name)
                if not slug or slug in taken:
                    skipped += 1
                    continue
                taken.add(slug)
                paths.append(f"{prefix}{slug}/")
            if paths:
                front.append(f"aliases = {toml(paths)}")
            category = meta.pop("category", None)
            if category:
                front.append("[taxonomies]")
                front.append(f"category = {toml([category])}")
            front.append("[extra]")
            if names:
                front.append(f"aliases = {toml(names)}")  # the names, for "also known as"
            for key, value in meta.items():
                front.append(f"{key} = {toml(value)}")
            front.append("+++")
            if suffix:
                body = INTERNAL_LINK.sub(
                    lambda m: f"](@/{m.group(1)}{'' if m.group(1).endswith(suffix) else suffix}.md{m.group(2) or ''})",
                    body,
                )
            (content / f"{f.stem}{suffix}.md").write_text("\n".join(front) + "\n" + body, encoding="utf-8")
            pages += 1
    note = f", {skipped} aliases left out (empty or taken)" if skipped else ""
    print(f"converted {pages} pages in {len(langs)} languages to {site}{note}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: convert.py CORPUS SITE")
    convert(Path(sys.argv[1]), Path(sys.argv[2]))
