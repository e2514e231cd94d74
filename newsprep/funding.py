"""Funding rounds: which organization raised money, how much, in which round, from whom.

Read clause by clause (a sentence often reports several rounds: 燧原科技完成D轮融资，沐曦获策略投资).
A clause is a round when it holds a funding cue (resources/funding_cues.csv) and a round name, an
amount that no trap rules out (resources/money_traps.csv), or a subject that completed a round
(X完成新一轮融资). The recipient is the subject of the clause's verb (完成, 获得 …): an organization
mention there, or failing that a name-like phrase standing alone as the subject, which is how
brand names no rule knows (昉擎科技, 逻辑比特) are found. Investors come from the lists around the
round (由A、B联合领投，C、D跟投；投资方包括…): every organization mentioned in them, and the list
items that look like names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from newsprep.events import sentence_date
from newsprep.facts import MEDIA, ArticleContext, Event, Funding, Relation
from newsprep.money import Amount, find_amounts, to_cny
from newsprep.resources import read_rows

ROUND = re.compile(
    r"(?P<round>天使\+{0,2}|种子|Pre-?A\+{0,2}|Pre-?B\+?|Pre-?C|A\d?\+{0,2}|B\d?\+{0,2}|C\d?\+{0,2}|D\d?\+?|E\d?\+?|F\d?|G|"
    r"Pre-?IPO|战略|策略|新一|首|新)\s*轮",
    re.I,
)
INVESTED_OBJECT = re.compile(r"领投(?!方|机构|人|者)(?:了)?(?P<object>[^，,。；;的]{2,30})")  # not 领投方有…
ROUND_ANAPHOR_WORDS = re.compile(r"^(?:本轮|此轮|该轮|这轮|其|了?本次)")
INVESTOR_OF_ROUND = re.compile(r"(?:的)?(?:投资机构|投资方|投资人|股东)")  # 天使轮投资机构: who invested before, not a tranche
STRATEGIC = re.compile(r"(?:战略|策略)投资|(?:战略|策略)融资")
ROUND_NAMES = {"种子": "Seed", "天使": "Angel", "战略": "Strategic", "策略": "Strategic"}
UNNAMED_ROUNDS = ("新一", "首", "新")  # 新一轮融资: a round is reported, its name is not
CLAUSE = re.compile(r"[^，,；;。！？!?]+")
SUBJECT_VERB = re.compile(r"(?:宣布|正式|已经|已|成功|再次|又|近日|日前|今日|刚刚)*(?:完成|获得|获|斩获|拿下|迎来|落定|敲定|融到|筹得|募得|拿到|宣布)(?:了)?")
# a clause whose subject slot holds no name at all (在…前, 三个月前): its subject is the company before
NO_SUBJECT = re.compile(r"^\s*(?:在|于|并|且|而|还|也|则|此前|随后|之后|同时|[\d一二两三四五六七八九十几]+个?(?:月|年|天|周)(?:前|后|内))*\s*$")
ANNOUNCER = re.compile(r"^\s*(?P<who>.{2,16}?)(?:近日|日前|今日|今天|正式)?(?:宣布|表示|称|透露|官宣)$")
ANAPHORIC_SUBJECTS = frozenset("公司 该公司 这家公司 其 企业 该企业 这家企业 初创公司 平台".split())
SUBJECT_NOISE = re.compile(r"^(?:据悉|据了解|另外|此外|同时|其中|目前|近日|日前|今日|今年|去年|\d{4}年|\d{1,2}月\d{1,2}日|"
                           r"\d{1,2}月|上午|下午|晚间|消息|宣布|报道|显示|透露|称)+")
SUBJECT_TRAILING_NOISE = re.compile(r"(?:近日|日前|今日|今天|此前|目前|已经|已|也|还|又|再次|正式|成功)+$")
APPOSITION = re.compile(r"(?:公司|企业|初创|独角兽|厂商|药企|创企|平台)(?P<name>[A-Za-z][A-Za-z0-9 .&\-]{1,30}|[\u4e00-\u9fff]{2,8})$")
NAME_LIKE = re.compile(r"^[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z0-9&·.\- ]{1,39}$")
MAX_SUBJECT_CHARS = 16
# a clause that only states the size of the round told just before it: 完成新一轮融资，融资金额超过7亿元
AMOUNT_OF_ROUND = re.compile(r"^\s*(?:本轮|此轮|该轮|本次|此次)?(?:融资)?(?:金额|额度|规模|总额)(?:为|达|达到|超过|超|约|近|逾|高达)?")

INVESTOR_LISTS = (
    (re.compile(r"由(?P<list>[^，,。；;]+?)(?:共同|联合)?领投"), True),
    (re.compile(r"(?:获得|获|接受|迎来)(?P<list>[^，,。；;]+?)(?:共同|联合)?领投"), True),
    (re.compile(r"(?P<list>[^，,。；;由]+?)(?:共同|联合)?领投"), True),
    (re.compile(r"(?:领投方|领投机构)(?:包括|为|有|是|分别为)?(?:[一二两三四五六七八九十\d]+家)?[:：]?(?P<list>[^。；;]+)"), True),
    (re.compile(r"(?:投资人|投资方|投资机构|参投方|参投机构|跟投方|投资者|股东方?|机构)(?:包括|为|有|是|分别为)"
                r"(?:[一二两三四五六七八九十\d]+家)?[:：]?(?P<list>[^。；;]+)"), False),
    (re.compile(r"(?P<list>[^，,。；;由]+?)(?:等)?(?:机构)?(?:跟投|参投|参与投资|追加投资|联合投资|共同投资|持续加码|继续加码|跟进)"), False),
    (re.compile(r"获(?:得)?(?P<list>[^，,。；;\d]{2,40}?)(?:的)?(?:战略|策略)?投资"), False),
)
GLOSS = re.compile(r"[(（][^)）]*[)）]")  # 世界基金(World Fund): the gloss is not part of the item
LIST_SEPARATORS = re.compile(r"[、，,/／]|以及|和|及|与")
ITEM_NOISE = re.compile(r"^(?:由|老股东|新股东|股东|包括|机构|以及|及|和|本轮|此轮|该轮|融资)+|"
                        r"^.{0,8}?(?:投资机构|投资方|投资人|老股东|股东)|"  # 天使轮投资机构地平线投资 → 地平线投资
                        r"(?:等机构|等投资方|等|共同|联合|持续|继续|分别|旗下|担任|参与)+$")
NOT_INVESTOR_ITEMS = re.compile(r"团队|股东|机构$|资本方|多家|知名|产业资本|个人|天使投资人|创始人|亿|万|元|^(?:加码|跟进|追加|跟投|参投)$")


@dataclass(frozen=True)
class Cue:
    cue_id: str
    kind: str
    pattern: re.Pattern


@dataclass(frozen=True)
class Trap:
    trap_id: str
    where: str
    pattern: re.Pattern


@cache
def funding_cues() -> tuple[Cue, ...]:
    return tuple(Cue(r["cue_id"], r["kind"], re.compile(r["pattern"])) for r in read_rows("funding_cues.csv"))


@cache
def any_funding_cue() -> re.Pattern:
    return re.compile("|".join(f"(?:{c.pattern.pattern})" for c in funding_cues()))


@cache
def money_traps() -> tuple[Trap, ...]:
    return tuple(Trap(r["trap_id"], r["where"], re.compile(r["pattern"])) for r in read_rows("money_traps.csv"))


@dataclass(frozen=True)
class RoundClause:
    """One round reported by one clause; offsets are into the sentence."""

    start: int
    end: int
    amount: Amount | None
    round: str | None
    subject: tuple[int, int] | None  # where the clause's subject stands (before its verb)
    cue_id: str


def reports_a_new_round(sentence: str) -> bool:
    """Whether a sentence reports a round of its own (a subject or an amount), rather than adding
    investors or tranches to one already told."""
    return any(c.subject is not None or c.amount is not None for c in round_clauses(sentence))


@lru_cache(maxsize=4096)  # read once per sentence, asked for by several rules
def round_clauses(sentence: str) -> list[RoundClause]:
    """Every clause of a sentence that reports a round raised."""
    if not any_funding_cue().search(sentence):
        return []
    found = []
    clauses = list(CLAUSE.finditer(sentence))
    for index, clause in enumerate(clauses):
        text = clause.group()
        cue = next((c for c in funding_cues() if c.pattern.search(text)), None)
        invested = INVESTED_OBJECT.search(text) if cue is not None and cue.kind == "lead" else None
        if invested is not None and not ROUND_ANAPHOR_WORDS.search(invested.group("object")):
            # 红杉中国领投深势科技B轮: the company stands after the lead investor
            found.append(RoundClause(clause.start(), clause.end(), _shifted(_round_amount(text), clause.start()),
                                     _round_name(text, cue), (clause.start() + invested.start("object"),
                                                              clause.start() + invested.end("object")), "lead_object"))
            continue
        if cue is None or cue.kind in ("lead", "follow") and not ROUND.search(text):
            continue  # an investor's part alone (B、C跟投) belongs to the round before it
        if any(t.where == "clause" and t.pattern.search(text) for t in money_traps()):
            continue
        round_name = _round_name(text, cue)
        amount = _round_amount(text)
        subject = _subject_span(text)
        if round_name is None and amount is None and (subject is None or cue.kind != "raise"):
            continue
        if (amount is not None and round_name is None and subject is None and AMOUNT_OF_ROUND.match(text)
                and found and found[-1].amount is None and found[-1].end == clauses[index - 1].end()):
            # the size of the round just told, in a clause of its own: it belongs to that round
            found[-1] = replace(found[-1], end=clause.end(), amount=_shifted(amount, clause.start()))
            continue
        if subject is None and index > 0:  # 晶泰科技宣布，已完成C轮融资: the subject stands in the clause before
            announcer = ANNOUNCER.match(clauses[index - 1].group())
            if announcer:
                subject = (clauses[index - 1].start(), clauses[index - 1].start() + announcer.end("who"))
        else:
            subject = (clause.start() + subject[0], clause.start() + subject[1]) if subject else None
        amount = _shifted(amount, clause.start())
        found.append(RoundClause(clause.start(), clause.end(), amount, round_name, subject, cue.cue_id))
    return found


def _round_name(clause: str, cue: Cue) -> str | None:
    if cue.kind == "placement":
        return "Placement"
    if cue.kind == "ipo":
        return "IPO"
    match = next((m for m in ROUND.finditer(clause) if not INVESTOR_OF_ROUND.match(clause, m.end())), None)
    if match:
        raw = match.group("round").replace(" ", "")
        if raw in UNNAMED_ROUNDS:
            return ""
        base = raw.rstrip("+")
        if base in ROUND_NAMES:
            return ROUND_NAMES[base] + raw[len(base):]
        return raw.upper().replace("PRE", "Pre")
    if STRATEGIC.search(clause):
        return "Strategic"
    return None


def _round_amount(clause: str) -> Amount | None:
    """The first amount of the clause that no trap rules out; an amount glossed in another currency
    (3亿美元（约合人民币20亿元）) keeps its own currency."""
    for amount in find_amounts(clause):
        before = clause[max(0, amount.start - 10):amount.start]
        after = clause[amount.end:amount.end + 6]
        if any(t.where == "before" and t.pattern.search(before) for t in money_traps()):
            continue
        if any(t.where == "after" and t.pattern.search(after) for t in money_traps()):
            continue
        return amount
    return None


def _shifted(amount: Amount | None, offset: int) -> Amount | None:
    if amount is None:
        return None
    return Amount(amount.start + offset, amount.end + offset, amount.text, amount.value_min, amount.value_max,
                  amount.currency, amount.qualifier)


def _subject_span(clause: str) -> tuple[int, int] | None:
    """Where the subject of the clause's verb stands: X in X宣布完成B轮融资, X获得Y投资."""
    verb = SUBJECT_VERB.search(clause)
    if verb is None or verb.start() == 0:
        return None
    return 0, verb.start()


