"""Organization mentions: the gazetteer's names, and rules that find organizations it does not know.

Sources of mentions:
  * the gazetteer (gazetteer.py): every name and alias, longest first; short aliases (two
    characters) only where jieba also sees a whole word, so 之江 never fires inside another word;
    a known unit named after a known parent (中国科学院成都分院) keeps the parent for part_of;
  * name rules (resources/org_suffixes.csv): a name ends with an institutional suffix (实验室,
    研究院, 有限公司, 资本 …) and extends left over name-like words until a boundary (punctuation,
    a function word, a verb). The part before the suffix must be proper — a place, a Latin name,
    a known organization or a word outside common vocabulary — unless the suffix itself marks a
    name (国家重点实验室). A unit named after a known parent (北京大学国际机器学习研究中心) is kept
    with its parent as a part_of relation, except departments of companies and committees;
  * compound names: joint units named after two partners (A-B联合实验室), registered names with
    a city in brackets, units listed after one named with its parent, a Latin name after the kind
    of organization it is (荷兰初创公司Qblox);
  * context: 省政府, 省科技厅, 市委 without a place are the bodies of the province or city the story
    clearly centres on (government.py's department table);
  * short forms: a registered company name's short name (昉擎科技) and a Latin name's first word
    are the same organization wherever they stand.
Names found by the part they play (the subject of a round, an investor in a list) are added by
funding.py's callers in extract.py, not here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from newsprep import places
from newsprep.government import contextual_name as government_contextual_name
from newsprep.facts import unknown_org_id
from newsprep.gazetteer import KnownOrg, gazetteer
from newsprep.nlp import Token, word_tags
from newsprep.resources import read_rows, read_words

MAX_PREFIX_CHARS = 20
SHORT_ALIAS_CHARS = 2
LATIN = re.compile(r"[A-Za-z]")
PUNCT_OR_SPACE = re.compile(r"^[\W_]+$")

TITLE_AFTER_ORG = ("院士", "外籍院士")
NAME_TAGS_PREFIXES = ("n", "s", "a", "b", "j", "vn", "an", "eng", "g")
# A unit under a parent of these types becomes its own organization (a lab's research centre);
# units of companies (a corporate lab) and committees of anything stay part of their parent.
NESTING_PARENT_TYPES = frozenset({"university", "research_institute", "lab", "hospital", "other"})
NESTING_UNIT_TYPES = frozenset({"university", "research_institute", "lab", "hospital", "other"})


@dataclass(frozen=True)
class Suffix:
    suffix_id: str
    suffix: str
    type: str
    needs_proper_prefix: bool
    weak: bool
    open_left: bool
    min_prefix: int
    descriptive_min: int


@cache
def suffixes() -> tuple[Suffix, ...]:
    rows = read_rows("org_suffixes.csv")
    items = [Suffix(r["suffix_id"], r["suffix"], r["type"], r["needs_proper_prefix"] == "1", r["weak"] == "1",
                    r["open_left"] == "1", int(r["min_prefix"]), int(r["descriptive_min"])) for r in rows]
    return tuple(sorted(items, key=lambda s: len(s.suffix), reverse=True))


@cache
def suffixes_by_last_char() -> dict[str, tuple[Suffix, ...]]:
    """Suffixes grouped by their last character, longest first: a token is only checked against
    the few suffixes that can end it."""
    grouped: dict[str, list[Suffix]] = {}
    for suffix in suffixes():
        grouped.setdefault(suffix.suffix[-1], []).append(suffix)
    return {char: tuple(items) for char, items in grouped.items()}


@cache
def designation_prefixes() -> tuple[str, ...]:
    return tuple(row["prefix"] for row in read_rows("org_designation_prefixes.csv"))


DESIGNATED_TYPES = frozenset({"lab", "research_institute", "other"})


@cache
def evaluative_words() -> frozenset[str]:
    return frozenset(read_words("evaluative_words.txt"))


@cache
def role_words() -> frozenset[str]:
    """Titles that may follow an organization's name (深势科技创始人): not part of the name."""
    return frozenset(row["role"] for row in read_rows("person_roles.csv"))


@cache
def foreign_places() -> tuple[str, ...]:
    return tuple(sorted(read_words("foreign_places.txt"), key=len, reverse=True))


