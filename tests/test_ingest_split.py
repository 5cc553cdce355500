"""Passages follow the numbering of the report and keep their heading path and deadline."""

import itertools
from pathlib import Path

import pytest

from assistant.ingest.clean import clean_text, split_articles
from assistant.ingest.split import match_heading, split_passages

REPORTS = Path(__file__).resolve().parent.parent / "corpus" / "reports"


def passages(prefix: str, article: int = 0):
    text = clean_text(next(REPORTS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")).text
    doc = split_articles(text)[article]
    return doc, split_passages(doc)


def find(prefix: str, needle: str, article: int = 0):
    doc, pieces = passages(prefix, article)
    return next(p for p in pieces if needle in doc[p.start : p.end])


def test_heading_path_of_a_plan_item():
    piece = find("000", "完成垃圾分类考核目标任务")
    assert piece.heading == "二、下半年工作计划 > （三）垃圾分类"
    assert piece.deadline == "12月上旬"


def test_deadline_line_stays_with_its_item():
    doc, pieces = passages("000")
    for piece in pieces:
        text = doc[piece.start : piece.end]
        if "完成时间" in text:
            assert piece.heading.startswith("二、下半年工作计划"), piece.heading
    assert find("000", "瓶改管”7月底").deadline.endswith("7月底")


def test_report_starting_with_arabic_numbering_nests_correctly():
    # 000 opens "1、 上半年工作情况" and continues with "二、下半年工作计划".
    assert find("000", "信访事件62件").heading == "1、上半年工作情况 > （四）信访工作"


def test_enumeration_items_become_sub_headings_in_long_sections():
    piece = find("003", "处置率99.18％")
    assert piece.heading == "一、工作完成情况 > （六）做好数字化案件处置工作"
    assert find("000", "8200件").heading.endswith("一是持续优化点位巩固创文成果")


def test_run_on_paragraph_and_pdf_text_get_structure():
    assert find("002", "学校课后延时服务还有50%").heading == "二、存在的问题 > (三)部分学校周边环境秩序欠佳"
    assert find("004", "新签、补签").heading.startswith("一、上半年工作情况 > (一)优化管理,提升市容环境秩序")


def test_traditional_headings_parsed():
    piece = find("001", "修復率98.9%", article=1)
    assert piece.heading.startswith("二、深入開展整治")


@pytest.mark.parametrize("prefix", ["000", "002", "003", "004"])
def test_passages_cover_text_in_order_within_size(prefix):
    doc, pieces = passages(prefix)
    assert all(a.end <= b.start for a, b in itertools.pairwise(pieces))
    assert all(p.end - p.start <= 400 * 1.3 for p in pieces)
    covered = sum(len(doc[p.start : p.end].strip()) for p in pieces)
    assert covered >= 0.97 * len(doc.replace("\n", ""))
    assert sum(1 for p in pieces if len(doc[p.start : p.end]) < 30) == 0  # no title-only passages


def test_no_passage_cuts_a_number():
    doc, pieces = passages("003")
    for figure in ["14183件", "99.18％", "73.62％", "110.75％", "8000余处"]:
        assert any(figure in doc[p.start : p.end] for p in pieces), figure


def test_heading_styles():
    assert match_heading("（十三）省高质量发展目标。").title == "（十三）省高质量发展目标"
    assert match_heading("1.全面改善市容环境。优化…").title == "1.全面改善市容环境"
    assert match_heading("第二章 总则").style == "chapter"
    assert match_heading("2023年，XX区城市管理局以…") is None


def test_a_passage_never_ends_inside_a_table_row():
    row = "居民小区 | 1.无飞线充电；2.楼道无堆物；3.公益广告规范；4.无违章搭建 | 随机抽查3个，每处问题扣0.3分 | 10"
    text = "测评项目 | 测评内容 | 测评方法 | 分值\n" + "\n".join([row] * 8)
    pieces = split_passages(text, max_chars=250)
    assert len(pieces) > 1
    for piece in pieces:
        assert all(
            line == row or line.startswith("测评项目") for line in text[piece.start : piece.end].strip().split("\n")
        )


def test_a_passage_starting_inside_a_long_table_is_indexed_with_the_tables_header(tmp_path):
    from assistant.ingest.pipeline import SourceFile, prepare
    from assistant.settings import Settings

    rows = "\n".join(
        f"{n} | 第{n}项整治任务，完成背街小巷改造{n + 10}条 | 市城管局 | 各区政府 | 2025年{n % 12 + 1}月底 |"
        for n in range(1, 40)
    )
    text = "某市2025年城市管理重点任务分解表\n序号 | 工作任务 | 牵头单位 | 责任单位 | 完成时限 |\n" + rows + "\n"
    (tmp_path / "t.txt").write_text(text, encoding="utf-8")
    [(_, chunks)] = prepare(SourceFile(tmp_path / "t.txt", tmp_path, "t.txt"), Settings(), "h")
    later = [c for c in chunks if c.text.startswith(("2", "3"))]
    assert later and all("完成时限" in c.search_text and "完成时限" not in c.text for c in later)
