"""Government and Party bodies generated from the department table, and the matches they must not make."""

import pytest

from newsprep.nlp import tokenize
from newsprep.orgs import find_org_mentions


def orgs_in(text):
    return [(m.surface, m.name, m.type, m.province) for m in find_org_mentions(text, tokenize(text))]


@pytest.mark.parametrize("sentence, expected", [
    ("湖北省科技厅发布通知。", [("湖北省科技厅", "湖北省科学技术厅", "government", "湖北")]),
    ("鄂州市委人才办负责人介绍。", [("鄂州市委人才办", "中共鄂州市委人才工作领导小组办公室", "government", "湖北")]),
    ("河南省人民政府办公厅印发方案。", [("河南省人民政府办公厅", "河南省人民政府办公厅", "government", "河南")]),
    ("中共山东省委网络安全和信息化委员会办公室参与起草。",
     [("中共山东省委网络安全和信息化委员会办公室", "中共山东省委网络安全和信息化委员会办公室", "government", "山东")]),
    ("广西壮族自治区党委组织部召开会议。",
     [("广西壮族自治区党委组织部", "中共广西壮族自治区委组织部", "government", "广西")]),
    ("重庆市人民政府与北京大学签约。", [("重庆市人民政府", "重庆市人民政府", "government", "重庆"),
                                       ("北京大学", "北京大学", "university", "北京")]),
])
def test_local_bodies_are_found_with_their_province(sentence, expected):
    assert orgs_in(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "教育部门和财政部门要加强协作。",  # "the authorities", not the ministries
    "美国商务部将多家企业列入实体清单。",  # another country's ministry
])
def test_no_chinese_ministry_where_the_text_means_something_else(sentence):
    assert [name for _, name, _, _ in orgs_in(sentence) if name in ("教育部", "财政部", "商务部", "中华人民共和国商务部")] == []


@pytest.mark.parametrize("sentence, expected", [
    # a joint unit named after two partners joined by a dash
    ("中国科大-阿里巴巴智能计算联合实验室正式成立。", ["中国科大-阿里巴巴智能计算联合实验室", "中国科学技术大学"]),
    # a registered company name with its city in brackets
    ("本次签约方为康亲(厦门)控股有限公司。", ["康亲(厦门)控股有限公司"]),
    # units listed after one named with its parent share that parent
    ("吉林大学人工智能研究院、智能制造研究院同时揭牌。", ["吉林大学人工智能研究院", "吉林大学", "吉林大学智能制造研究院"]),
    # a name in quotes after a founding verb is a name, not a metaphor
    ("双方共建“大连理工大学人工智能大连研究院”。", ["大连理工大学人工智能大连研究院", "大连理工大学"]),
    ("要把园区打造成“贝尔实验室”。", []),  # a metaphor in quotes
    # a national body's local branch
    ("国家金融监督管理总局山东监管局参与制定。", ["国家金融监督管理总局山东监管局", "国家金融监督管理总局"]),
])
def test_compound_names(sentence, expected):
    assert [name for _, name, _, _ in orgs_in(sentence)] == expected


@pytest.mark.parametrize("text, expected", [
    # a short form without a place is the body of the province the story is about
    ("山东省科学技术厅印发通知。经省政府同意，省科技厅、省发改委联合发布方案。",
     ["山东省科学技术厅", "山东省人民政府", "山东省科学技术厅", "山东省发展和改革委员会"]),
    ("福州市人民政府举办论坛，市委主要负责同志出席。", ["福州市人民政府", "中共福州市委员会"]),
    # no province leads: the short form is left alone
    ("湖北省与河南省签署协议，省政府将加大支持。", []),
])
def test_short_forms_resolve_to_the_story_place(text, expected):
    assert [name for _, name, _, _ in orgs_in(text)] == expected


def test_national_bodies_do_not_decide_the_story_place():
    text = "为贯彻落实党中央、国务院部署，河南省人民政府办公厅印发方案。方案已经省政府同意。"
    assert "河南省人民政府" in [name for _, name, _, _ in orgs_in(text)]


@pytest.mark.parametrize("text, short, full", [
    ("上海昉擎科技有限公司完成天使轮融资。昉擎科技成立于2022年。", "昉擎科技", "上海昉擎科技有限公司"),
    ("风险投资机构Quantonation Ventures宣布基金关闭。Quantonation成立于2018年。", "Quantonation", "Quantonation Ventures"),
])
def test_a_company_is_then_called_by_its_short_name(text, short, full):
    assert (short, full) in [(surface, name) for surface, name, _, _ in orgs_in(text)]


@pytest.mark.parametrize("text, expected", [
    ("结合四川省实际，科技厅牵头起草了方案。", ["四川省科学技术厅"]),  # a bare 厅 is a province's
    ("河北雄安新区人工智能产业园正式开园。", ["河北雄安新区人工智能产业园", "河北雄安新区"]),
    ("今年4月，福建人工智能计算中心正式揭牌。", ["福建人工智能计算中心"]),
])
def test_more_local_bodies(text, expected):
    assert [name for _, name, _, _ in orgs_in(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("揭牌仪式在长沙高新区北斗产业园举行。", []),  # a venue, not an actor
    ("长沙高新区北斗产业园正式开园。", ["长沙高新区北斗产业园", "长沙高新区"]),  # the park acting
    ("创新工场科学家基金正式签约。", ["创新工场科学家基金"]),  # an investor's fund is an investor of its own
    ("中共吉林省委政法委参加会议。", ["中共吉林省委政法委员会"]),
])
def test_venues_funds_and_party_bodies(text, expected):
    assert [name for _, name, _, _ in orgs_in(text)] == expected


def test_a_national_bodys_branch_is_named_and_the_body_only_as_its_parent():
    from newsprep.dates import PartialDate
    from newsprep.export import article_json
    from newsprep.extract import extract

    facts = extract("t", "中国人民银行山东省分行参与起草。", PartialDate())
    record = {"source_path": "t.txt", "record_index": None, "article_id": "t", "title": "t",
              "published": {"year": None, "month": None, "day": None}, "script": "simplified",
              "facts": facts.to_dict()}
    assert [o["name"] for o in article_json(record)["organizations"]] == ["中国人民银行山东省分行"]
    assert [(r.type) for r in facts.relations] == ["part_of"]
