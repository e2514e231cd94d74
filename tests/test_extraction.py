"""Extraction rules on sentences written for these tests (real organizations, invented events).

Each row is one rule: organizations the gazetteer does not know, traps that must find nothing,
money that is not a funding round, dates that must stay unknown.
"""

import pytest

from newsprep.dates import PartialDate
from newsprep.extract import extract
from newsprep.funding import round_clauses
from newsprep.money import find_amounts
from newsprep.nlp import tokenize
from newsprep.orgs import find_org_mentions


def orgs_in(text):
    return [(m.name, m.type, m.province) for m in find_org_mentions(text, tokenize(text))]


@pytest.mark.parametrize("sentence, expected", [
    # gazetteer: names, aliases, English names
    ("红杉中国领投了晶泰科技的B轮融资。", [("红杉中国", "investor", "北京"), ("晶泰科技", "company", "广东")]),
    ("MSA Capital与中科大达成合作。", [("和玉资本", "investor", "北京"), ("中国科学技术大学", "university", "安徽")]),
    ("上海浦东张江实验室的研究人员", [("张江实验室", "lab", "上海")]),
    # name rules: organizations nobody listed
    ("杭州智元研究院与浙江大学签署合作协议。", [("杭州智元研究院", "research_institute", "浙江"), ("浙江大学", "university", "浙江")]),
    ("苏州擎天生物科技有限公司完成A轮融资。", [("苏州擎天生物科技有限公司", "company", "江苏")]),
    ("武汉光谷未来医院正式开诊。", [("武汉光谷未来医院", "hospital", "湖北")]),
    ("广东省科学技术厅印发通知。", [("广东省科学技术厅", "government", "广东")]),
    ("量子计算技术国家重点实验室通过验收。", [("量子计算技术国家重点实验室", "lab", None)]),
    ("此次与杭州演进科技有限公司达成合作。", [("杭州演进科技有限公司", "company", "浙江")]),  # a verb inside a legal name
    ("绵阳高新区管委会发布通知。", [("绵阳高新区管委会", "government", "四川")]),
    ("中国人工智能产业创新联盟成立。", [("中国人工智能产业创新联盟", "alliance", None)]),
    ("日前江西赣鄱实验室揭牌。", [("江西赣鄱实验室", "lab", "江西")]),
    ("助力晶泰科技加速研发。", [("晶泰科技", "company", "广东")]),
    ("上海光源、国家蛋白质实验中心等大型设施", [("上海光源", "other", "上海"), ("国家蛋白质实验中心", "other", None)]),
    ("双方建立战略联盟。", []),
    ("杭州脑科学与类脑研究中心正式成立。", [("杭州脑科学与类脑研究中心", "research_institute", "浙江")]),  # 与 inside a name
    ("国际合作与交流中心举办活动。", []),
    ("中国地质大学与武汉大学签约。", [("中国地质大学", "university", None), ("武汉大学", "university", "湖北")]),  # descriptive name
    ("国内多所大学参与了评测。", []),
    ("中国一流大学建设稳步推进。", []),
    ("深圳衍微科技创始人表示，", [("深圳衍微科技", "company", "广东")]),  # a role after a weak ending
    # nested units keep their parent
    ("中国科学院成都分院院长表示", [("中国科学院成都分院", "research_institute", "四川"), ("中国科学院", "research_institute", "北京")]),
    ("北京大学人工智能研究院院长表示，", [("北京大学人工智能研究院", "research_institute", "北京"), ("北京大学", "university", "北京")]),
    # things that are not organizations
    ("中国科学院院士张三表示", []),
    ("打造AI领域的“贝尔实验室”。", []),
    ("美国大学制度值得参考。", []),
    ("该平台公司将负责成果转化。", []),
    ("多家产业资本参与。", []),
    ("上海科技发展的下一个重点。", []),
    ("", []),
])
def test_organizations(sentence, expected):
    assert orgs_in(sentence) == expected


@pytest.mark.parametrize("text, expected", [
    ("完成超7亿元人民币融资", [("超7亿元人民币", 7e8, None, "CNY", "over")]),
    ("完成数亿元B轮融资", [("数亿元", 1e8, 1e9, "CNY", "several")]),
    ("获得近亿元天使轮融资", [("近亿元", None, 1e8, "CNY", "nearly")]),
    ("完成1.2亿美元C轮融资", [("1.2亿美元", 1.2e8, 1.2e8, "USD", None)]),
    ("完成两千万元融资", [("两千万元", 2e7, 2e7, "CNY", None)]),
    ("每年投入不少于10亿元", [("不少于10亿元", 1e9, None, "CNY", "over")]),
    ("没有金额", []),
])
def test_amounts(text, expected):
    assert [(a.text, a.value_min, a.value_max, a.currency, a.qualifier) for a in find_amounts(text)] == expected


