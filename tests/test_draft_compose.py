"""Drafts through the real pipeline (model, index of the bundled corpus): one body and one
period, the sections of a 汇报, every sentence cited and verified, Simplified throughout, the
.docx, and the draft scorer on a prompt file made here."""

import io
import json
import re

import docx

from assistant.answer.render import cited_text
from assistant.answer.verify import unsupported_numbers
from assistant.draft.docx import draft_docx
from assistant.evaluation.drafts import is_cited, load_prompts, run_drafts, traditional_characters

PROMPT = "帮我起草一段迎检汇报：市容环境整治上半年工作"
ORDER = ["基本情况", "主要做法和成效", "存在问题", "下步打算"]


def _sentences(answer, heading=None):
    current, out = "", []
    for section in answer.sections:
        if section["level"] == 1:
            current = re.sub(r"^[一二三四五六七八九十]+、", "", section["heading"])
        if heading is None or current == heading:
            out.extend(section["sentences"])
    return out


def test_a_draft_is_about_one_body_and_one_period(assistant):
    answer = assistant.ask(PROMPT, mode="draft")
    assert not answer.refused
    title, scope_line = answer.text.split("\n")[:2]
    assert "帮我起草" not in title and "迎检汇报：" not in title and title.endswith("汇报")
    assert "最新的时段" in scope_line and scope_line == answer.notes[0]  # no period named: the choice is said
    years = {tuple(c.hit.meta.years) for c in answer.citations}
    assert len({c.hit.chunk.doc_id for c in answer.citations}) <= 2 and len(years) == 1
    period = re.search(r"（(\d{4})年", scope_line)
    assert period and all(int(period.group(1)) in y for y in years)


def test_sections_follow_the_report_and_every_sentence_is_cited_and_verified(assistant):
    answer = assistant.ask("起草XX区城管局2023年工作汇报", mode="draft")
    headings = [re.sub(r"^[一二三四五六七八九十]+、", "", s["heading"]) for s in answer.sections if s["level"] == 1]
    assert headings == [h for h in ORDER if h in headings] and "主要做法和成效" in headings
    assert all(_sentences(answer, h) for h in headings)  # a section without support is left out
    for sentence in _sentences(answer):
        assert is_cited(sentence, answer), sentence
        citation = answer.citations[sentence["citation"] - 1]
        assert not unsupported_numbers(sentence["text"], [cited_text(citation.hit)])
        assert not re.match(
            r"^(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]|[一二三四五六七八九十]+是)", sentence["text"]
        )
        assert "*" not in sentence["text"] and sentence["text"].endswith("。")
    # the report's own parts: nothing of its 工作安排 under 成效, nothing of its 完成情况 under 下步打算
    heading_of = {s["text"]: answer.citations[s["citation"] - 1].hit.chunk.heading for s in _sentences(answer)}
    assert not any(heading_of[s["text"]].startswith("三、工作安排") for s in _sentences(answer, "主要做法和成效"))
    plans = "".join(s["text"] for s in _sentences(answer, "下步打算"))
    assert "99.18" not in plans and "886座" not in plans and "8000余处" not in plans  # its results
    lines = answer.text.split("\n")
    assert "数据来源" in lines and all(re.match(r"\[\d+\] 《", line) for line in lines[lines.index("数据来源") + 1 :])
    assert traditional_characters(answer.text) == 0


def test_masked_figures_are_left_out_with_a_note(assistant):
    answer = assistant.ask("起草城管局2023年上半年工作汇报", mode="draft")  # its source masks most figures
    assert not answer.refused and not any("*" in s["text"] for s in _sentences(answer))
    assert any("遮盖" in note for note in answer.notes) and "遮盖" in answer.text


def test_a_period_no_document_covers_is_refused_with_the_reason(assistant):
    answer = assistant.ask("帮我起草一段迎检汇报：2016年市容环境整治工作", mode="draft")
    assert answer.refused and "2016年" in answer.text


def test_the_docx_of_a_real_draft(assistant):
    answer = assistant.ask(PROMPT, mode="draft")
    document = docx.Document(io.BytesIO(draft_docx(answer)))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == answer.text.split("\n")[0] and "数据来源" in texts
    assert sum(traditional_characters(t) for t in texts) == 0


def test_the_draft_scorer_on_a_small_prompt_file(assistant, tmp_path):
    rows = [
        {
            "id": "p1",
            "prompt": "起草XX区城管局2023年工作汇报",
            "docs": ["003_47d2a45b6a9b6baa.txt"],
            "must_cover": ["99.18％", "一个没有的事实"],
            "plan_facts": ["建立全面系统的汛期防控体系"],
            "result_facts": ["处置率99.18"],
        },
        {"id": "p2", "prompt": "帮我起草一段迎检汇报：2016年市容环境整治工作", "must_cover": ["2016"]},
    ]
    path = tmp_path / "prompts.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    report = run_drafts(lambda p: assistant.ask(p, mode="draft"), load_prompts(path))
    first, second = report.scores
    assert first.facts_missing == ["一个没有的事实"] and first.on_documents and not first.misplaced
    assert second.refused and second.coverage == 0.0
    summary = report.summary()
    assert summary["facts_covered"] == round((1 / 2 + 0) / 2, 3) and summary["labelled_prompts"] == 1
    assert summary["cited_share"] == 1.0 and summary["masked_shown"] == 0 == summary["traditional_characters"]
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    try:
        load_prompts(bad)
    except ValueError as exc:
        assert "bad.jsonl" in str(exc) and "第1行" in str(exc)
    else:
        raise AssertionError("a prompt without text was accepted")