NOT_IN_A_SUBJECT_NAME = re.compile(r"[在有共了的是为将已把被从向对等\d]|赛道|领域|行业|市场|企业|公司|平台|项目|团队|机构")
NAME_TAGS = ("nr", "nt", "nz", "ns", "eng")


def subject_name(phrase: str) -> str | None:
    """A phrase standing alone as the subject of a funding verb, when it looks like a name: no
    date or time words, no pronoun (公司, 其), no function word or digit, not an everyday word
    (相继, 比如), short, and made of name characters only."""
    from newsprep.nlp import word_tags

    phrase = SUBJECT_NOISE.sub("", phrase.strip()).strip()
    phrase = SUBJECT_TRAILING_NOISE.sub("", phrase).strip()
    apposition = APPOSITION.search(phrase)
    if apposition:  # 超导量子计算公司IQM, 蛋白质公司EvolutionaryScale: the name after the kind
        phrase = apposition.group("name").strip()
    if not phrase or phrase in ANAPHORIC_SUBJECTS or not 2 <= len(phrase) <= MAX_SUBJECT_CHARS:
        return None
    if not NAME_LIKE.match(phrase) or (not phrase.isascii() and NOT_IN_A_SUBJECT_NAME.search(phrase)):
        return None
    tag = word_tags().get(phrase)
    if tag is not None and not tag.startswith(NAME_TAGS):
        return None
    from newsprep.orgs import generic_words

    return None if phrase in generic_words() else phrase  # CEO, AI: words, not names