def _after_foreign_place(text: str, start: int) -> bool:
    return text[max(0, start - 5):start].endswith(foreign_places())


@cache
def name_words(role: str) -> frozenset[str]:
    """A word list of resources/name_words.csv: left_stop, inner, follower, not_follower, descriptor."""
    return frozenset(row["word"] for row in read_rows("name_words.csv") if row["role"] == role)


@cache
def generic_words() -> frozenset[str]:
    return frozenset(read_words("generic_name_words.txt"))


@dataclass
class OrgMention:
    """One mention of an organization in the cleaned text."""

    start: int
    end: int
    surface: str
    name: str  # canonical name of the organization it refers to
    type: str
    rule_id: str
    known: KnownOrg | None = None
    parent: "OrgMention | None" = None
    city: str | None = None
    province: str | None = None

    @property
    def org_key(self) -> str:
        return self.known.org_id if self.known else unknown_org_id(self.name)


@dataclass
class _Candidate:
    start: int
    end: int
    suffix: Suffix
    prefix_tokens: list[Token] = field(default_factory=list)


def find_org_mentions(text: str, tokens: list[Token]) -> list[OrgMention]:
    token_starts = {t.start for t in tokens}
    token_ends = {t.end for t in tokens}
    known = _gazetteer_mentions(text, token_starts, token_ends)
    index = _MentionIndex(known)
    accepted_units: dict[str, OrgMention] = {}
    generic_rejects: list[_Candidate] = []
    for candidate in _suffix_candidates(text, tokens):
        surface = text[candidate.start:candidate.end]
        if index.covering(candidate.start, candidate.end):
            continue  # already a (longer or equal) known name
        if text.startswith(TITLE_AFTER_ORG, candidate.end):
            continue
        if any(t.text in name_words("descriptor") for t in candidate.prefix_tokens):
            continue  # 荷兰初创公司, 中科院数家研究所: a description of organizations, not a name
        inner = [m for m in index.starting_in(candidate.start + 1, candidate.end)
                 if m.known is not None and m.end - m.start > SHORT_ALIAS_CHARS
                 and m.end <= candidate.end - len(candidate.suffix.suffix) and m.type in NESTING_PARENT_TYPES]
        if inner:  # 供应链联合国工业发展组织: the name starts at the known organization inside it
            candidate = _Candidate(inner[0].start, candidate.end, candidate.suffix,
                                   [t for t in candidate.prefix_tokens if t.start >= inner[0].start])
            surface = text[candidate.start:candidate.end]
        if candidate.suffix.type == "lab" and candidate.prefix_tokens and all(
                places.lookup(t.text) is not None or t.text in PLACE_LEVEL_WORDS for t in candidate.prefix_tokens):
            continue  # 广东省实验室: the category of provincial labs, not one lab
        parent = index.parent_of(candidate.start, candidate.end)
        if _is_quoted(text, candidate.start, candidate.end) and parent is None \
                and not FOUNDING_BEFORE_QUOTE.search(text, max(0, candidate.start - 6), candidate.start):
            continue  # “贝尔实验室”: a metaphor or a project, not an actor (but 共建“…研究院” names one)
        subsidiary_of = False
        if parent is not None:
            unit = text[parent.end:candidate.end]
            if candidate.suffix.weak and parent.type not in ("company", "investor"):
                continue  # 中科院科技…: a field after an institute's name, not a company of it
            if candidate.suffix.type in NESTING_UNIT_TYPES and parent.type != "company" \
                    and unit in (candidate.suffix.suffix, JOINT_WORD + candidate.suffix.suffix):
                continue  # 中科院研究所, 中国科大联合实验室: "an institute of", not a unit's name
            if unit == candidate.suffix.suffix:
                # 北京演绎科技 + 有限公司 is one company's full legal name, not a unit of it
                index.remove(parent)
                parent = None
            elif parent.type in ("company", "investor") and candidate.suffix.type in ("company", "investor"):
                # 华为数字技术有限公司: a subsidiary is a company of its own; the parent's name is
                # part of it, not a separate mention
                index.remove(parent)
                parent = None
                subsidiary_of = True
            elif JOINT_UNIT.search(unit) and candidate.suffix.type in NESTING_UNIT_TYPES:
                pass  # 阿里巴巴智能计算联合实验室: a joint unit, whatever its partners are
            elif parent.type == "government" and places.place_prefix(unit) is not None:
                pass  # 中国人民银行山东省分行, 国家金融监督管理总局山东监管局: a body's local branch
            elif parent.type == "government" and candidate.suffix.type == "other":
                pass  # 雄安新区人工智能产业园: a park of a zone
            elif parent.type not in NESTING_PARENT_TYPES or candidate.suffix.type not in NESTING_UNIT_TYPES:
                continue
        if any(m.known and m.end == candidate.end for m in index.starting_in(candidate.start + 1, candidate.end)):
            continue  # 助力深势科技, 上海浦东张江实验室: words glued before a known name
        designated = candidate.suffix.type in DESIGNATED_TYPES and surface.startswith(designation_prefixes())
        designated = designated or _descriptive_name(candidate)
        if parent is None and not subsidiary_of and not designated and candidate.suffix.needs_proper_prefix \
                and not _has_proper_word(candidate.prefix_tokens, places_count=not candidate.suffix.weak):
            generic_rejects.append(candidate)
            continue
        mention = _unknown_mention(text, candidate, parent)
        if parent is not None:
            accepted_units[text[parent.end:candidate.end]] = mention
            if parent.known is not None and parent.type in ("government", "other"):
                # 中国人民银行 inside 中国人民银行山东省分行, 联合国 inside 联合国工业发展组织: a body's
                # branch or agency is its own actor; the parent is kept for part_of, not as named
                # on its own (a university's new institute, by contrast, speaks of the university)
                parent.rule_id = f"{NESTED_PARENT_RULE}:{parent.known.org_id}"
        index.add(mention)
    venues = [m for m in index.mentions() if _is_venue(text, m)]
    found = [m for m in index.mentions() if m not in venues and not any(v.parent is m for v in venues)]
    found = _latin_appositions(text, found)
    found = _joint_names(text, found)
    found = _contextual_government(text, tokens, found)
    # A unit first named with its parent may be named alone later: 先进计算前沿研究中心; units
    # listed after one named with its parent share it: 吉林大学人工智能研究院、智能制造研究院.
    for candidate in generic_rejects:
        surface = text[candidate.start:candidate.end]
        listed_after = next((m for m in found if m.parent is not None and m.end == candidate.start - 1
                             and text[m.end:candidate.start] in UNIT_LIST_SEPARATORS), None)
        if listed_after is not None:
            name = listed_after.parent.name + surface
            mention = OrgMention(candidate.start, candidate.end, surface, name, candidate.suffix.type,
                                 "name_rule:listed_unit", None, listed_after.parent, listed_after.city,
                                 listed_after.province)
            found.append(mention)
            continue
        for unit, full in accepted_units.items():
            if surface.endswith(unit) and not any(m.start <= candidate.end - len(unit) < m.end for m in found):
                found.append(OrgMention(candidate.end - len(unit), candidate.end, unit, full.name, full.type,
                                        "name_rule:unit_alias", None, full.parent, full.city, full.province))
                break
    return _without_overlaps(_short_forms(text, found))