@pytest.mark.parametrize("sentence", [
    "国家蛋白质实验中心建筑面积3.3万平方米，总投资7.56亿元。",
    "仅上海每年对脑科技的投入就不少于10亿元。",
    "该基金规模达50亿元，已完成首期募集。",
    "双方签约，计划投资20亿元建设产业园。",
    "公司去年营收达3亿元。",
])
def test_money_that_is_not_a_round(sentence):
    assert round_clauses(sentence) == []


def test_a_valuation_inside_a_funding_sentence_is_not_the_amount():
    [clause] = round_clauses("公司完成B轮融资，估值达100亿元。")
    assert clause.amount is None and clause.round == "B"


def facts_of(text, published=PartialDate()):
    return extract("t", text, published)


def test_funding_round_with_lead_and_other_investors():
    facts = facts_of("晶泰科技宣布完成4亿美元C轮融资。本轮融资由红杉中国领投，腾讯投资、Lilly Asia Ventures跟投。",
                     PartialDate(2021, 8, 3))
    [fund] = facts.funding
    names = {k: o.name for k, o in facts.orgs.items()}
    assert names[fund.recipient] == "晶泰科技"
    assert (fund.amount_min, fund.currency, fund.round) == (4e8, "USD", "C")
    assert fund.amount_cny_min == pytest.approx(4e8 * 6.45)
    assert {names[k]: lead for k, lead in fund.investors} == {"红杉中国": True, "腾讯投资": False, "礼来亚洲基金": False}


@pytest.mark.parametrize("text, published, expected", [
    ("2021年3月，西湖实验室揭牌成立。", PartialDate(), [("establishment", "2021-03", ["西湖实验室"])]),
    ("今年5月，鹏城实验室与华为签署战略合作协议。", PartialDate(), [("partnership", None, ["鹏城实验室", "华为"])]),
    ("今年5月，鹏城实验室与华为签署战略合作协议。", PartialDate(2024), [("partnership", "2024-05", ["鹏城实验室", "华为"])]),
    ("预计到2030年，之江实验室将建成世界一流实验室。", PartialDate(), []),
    ("2020年，深势科技团队曾获戈登·贝尔奖。", PartialDate(), [("award", "2020", ["深势科技"])]),
    ("天气晴朗，适合出行。", PartialDate(), []),
])
def test_events(text, published, expected):
    facts = facts_of(text, published)
    names = {k: o.name for k, o in facts.orgs.items()}
    assert [(e.type, e.date.iso(), [names[k] for k, _ in e.participants]) for e in facts.events] == expected


def test_every_fact_points_at_its_sentence():
    text = "之江实验室主任朱世强表示，之江实验室与北京大学签署战略合作协议。"
    facts = facts_of(text)
    evidence = {e.evidence_id: e for e in facts.evidence}
    for org in facts.orgs.values():
        for mention in org.mentions:
            assert text[mention["start"]:mention["end"]] == mention["surface"]
            assert evidence[mention["evidence_id"]].sentence in text
    for event in facts.events:
        assert evidence[event.evidence_id].rule_id.startswith("event:")
    assert [(p.name, p.role, facts.orgs[p.org].name) for p in facts.people] == [("朱世强", "主任", "之江实验室")]


@pytest.mark.parametrize("text, expected", [
    ("浙江大学校长杜江峰表示，学校将加强人工智能研究。", [("杜江峰", "校长")]),
    ("深度求索创始人梁文锋接受采访。", [("梁文锋", "创始人")]),
    ("鄂维南院士在峰会上提出倡议。", [("鄂维南", "院士")]),
    ("记者从实验室获悉，项目进展顺利。", []),
])
def test_people(text, expected):
    assert [(p.name, p.role) for p in facts_of(text).people] == expected


def test_empty_article_extracts_nothing():
    facts = facts_of("")
    assert (facts.orgs, facts.events, facts.funding, facts.people, facts.relations) == ({}, [], [], [], [])


def relations_of(text):
    facts = facts_of(text)
    names = {k: o.name for k, o in facts.orgs.items()}
    return sorted({(names[r.a], names[r.b], r.type) for r in facts.relations if r.type != "co_mention"})


@pytest.mark.parametrize("text, expected", [
    ("包括宁德时代、比亚迪在内的多家企业都已采用晶泰科技的解决方案。",
     [("宁德时代", "晶泰科技", "customer"), ("比亚迪", "晶泰科技", "customer")]),
    ("商汤科技的客户包括中国移动、小米等。", [("中国移动", "商汤", "customer"), ("小米", "商汤", "customer")]),
    ("国际科学智能联盟在北京成立。该联盟由北京大学、清华大学等共同发起。",
     [("北京大学", "国际科学智能联盟", "member"), ("清华大学", "国际科学智能联盟", "member")]),
    ("之江实验室与阿里巴巴签署战略合作协议。", [("之江实验室", "阿里巴巴", "partnership")]),
    ("北京大学人工智能研究院发布报告。", [("北京大学人工智能研究院", "北京大学", "part_of")]),
    # a product used inside a company's own phone is not a customer relation of the next name;
    # a known institute named after its known academy is part of it
    ("寒武纪为这款手机所使用的芯片贡献了处理单元，该芯片基于中国科学院计算技术研究所的成果。",
     [("中国科学院计算技术研究所", "中国科学院", "part_of")]),
])
def test_relations(text, expected):
    assert relations_of(text) == expected


