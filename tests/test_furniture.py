"""Page furniture: publication dates and outlets a page states about itself, and lines that must not count."""

import pytest

from newsprep.dates import PartialDate
from newsprep.furniture import read_furniture

STORY = "某研究院与某大学签署合作协议，双方将在人工智能领域开展联合研究，并共建实验平台，推动成果转化。" * 3


@pytest.mark.parametrize("lines, expected, rule", [
    (["标题一行", "发布时间：2024-12-19 17:35", STORY], PartialDate(2024, 12, 19), "date_labelled"),
    (["作者：张三 来源：某某日报 发布时间：2022/9/19 8:15:50", STORY], PartialDate(2022, 9, 19), "date_labelled"),
    ([" date 2026-02-24 新闻标题在此", STORY], PartialDate(2026, 2, 24), "date_crawler_stamp"),
    (["标题", "2025-08-16 07:192025年8月14日，某实验室启动。", STORY], PartialDate(2025, 8, 16), "date_with_time"),
    (["标题", "2025年06月12日08:17 | 来源：某某日报", STORY], PartialDate(2025, 6, 12), "date_with_time"),
    (["标题", "2017年12月28日   来源：某某时报", STORY], PartialDate(2017, 12, 28), "date_then_source"),
    (["标题", "2019-03-26", STORY], PartialDate(2019, 3, 26), "date_alone"),
    (["10/28/2024,某某在线讯,10月24日,某公司发布新品。", STORY], PartialDate(2024, 10, 28), "date_month_first"),
    ([STORY, "某某省科学技术厅", "2025年11月18日", STORY], PartialDate(2025, 11, 18), "date_signature"),
])
def test_publication_date_from_furniture(lines, expected, rule):
    furniture = read_furniture(lines)
    assert (furniture.published, furniture.published_rule) == (expected, rule)


@pytest.mark.parametrize("lines", [
    ["2025年11月22日，由某公司与某大学共同筹建的联合实验室揭牌。", STORY],  # a story that opens with its event's date
    [STORY, STORY, STORY, "相关新闻", "某实验室成立 2023-05-06 10:00"],  # a related-news list at the foot
    ["标题", "发布时间：2024-02-30 10:00", STORY],  # no such day
    ["标题", "日期：2099-01-01", STORY],  # not a plausible year
    [STORY, "会议指出，要抓好落实。", "2025年11月18日", STORY],  # a date line under a sentence, not an issuer
])
def test_no_publication_date_where_the_page_states_none(lines):
    assert read_furniture(lines).published_rule is None


@pytest.mark.parametrize("lines, outlet, is_media", [
    (["标题", "来源：【长沙晚报网】7月10日上午，某实验室揭牌。", STORY], "长沙晚报网", True),
    (["标题", "2025年06月12日08:17 | 来源：天津日报", STORY], "天津日报", True),
    (["标题", "来源：人民网-上海频道", STORY], "人民网", True),
    (["标题", "浏览次数： 信息来源：规划处、专项办 发布时间：2024-12-19", STORY], "规划处", False),
    (["某某网讯(通讯员 张三) 某大学昨日召开会议。", STORY], "某某网", True),
    (["新华社北京5月9日电 某实验室正式成立。", STORY], "新华社", True),
])
def test_outlet_from_furniture(lines, outlet, is_media):
    furniture = read_furniture(lines)
    assert (furniture.outlet, furniture.outlet_is_media) == (outlet, is_media)


def test_no_outlet_in_a_story_without_furniture():
    assert read_furniture([STORY, STORY]).outlet is None