LEGAL_FORM = re.compile(r"(?:集团)?(?:股份有限公司|有限责任公司|有限公司)$")
BRACKETED = re.compile(r"[(（][^)）]*[)）]")
MIN_LATIN_SHORT = 5


def _short_forms(text: str, found: list[OrgMention]) -> list[OrgMention]:
    """A company first named by its registered name (上海昉擎科技有限公司) is then called by its
    short name (昉擎科技): the registered name without its place, brackets and legal form. A Latin
    name of several words (Quantonation Ventures) by its first word. Both are the same organization."""
    shorts: dict[str, OrgMention] = {}
    for mention in found:
        if mention.known is not None or mention.type not in ("company", "investor"):
            continue
        if LEGAL_FORM.search(mention.name):
            short = BRACKETED.sub("", LEGAL_FORM.sub("", mention.name))
            place = places.place_prefix(short)
            if place is not None:
                prefix = next((n for n in (place.name, place.city, place.province) if n and short.startswith(n)), "")
                short = short[len(prefix):]
            if len(short) >= 3 and short not in generic_words():
                shorts.setdefault(short, mention)
        elif " " in mention.name and mention.name.isascii():
            first = mention.name.split()[0]
            if len(first) >= MIN_LATIN_SHORT:
                shorts.setdefault(first, mention)
    added = []
    for index, mention in enumerate(found):  # the short name found on its own by a rule is the same company
        full = shorts.get(mention.name)
        if full is not None and mention.known is None and full is not mention:
            found[index] = OrgMention(mention.start, mention.end, mention.surface, full.name, full.type,
                                      mention.rule_id, None, mention.parent, full.city, full.province)
    for short, full in shorts.items():
        for match in re.finditer(re.escape(short), text):
            start, end = match.span()
            if short.isascii() and ((start > 0 and text[start - 1].isalnum() and text[start - 1].isascii())
                                    or (end < len(text) and text[end].isalnum() and text[end].isascii())):
                continue
            if any(m.start < end and start < m.end for m in found + added):
                continue
            added.append(OrgMention(start, end, short, full.name, full.type, "name_rule:short_form", None, None,
                                    full.city, full.province))
    return found + added


