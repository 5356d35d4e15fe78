"""The source registry: which outlet published a document, and how far to trust it.

An outlet has a canonical name, aliases, the domains it publishes on, a type,
a country and a reliability tier (1 high .. 3 low). The packaged list is
`dragoman/data/sources.yaml` (its header explains how the tiers were
assigned); users add or override outlets with their own YAML files of the same
shape, and can edit a registry in code and `save` it.

Lookups:
- `by_domain("https://uk.reuters.com/world/...")` — host suffix match.
- `by_name("AP")`, `by_name("hurriyet")` — case- and accent-insensitive, aliases.
- `in_dateline(text)` — "ANKARA (Reuters) -" at the start of a story.
- `resolve(url=..., name=..., text=...)` — the first of those that matches.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator
from urllib.parse import urlsplit

import yaml

SOURCE_TYPES = ("wire", "newspaper", "broadcaster", "state_media", "analysis", "blog")


@dataclass
class Source:
    name: str
    domains: list[str] = field(default_factory=list)
    type: str = "newspaper"
    country: str | None = None
    reliability: int = 3
    aliases: list[str] = field(default_factory=list)
    basis: str = ""

    def __post_init__(self) -> None:
        self.name = str(self.name).strip()
        if not self.name:
            raise ValueError("source needs a name")
        if self.type not in SOURCE_TYPES:
            raise ValueError(f"source {self.name!r}: type {self.type!r} is not one of {', '.join(SOURCE_TYPES)}")
        try:
            self.reliability = int(self.reliability)
        except (TypeError, ValueError):
            raise ValueError(f"source {self.name!r}: reliability must be 1, 2 or 3") from None
        if self.reliability not in (1, 2, 3):
            raise ValueError(f"source {self.name!r}: reliability must be 1, 2 or 3, not {self.reliability}")
        self.domains = [_clean_domain(d) for d in _as_list(self.domains) if _clean_domain(d)]
        self.aliases = [str(a).strip() for a in _as_list(self.aliases) if str(a).strip()]
        if self.country is not None:
            self.country = str(self.country).strip().upper() or None

    def to_dict(self) -> dict:
        d = asdict(self)
        return {k: v for k, v in d.items() if v not in (None, "", [])}


def _as_list(v) -> list:
    if v is None:
        return []
    if isinstance(v, str):
        return [v]
    return list(v)


def _clean_domain(d: str) -> str:
    d = str(d).strip().lower()
    if "://" in d:
        d = urlsplit(d).hostname or ""
    d = d.split("/")[0].split(":")[0]
    return d[4:] if d.startswith("www.") else d


def name_key(name: str) -> str:
    """Comparison key for outlet names: accents, case, punctuation and a leading
    "the" removed ("The Hürriyet Daily News" -> "hurriyet daily news")."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = s.replace("ı", "i")
    s = re.sub(r"[^a-z0-9]+", " ", s).strip()
    if s.startswith("the "):
        s = s[4:]
    return s


def host_of(url_or_host: str) -> str | None:
    """Lower-case host of a URL or bare host name, without "www."."""
    s = (url_or_host or "").strip()
    if not s:
        return None
    if "://" not in s:
        s = "http://" + s
    try:
        host = urlsplit(s).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


# "ANKARA (Reuters) -", "ISTANBUL, March 3 (AP) —", "(AFP) --"
_DATELINE = re.compile(r"\(([A-Z][\w .&'’-]{0,40}?)\)\s*(?:-{1,2}|–|—|:)")


