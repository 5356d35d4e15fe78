"""Exact and near-duplicate detection, so syndicated copies are linked, not double-counted.

- Exact: the content hash (`dragoman.records.content_hash`, whitespace-normalised),
  which is also a Document's default `doc_id`.
- Near: MinHash (datasketch) over word 5-shingles of the lower-cased text
  (headline line and dateline left out: copies retitle and re-dateline); an
  LSH index proposes candidates and the estimated Jaccard similarity must be at
  least `threshold` (0.8). A wire story republished with a different headline
  or one sentence changed is a near-duplicate; a different story on the same
  event is not.

The signature of a text is a few KB of bytes (`Deduper.signature`); the store
keeps it next to the document so that a later run, pre-loaded with
`Deduper.add(doc_id, signature=...)`, still catches copies of what it stored
before.

    dd = Deduper()
    for doc_id, sig in store.signatures():
        dd.load(doc_id, sig)                      # = dd.add(doc_id, signature=sig)
    for doc in docs:
        dup = dd.seen(doc)                        # None, or the earlier doc_id
        ...                                       # store doc with dd.dump(doc.doc_id)
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Iterator

from datasketch import LeanMinHash, MinHash, MinHashLSH

from dragoman.records import Document, content_hash

__all__ = ["Deduper", "DuplicateMatch", "body_for_comparison", "shingles", "mark_duplicates"]

_WORD = re.compile(r"\w+", re.UNICODE)


# "CAIRO (Reuters) - ", "ISTANBUL, March 3 (AP) — ", "WASHINGTON — "
_DATELINE = re.compile(r"^[A-Z][A-Z .'’/-]{1,40}(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([^()\n]{1,40}\))?\s*(?:-{1,2}|–|—)\s*")


def body_for_comparison(text: str) -> str:
    """The text as compared for near-duplicates: without a headline-like first
    line and without a leading dateline, the parts syndicated copies change."""
    first, sep, rest = text.strip().partition("\n")
    words = first.split()
    if sep and rest.strip() and 2 <= len(words) <= 25 and not first.rstrip().endswith((".", ":", ";", ",")):
        text = rest.strip()
    return _DATELINE.sub("", text, count=1)


def shingles(text: str, k: int = 5) -> set[str]:
    """Word k-shingles of the lower-cased text (the whole text if shorter than k words)."""
    words = _WORD.findall(text.lower())
    if not words:
        return set()
    if len(words) < k:
        return {" ".join(words)}
    return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}


class _BandIndex:
    """LSH over MinHash bands, kept in one plain dict per band: band bytes -> doc id (a tuple of ids when
    several documents share the band).

    datasketch's in-memory `MinHashLSH` keeps a set per bucket, so every band of every
    document is one more object for Python's cyclic GC to scan on each full collection
    while a corpus is ingested; strings and tuples of strings are not scanned. The
    number of bands and rows per band are datasketch's choice for the threshold.
    """

    def __init__(self, threshold: float, num_perm: int) -> None:
        params = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._ranges = [(i * params.r, (i + 1) * params.r) for i in range(params.b)]
        self._tables: list[dict[bytes, str | tuple[str, ...]]] = [{} for _ in self._ranges]

    def _keys(self, m: LeanMinHash) -> list[bytes]:
        values = m.hashvalues
        return [values[lo:hi].tobytes() for lo, hi in self._ranges]

    def insert(self, doc_id: str, m: LeanMinHash) -> None:
        for table, key in zip(self._tables, self._keys(m)):
            held = table.get(key)
            table[key] = doc_id if held is None else (*held, doc_id) if isinstance(held, tuple) else (held, doc_id)

    def query(self, m: LeanMinHash) -> set[str]:
        """The documents sharing at least one band with `m`."""
        found: set[str] = set()
        for table, key in zip(self._tables, self._keys(m)):
            held = table.get(key)
            if isinstance(held, tuple):
                found.update(held)
            elif held is not None:
                found.add(held)
        return found


@dataclass(frozen=True)
class DuplicateMatch:
    doc_id: str  # the earlier document (the first copy seen)
    kind: str  # "exact" | "near"
    similarity: float  # 1.0 for exact, estimated Jaccard for near


class Deduper:
    """Remembers the documents seen so far and finds copies among them.

    `threshold` is the Jaccard similarity of 5-shingle sets above which two
    texts are copies; `num_perm` the MinHash size (256 gives an estimate within
    about ±0.03 at 0.8). Signatures are only comparable between Dedupers with
    the same `num_perm`, `seed` and `k`.
    """

    def __init__(self, threshold: float = 0.8, num_perm: int = 256, k: int = 5, seed: int = 1) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError("threshold must be in (0, 1]")
        self.threshold = threshold
        self.num_perm = num_perm
        self.k = k
        self.seed = seed
        # the LSH band threshold sits below the decision threshold so that pairs
        # near it become candidates; the estimated Jaccard then decides
        self._lsh = _BandIndex(max(0.3, threshold - 0.15), num_perm)
        self._minhashes: dict[str, LeanMinHash] = {}
        self._by_hash: dict[str, str] = {}  # content hash -> doc_id
        self._root: dict[str, str] = {}  # doc_id -> the first copy it duplicates
        self._order: dict[str, int] = {}
        # drawn once: MinHash() would redraw the same 2 x num_perm random parameters for every document
        self._proto = MinHash(num_perm=num_perm, seed=seed)

    # ---- signatures
    def _empty_minhash(self) -> MinHash:
        """A fresh MinHash sharing this Deduper's permutations (`_proto`)."""
        proto = self._proto
        return MinHash(num_perm=self.num_perm, seed=self.seed, permutations=proto.permutations, scheme=proto.scheme)

    def minhash(self, text: str) -> LeanMinHash:
        m = self._empty_minhash()
        sh = shingles(body_for_comparison(text), self.k)
        if sh:
            m.update_batch([s.encode("utf-8") for s in sh])
        return LeanMinHash(m)

    def signature(self, text: str) -> bytes:
        """Serialised MinHash of a text, for the store to keep."""
        return self.to_bytes(self.minhash(text))

    @staticmethod
    def to_bytes(m: LeanMinHash) -> bytes:
        buf = bytearray(m.bytesize())
        m.serialize(buf)
        return bytes(buf)

    def from_signature(self, data: bytes) -> LeanMinHash:
        """A MinHash from `signature()` bytes; ValueError if it is not one of ours."""
        try:
            m = LeanMinHash.deserialize(bytes(data))
        except Exception as e:  # struct.error, ValueError from a foreign blob
            raise ValueError(f"not a MinHash signature: {e}") from None
        if len(m.hashvalues) != self.num_perm or m.seed != self.seed:
            raise ValueError(f"signature has num_perm={len(m.hashvalues)} seed={m.seed}, expected num_perm={self.num_perm} seed={self.seed}")
        return m

    # ---- index
    def __len__(self) -> int:
        return len(self._minhashes)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._minhashes

    def add(
        self,
        doc_id: str,
        text: str | None = None,
        *,
        signature: bytes | None = None,
        text_hash: str | None = None,
        duplicate_of: str | None = None,
    ) -> None:
        """Remember a document, from its text or from a stored signature.

        With only a signature, pass `text_hash` (the content hash) if it differs
        from `doc_id`, so exact copies are still found. `duplicate_of` records
        that the document itself is a copy, so later copies link to the first.
        """
        if text is None and signature is None:
            raise ValueError("add() needs the text or a signature")
        if doc_id in self._minhashes:
            return
        m = self.minhash(text) if text is not None else self.from_signature(signature)  # type: ignore[arg-type]
        h = content_hash(text) if text is not None else (text_hash or doc_id)
        self._remember(doc_id, m, h, duplicate_of)

    def _remember(self, doc_id: str, m: LeanMinHash, h: str, duplicate_of: str | None) -> None:
        self._by_hash.setdefault(h, doc_id)
        self._minhashes[doc_id] = m
        self._order[doc_id] = len(self._order)
        self._root[doc_id] = self._root.get(duplicate_of, duplicate_of) if duplicate_of else doc_id
        self._lsh.insert(doc_id, m)

    def load(self, doc_id: str, signature: bytes, text_hash: str | None = None) -> None:
        """Pre-load a stored document by its signature (`add(doc_id, signature=...)`)."""
        self.add(doc_id, signature=signature, text_hash=text_hash)

    def dump(self, doc_id: str) -> bytes | None:
        """The signature bytes of a remembered document (for the store), or None."""
        m = self._minhashes.get(doc_id)
        return self.to_bytes(m) if m is not None else None

    def check(self, doc: Document | str, doc_id: str | None = None) -> DuplicateMatch | None:
        """The earlier copy of this document, if any (does not remember it)."""
        text = doc if isinstance(doc, str) else doc.text
        own_id = doc_id if doc_id is not None else (None if isinstance(doc, str) else doc.doc_id)
        return self._check(text, own_id, content_hash(text), None)

    def _check(self, text: str, own_id: str | None, h: str, m: LeanMinHash | None) -> DuplicateMatch | None:
        """`check` with the content hash and, when already computed, the MinHash of `text` passed in."""
        if h in self._by_hash:
            first = self._by_hash[h]
            return DuplicateMatch(self._root.get(first, first), "exact", 1.0)
        if own_id and own_id in self._minhashes:
            return DuplicateMatch(self._root.get(own_id, own_id), "exact", 1.0)
        if not self._minhashes:
            return None
        m = m if m is not None else self.minhash(text)
        best: tuple[float, int, str] | None = None
        for cand in self._lsh.query(m):
            sim = float(m.jaccard(self._minhashes[cand]))
            if sim >= self.threshold:
                key = (sim, -self._order[cand], cand)
                if best is None or key > best:
                    best = key
        if best is None:
            return None
        return DuplicateMatch(self._root.get(best[2], best[2]), "near", best[0])

    def seen(self, doc: Document) -> str | None:
        """The doc_id of an earlier exact or near copy, or None; then remember `doc`.

        For an exact copy the answer is the first copy's id, which is usually
        `doc.doc_id` itself (doc ids are content hashes): the caller skips it.
        For a near copy the caller stores the document with `duplicate_of` set.
        """
        # the hash and MinHash are computed once here and shared by the check and the add (each costs
        # about as much as the other)
        h = content_hash(doc.text)
        if h in self._by_hash or doc.doc_id in self._minhashes:
            match = self._check(doc.text, doc.doc_id, h, None)  # exact: nothing to remember
            return match.doc_id if match else None
        m = self.minhash(doc.text)
        match = self._check(doc.text, doc.doc_id, h, m)
        self._remember(doc.doc_id, m, h, match.doc_id if match else None)
        return match.doc_id if match else None


def mark_duplicates(items: Iterable[Document | Exception], deduper: Deduper | None = None) -> Iterator[Document | Exception]:
    """Set `duplicate_of` on each Document that copies an earlier one; pass errors through."""
    dd = deduper or Deduper()
    for item in items:
        if isinstance(item, Document):
            item.duplicate_of = dd.seen(item)
        yield item