def _gazetteer_mentions(text: str, token_starts: set[int], token_ends: set[int]) -> list[OrgMention]:
    """Leftmost-longest matches of gazetteer forms."""
    gaz = gazetteer()
    matches = sorted(((end + 1 - len(form), end + 1, form) for end, form in gaz.automaton.iter(text)),
                     key=lambda m: (m[0], -(m[1] - m[0])))
    mentions = []
    cursor = 0
    for start, end, form in matches:
        if start < cursor:
            continue
        if LATIN.search(form[0]) and start > 0 and text[start - 1].isascii() and text[start - 1].isalnum():
            continue  # CAS must not fire inside CASE
        if LATIN.search(form[-1]) and end < len(text) and text[end].isascii() and text[end].isalnum():
            continue
        if len(form) <= SHORT_ALIAS_CHARS and not (start in token_starts and end in token_ends):
            continue
        if text.startswith(TITLE_AFTER_ORG, end):
            continue  # 中国科学院院士 is a person's title, not a mention of the academy
        org = gaz.by_form[form]
        if form.endswith("部") and text.startswith("门", end):
            continue  # 教育部门, 财政部门: "the education authorities", not the ministry
        if org.type == "government" and _after_foreign_place(text, start):
            continue  # 美国商务部 is not China's 商务部
        parent = _known_parent(form, org, start)
        if parent is not None:
            mentions.append(parent)
        mentions.append(OrgMention(start, end, form, org.name, org.type, f"gazetteer:{org.org_id}", org, parent,
                                   org.city, org.province))
        cursor = end
    return mentions


FOUNDING_BEFORE_QUOTE = re.compile(r"(?:共建|成立|组建|设立|筹建|揭牌|启动|共同成立|联合成立)[\s了的]*[“\"「『]$")
JOINT_UNIT = re.compile(r"联合(?:实验室|研究院|研究中心|研究所|创新中心|中心)$")
UNIT_LIST_SEPARATORS = ("、", "和", "及", "与")
JOINING_DASHES = "-–—－"


def _joint_names(text: str, found: list[OrgMention]) -> list[OrgMention]:
    """中国科大-阿里巴巴智能计算联合实验室: a unit named after two partners joined by a dash is one
    organization, part of the partner named first; both partners stay mentioned."""
    result = list(found)
    for mention in found:
        if mention.known is not None or mention.start < 2 or text[mention.start - 1] not in JOINING_DASHES:
            continue
        first = next((m for m in found if m.end == mention.start - 1 and m.known is not None), None)
        if first is None:
            continue
        name = text[first.start:mention.end]
        joint = OrgMention(first.start, mention.end, name, name, mention.type, "name_rule:joint_unit", None,
                           first, first.city, first.province)
        result.remove(mention)
        result.append(joint)
    return result


CONTEXTUAL_BODY = re.compile(r"(?<![\u4e00-\u9fff]{2}[省市区])(省|市|自治区|(?<![\u4e00-\u9fff])(?=[\u4e00-\u9fff]{1,8}厅))(委(?:[\u4e00-\u9fff]{1,12}?(?:办公室|办|部|委员会|委))?|党委|"
                             r"人民政府办公厅|人民政府办公室|人民政府|政府办公厅|政府办公室|政府|"
                             r"[\u4e00-\u9fff]{1,8}?(?:厅|局|委员会|委))(?![\u4e00-\u9fff]*(?:书记|主任|常委|委员))")


