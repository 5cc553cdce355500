"""Grounded answers: exact figures with citations, honest refusals, follow-ups, drafts."""

import io
import re

from assistant.answer.compose import compose
from assistant.answer.draft import draft_docx
from assistant.answer.followup import resolve_followup
from assistant.answer.verify import unsupported_numbers
from assistant.text import compact


def cited_texts(answer):
    return " ".join(c.hit.chunk.text for c in answer.citations)


def test_figure_answer_is_exact_and_cited(assistant):
    answer = assistant.ask("2023年XX区城管局数字化案件处置率是多少？")
    assert not answer.refused
    assert "99.18％" in answer.text and "[1]" in answer.text
    first = answer.citations[0]
    assert "99.18％" in first.hit.chunk.text and first.hit.source.startswith("003_")
    assert unsupported_numbers(answer.text, [cited_texts(answer)]) == []


def test_answer_from_traditional_source_is_simplified_and_cites_the_original(assistant):
    answer = assistant.ask("2021年上半年市容管理科统计的亮化设施故障修复率是多少？")
    assert not answer.refused and "98.9%" in answer.text
    assert "修复率" in answer.text  # answer text in Simplified
    assert "修復率98.9%" in cited_texts(answer)  # citation shows the original Traditional text


def test_deadline_answer_names_the_item(assistant):
    answer = assistant.ask("下半年垃圾分类工作的完成时间是什么时候？")
    assert not answer.refused and "12月上旬" in answer.text and "垃圾分类" in answer.text


def test_two_document_comparison_cites_both(assistant):
    answer = assistant.ask("占道经营整治方面，XX区城管局2023年和市文明办2024年报告的数字分别是多少？")
    assert not answer.refused
    assert "8000余处" in answer.text and "1900余处" in answer.text
    assert len({c.hit.chunk.doc_id for c in answer.citations}) >= 2


def test_unanswerable_questions_are_refused(assistant):
    for question in ["今天天气怎么样？", "2022年XX区城管局清理了多少处占道经营？"]:
        answer = assistant.ask(question)
        assert answer.refused, (question, answer.text)
        assert answer.text.startswith("未在已收录的文件中找到") and not answer.citations
        assert not re.search(r"\d{3,}", answer.text.replace("2022", ""))  # no figure offered as an answer


def test_masked_figure_is_refused_not_guessed(assistant):
    answer = assistant.ask("县城管局2023年上半年新签、补签门前三包责任书多少份？")
    assert answer.refused and "*" in answer.text  # says the figure is masked in the source
    assert answer.related  # and shows where it would have been


def test_follow_up_is_resolved_against_the_previous_turn(assistant):
    history = [{"role": "user", "content": "2024年西城区上半年垃圾分类做了什么？"},
               {"role": "assistant", "content": "开展垃圾分类各类宣传活动30余场[1]"}]
    assert resolve_followup("那下半年呢？", history) == "2024年西城区下半年垃圾分类做了什么？"
    answer = assistant.ask("那下半年呢？", history=history)
    assert not answer.refused and "垃圾分类" in answer.text
    assert any("下半年工作计划" in c.hit.chunk.heading for c in answer.citations)


def test_draft_has_sections_and_every_sentence_cited(assistant):
    answer = assistant.ask("市容环境整治 上半年工作", mode="draft")
    assert not answer.refused and answer.sections
    for section in answer.sections:
        for sentence in section["sentences"]:
            citation = answer.citations[sentence["citation"] - 1]
            assert compact(sentence["text"]) in compact(citation.hit.chunk.text)
    lines = [line for line in answer.text.split("\n") if line and not re.match(r"^\d+\. ", line)]
    assert lines and all(re.search(r"\[\d+\]$", line) for line in lines)
    import docx

    document = docx.Document(io.BytesIO(draft_docx(answer)))
    body = "\n".join(p.text for p in document.paragraphs)
    assert "引用来源" in body and answer.sections[0]["heading"] in body


def test_verifier_rejects_a_number_no_passage_holds(assistant):
    hits = assistant.search("2023年XX区城管局数字化案件处置率", k=3)
    assert unsupported_numbers("处置率99.18％[1]", [hits[0].chunk.text]) == []
    assert unsupported_numbers("处置率98.5％[1]", [hits[0].chunk.text]) == ["98.5%"]
    assert unsupported_numbers("共处置14067件，办理网民留言85件[1]", [hits[0].chunk.text]) == ["85"]


def test_compose_refuses_without_support(assistant):
    hits = assistant.search("垃圾分类", k=5)
    answer = compose("国际空间站的轨道高度是多少？", hits)
    assert answer.refused


def test_result_question_with_only_a_plan_is_answered_as_a_target_not_a_result(assistant):
    # The 2021 report has only what the unit plans (计划建设…示范街区10个, in its 下半年工作思路),
    # no count of what was actually built.
    answer = assistant.ask("2021年下半年市容管理科实际建成了多少个精细化示范街区？")
    assert answer.refused, answer.text  # the result asked for was not found …
    assert answer.text.startswith("未在已收录的文件中找到实际完成的结果")
    assert "计划目标" in answer.text and "不是实际完成情况" in answer.text  # … and it says what it did find
    assert "示范街区10个" in answer.text and answer.citations  # the target, cited
    assert unsupported_numbers(answer.text, [cited_texts(answer)]) == []
    assert [h.chunk.chunk_id for h in answer.related[:len(answer.citations)]] == [
        c.hit.chunk.chunk_id for c in answer.citations]  # the markers match the passages shown
    # Asked as a plan, the same passage answers plainly.
    plan = assistant.ask("2021年区里计划建设多少个精细化示范街区？")
    assert not plan.refused and "示范街区10个" in plan.text and "计划目标" not in plan.text


