"""Per-article JSON in the shape ../shared/tools/score_extraction.py reads. Keep it stable."""

from __future__ import annotations

from newsprep.facts import SYMMETRIC_RELATIONS
from newsprep.dates import PartialDate

CORE_MIN_MENTIONS = 2


def article_json(record: dict) -> dict:
    facts = record["facts"]
    orgs = facts["orgs"]
    name = {key: org["name"] for key, org in orgs.items()}
    in_events = {key for event in facts["events"] for key, _ in event["participants"]}
    published = PartialDate(**record["published"])
    return {
        "file": record["source_path"].rsplit("/", 1)[-1] + (f"#{record['record_index']}" if record.get("record_index") is not None else ""),
        "article_id": record["article_id"],
        "title": record["title"],
        "published": published.iso(),
        "published_precision": published.precision,
        "published_label": published.label(),
        "script": record["script"],
        "organizations": [
            {"name": _name_in_article(org), "canonical_name": org["name"], "org_id": key,
             "mentions": list(dict.fromkeys(m["surface"] for m in org["mentions"])),
             "english": org["english"], "type": org["type"], "city": org["city"], "province": org["province"],
             "salience": "core" if key in in_events or len(org["mentions"]) >= CORE_MIN_MENTIONS else "minor"}
            for key, org in orgs.items() if _named_on_its_own(org)
        ],
        "provinces": facts["provinces"],
        "events": [
            {"type": e["type"], "date": PartialDate(**e["date"]).iso(), "date_label": PartialDate(**e["date"]).label(),
             "participants": [name[k] for k, _ in e["participants"] if k in name], "city": e["city"], "province": e["province"],
             "evidence": _sentence(facts, e["evidence_id"])}
            for e in facts["events"]
        ],
        "funding": [
            {"recipient": name.get(f["recipient"]), "amount_cny": f["amount_cny_min"] if f["amount_cny_min"] is not None else f["amount_cny_max"],
             "amount_cny_max": f["amount_cny_max"], "amount_text": f["amount_text"], "currency": f["currency"],
             "qualifier": f["qualifier"], "round": f["round"], "investors": [name[k] for k, _ in f["investors"] if k in name],
             "lead_investors": [name[k] for k, lead in f["investors"] if lead and k in name],
             "date": PartialDate(**f["date"]).iso(), "evidence": _sentence(facts, f["evidence_id"])}
            for f in facts["funding"]
        ],
        "people": [{"name": p["name"], "org": name.get(p["org"]), "role": p["role"]} for p in facts["people"]],
        # a relation end that names no organization of the article is left out, never a crash
        "relations": [{"a": name[r["a"]], "b": name[r["b"]], "type": r["type"]}
                      for r in _unique(facts["relations"])
                      if r["type"] != "co_mention" and r["a"] in name and r["b"] in name],
    }


def _named_on_its_own(org: dict) -> bool:
    """An organization named only inside a unit's name (北京大学 in 北京大学人工智能研究院) is kept in
    the tables for its part_of relation, but the article does not mention it on its own."""
    return any(not m["rule_id"].startswith("nested_parent:") for m in org["mentions"])


def _name_in_article(org: dict) -> str:
    """The canonical name where the article uses it, else the form the article uses most
    (成都高新区 for 成都高新技术产业开发区): the extract shows what this article says."""
    surfaces = [m["surface"] for m in org["mentions"]]
    if org["name"] in surfaces or not surfaces:
        return org["name"]
    return max(dict.fromkeys(surfaces), key=surfaces.count)


def _sentence(facts: dict, evidence_id: str) -> str | None:
    return next((e["sentence"] for e in facts["evidence"] if e["evidence_id"] == evidence_id), None)


def _unique(relations: list[dict]) -> list[dict]:
    seen, result = set(), []
    for r in relations:
        pair = tuple(sorted((r["a"], r["b"]))) if r["type"] in SYMMETRIC_RELATIONS else (r["a"], r["b"])
        key = (*pair, r["type"])
        if key not in seen:
            seen.add(key)
            result.append(r)
    return result