def _contextual_government(text: str, tokens: list[Token], found: list[OrgMention]) -> list[OrgMention]:
    """省政府, 省科技厅, 市委 without a place name: the body of the province or city the story is
    about — the one its places and local bodies name most, and only when one clearly leads."""
    matches = [m for m in CONTEXTUAL_BODY.finditer(text)
               if not any(f.start < m.end() and m.start() < f.end for f in found)]
    if not matches:
        return found
    counts: dict[str, int] = {}
    cities: dict[str, int] = {}
    for _, _, place in places.places_in(text, tokens):
        counts[place.province] = counts.get(place.province, 0) + 1
        if place.city:
            cities[place.city] = cities.get(place.city, 0) + 1
    for mention in found:  # local bodies name the story's place; national ones (国务院) do not
        if mention.type == "government" and mention.province and places.place_prefix(mention.name.removeprefix("中共")):
            counts[mention.province] = counts.get(mention.province, 0) + 2
    if not counts:
        return found
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
        return found  # no province clearly leads: 省政府 stays unresolved
    province = places.lookup(ranked[0][0])
    city = max((c for c in cities if (places.lookup(c) or province).province == province.province),
               key=lambda c: cities[c], default=None)
    result = list(found)
    gaz = gazetteer()
    for match in matches:
        level_word, form = match.group(1), match.group(2)
        place = province if level_word != "市" or province.province in places.MUNICIPALITIES else places.lookup(city)
        if place is None:
            continue
        name = government_contextual_name(level_word, form, place)
        known = gaz.by_form.get(name) if name else None
        if known is None:
            continue
        result.append(OrgMention(match.start(), match.end(), match.group(), known.name, known.type,
                                 f"context_government:{known.org_id}", known, None, known.city, known.province))
    return sorted(result, key=lambda m: m.start)


LATIN_NAME_AFTER = re.compile(r"[A-Z][A-Za-z0-9&.'\-]*(?:\s[A-Z][A-Za-z0-9&.'\-]*){0,3}")
APPOSITION_KINDS = {"company": "company", "investor": "investor", "lab": "lab", "research_institute": "research_institute",
                    "university": "university"}


KIND_THEN_LATIN = re.compile(r"(公司|企业|初创|创企|药企|独角兽|机构|基金)(?=[A-Z])")
KIND_TYPES = {"公司": "company", "企业": "company", "初创": "company", "创企": "company", "药企": "company",
              "独角兽": "company", "机构": "investor", "基金": "investor", "实验室": "lab", "大学": "university"}


def _latin_appositions(text: str, found: list[OrgMention]) -> list[OrgMention]:
    """荷兰量子计算公司Qblox, AI制药企业Xaira Therapeutics: a description ending in a kind of
    organization, then a Latin name. The name is the organization (typed by the description's
    kind); a description a name rule took for a name is dropped."""
    names: list[OrgMention] = []
    described: list[OrgMention] = []
    for kind in KIND_THEN_LATIN.finditer(text):
        after = LATIN_NAME_AFTER.match(text, kind.end())
        name = after.group().strip() if after else ""
        if len(name) < 3 or name in generic_words():
            continue  # 公司CEO: a title, not a name
        if any(m.known is not None and m.start < after.end() and after.start() < m.end for m in found):
            continue  # the gazetteer knows the name already
        description = next((m for m in found if m.known is None and m.parent is None and m.end == kind.end()), None)
        if description is not None:
            described.append(description)
        org_type = description.type if description is not None and description.type in APPOSITION_KINDS \
            else KIND_TYPES[kind.group(1)]
        names.append(OrgMention(after.start(), after.start() + len(name), name, name, org_type,
                                "name_rule:latin_apposition"))
    return [m for m in found if m not in described] + names


NESTED_PARENT_RULE = "nested_parent"