def test_result_question_with_a_result_is_answered(assistant):
    answer = assistant.ask("XX区2023年实际完成了多少座窨井盖整治？")
    assert not answer.refused and "886座" in answer.text, answer.text


def test_subject_absent_from_the_passages_is_refused(assistant):
    # The standard's excerpt covers 小区 only: its 小区 criteria do not answer about 农贸市场.
    answer = assistant.ask("全国文明城市实地考察点位建设标准中，对农贸市场的测评标准是什么？")
    assert answer.refused and not answer.citations, answer.text
    covered = assistant.ask("全国文明城市实地考察点位建设标准中，对小区的测评标准是什么？")
    assert not covered.refused and "公益广告" in covered.text


def test_quantity_no_passage_names_is_refused(assistant):
    answer = assistant.ask("浙江省示范文明城市测评体系(2014年版)问卷调查的样本量是多少？")
    assert answer.refused and "样本量" in answer.text and not answer.citations, answer.text
    # 结案率 is not 处置率: the 处置率 passage must not be offered as the answer.
    answer = assistant.ask("2023年XX区城管局数字化案件的结案率是多少？")
    assert answer.refused and "99.18" not in answer.text, answer.text


def test_field_cut_off_by_the_excerpt_is_refused(assistant):
    # The excerpt ends at "5、评分方法:采": the method is not in the documents.
    answer = assistant.ask("全国文明城市测评体系(试行)的评分方法是怎么规定的？")
    assert answer.refused and "截断" in answer.text and "评分方法" in answer.text, answer.text


def test_consistency_question_cites_both_statements_of_one_report(assistant):
    answer = assistant.ask("西城区2024年上半年报告中，“瓶改管”进度在前后两处的说法一致吗？")
    assert not answer.refused, answer.text
    for figure in ("96％", "29户", "30户", "27户"):
        assert figure in answer.text, (figure, answer.text)
    assert len(answer.citations) >= 2 and len({c.hit.chunk.doc_id for c in answer.citations}) == 1


def test_question_frame_words_do_not_hide_the_answer(assistant):
    # "有没有明确的…" and "共同点/各自进展" say what kind of answer is wanted, not what it is about.
    answer = assistant.ask("2024年下半年拆违（“双违”治理）工作有没有明确的截止时间？")
    assert not answer.refused and "持续推进" in answer.text, answer.text
    answer = assistant.ask("XX区城管局2023年总结和县城管局2023年上半年总结中的党建品牌有什么共同点和各自进展？")
    assert not answer.refused and "城市绣花针" in answer.text
    assert len({c.hit.chunk.doc_id for c in answer.citations}) >= 2


def test_citations_are_numbered_by_first_use_one_per_passage(assistant):
    from assistant.answer.cite import hit_citer

    hits = assistant.search("垃圾分类", k=3)
    citer = hit_citer()
    assert [citer.cite(h).n for h in (hits[1], hits[0], hits[1], hits[2])] == [1, 2, 1, 3]
    assert [c.hit for c in citer.citations] == [hits[1], hits[0], hits[2]]


def test_a_place_no_document_names_is_not_answered_from_another_places_report(assistant):
    answer = assistant.ask("亭湖区2021年在主要路口新建了几座遮阳挡雨棚？")
    assert answer.refused and "亭湖区" in answer.text and "18座" not in answer.text
    # the same question without the place is answered from the report that has it
    plain = assistant.ask("2021年在主要路口新建了几座遮阳挡雨棚？")
    assert not plain.refused and "18座" in plain.text


def test_a_district_named_for_one_side_of_a_comparison_keeps_the_other_side(assistant):
    answer = assistant.ask("西城区2024年上半年与XX区2023年的数字城管案件处置量分别是多少？")
    assert not answer.refused
    assert "8200件" in answer.text and "14067件" in answer.text


def test_a_count_in_a_unit_no_passage_uses_is_refused(assistant):
    money = assistant.ask("市文明办今年在创城宣传上一共花了多少钱？")
    assert money.refused and "元" in money.text
    counted = assistant.ask("市文明办在主要干道和交通路口悬挂了多少处公益广告？")
    assert not counted.refused and "100余处" in counted.text


def test_finally_asks_for_what_happened_not_what_was_planned(assistant):
    answer = assistant.ask("星汇（万达）广场最后是哪天正式开业的？")
    assert answer.refused  # only the plan "12月27日前开业" is in the report
    assert "计划" in answer.text or "目标" in answer.text


def test_standards_come_from_assessment_documents_not_from_reports(assistant):
    answer = assistant.ask("实地考察点位建设标准里，对农贸市场这类点位有哪些具体要求？")
    assert answer.refused  # the excerpt has no 农贸市场 standard; reports only mention 农贸市场 work
    assert not any("农贸市场升级改造" in c.hit.chunk.text for c in answer.citations)
    covered = assistant.ask("实地考察点位建设标准对小区的公益广告有什么要求？")
    assert not covered.refused
    assert all(c.hit.meta.kind in ("测评体系", "考察标准") for c in covered.citations)


def test_how_many_items_is_a_count_not_a_list(assistant):
    answer = assistant.ask("浙江省示范文明城市（2014年版）测评体系的基本指标一共有多少项？")
    assert answer.refused  # the excerpt never gives the count; a list of criteria is no answer
    counted = assistant.ask("全国文明城市测评体系（试行）的基本指标一共有多少条？")
    assert not counted.refused and "37条" in counted.text
