"""Every rule and gazetteer file is checked before any article is processed: a damaged file (a
missing column, a row with an unquoted comma, a regex that does not compile, a file gone) stops
the run with one RuleFileError naming the file and the problem, instead of failing every article
one by one and leaving an empty snapshot behind."""

from __future__ import annotations

from functools import cache

from newsprep.errors import RuleFileError
from newsprep.resources import read_text, rules_fingerprint

# file → the columns the code reads from it
REQUIRED_COLUMNS = {
    "organizations.csv": ("org_id", "name", "aliases", "english", "type", "city", "province", "source"),
    "boilerplate_markers.csv": ("marker_id", "kind", "match", "pattern", "min_position"),
    "event_triggers.csv": ("trigger_id", "event_type", "pattern", "priority"),
    "relation_patterns.csv": ("pattern_id", "relation", "direction", "cue"),
    "funding_cues.csv": ("cue_id", "kind", "pattern"),
    "money_traps.csv": ("trap_id", "where", "pattern"),
    "page_furniture.csv": ("rule_id", "field", "where", "pattern", "priority"),
    "government_departments.csv": ("dept_id", "level", "full", "short_forms", "type", "source"),
    "fx_rates.csv": ("currency", "year", "cny_per_unit"),
    "org_suffixes.csv": ("suffix_id", "suffix", "type", "needs_proper_prefix", "weak", "open_left", "min_prefix",
                         "descriptive_min"),
    "org_designation_prefixes.csv": ("prefix",),
    "person_roles.csv": ("role_id", "role", "position"),
    "place_abbreviations.csv": ("abbreviation", "place"),
    "name_words.csv": ("word", "role"),
}


def _loaders():
    from newsprep import clean, events, funding, furniture, gazetteer, government, money, orgs, people, places, relations

    return [clean.boilerplate_markers, events.triggers, relations.relation_patterns, funding.funding_cues,
            funding.money_traps, furniture.furniture_rules, government.generated_bodies, money.fx_table,
            gazetteer.gazetteer, orgs.suffixes, orgs.designation_prefixes, orgs.evaluative_words, orgs.role_words,
            orgs.foreign_places, orgs.generic_words, people._roles, people._surnames, places.place_index,
            places.abbreviated_place]


def check_rule_files() -> None:
    """Raise RuleFileError for the first damaged rule file; checked once per set of file contents."""
    _check(rules_fingerprint())


@cache
def _check(fingerprint: str) -> None:
    for name, columns in REQUIRED_COLUMNS.items():
        header = next((line for line in read_text(name).splitlines() if line.strip() and not line.startswith("#")), "")
        missing = [c for c in columns if c not in [h.strip() for h in header.split(",")]]
        if missing:
            raise RuleFileError(f"newsprep/resources/{name} lacks the column(s) {', '.join(missing)} in its header line.")
    for loader in _loaders():
        try:
            loader()
        except RuleFileError:
            raise
        except Exception as err:  # noqa: BLE001 - any damage becomes one sentence naming the rule
            raise RuleFileError(f"a rule file is damaged: {loader.__module__}.{loader.__name__} failed "
                                f"({type(err).__name__}: {err}).") from err