def _known_parent(form: str, org: KnownOrg, start: int) -> OrgMention | None:
    """A known organization whose name opens a known unit's name (中国科学院 in 中国科学院成都分院,
    北京大学 in 北京大学人工智能研究院): the unit is part of it. The parent is kept for that
    relation, but named only inside the unit's name (its rule says so)."""
    gaz = gazetteer()
    for length in range(len(form) - 2, 1, -1):
        parent = gaz.by_form.get(form[:length])
        if parent is not None and parent.org_id != org.org_id:
            if parent.type not in NESTING_PARENT_TYPES or org.type not in NESTING_UNIT_TYPES:
                return None
            return OrgMention(start, start + length, form[:length], parent.name, parent.type,
                              f"{NESTED_PARENT_RULE}:{parent.org_id}", parent, None, parent.city, parent.province)
    return None


def _suffix_candidates(text: str, tokens: list[Token]) -> list[_Candidate]:
    candidates = []
    for index, token in enumerate(tokens):
        possible = suffixes_by_last_char().get(token.text[-1:], ())
        suffix = next((s for s in possible if text.endswith(s.suffix, 0, token.end)), None)
        if suffix is None:
            continue
        suffix_start = token.end - len(suffix.suffix)
        following = tokens[index + 1].text if index + 1 < len(tokens) else ""
        if following in name_words("not_follower"):
            continue
        if suffix.suffix in VERB_LIKE_SUFFIXES and following in ("的", "了", "过"):
            continue  # 赛诺菲投资的公司: "invested by", not an investment arm
        if suffix.weak and (word_tags().get(following) or "").startswith(("n", "vn")) \
                and following not in role_words() and following not in name_words("follower"):
            continue  # 科技发展, 生物医药: the suffix word is part of a longer phrase
        # the token holding the suffix's first character; everything left of the suffix is the prefix
        first = index
        while first > 0 and tokens[first].start > suffix_start:
            first -= 1
        prefix_tokens = []
        if tokens[first].start < suffix_start:
            prefix_tokens.append(Token(text[tokens[first].start:suffix_start], tokens[first].start, suffix_start))
        start = tokens[first].start
        cursor = first - 1
        bridge = None  # (position in prefix_tokens, start) of a 与 inside the name, if one was crossed
        while cursor >= 0 and suffix_start - tokens[cursor].start <= MAX_PREFIX_CHARS:
            word = tokens[cursor].text
            if word == JOINT_WORD and tokens[cursor].end == suffix_start:
                prefix_tokens.insert(0, tokens[cursor])  # 联合实验室: "joint" belongs to the unit's name
                start = tokens[cursor].start
                cursor -= 1
            elif _is_name_like(word) or (suffix.open_left and _may_stand_in_a_legal_name(word)):
                prefix_tokens.insert(0, tokens[cursor])
                start = tokens[cursor].start
                cursor -= 1
            elif suffix.open_left and word in CLOSING_BRACKETS and cursor >= 2 and tokens[cursor - 2].text in OPENING_BRACKETS \
                    and places.lookup(tokens[cursor - 1].text) is not None:
                # 康亲(厦门)控股有限公司: a registered name holds its city in brackets
                prefix_tokens[0:0] = tokens[cursor - 2:cursor + 1]
                start = tokens[cursor - 2].start
                cursor -= 3
            elif word in NAME_CONJUNCTIONS and bridge is None and _bridges_fields(tokens, cursor, prefix_tokens):
                # 脑科学与类脑研究中心: 与 joins two fields inside one name
                prefix_tokens.insert(0, tokens[cursor])
                bridge = start
                start = tokens[cursor].start
                cursor -= 1
            else:
                break
        if bridge is not None and not _has_proper_word(prefix_tokens[:_index_of(prefix_tokens, bridge) - 1]):
            # nothing proper left of 与: the name starts after it (合作与交流中心 → 交流中心)
            prefix_tokens = [t for t in prefix_tokens if t.start >= bridge]
            start = bridge
        if suffix_start - start < suffix.min_prefix:
            continue  # a bare 公司 or 重点实验室 is no name
        candidates.append(_Candidate(start, token.end, suffix, [t for t in prefix_tokens if t.text]))
    return candidates


