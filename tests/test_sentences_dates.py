"""Sentences keep offsets; dates keep their precision and never gain an invented year."""

import pytest

from newsprep.dates import PartialDate, dateline_date, find_dates, parse_date_string
from newsprep.sentences import split_sentences


def test_sentences_keep_offsets_into_the_text():
    text = "第一句。第二句！“引语。”\n第三行没有句号\n\n  第四句？"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["第一句。", "第二句！", "“引语。”", "第三行没有句号", "第四句？"]
    assert all(text[s.start:s.end] == s.text for s in sentences)
    assert [s.index for s in sentences] == [0, 1, 2, 3, 4]


@pytest.mark.parametrize("text", ["", "   \n\n", "。。！"])
def test_no_sentences_in_empty_text(text):
    assert split_sentences(text) == []


REF_2018 = PartialDate(2018, 6, 21)


@pytest.mark.parametrize("text, reference, expected", [
    ("2022 年 7 月 22 日下午", None, [("2022 年 7 月 22 日", "2022-07-22", "day")]),
    ("于2023年4月获批成立", None, [("2023年4月", "2023-04", "month")]),
    ("自2016年启动以来", None, [("2016年", "2016", "year")]),
    ("2020年度最高奖", None, [("2020年度", "2020", "year")]),
    ("2023-09-08 21:14:08", None, [("2023-09-08", "2023-09-08", "day")]),
    ("今年5月14日揭牌", None, [("今年5月14日", None, "year_unknown")]),
    ("今年5月14日揭牌", REF_2018, [("今年5月14日", "2018-05-14", "day")]),
    ("去年9月揭牌", None, [("去年9月", None, "year_unknown")]),
    ("去年9月揭牌", REF_2018, [("去年9月", "2017-09", "month")]),
    ("5月9日在京举行", None, [("5月9日", None, "year_unknown")]),
    ("日前举行推进会", None, [("日前", None, "unknown")]),
    ("日前举行推进会", REF_2018, [("日前", "2018-06", "month")]),
    ("共有100多种原子", None, []),
    ("", None, []),
])
def test_dates_with_precision(text, reference, expected):
    found = find_dates(text, reference)
    assert [(d.text, d.date.iso(), d.date.precision) for d in found] == expected


def test_plans_are_flagged():
    [mention] = find_dates("预计到2025年,实验室将成为重要支点")
    assert mention.is_plan and mention.date.iso() == "2025"


@pytest.mark.parametrize("value, expected", [
    ("Fri, 22 Jul 2022 13:40:09 GMT", "2022-07-22"),
    ("Fri, 22 Jul 2022 20:40:09 GMT", "2022-07-23"),  # already the 23rd in Beijing
    ("2023-08-01T10:00:00+08:00", "2023-08-01"),
    ("2024-03-05", "2024-03-05"),
    ("2024年3月", "2024-03"),
    ("1700000000", "2023-11-15"),
    ("", None),
    (None, None),
    ("yesterday", None),
])
def test_metadata_dates(value, expected):
    assert parse_date_string(value).iso() == expected


@pytest.mark.parametrize("text, head_line, expected", [
    ("新华网北京5月9日电(记者凌纪伟)国际科学智能联盟成立。", None, PartialDate(None, 5, 9)),
    ("中新社上海3月2日电 某实验室揭牌。", None, PartialDate(None, 3, 2)),
    ("正文没有电头。", "06-21", PartialDate(None, 6, 21)),
    ("正文没有电头。", "2023-09-08 21:14", PartialDate(2023, 9, 8)),
    ("正文没有电头，2022年7月22日双方签约。", None, PartialDate()),
])
def test_datelines_never_invent_a_year(text, head_line, expected):
    assert dateline_date(text, head_line) == expected


@pytest.mark.parametrize("text, expected", [
    ("2024年2月30日", PartialDate(2024, 2)),  # no such day: the month stays
    ("2023-04-31", PartialDate(2023, 4)),
    ("1900年", None),  # not a plausible year for this landscape
    ("2099年1月", None),
])
def test_impossible_dates_keep_what_the_calendar_allows(text, expected):
    found = find_dates(text)
    assert (found[0].date if found else None) == expected


@pytest.mark.parametrize("value", ["9999999999", "2023-02-30T10:00:00+08:00", "0000-00-00"])
def test_impossible_metadata_dates_are_no_dates_or_lose_their_day(value):
    date = parse_date_string(value)
    assert date.precision in ("unknown", "month")
