"""People next to roles: where a name starts and ends, names in lists, and words that are no names."""

import pytest

from newsprep.dates import PartialDate
from newsprep.extract import extract


def people_in(text):
    return [(p.name, p.role) for p in extract("t", text, PartialDate()).people]


@pytest.mark.parametrize("text, expected", [
    ("校长包信和、副校长吴宏伟出席仪式。", [("包信和", "校长"), ("吴宏伟", "副校长")]),  # 和 ends a name only where a name of two ends
    ("研究院院长张锦表示，平台已投入使用。", [("张锦", "院长")]),
    ("靳国卫副市长在签约仪式上致辞。", [("靳国卫", "副市长")]),
    ("清华大学电子工程系教授汪玉带领团队完成研发。", [("汪玉", "电子工程系教授")]),  # the role is what stands between organization and name
    ("校领导杨振斌、蔡莉、张向东出席。", [("杨振斌", "校领导"), ("蔡莉", "校领导"), ("张向东", "校领导")]),
    ("（记者 刘坤 姜胜来）", [("刘坤", "记者"), ("姜胜来", "记者")]),
    ("自治区主席艾尔肯·吐尼亚孜出席会议。", [("艾尔肯·吐尼亚孜", "主席")]),
    ("公司创始人Gregory Verdine表示，药物研发进入新阶段。", [("Gregory Verdine", "创始人")]),
])
def test_people(text, expected):
    assert people_in(text) == expected


@pytest.mark.parametrize("text", [
    "基础研究科学家和更多企业参与其中。",  # 和 here joins nouns; it is no family name
    "省委书记关于发展人工智能的讲话。",  # 关于 is a word, not 关 and a given name
    "苏州市委书记会见代表团。",  # a committee before a title is no name
    "记者从实验室获悉，项目进展顺利。",
])
def test_no_person(text):
    assert people_in(text) == []


@pytest.mark.parametrize("text, expected", [
    ("英属哥伦比亚大学Jane Wang教授出席会议。", [("Jane Wang", "教授")]),  # a Latin name before a title
    ("理大高级副校长（研究及创新）赵汝恒表示，研究院将开放合作。", [("赵汝恒", "副校长")]),
    ("（记者：周荔华 刘坤/姜胜来）", [("周荔华", "记者"), ("刘坤", "记者"), ("姜胜来", "记者")]),
    ("责任编辑 | 周学飞", [("周学飞", "责任编辑")]),
    ("自治区副主席凯赛尔·阿不都克热木；自治区政府秘书长出席。", [("凯赛尔·阿不都克热木", "副主席")]),
    ("眼科主任洪晶介绍了研究进展。", [("洪晶", "主任")]),  # a family name of the ranked list
])
def test_more_people(text, expected):
    assert people_in(text) == expected