def _is_name_like(word: str) -> bool:
    if PUNCT_OR_SPACE.match(word) or word in name_words("left_stop") or word.isdigit():
        return False
    if LATIN.search(word) or word in gazetteer().by_form or places.lookup(word) is not None:
        return True  # a place is name-like whatever jieba tags it (it tags 大连 an adverb)
    if word in name_words("inner"):
        return True
    tag = word_tags().get(word)
    if tag is None:
        return _is_proper_oov(word)
    return tag.startswith(NAME_TAGS_PREFIXES) or tag == "nt"


NAME_CONJUNCTIONS = frozenset({"与", "和"})
PLACE_LEVEL_WORDS = frozenset({"省", "市", "区", "县", "自治区"})
VERB_LIKE_SUFFIXES = frozenset({"投资", "制药"})
OPENING_BRACKETS = frozenset("(（")
JOINT_WORD = "联合"
CLOSING_BRACKETS = frozenset(")）")


def _bridges_fields(tokens: list[Token], cursor: int, prefix_tokens: list[Token]) -> bool:
    """A 与 between two subject words (脑科学 与 类脑) can stand inside a name; between two names
    (之江实验室 与 北京大学) it cannot."""
    if cursor == 0 or not prefix_tokens:
        return False
    left, right = tokens[cursor - 1].text, prefix_tokens[0].text
    return all(word not in gazetteer().by_form and places.lookup(word) is None and not LATIN.search(word)
               and (word in generic_words() or (word_tags().get(word) or "").startswith("n") or word_tags().get(word) is None)
               for word in (left, right)) and _is_name_like(left)


def _index_of(prefix_tokens: list[Token], start: int) -> int:
    return next(i for i, t in enumerate(prefix_tokens) if t.start == start)


def _may_stand_in_a_legal_name(word: str) -> bool:
    """Inside a registered company name any word may stand (演绎, 求索) but punctuation and
    function words still end it."""
    return not (PUNCT_OR_SPACE.match(word) or word in name_words("left_stop") or word.isdigit()
                or (word_tags().get(word) or "").startswith(("p", "c", "u", "r", "d", "m", "t")))


def _is_proper_oov(word: str) -> bool:
    """A word outside jieba's vocabulary is a proper noun (众源, 绛溪) unless it is an inflected verb
    (标志着) or a preposition glued to a noun by the segmenter (对脑)."""
    return (len(word) <= 6 and not word.endswith(("着", "了", "过"))
            and not word.startswith(("对", "在", "和", "与", "为", "被", "把", "从", "向", "给", "由")))


def _has_proper_word(prefix_tokens: list[Token], places_count: bool = True) -> bool:
    generic = generic_words()
    # jieba falls back to single characters on strings it has no word for (天府|绛|溪): two such
    # characters in a row are a rare proper noun
    for first, second in zip(prefix_tokens, prefix_tokens[1:]):
        if len(first.text) == len(second.text) == 1 and _is_cjk(first.text + second.text) \
                and first.text not in name_words("left_stop") and second.text not in name_words("left_stop"):
            return True
    for token in prefix_tokens:
        word = token.text
        if word in generic:
            continue
        if LATIN.search(word) or word in gazetteer().by_form:
            return True
        if places.lookup(word) is not None:
            if places_count:
                return True
            continue
        tag = word_tags().get(word)
        if tag is None and len(word) >= 2 and _is_proper_oov(word):
            return True
        if tag is not None and tag.startswith(("nr", "nt", "nz")) or (places_count and tag == "ns"):
            return True
    return False


def _descriptive_name(candidate: _Candidate) -> bool:
    """中国科学技术大学: long enough, and no word in it grades or counts institutions."""
    prefix = "".join(t.text for t in candidate.prefix_tokens)
    return (candidate.suffix.descriptive_min > 0 and len(prefix) >= candidate.suffix.descriptive_min
            and not any(t.text in evaluative_words() for t in candidate.prefix_tokens)
            and not any(word in prefix for word in evaluative_words() if len(word) > 1))


