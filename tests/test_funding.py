"""Funding rounds: what is a round, who raised it, from whom — and money that is not a round."""

import pytest

from newsprep.dates import PartialDate
from newsprep.extract import extract
from newsprep.funding import round_clauses, subject_name


def rounds_of(text, published=PartialDate(2024, 6, 1)):
    facts = extract("t", text, published)
    name = {k: o.name for k, o in facts.orgs.items()}
    return [(name.get(f.recipient), f.round, f.amount_cny_min, f.currency, [name[k] for k, _ in f.investors])
            for f in facts.funding]


@pytest.mark.parametrize("text, expected", [
    # a brand name no gazetteer row knows, found as the subject of the round
    ("星衍智算宣布完成数千万元Pre-A轮融资，由蓝湖资本领投，青禾创投、老股东北辰基金跟投。",
     [("星衍智算", "Pre-A", 10000000.0, "CNY", ["蓝湖资本", "青禾创投", "北辰基金"])]),
    # the currency is the amount's own, even with 多 between unit and currency
    ("澄溪生物完成2亿多美元B轮融资。", [("澄溪生物", "B", 1424000000.0, "USD", [])]),
    # a Latin name after the kind of company it is
    ("荷兰量子计算公司Qubitwave宣布获得海岸资本领投的1.5亿欧元A2轮融资。",
     [("Qubitwave", "A2", 1155000000.0, "EUR", ["海岸资本"])]),
    # a unit inside its parent's name raised the round, not the parent
    ("上海交通大学人工智能研究院完成A轮融资5000万元。",
     [("上海交通大学人工智能研究院", "A", 50000000.0, "CNY", [])]),
    # the size of the round in a clause of its own, and the investors after it
    ("AI企业深势科技宣布已完成新一轮融资，融资金额超过7亿元人民币，众源资本、和玉资本等机构参与投资。",
     [("深势科技", None, 700000000.0, "CNY", ["众源资本", "和玉资本"])]),
    # several rounds in one sentence, one without amount or name
    ("燧原科技完成20亿元D轮融资，沐曦获15亿元策略投资，摩尔线程完成新一轮融资。",
     [("燧原科技", "D", 2000000000.0, "CNY", []), ("沐曦", "Strategic", 1500000000.0, "CNY", []),
      ("摩尔线程", None, None, None, [])]),
    # tranches of a round told just after it: each its own, and the round holds all their investors
    ("昉衡科技完成天使轮融资。其中天使轮由蔚来资本领投；天使+轮由明势资本领投。",
     [("昉衡科技", "Angel", None, None, ["蔚来资本", "明势资本"]), ("昉衡科技", "Angel+", None, None, ["明势资本"])]),
    # the company after the lead investor; a quoted brand name
    ("东方嘉富领投杭州超导量子团队「逻辑比特」。", [("逻辑比特", None, None, None, ["东方嘉富"])]),
    # one deal (单笔融资) is a round; a pronoun subject is the company named before
    ("他创办的镁伽科技获得一笔3亿美元的单笔融资。", [("镁伽科技", None, 2136000000.0, "USD", [])]),
    ("赛诺菲投资的生物技术公司Enveda表现亮眼，该公司获得1.5亿美元的C轮融资。",
     [("Enveda", "C", 1068000000.0, "USD", [])]),
    # the subject slot holds no name: the company named just before in the sentence
    ("例如荷兰初创公司Qubitwave，在获得海岸资本领投A轮融资前，已长期提供硬件。", [("Qubitwave", "A", None, None, ["海岸资本"])]),
    # the lead investors listed after 领投方有三家, the others after 等机构联合投资
    ("云栖量子完成A轮融资。领投方有两家：启明创投和洪泰基金，华业天成、高捷资本等机构联合投资。",
     [("云栖量子", "A", None, None, ["启明创投", "洪泰基金", "华业天成", "高捷资本"])]),
])
def test_rounds(text, expected):
    assert rounds_of(text) == expected


@pytest.mark.parametrize("sentence", [
    "2024年全球AI制药领域融资总额达58亿美元，融资事件128起。",  # a market total
    "该基金完成首关，募集资金20亿元。",  # a fund close
    "公司拟募资6亿元用于研发中心建设，IPO申请已获受理。",  # planned IPO proceeds
    "公司成立以来已累计完成近10亿元融资。",  # a cumulative total, no round
    "两年融资千万美元，他认为行业将迎来黄金十年。",  # a cumulative sum over years
    "本轮融资后，公司估值超过10亿美元。",  # a valuation
    "从2016年至今，公司已经完成5轮融资。",  # a count of rounds, not a round
    "量子领域共有37笔融资，九家企业获十次融资。",  # counts of deals
])
def test_money_that_is_not_a_round(sentence):
    assert [c.amount for c in round_clauses(sentence)] in ([], [None])
    assert rounds_of(sentence) == []


@pytest.mark.parametrize("phrase, expected", [
    ("今日星衍智算", "星衍智算"),
    ("超导量子计算公司Qubitwave", "Qubitwave"),
    ("相继", None),  # an everyday word
    ("已累计", None),
    ("图灵量子在今年1月共", None),
    ("全球至少有38家AI制药公司", None),
    ("公司", None),  # a pronoun-like head: resolved elsewhere, never a name
])
def test_subject_names(phrase, expected):
    assert subject_name(phrase) == expected
