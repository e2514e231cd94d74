"""Cleaning: HTML, injected pinyin, script conversion, boilerplate, unrelated headlines."""

import pytest

from newsprep.clean import clean, cut_boilerplate, cut_unrelated_head, html_to_text, remove_pinyin_readings, to_simplified


@pytest.mark.parametrize("raw, expected", [
    ("新華網(wǎng)北京", "新華網北京"),
    ("科學(xué)智能", "科學智能"),
    ("(記者凌紀(jì)偉)", "(記者凌紀偉)"),
    ("聯盟(International AI for Science Union)成立", "聯盟(International AI for Science Union)成立"),
    ("模型(AI)發布", "模型(AI)發布"),
    ("實驗室（shí）", "實驗室"),
    ("沒有注音的句子。", "沒有注音的句子。"),
    ("", ""),
])
def test_pinyin_readings_go_real_parentheses_stay(raw, expected):
    assert remove_pinyin_readings(raw) == expected


@pytest.mark.parametrize("raw, simplified, script", [
    ("國際科學智能聯盟成立活動於北京舉行，該聯盟由北京大學等發起。", "国际科学智能联盟成立活动于北京举行，该联盟由北京大学等发起。", "traditional"),
    ("之江实验室与北京大学签署合作协议。", "之江实验室与北京大学签署合作协议。", "simplified"),
    ("", "", "simplified"),
])
def test_traditional_is_converted_and_remembered(raw, simplified, script):
    assert to_simplified(raw) == (simplified, script)


def test_html_blocks_become_lines_and_scripts_vanish():
    html = "<div><p>第一段<span>继续</span></p><script>var x=1;</script><p>第二段<br>第三行</p></div>"
    lines = [line for line in html_to_text(html).split("\n") if line.strip()]
    assert lines == ["第一段继续", "第二段", "第三行"]


STORY_LINES = ["深势科技近日完成新一轮融资。", "本轮融资由某资本领投。", "资金将用于研发。", "公司表示将继续加大投入。"]


@pytest.mark.parametrize("tail, removed_marker", [
    (["相关文章", "英特尔收购芯片制造商"], "cut_related"),
    (["最新文章", "三星正式发布旗舰处理器"], "cut_latest"),
    (["版权声明：本文内容由互联网用户自发贡献。", "标签:"], "cut_copyright"),
    (["特别声明：以上内容为自媒体平台用户上传并发布。"], "cut_copyright"),
    (["Notice: The content above is uploaded by a user of NetEase Hao."], "cut_notice_en"),
    (["关键词:", "-", "国城矿业股票主力资金净流出"], "cut_keywords"),
    (["（责任编辑：王五）"], "cut_editor"),
])
def test_footers_are_cut_with_everything_after_them(tail, removed_marker):
    kept, removed = cut_boilerplate(STORY_LINES + tail)
    assert kept == STORY_LINES
    assert removed[0][0] == removed_marker


def test_a_marker_word_early_in_the_story_is_not_a_footer():
    lines = ["关键词：人工智能与科学研究", *STORY_LINES]
    kept, removed = cut_boilerplate(lines)
    assert kept == lines and removed == []


@pytest.mark.parametrize("line, marker", [
    ("(资料图片仅供参考)", "drop_photo_caption"),
    ("图为国际科学智能联盟成立活动现场", "drop_image_caption"),
    ("![]()", "drop_markdown_image"),
    ("****本文转载自新浪财经***", "drop_repost"),
])
def test_furniture_lines_are_dropped_alone(line, marker):
    kept, removed = cut_boilerplate([STORY_LINES[0], line, *STORY_LINES[1:]])
    assert kept == STORY_LINES
    assert removed == [(marker, line)]


def test_a_neighbours_headline_above_a_date_line_is_cut_but_the_own_title_is_kept():
    body = ["第一财经 脑科学和类脑研究将成为上海科研领域的下一个重点。", "上海脑科学与类脑研究中心已开始实质性建设。"]
    foreign = ["听歌识别歌曲的工具推出了浏览器插件", "06-21", *body]
    kept, removed, date_line = cut_unrelated_head(foreign)
    assert kept == body and date_line == "06-21"
    assert removed[0] == ("unrelated_headline", "听歌识别歌曲的工具推出了浏览器插件")
    own = ["上海脑科学与类脑研究中心开始建设", "2018-06-21", *body]
    kept, _, date_line = cut_unrelated_head(own)
    assert kept == [own[0], *body] and date_line == "2018-06-21"


def test_no_date_line_no_change():
    assert cut_unrelated_head(STORY_LINES) == (STORY_LINES, [], None)


def test_clean_runs_every_stage_in_order():
    body = "<p>新華網(wǎng)北京5月9日電</p><p>國際科學智能聯盟成立。</p><p>特別聲明：以上內容為自媒體平臺用戶上傳。</p>"
    cleaned = clean(body, is_html=True)
    assert cleaned.text == "新华网北京5月9日电\n国际科学智能联盟成立。"
    assert cleaned.script == "traditional"
    assert [marker for marker, _ in cleaned.removed] == ["cut_copyright"]


def test_a_reading_injected_inside_a_latin_acronym_is_removed():
    from newsprep.clean import remove_pinyin_readings

    assert remove_pinyin_readings("美國F(xiàn)DA宣布") == "美國FDA宣布"
    assert remove_pinyin_readings("(International AI for Science Union)") == "(International AI for Science Union)"
