"""Every rule and word file loads: a broken row (an unquoted comma in a regex) fails here, not on
every article of a build."""

import pytest

from newsprep import clean, events, funding, furniture, gazetteer, government, money, orgs, people, places, relations

LOADERS = [
    clean.boilerplate_markers, events.triggers, relations.relation_patterns, funding.funding_cues,
    funding.money_traps, furniture.furniture_rules, government.generated_bodies, money.fx_table,
    gazetteer.gazetteer, orgs.suffixes, orgs.designation_prefixes, orgs.evaluative_words, orgs.role_words,
    orgs.foreign_places, orgs.generic_words, people._roles, people._surnames, places.place_index,
]


@pytest.mark.parametrize("loader", LOADERS, ids=lambda f: f"{f.__module__}.{f.__name__}")
def test_resource_loads_and_is_not_empty(loader):
    loaded = loader()
    assert len(getattr(loaded, "orgs", loaded)) > 0


@pytest.mark.parametrize("role", ["left_stop", "inner", "follower", "not_follower", "descriptor", "venue_ending"])
def test_every_name_word_list_has_words(role):
    assert len(orgs.name_words(role)) > 0