def test_an_anaphoric_subject_is_the_organization_named_before():
    facts = facts_of("国际科学智能联盟5月9日在京举行成立活动。北京大学校长表示，联盟的成立将推动学科融合。")
    names = {k: o.name for k, o in facts.orgs.items()}
    assert [(e.type, [names[k] for k, _ in e.participants]) for e in facts.events] == [("establishment", ["国际科学智能联盟"])]


def test_more_about_this_round_adds_investors_not_a_second_round():
    facts = facts_of("百图生科完成1亿美元B轮融资。此轮融资投资人包括红杉中国，和玉资本等。")
    names = {k: o.name for k, o in facts.orgs.items()}
    assert [e.type for e in facts.events] == ["funding"]
    [fund] = facts.funding
    assert sorted(names[k] for k, _ in fund.investors) == ["和玉资本", "红杉中国"]


TRADITIONAL_WITH_PINYIN = (
    "新華網(wǎng)上海3月2日電(記者王曉明)上海人工智能實(shí)驗(yàn)室與復(fù)旦大學(xué)簽署戰(zhàn)略合作協(xié)議。"
    "雙方將共建科學(xué)智能聯(lián)合研究中心。\n特別聲明：以上內容為自媒體平臺用戶上傳。"
)


def test_traditional_text_with_pinyin_readings_end_to_end(tmp_path):
    from newsprep.pipeline import process_document
    from newsprep.readers import read_path

    path = tmp_path / "trad.txt"
    path.write_text(TRADITIONAL_WITH_PINYIN, encoding="utf-8")  # tone marks have no Big5 code
    [raw], _ = read_path(path)
    record = process_document(raw)
    assert record["script"] == "traditional"
    assert "(wǎng)" not in record["text"] and "(記者" not in record["text"] and "(记者王晓明)" in record["text"]
    assert record["text"].endswith("双方将共建科学智能联合研究中心。")  # the platform notice is cut
    names = {org["name"] for org in record["facts"]["orgs"].values()}
    assert names == {"新华网", "上海人工智能实验室", "复旦大学"}
    assert record["published"] == {"year": None, "month": 3, "day": 2}  # a dateline without a year
    [event] = record["facts"]["events"]
    assert event["type"] == "partnership" and event["date"] == {"year": None, "month": 3, "day": 2}


def test_two_rounds_of_one_company_in_different_months_are_two_events():
    facts = facts_of("2025年2月，晶泰控股宣布配售募资20.88亿港元。此前1月，公司已通过配售募资11.3亿港元。",
                     PartialDate(2025, 3, 1))
    assert sorted(e.date.iso() for e in facts.events if e.type == "funding") == ["2025-01", "2025-02"]


def test_an_opening_anaphor_is_the_organization_named_before():
    facts = facts_of("上海交通大学李政道研究所致力于基础研究。该研究所于2016年创立。")
    names = {k: o.name for k, o in facts.orgs.items()}
    assert [(e.type, e.date.iso(), [names[k] for k, _ in e.participants]) for e in facts.events] == \
        [("establishment", "2016", ["上海交通大学李政道研究所"])]


def test_a_month_after_此前_takes_the_year_the_story_was_telling():
    facts = facts_of("2025年2月，晶泰控股宣布配售募资20.88亿港元。此前1月，公司已通过配售募资11.3亿港元。")
    assert sorted(e.date.iso() for e in facts.events if e.type == "funding") == ["2025-01", "2025-02"]


def test_a_person_named_like_a_city_does_not_place_an_event():
    facts = facts_of("党委书记金昌晓出席仪式，之江实验室新园区揭牌。")
    assert [(e.city, e.province) for e in facts.events] == [("杭州", "浙江")]  # the lab's seat, not 金昌 in Gansu


def test_an_organization_that_only_introduces_a_person_is_not_an_actor():
    facts = facts_of("内蒙古自治区人工智能学会揭牌，北京大学教授刘宏出席。")
    names = {k: o.name for k, o in facts.orgs.items()}
    assert [[names[k] for k, _ in e.participants] for e in facts.events if e.type == "establishment"] == \
        [["内蒙古自治区人工智能学会"]]


@pytest.mark.parametrize("text", ["公司完成" + "9" * 400 + "亿元融资。", "公司亏损-5亿元。", "净利润为负5亿元。"])
def test_implausible_and_negative_amounts_are_no_amounts(text):
    assert find_amounts(text) == []