def _is_cjk(text: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" for ch in text)


def _is_quoted(text: str, start: int, end: int) -> bool:
    return start > 0 and text[start - 1] in "“\"「『" and end < len(text) and text[end] in "”\"」』"


VENUE_BEFORE = re.compile(r"(?:在|于)$")
VENUE_AFTER = re.compile(r"(?:隆重|正式|顺利)?(?:举行|举办|召开|开幕)")


def _is_venue(text: str, mention: OrgMention) -> bool:
    """在长沙高新区北斗产业园举行: a park or zone the rules found, standing where an event is held,
    is its venue, not an organization taking part."""
    return (mention.known is None and mention.surface.endswith(tuple(name_words("venue_ending")))
            and VENUE_BEFORE.search(text, max(0, mention.start - 1), mention.start) is not None
            and VENUE_AFTER.match(text, mention.end) is not None)


class _MentionIndex:
    """Mentions found so far, by start offset: the checks a candidate name needs (is it covered, what
    starts inside it, what is its parent) look at a few offsets, not at every mention of the text,
    so a page repeating one name thousands of times stays linear."""

    def __init__(self, mentions: list[OrgMention]):
        self._by_start: dict[int, list[OrgMention]] = {}
        self._longest = 0
        for mention in mentions:
            self.add(mention)

    def add(self, mention: OrgMention) -> None:
        self._by_start.setdefault(mention.start, []).append(mention)
        self._longest = max(self._longest, mention.end - mention.start)

    def remove(self, mention: OrgMention) -> None:
        self._by_start[mention.start].remove(mention)

    def starting_in(self, start: int, end: int) -> list[OrgMention]:
        return [m for position in range(start, end) for m in self._by_start.get(position, ())]

    def covering(self, start: int, end: int) -> bool:
        return any(m.end >= end for m in self.starting_in(max(0, start - self._longest), start + 1))

    def parent_of(self, start: int, end: int) -> OrgMention | None:
        inner = [m for m in self._by_start.get(start, ()) if m.end < end]
        return max(inner, key=lambda m: m.end) if inner else None

    def mentions(self) -> list[OrgMention]:
        return [m for position in sorted(self._by_start) for m in self._by_start[position]]


def _unknown_mention(text: str, candidate: _Candidate, parent: OrgMention | None) -> OrgMention:
    surface = text[candidate.start:candidate.end]
    org_type = candidate.suffix.type
    if parent is not None and parent.type == "lab" and org_type == "research_institute":
        org_type = "lab"  # a centre inside a lab is part of the lab's research
    # a unit's own words name its place before its parent's does (中国科学院|成都分院 is in 成都)
    place = places.place_prefix(text[parent.end:candidate.end]) if parent is not None else None
    if parent is None:  # a unit's place is its own words' or its parent's (阿里巴巴… is not in 阿里地区)
        place = places.place_prefix(surface)
    city = place.city if place else (parent.city if parent else None)
    province = place.province if place else (parent.province if parent else None)
    rule = "name_rule:nested_unit" if parent is not None else f"name_rule:{candidate.suffix.suffix_id}"
    return OrgMention(candidate.start, candidate.end, surface, surface, org_type, rule, None, parent, city, province)


def _without_overlaps(mentions: list[OrgMention]) -> list[OrgMention]:
    """Longest first; a shorter mention inside a kept one survives only as its parent prefix.
    Kept mentions are looked up by the characters they cover, so this stays linear in the text."""
    kept: list[OrgMention] = []
    covering: dict[int, list[OrgMention]] = {}  # character offset → kept mentions over it
    for mention in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start, m.known is None)):
        clashes = {id(k): k for position in range(mention.start, mention.end) for k in covering.get(position, ())}
        if all(k.parent is not None and (k.parent.start, k.parent.end) == (mention.start, mention.end)
               for k in clashes.values()):
            kept.append(mention)
            for position in range(mention.start, mention.end):
                covering.setdefault(position, []).append(mention)
    return sorted(kept, key=lambda m: m.start)


def with_outlet(mentions: list[OrgMention], text: str, outlet: str | None) -> list[OrgMention]:
    """The outlet the page's furniture names (来源：长沙晚报网) is a media organization, mentioned
    where its name first stands in the text, unless a rule already found it there."""
    if not outlet:
        return mentions
    start = text.find(outlet)
    if start < 0 or any(m.start < start + len(outlet) and start < m.end for m in mentions):
        return mentions
    known = gazetteer().by_form.get(outlet)
    mention = OrgMention(start, start + len(outlet), outlet, known.name if known else outlet,
                         known.type if known else "media", "furniture:source", known,
                         city=known.city if known else None, province=known.province if known else None)
    return sorted([*mentions, mention], key=lambda m: m.start)