@lru_cache(maxsize=4096)  # read once per sentence, asked for by several rules
def investor_lists(sentence: str) -> list[tuple[int, int, bool]]:
    """Where a sentence lists investors: (start, end, is_lead) offsets into the sentence."""
    spans = []
    for pattern, lead in INVESTOR_LISTS:
        for match in pattern.finditer(sentence):
            start, end = match.start("list"), match.end("list")
            if not any(s < end and start < e for s, e, _ in spans):
                spans.append((start, end, lead))
    return spans


def list_items(sentence: str, start: int, end: int) -> list[tuple[int, int]]:
    """The items of an investor list (A、B和C等): offsets of each item's name, noise trimmed."""
    items = []
    position = start
    for piece in LIST_SEPARATORS.split(sentence[start:end]) + [""]:
        if piece:
            at = sentence.find(piece, position, end)
            trimmed = ITEM_NOISE.sub("", GLOSS.sub("", piece).strip())
            if trimmed:
                offset = at + piece.find(trimmed)
                items.append((offset, offset + len(trimmed)))
            position = at + len(piece)
    return items


NOT_NAME_TAGS = ("d", "a", "p", "c", "u", "r", "m", "q", "t", "f")


def looks_like_investor(item: str) -> bool:
    """A list item that is a name: name characters only, not a description (团队, 多家机构), and no
    adverb, adjective or function word inside (颇为豪华)."""
    from newsprep.nlp import tokenize, word_tags

    if not NAME_LIKE.match(item) or not 2 <= len(item) <= (40 if item.isascii() else 20) or NOT_INVESTOR_ITEMS.search(item):
        return False
    tags = word_tags()
    whole = tags.get(item)
    if whole is not None and not whole.startswith(("n", "eng")):
        return False  # 加码, 跟进: a verb, not a name
    return not any((tags.get(t.text) or "n").startswith(NOT_NAME_TAGS) and tags.get(t.text) != "nz"
                   for t in tokenize(item) if not t.text.isascii())


