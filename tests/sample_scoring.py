"""The project's own scorer: extract output against gold annotations in the shape of
tests/fixtures/sample_gold.json (the same shape as the team's gold files).

Matching rules (the team's conventions, gold/README.md):
  * names are compared after NFKC, lower-casing and dropping white space; a predicted
    organization is right when its name equals a gold organization's name, one of its mentions
    or its English name; a wrong one that names (or contains) a `must_not_extract` entry is a leak;
  * recall is over `core` organizations; type and province accuracy are over the right
    predictions that state a type, and whose gold organization has a province;
  * a date matches when it agrees with the gold down to the gold's precision ("2023-04" is
    matched by "2023-04" and "2023-04-17", not by "2023"); a published date predicted where the
    gold has none, and not listed in `published_ok`, is invented;
  * an event is found when a predicted event has the same type ("alliance" counts as
    "establishment"), shares at least one participant, and matches the gold date where there is one;
  * a funding round is found when a predicted round has the same recipient and an amount in yuan
    within 0.5% of the gold floor; a predicted round is right when it is one of the article's gold
    rounds; investors are counted on the found round's best-matching prediction;
  * a person is found by name.
"""

from __future__ import annotations

import math
import unicodedata
from collections import Counter
from pathlib import PurePath

AMOUNT_TOLERANCE = 0.005
EVENT_TYPE_ALIASES = {"alliance": "establishment"}


def normalize(text) -> str:
    """NFKC, lower case, no white space; '' for None."""
    if text is None:
        return ""
    return "".join(unicodedata.normalize("NFKC", str(text)).lower().split())


def date_matches(gold: str | None, predicted: str | None) -> bool:
    """True when `predicted` agrees with `gold` on every part `gold` gives (no gold: anything goes)."""
    if not gold:
        return True
    if not predicted:
        return False
    gold_parts = str(gold).split("-")
    predicted_parts = str(predicted)[:10].split("-")
    return predicted_parts[: len(gold_parts)] == gold_parts


def _event_type(value) -> str:
    value = normalize(value)
    return EVENT_TYPE_ALIASES.get(value, value)


def _name_of(item) -> str | None:
    return item.get("name") if isinstance(item, dict) else item


def _ratio(part: float, whole: float) -> float:
    return part / whole if whole else math.nan


def _f1(precision: float, recall: float) -> float:
    if math.isnan(precision) or math.isnan(recall):
        return math.nan
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


class _GoldArticle:
    """One gold article with its organizations indexed by every name they go by."""

    def __init__(self, gold: dict):
        self.gold = gold
        self.orgs = gold.get("organizations", [])
        self.by_key: dict[str, dict] = {}
        for org in self.orgs:
            for key in [org.get("name"), org.get("english"), *(org.get("mentions") or [])]:
                if normalize(key):
                    self.by_key.setdefault(normalize(key), org)
        self.boilerplate = [normalize(n) for n in gold.get("must_not_extract", []) if normalize(n)]

    def org(self, name) -> dict | None:
        return self.by_key.get(normalize(name))

    def identity(self, name) -> str:
        """The gold organization's canonical name, or the normalized string itself when unknown."""
        org = self.org(name)
        return org["name"] if org else normalize(name)

    def is_boilerplate(self, name) -> bool:
        key = normalize(name)
        return any(term == key or term in key for term in self.boilerplate)


def _find_prediction(gold: dict, predictions: dict[str, dict]) -> dict | None:
    for key in (gold.get("file"), gold.get("id")):
        if key:
            name = PurePath(key).name
            found = predictions.get(name) or predictions.get(PurePath(name).stem)
            if found is not None:
                return found
    return None


def _index_predictions(predictions: list[dict]) -> dict[str, dict]:
    index = {}
    for prediction in predictions:
        name = PurePath(str(prediction.get("file") or prediction.get("id") or "")).name
        index.setdefault(name, prediction)
        index.setdefault(PurePath(name).stem, prediction)
    return index


def _amount_close(gold_amount, predicted_amount) -> bool:
    if gold_amount is None:
        return True
    if predicted_amount is None:
        return False
    return abs(float(predicted_amount) - float(gold_amount)) <= AMOUNT_TOLERANCE * float(gold_amount)


