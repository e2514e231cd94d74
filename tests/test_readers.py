"""Reading every input format and encoding; bad inputs fail alone with one clear reason."""

import json

import pytest

from newsprep.errors import UnreadableInput
from newsprep.readers import MAX_ARTICLE_BYTES, decode_bytes, read_path
from tests.conftest import write

STORY = "之江实验室与北京大学签署战略合作协议。双方将共建智能计算联合研究中心。"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "big5", "utf-16"])
def test_encodings_are_detected_not_assumed(encoding):
    text = STORY * 5 if encoding != "big5" else "之江實驗室與北京大學簽署戰略合作協議。雙方將共建智能計算聯合研究中心。" * 5
    decoded, detected = decode_bytes(text.encode(encoding))
    assert decoded.lstrip("\ufeff") == text
    assert detected.replace("-", "_").lower() in {encoding.replace("-", "_"), "gb18030", "big5hkscs", "utf_8_sig", "utf_16"}


@pytest.mark.parametrize("name, content, expected", [
    ("plain.txt", STORY, {"body": STORY, "title": None, "date_raw": None}),
    ("front.md", f"---\ntitle: 合作签约\ndate: 2024-03-05\nauthor: 新华网\nurl: https://example.org/a\ncategories: [AI]\n---\n{STORY}\n",
     {"body": STORY + "\n", "title": "合作签约", "date_raw": "2024-03-05", "source": "新华网", "url": "https://example.org/a",
      "categories": ["AI"]}),
    ("single.json", json.dumps({"title": "T", "content": STORY, "publish_time": "2024-01-02"}, ensure_ascii=False),
     {"body": STORY, "title": "T", "date_raw": "2024-01-02"}),
])
def test_single_article_formats(tmp_path, name, content, expected):
    documents, problems = read_path(write(tmp_path / name, content))
    assert problems == []
    assert len(documents) == 1
    for field, value in expected.items():
        assert getattr(documents[0], field) == value


def test_html_page_keeps_the_story_and_its_metadata(tmp_path):
    page = ("<html><head><title>站点</title><meta property='article:published_time' content='2023-08-15'></head>"
            "<body><nav>首页 | 新闻 | 关于</nav><article><h1>深势科技完成融资</h1>"
            f"<p>{STORY}</p><p>{STORY}</p></article><footer>版权所有</footer></body></html>")
    [document], _ = read_path(write(tmp_path / "page.html", page))
    assert STORY in document.body
    assert document.date_raw == "2023-08-15"
    assert document.title == "深势科技完成融资"


def test_json_list_jsonl_and_csv_exports(tmp_path):
    records = [{"title": f"第{i}篇", "text": STORY + str(i)} for i in range(3)]
    json_docs, _ = read_path(write(tmp_path / "list.json", json.dumps(records, ensure_ascii=False)))
    jsonl_docs, _ = read_path(write(tmp_path / "lines.jsonl", "\n".join(json.dumps(r, ensure_ascii=False) for r in records)))
    csv_docs, _ = read_path(write(tmp_path / "table.csv", "title,content,date\n" + "\n".join(f"第{i}篇,{STORY}{i},2024-0{i + 1}-01" for i in range(3))))
    for documents in (json_docs, jsonl_docs, csv_docs):
        assert [d.record_index for d in documents] == [0, 1, 2]
        assert documents[2].body == STORY + "2"


def test_csv_reports_missing_optional_columns(tmp_path):
    [document], _ = read_path(write(tmp_path / "t.csv", f"text\n{STORY}\n"))
    assert document.notes == ["the CSV has no title, date, url, source column(s); those fields are empty."]


def test_jsonl_bad_line_is_reported_and_the_rest_kept(tmp_path):
    content = json.dumps({"text": STORY}, ensure_ascii=False) + "\n{not json\n" + json.dumps({"body": STORY + "二"}, ensure_ascii=False)
    documents, problems = read_path(write(tmp_path / "x.jsonl", content))
    assert len(documents) == 2
    assert [(p.record_index, p.reason) for p in problems] == [(1, "line 2 is not valid JSON.")]


@pytest.mark.parametrize("name, data, reason", [
    ("empty.txt", b"", "the file is empty; nothing to read."),
    ("blank.txt", b"  \n\n ", "the file holds only white space; nothing to read."),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "this looks like a binary file, not text; export it as UTF-8 text first."),
    ("noise.txt", bytes([0x80, 0x81, 0xFF, 0xFE, 0x90, 0x7F, 0x85]) * 40, "the text encoding could not be recognised (tried UTF-8, GB18030/GBK and Big5); save the file as UTF-8."),
    ("no_text.csv", "title,date\n标题,2024-01-01\n".encode(), "the CSV has no text column (found: title, date); name the article text column one of: text, content, body, article."),
    ("bad.json", b"{\"text\": ", "the JSON is not valid (line 1, column 10: Expecting value); fix or re-export it."),
    ("photo.png", b"\x89PNG", "unsupported file type '.png'; use .txt, .md, .html, .json, .jsonl or .csv."),
])
def test_bad_inputs_fail_with_one_clear_sentence(tmp_path, name, data, reason):
    with pytest.raises(UnreadableInput) as err:
        read_path(write(tmp_path / name, data))
    assert str(err.value) == reason


def test_oversized_article_is_refused_without_reading_it(tmp_path):
    big = tmp_path / "huge.txt"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # 50 MB, sparse: no need to write the bytes
    with pytest.raises(UnreadableInput) as err:
        read_path(big)
    assert str(err.value) == "the file is 50.0 MB, more than the 10 MB one article may have; split it into smaller files."
    assert MAX_ARTICLE_BYTES == 10 * 1024 * 1024


def test_malformed_front_matter_keeps_the_body_with_a_note(tmp_path):
    [document], _ = read_path(write(tmp_path / "broken.md", f"---\ntitle: [unclosed\ndate: 2024\n---\n{STORY}"))
    assert document.body == STORY
    assert document.title is None
    assert document.notes == ["front matter could not be read (line 3); it was ignored and the body kept."]


def test_unreadable_file_reports_why(tmp_path, monkeypatch):
    path = write(tmp_path / "locked.txt", STORY)

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("newsprep.readers.open", refuse, raising=False)  # root reads a chmod-000 file anyway
    with pytest.raises(UnreadableInput) as err:
        read_path(path)
    assert str(err.value) == "the file could not be read (Permission denied); check its permissions."


def test_japanese_shift_jis_is_refused_not_read_as_garbage(tmp_path):
    text = "東京大学の研究チームは、新しい人工知能モデルを発表しました。このモデルは材料の性質を予測します。" * 3
    path = write(tmp_path / "ja.txt", text, encoding="shift_jis")
    with pytest.raises(UnreadableInput, match="looks like Japanese text"):
        read_path(path)


def test_gbk_chinese_is_still_read(tmp_path):
    path = write(tmp_path / "zh.txt", STORY * 3, encoding="gbk")
    [doc], _ = read_path(path)
    assert STORY in doc.body