QUOTED_NAME = re.compile(r"[「“\"『]([^」”\"』]{2,16})[」”\"』]")
RECIPIENT_EXCLUDED_TYPES = frozenset({"investor", "media", "government"})
FOLLOWING_SENTENCES = 2  # 本轮融资由…领投 often stands in the next sentence or the one after


def funding_facts(ctx: ArticleContext, sentence) -> int:
    """Rounds reported by this sentence, each with its recipient, amount, investors, a funding event
    and investment relations. Returns how many were recorded."""
    clauses = round_clauses(sentence.text)
    if not clauses:
        return 0
    in_sentence = ctx.mentions_between(sentence.start, sentence.end)
    date = sentence_date(sentence, ctx.published, previous=ctx.previous_sentence(sentence))
    year = date.year or ctx.published.year
    recorded = 0
    for index, clause in enumerate(clauses):
        recipient = _recipient(ctx, clause, sentence, in_sentence)
        if recipient is None:
            continue
        # investors: lists from this clause up to the next round's clause, and (for the sentence's
        # last round) the next sentences, which often say who invested (本轮融资由…领投)
        until = sentence.start + (clauses[index + 1].start if index + 1 < len(clauses) else len(sentence.text))
        following = FOLLOWING_SENTENCES if index + 1 == len(clauses) else 0
        investors = [(k, lead) for k, lead in _investors(ctx, sentence, sentence.start + clause.start, until, following)
                     if k != recipient]
        amount = clause.amount
        evidence_id = ctx.log.add(sentence.start, sentence.end, f"funding:{clause.cue_id}")
        ctx.funding.append(Funding(
            f"{ctx.article_id}:f{len(ctx.funding)}", recipient,
            amount.text if amount else None, amount.currency if amount else None,
            amount.value_min if amount else None, amount.value_max if amount else None,
            to_cny(amount.value_min, amount.currency, year) if amount else None,
            to_cny(amount.value_max, amount.currency, year) if amount else None,
            amount.qualifier if amount else None, clause.round or None, date, investors, evidence_id,
        ))
        roles = {recipient: "recipient"}
        for key, is_lead in investors:
            roles[key] = "lead_investor" if is_lead else "investor"
            ctx.relations.append(Relation(key, recipient, "investment", evidence_id))
        place = ctx.orgs[recipient]
        ctx.events.append(Event(f"{ctx.article_id}:e{len(ctx.events)}", "funding", date, place.city, place.province,
                                "participant" if place.province else None, list(roles.items()), evidence_id,
                                f"funding:{clause.cue_id}"))
        recorded += 1
    return recorded