class SourceRegistry:
    """Outlets by name, alias and domain. Later additions override earlier ones."""

    def __init__(self, sources: Iterable[Source] = ()) -> None:
        self._sources: dict[str, Source] = {}
        for s in sources:
            self.add(s)

    # ---- building
    def add(self, source: Source) -> Source:
        """Add an outlet, replacing one with the same (normalised) name."""
        self._sources[name_key(source.name)] = source
        self._reindex()
        return source

    def remove(self, name: str) -> bool:
        src = self.by_name(name)
        if src is None:
            return False
        del self._sources[name_key(src.name)]
        self._reindex()
        return True

    def _reindex(self) -> None:
        self._by_name: dict[str, Source] = {}
        self._by_domain: dict[str, Source] = {}
        for src in self._sources.values():  # aliases first, so canonical names win clashes
            for a in src.aliases:
                self._by_name.setdefault(name_key(a), src)
        for src in self._sources.values():
            self._by_name[name_key(src.name)] = src
            for d in src.domains:
                self._by_domain[d] = src

    def load_file(self, path: str | Path) -> int:
        """Add every outlet in a YAML file (top-level `sources:` list, or a bare list)."""
        path = Path(path)
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        entries = data.get("sources", []) if isinstance(data, dict) else data
        if not isinstance(entries, list):
            raise ValueError(f"{path}: expected a list of sources under 'sources:'")
        n = 0
        for i, entry in enumerate(entries):
            if not isinstance(entry, dict):
                raise ValueError(f"{path}: entry {i + 1} is not a mapping")
            known = {k: v for k, v in entry.items() if k in Source.__dataclass_fields__}
            try:
                self.add(Source(**known))
            except (TypeError, ValueError) as e:
                raise ValueError(f"{path}: entry {i + 1}: {e}") from None
            n += 1
        return n

    def save(self, path: str | Path) -> None:
        """Write the registry as YAML (the same shape `load_file` reads)."""
        data = {"sources": [s.to_dict() for s in sorted(self._sources.values(), key=lambda s: name_key(s.name))]}
        Path(path).write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")

    # ---- lookups
    def __iter__(self) -> Iterator[Source]:
        return iter(self._sources.values())

    def __len__(self) -> int:
        return len(self._sources)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.by_name(name) is not None

    def by_name(self, name: str | None) -> Source | None:
        if not name:
            return None
        return self._by_name.get(name_key(name))

    def by_domain(self, url_or_host: str | None) -> Source | None:
        """The outlet whose domain is the host or a parent of it."""
        host = host_of(url_or_host or "")
        if not host:
            return None
        parts = host.split(".")
        for i in range(len(parts) - 1):
            src = self._by_domain.get(".".join(parts[i:]))
            if src is not None:
                return src
        return None

    def in_dateline(self, text: str, window: int = 300) -> Source | None:
        """A known outlet named in a dateline near the start: "ANKARA (Reuters) -"."""
        for m in _DATELINE.finditer(text[:window]):
            src = self.by_name(m.group(1))
            if src is not None:
                return src
        return None

    def resolve(self, *, url: str | None = None, name: str | None = None, text: str | None = None) -> Source | None:
        """First match by URL domain, then by name, then by a dateline in the text."""
        return self.by_domain(url) or self.by_name(name) or (self.in_dateline(text) if text else None)

    def canonical_name(self, *, url: str | None = None, name: str | None = None, text: str | None = None) -> str | None:
        """The publisher's name: the registry outlet for the URL's domain or the given
        name, else the given name as it is, else a known outlet in a dateline, else None.
        (A given but unknown name beats a dateline: a site reposting "(Reuters)" copy
        is still the publisher.)"""
        src = self.by_domain(url) or self.by_name(name)
        if src is not None:
            return src.name
        name = " ".join((name or "").split())
        if name:
            return name
        src = self.in_dateline(text) if text else None
        return src.name if src is not None else None


DEFAULT_SOURCES = "sources.yaml"
DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def load_sources(paths: Iterable[str | Path] = (), include_default: bool = True) -> SourceRegistry:
    """The packaged registry, then each user file in order (later entries override)."""
    reg = SourceRegistry()
    if include_default:
        reg.load_file(DATA_DIR / DEFAULT_SOURCES)
    for p in paths:
        reg.load_file(p)
    return reg


@lru_cache(maxsize=1)
def default_registry() -> SourceRegistry:
    """The packaged registry, loaded once. Do not mutate; `load_sources()` gives a fresh one."""
    return load_sources()
