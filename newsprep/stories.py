"""Story clusters: the same story published by several sites is one story.

Syndicated copies differ in their headers, footers, trims and script, so equal ids (the article id
hashes the whole cleaned text) are not enough. Each text becomes a MinHash signature of its
character 5-grams; locality-sensitive hashing (datasketch's MinHashLSH) proposes candidate pairs
in near-linear time, and a pair joins one cluster when the estimated Jaccard similarity of the
two texts clears STORY_SIMILARITY. No all-pairs comparison is ever made.
"""

from __future__ import annotations

import re
import zlib
from typing import Iterable

SHINGLE_CHARS = 5
NUM_PERM = 64
# Copies with a different site header and a few paragraphs trimmed score about 0.6–0.9; two
# different reports of the same event, written separately, score below 0.2.
STORY_SIMILARITY = 0.5
LSH_THRESHOLD = 0.45  # a little under the verdict, so LSH does not miss pairs near the line


def shingles(text: str) -> set[bytes]:
    """Character 5-grams of the text without white space and punctuation (encoded for hashing)."""
    core = re.sub(r"[\W_]+", "", text or "").lower()
    if len(core) <= SHINGLE_CHARS:
        return {core.encode("utf-8")} if core else set()
    return {core[i:i + SHINGLE_CHARS].encode("utf-8") for i in range(len(core) - SHINGLE_CHARS + 1)}


def story_clusters(articles: Iterable[tuple[str, str]]) -> dict[str, str]:
    """article id → cluster id for (article id, text) pairs. The cluster id is the smallest
    article id among its members, so it is stable while the membership is."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    signatures: dict[str, MinHash] = {}
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for article_id, text in articles:
        if article_id in parent:
            continue
        parent[article_id] = article_id
        grams = shingles(text)
        if not grams:
            continue
        # crc32 (C, deterministic) instead of datasketch's default sha1 per shingle: half the time
        signature = MinHash(num_perm=NUM_PERM, hashfunc=zlib.crc32)
        signature.update_batch(list(grams))
        for other in lsh.query(signature):
            if signature.jaccard(signatures[other]) >= STORY_SIMILARITY:
                a, b = root(article_id), root(other)
                if a != b:
                    parent[max(a, b)] = min(a, b)
        lsh.insert(article_id, signature)
        signatures[article_id] = signature
    return {article_id: root(article_id) for article_id in parent}


def with_story_clusters(articles):
    """The articles table with its cluster_id filled in: kept where a build already stored it (the
    per-article tables of a snapshot), computed over every article otherwise."""
    if "cluster_id" in articles.columns and articles["cluster_id"].notna().all():
        return articles
    clusters = story_clusters(zip(articles["article_id"], articles["text"].fillna("")))
    return articles.assign(cluster_id=articles["article_id"].map(clusters)).astype({"cluster_id": "string"})