def _recipient(ctx: ArticleContext, clause: RoundClause, sentence, in_sentence) -> str | None:
    """Who raised the round: the organization standing as the subject of the clause's verb (or after
    its lead investor), the company a pronoun there refers to (公司完成…), the company named just
    before an empty subject slot, a tranche's company, or a name-like subject no rule knew."""
    if clause.subject is None:
        candidates = [m for m in in_sentence if sentence.start + clause.start <= m.start < sentence.start + clause.end]
    else:
        s_start, s_end = sentence.start + clause.subject[0], sentence.start + clause.subject[1]
        candidates = [m for m in in_sentence if s_start <= m.start and m.end <= s_end]
    listed = [(sentence.start + a, sentence.start + b) for a, b, _ in investor_lists(sentence.text)]
    candidates = [m for m in candidates if ctx.org(m).type not in RECIPIENT_EXCLUDED_TYPES
                  and not any(a <= m.start and m.end <= b for a, b in listed)]
    if candidates:
        # a parent inside its child's name (中国科学院 in 中国科学院金属研究所) is not who raised the
        # round: of mentions that start (or end) together, the longest is the name meant
        first = min(candidates, key=lambda m: (m.start, m.start - m.end))
        last = max(candidates, key=lambda m: (m.end, m.end - m.start))
        if clause.cue_id == "lead_object":
            return ctx.key(first)  # the first organization after 领投
        return ctx.key(last if clause.subject else first)
    if clause.cue_id == "lead_object":
        quoted = QUOTED_NAME.search(sentence.text, clause.subject[0], clause.subject[1])
        name = subject_name(quoted.group(1)) if quoted else None
        return ctx.add_found_org(name, sentence.start + quoted.start(1), "company", "name_rule:funding_object") if name else None
    if clause.subject is None:
        # 天使+轮由蔚来资本领投: a tranche of the round told just before, by the same company
        return ctx.funding[-1].recipient if ctx.funding and clause.round is not None else None
    phrase = sentence.text[clause.subject[0]:clause.subject[1]]
    if phrase.strip().lstrip("该这家其").startswith(("公司", "企业")) or phrase.strip() == "其":
        return ctx.last_before(s_start, ("company",))
    name = subject_name(phrase)
    if name is None and NO_SUBJECT.match(phrase):
        # 例如荷兰初创公司Qblox，在获得…A轮融资前: the company named just before, in this sentence
        before = [m for m in in_sentence if m.end <= s_start and ctx.org(m).type == "company"]
        return ctx.key(before[-1]) if before else None
    if name is None or any(m.start < s_end and s_start < m.end for m in in_sentence):
        return None
    return ctx.add_found_org(name, s_start + phrase.find(name), "company", "name_rule:funding_subject")


def _investors(ctx: ArticleContext, sentence, start: int, until: int, following: int) -> list[tuple[str, bool]]:
    """Investors listed between `start` and `until` in this sentence, and in the next `following`
    sentences: every organization mentioned in a list, and list items that look like names."""
    result: dict[str, bool] = {}
    for s in (x for x in ctx.log.sentences if sentence.index <= x.index <= sentence.index + following):
        if s.index > sentence.index and reports_a_new_round(s.text):
            break  # the next sentence reports a round of its own
        for list_start, list_end, is_lead in investor_lists(s.text):
            list_start, list_end = s.start + list_start, s.start + list_end
            if s.index == sentence.index and not (start <= list_start and list_end <= until):
                continue
            in_list = [m for m in ctx.mentions_between(list_start, list_end) if m.end <= list_end]
            for item_start, item_end in list_items(s.text, list_start - s.start, list_end - s.start):
                item_start, item_end = s.start + item_start, s.start + item_end
                named = [m for m in in_list if m.start < item_end and item_start < m.end]
                for m in named:
                    if ctx.org(m).type != MEDIA:
                        result.setdefault(ctx.key(m), is_lead)
                item = ctx.text[item_start:item_end]
                if not named and looks_like_investor(item):
                    result.setdefault(ctx.add_found_org(item, item_start, "investor", "name_rule:investor_list"), is_lead)
    return list(result.items())


def merge_repeated_rounds(funding: list[Funding]) -> list[Funding]:
    """One round per recipient, amount and round name; the investors of its repeats are added."""
    rounds: dict[tuple, Funding] = {}
    for fund in funding:
        key = (fund.recipient, fund.amount_cny_min, fund.amount_cny_max, fund.round)
        if key in rounds:
            known = dict(rounds[key].investors)
            rounds[key].investors += [(k, lead) for k, lead in fund.investors if k not in known]
        else:
            rounds[key] = fund
    return list(rounds.values())