def _score_article(art: _GoldArticle, prediction: dict, counts: Counter) -> dict:
    gold = art.gold
    detail = {"id": gold.get("id"), "wrong": [], "leaks": [], "missed_core": [],
              "missed_events": [], "missed_rounds": [], "missed_people": []}

    # organizations
    found = set()
    for predicted in prediction.get("organizations") or []:
        name = _name_of(predicted)
        counts["org_pred"] += 1
        match = art.org(name)
        if match is None:
            if art.is_boilerplate(name):
                counts["leaks"] += 1
                detail["leaks"].append(name)
            else:
                detail["wrong"].append(name)
            continue
        counts["org_pred_ok"] += 1
        found.add(match["name"])
        if isinstance(predicted, dict):
            if predicted.get("type") is not None:
                counts["type_n"] += 1
                counts["type_ok"] += predicted["type"] == match.get("type")
            if match.get("province"):
                counts["prov_n"] += 1
                counts["prov_ok"] += normalize(predicted.get("province")) == normalize(match["province"])
    core = [o["name"] for o in art.orgs if o.get("salience", "core") == "core"]
    counts["core"] += len(core)
    counts["core_found"] += sum(name in found for name in core)
    detail["missed_core"] = [name for name in core if name not in found]

    # provinces of the article
    gold_provinces = {normalize(p) for p in gold.get("provinces", [])}
    predicted_provinces = {normalize(p) for p in prediction.get("provinces") or []}
    counts["aprov_tp"] += len(gold_provinces & predicted_provinces)
    counts["aprov_gold"] += len(gold_provinces)
    counts["aprov_pred"] += len(predicted_provinces)

    # published date
    published = prediction.get("published")
    detail["published"] = (published, gold.get("published"))
    if gold.get("published"):
        counts["pub_n"] += 1
        counts["pub_ok"] += date_matches(gold["published"], published)
    elif published and published not in (gold.get("published_ok") or []):
        counts["invented"] += 1

    # events
    predicted_events = [
        (_event_type(e.get("type")), {art.identity(p) for p in e.get("participants") or []}, e.get("date"))
        for e in prediction.get("events") or []
    ]
    for event in gold.get("events", []):
        counts["ev_gold"] += 1
        participants = {art.identity(p) for p in event.get("participants", [])}
        kind = _event_type(event.get("type"))
        if any(other_kind == kind and participants & others and date_matches(event.get("date"), date)
               for other_kind, others, date in predicted_events):
            counts["ev_found"] += 1
        else:
            detail["missed_events"].append(f"{event.get('type')} {event.get('date')} {event.get('participants')}")

    # funding rounds
    gold_rounds = gold.get("funding", [])
    predicted_rounds = prediction.get("funding") or []

    def same_round(gold_round, predicted_round) -> bool:
        recipient = art.org(predicted_round.get("recipient"))
        return (recipient is not None and recipient is art.org(gold_round.get("recipient"))
                and _amount_close(gold_round.get("amount_cny"), predicted_round.get("amount_cny")))

    counts["fund_pred"] += len(predicted_rounds)
    counts["fund_pred_ok"] += sum(any(same_round(g, p) for g in gold_rounds) for p in predicted_rounds)
    for gold_round in gold_rounds:
        counts["fund_gold"] += 1
        investors = {art.identity(i) for i in gold_round.get("investors", [])}
        counts["inv_gold"] += len(investors)
        candidates = [p for p in predicted_rounds if same_round(gold_round, p)]
        if not candidates:
            detail["missed_rounds"].append(f"{gold_round.get('recipient')} {gold_round.get('amount_cny')}")
            continue
        counts["fund_found"] += 1
        counts["inv_found"] += max(len(investors & {art.identity(i) for i in p.get("investors") or []})
                                   for p in candidates)

    # people
    gold_people = {normalize(p["name"]) for p in gold.get("people", [])}
    predicted_people = {normalize(_name_of(p)) for p in prediction.get("people") or []}
    counts["ppl_gold"] += len(gold_people)
    counts["ppl_pred"] += len(prediction.get("people") or [])
    counts["ppl_found"] += len(gold_people & predicted_people)
    detail["missed_people"] = sorted(gold_people - predicted_people)
    return detail


def score(gold: list[dict], predictions: list[dict]) -> tuple[dict, list[dict]]:
    """Summary figures and one detail record per gold article."""
    counts: Counter = Counter()
    index = _index_predictions(predictions)
    details = []
    for article in gold:
        prediction = _find_prediction(article, index)
        if prediction is None:
            counts["missing_articles"] += 1
            prediction = {}
        details.append(_score_article(_GoldArticle(article), prediction, counts))
    org_precision = _ratio(counts["org_pred_ok"], counts["org_pred"])
    org_recall = _ratio(counts["core_found"], counts["core"])
    summary = {
        "articles": len(gold),
        "missing_articles": counts["missing_articles"],
        "org_precision": org_precision,
        "org_recall_core": org_recall,
        "org_f1": _f1(org_precision, org_recall),
        "org_type_acc": _ratio(counts["type_ok"], counts["type_n"]),
        "org_province_acc": _ratio(counts["prov_ok"], counts["prov_n"]),
        "article_province_f1": _f1(_ratio(counts["aprov_tp"], counts["aprov_pred"]),
                                   _ratio(counts["aprov_tp"], counts["aprov_gold"])),
        "boilerplate_leaks": counts["leaks"],
        "published_acc": _ratio(counts["pub_ok"], counts["pub_n"]),
        "invented_dates": counts["invented"],
        "event_recall": _ratio(counts["ev_found"], counts["ev_gold"]),
        "funding_recall": _ratio(counts["fund_found"], counts["fund_gold"]),
        "funding_precision": _ratio(counts["fund_pred_ok"], counts["fund_pred"]),
        "investor_recall": _ratio(counts["inv_found"], counts["inv_gold"]),
        "people_recall": _ratio(counts["ppl_found"], counts["ppl_gold"]),
    }
    return summary, details


def report(details: list[dict]) -> str:
    """What went wrong, article by article: for a failing floor's assertion message."""
    lines = []
    for d in details:
        kinds = ("missed_core", "wrong", "leaks", "missed_events", "missed_rounds", "missed_people")
        problems = {k: d[k] for k in kinds if d[k]}
        published, gold_published = d["published"]
        lines.append(f"{d['id']}: published {published!r} (gold {gold_published!r})")
        lines.extend(f"   {k}: {v}" for k, v in problems.items())
    return "\n".join(lines)
