"""The answerer's parts on synthetic hits (no model, no index): candidates, features, the
refusal checks with their reasons, the fitted selector, the choice of sentences, rendering."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from helpers_answer import answer_of as _answer
from helpers_answer import hand_selector as _selector
from helpers_answer import make_hits

from assistant.answer.candidates import gather
from assistant.answer.compose import CHECKS, answer_confidence, decide
from assistant.answer.confidence import CONFIDENCE_FEATURES, ConfidenceModel
from assistant.answer.features import FEATURES
from assistant.answer.prepared import prepare
from assistant.answer.refuse import time_mismatch
from assistant.answer.selection import choose, rank_passages
from assistant.answer.selector import Selector, SelectorMismatch, fit_selector
from assistant.answer.stand_in import of_the_district_asked, of_the_period_asked, of_the_place_asked, of_the_whole_asked
from assistant.evaluation.labels import labels
from assistant.evaluation.sets import LabelledQuestion
from assistant.evaluation.train import (
    Example,
    Trial,
    charged_lines,
    confidence_data,
    fit_calibrated,
    fullest_within_noise,
)
from assistant.intent import asks_target_apart

RANKING_AUG = (
    "咸宁市城市管理工作2022年8月综合评价情况\n"
    "具体综合评价排名情况为:第一名,咸宁高新区,得分90.68分;第二名,中心城区,得分90.33分;第三名,赤壁市,得分90.15分。\n"
    "在本次暗访抽检中,8个评价区域共发现各类问题1714处,综合平均分为89.11分。"
)
RANKING_DEC = (
    "咸宁市城市管理工作2022年12月综合评价情况\n"
    "具体综合评价排名情况为:第一名,中心城区,得分91.21分;第二名,嘉鱼县,得分91.02分;第三名,咸安区,得分90.25分。\n"
    "在本次暗访抽检中,8个评价区域共发现各类问题1758处,综合平均分为89.03分。"
)
POSTER = "排名公布\n第一名\n嘉鱼县\n得分94.68分\n第二名\n中心城区\n得分94.60分"
TABLE = "案件来源 | 6月受理数(宗) | 7月受理数(宗) |\n信息采集 | 12120 | 12102 |\n公众举报 | 7 | 9 |"
PLAN = "区城管局2024年工作要点\n2024年计划改造提升背街背巷4个以上。力争年底前完成全部整治任务。"
MASKED = "县城管局2023年工作总结\n全年共签订门前三包责任书*余份,出动执法人员1200余人次。"


def test_label_lines_join_the_line_they_introduce_and_table_rows_keep_their_header():
    hits, _ = make_hits({"poster": POSTER, "table": TABLE})
    texts = [c.text for c in gather(hits, 2)]
    assert any(t.endswith("第一名 嘉鱼县 得分94.68分") for t in texts) and "第二名 中心城区 得分94.60分" in texts
    row = next(c for c in gather(hits, 2) if c.text.startswith("公众举报"))
    assert row.header.startswith("案件来源")


def test_the_place_a_document_is_about_is_in_its_sentences_context_when_its_title_does_not_name_it():
    notice = "关于2025年三季度数字城管运行情况的通报\n三季度，运城市数字城管系统立案3,206件。\n结案3,011件。\n按期处置率93.4%，较二季度提高0.8个百分点。"
    titled = "运城市2025年三季度数字城管运行情况通报\n三季度全市立案3,206件。\n按期处置率93.4%。"
    hits, _ = make_hits({"notice": notice, "titled": titled})
    rate = next(c for c in gather(hits[:1], 1) if c.text.startswith("按期处置率"))
    assert hits[0].meta is not None and hits[0].meta.place == "运城市"
    assert "运城市" in rate.context() and "运城市" not in rate.text + rate.previous
    titled_rate = next(c for c in gather(hits[1:], 1) if c.text.startswith("按期处置率"))
    assert titled_rate.context().count("运城市") == 1  # said by its title, not once more


def test_an_interviewers_question_is_no_candidate_but_the_context_of_the_answer_after_it():
    interview = "记者：群众意见主要集中在哪些方面？\n答：主要集中在占道经营和停车难。"
    hits, corpus = make_hits({"interview": interview})
    prepared = prepare("群众意见主要集中在哪些方面", hits, corpus)
    assert [c.text for c in prepared.candidates] == ["答：主要集中在占道经营和停车难。"]
    assert prepared.candidates[0].previous.endswith("哪些方面？")


def test_a_pages_running_header_signature_and_file_number_answer_no_figure():
    notice = (
        "关于2025年5月份市区数字城管运行情况的通报\n临澜城管执〔2025〕46号\n临澜市数字城管运行通报（2025年5月）\n"
        "一、总体运行情况\n5月份，市区数字城管平台经审核立案18516件，较4月份增加586件。\n"
        "临澜市数字城管运行通报（2025年5月）\n二、存在问题\n店外经营反弹。\n临澜市城市管理综合行政执法局 2025年6月9日"
    )
    prepared = prepare("临澜5月数字城管运行通报立案多少件", *make_hits({"notice": notice}))
    texts = [c.text for c in prepared.candidates]
    assert any(t.endswith("5月份，市区数字城管平台经审核立案18516件，较4月份增加586件。") for t in texts)
    assert not any(
        t.startswith(("临澜市数字城管运行通报", "临澜城管执", "临澜市城市管理综合行政执法局")) for t in texts
    )
    asked = prepare("临澜5月数字城管运行通报是哪个单位发的", *make_hits({"notice": notice}))
    assert any(c.text.startswith("临澜市城市管理综合行政执法局") for c in asked.candidates)  # no figure asked


def test_the_last_sentence_of_a_document_that_stops_mid_sentence_is_marked_cut_off():
    hits, corpus = make_hits({"cut": "一、工作情况\n全年拆除违法建设31处。督办事项落实未到位的,每件扣"})
    prepared = prepare("督办事项落实每件扣几分？", hits, corpus)
    assert prepared.candidates[-1].truncated and not any(c.truncated for c in prepared.candidates[:-1])


def test_the_figure_in_the_unit_asked_is_chosen_and_cited():
    answer = _answer("咸宁22年8月暗访抽检一共发现多少处问题？", {"aug": RANKING_AUG})
    assert not answer.refused and "1714处" in answer.text and "[1]" in answer.text
    assert answer.citations[0].hit.source == "aug.txt"


def test_a_rows_header_from_the_passage_before_is_shown_and_its_figures_are_the_documents():
    """A table that began in the passage before: its row is answered with the header read from the
    document above the passage, and that header's years (2024年底现状) are no unsupported figures."""
    head = "中卫市2025年创建工作任务表\n|序号|任务|2024年底现状|2025年目标|完成时间|\n"
    rows = (
        "|1|公厕新建改造|全年新建改造16座|全年新建改造20座|9月底前|\n"
        "|2|新能源汽车充电设施|公共充电端口1,350个|公共充电端口2,000个|9月底前|\n"
    )
    hits, corpus = make_hits({"renwu": head + rows})
    below_header = replace(hits[0], chunk=replace(hits[0].chunk, text=rows, start=len(head), end=len(head + rows)))
    answer = decide(prepare("中卫充电端口2024年底现状有多少个", [below_header], corpus), _selector())
    assert not answer.refused, answer.text
    assert "1,350个" in answer.text and "（表头：|序号|任务|2024年底现状|2025年目标|完成时间|）" in answer.text
    cited = answer.citations[0].hit.chunk  # begun at the header it shows, a span of the document still
    assert cited.text.startswith("|序号|") and (head + rows)[cited.start : cited.end] == cited.text


def test_a_month_no_document_covers_is_refused_naming_the_months_it_has():
    answer = _answer("咸宁22年9月城管综合评价谁排第一？", {"aug": RANKING_AUG, "dec": RANKING_DEC})
    assert answer.refused and answer.notes == ["time_mismatch"]
    assert "2022年9月" not in answer.text.split("相近")[1] and "2022年8月" in answer.text


def test_the_document_of_the_month_asked_answers_not_its_look_alike():
    answer = _answer("咸宁22年12月暗访发现多少处问题？", {"aug": RANKING_AUG, "dec": RANKING_DEC})
    assert not answer.refused and "1758处" in answer.text and "1714处" not in answer.text


def test_a_place_no_document_names_is_refused():
    answer = _answer("黄冈市22年8月城管综合评价第一名是谁？", {"aug": RANKING_AUG})
    assert answer.refused and answer.notes == ["place_unknown"] and "黄冈市" in answer.text
    assert not _answer(
        "黄冈市22年8月城管综合评价第一名是谁？",
        {"aug": RANKING_AUG},
        tuple(c for c in CHECKS if c not in {"place_unknown", "place_mismatch"}),
    ).refused


def test_a_city_only_the_metadata_places_a_notice_in_is_known_and_agrees():
    notice = (
        "关于2025年8月份数字城管运行情况的通报\n向阳区、工农区、南山区、兴山区人民政府：\n"
        "8月份，全市数字城管系统共立案1,372件，按期处置率91.3%。\n兴山区按期处置率86.0%，排名末位。"
    )
    hits, corpus = make_hits({"notice": notice})
    assert hits[0].meta is not None and hits[0].meta.place == "鹤岗市" and "鹤岗" not in notice
    prepared = prepare("鹤岗8月数字城管立案多少件", hits, corpus)
    assert prepared.place_refusal is None
    assert corpus.profile("notice").covers_places(prepared.question) == 1.0
    assert corpus.profile("notice").about.startswith("鹤岗市")


def test_a_masked_figure_is_refused_not_guessed():
    answer = _answer("县城管局2023年签了多少份门前三包责任书？", {"masked": MASKED})
    assert answer.refused and answer.notes == ["masked"] and "*" in answer.text


def test_the_last_place_asked_as_a_rank_is_not_a_quantity_the_document_must_name():
    answer = _answer("咸宁22年8月城管综合评价倒数第一是谁？", {"aug": RANKING_AUG})
    assert answer.notes != ["absent_focus"]  # 倒数 ends in 数 but names a rank, not a quantity
    assert _answer("咸宁22年8月城管综合评价的覆盖率是多少？", {"aug": RANKING_AUG}).notes == ["absent_focus"]


def test_the_deadline_of_the_item_asked_is_given_not_another_items():
    plan = (
        "市城管局2024年工作方案\n"
        "（一）违法建设治理。全年拆除存量违法建设30万平方米以上。责任单位：市拆违办。完成时间：2024年10月31日。\n"
        "（二）公厕提升改造。改造提升城区公厕40座，其中新建10座。责任单位：市城管局。完成时间：2024年8月31日。"
    )
    answer = _answer("2024年城区公厕改造提升40座什么时候完成？", {"plan": plan})
    assert not answer.refused and "2024年8月31日" in answer.text and "10月31日" not in answer.text


def test_question_words_keep_the_questions_order_whatever_the_hash_seed():
    # A set's order changes with PYTHONHASHSEED; words of equal weight were then ranked differently
    # from one run to the next, and so were the answers of assistant eval.
    hits, corpus = make_hits({"aug": RANKING_AUG})
    prepared = prepare("咸宁城管综合评价暗访抽检问题数量平均分排名情况", hits, corpus)
    question = prepared.question
    expected = list(dict.fromkeys([*question.keywords, *(w for p in question.parts for w in p.keywords)]))
    assert len(expected) >= 4 and list(prepared.context.weights) == expected


def test_a_rank_beyond_the_list_is_refused():
    answer = _answer("咸宁22年8月城管综合评价第五名是谁？", {"aug": RANKING_AUG})
    assert answer.refused and answer.notes == ["rank_beyond_list"] and "第3名" in answer.text


def test_an_actual_result_asked_of_a_plan_is_answered_as_a_target():
    answer = _answer("区城管局2024年实际改造了几个背街背巷？", {"plan": PLAN})
    assert answer.refused and "计划目标" in answer.text and "4个以上" in answer.text
    assert answer.citations  # the target is cited


def test_the_ranks_asked_are_each_answered():
    hits, corpus = make_hits({"aug": RANKING_AUG})
    prepared = prepare("咸宁22年8月综合评价第一名和第三名分别是谁？", hits, corpus)
    selector = _selector()
    chosen = choose(prepared, selector.probabilities(prepared.matrix), selector)
    said = " ".join(prepared.candidates[i].text for i in chosen)
    assert "第一名" in said and "第三名" in said


def test_passages_are_ranked_by_their_best_sentence():
    hits, corpus = make_hits({"aug": RANKING_AUG, "dec": RANKING_DEC})
    prepared = prepare("咸宁22年12月暗访发现多少处问题？", hits, corpus)
    ranked = rank_passages(prepared, _selector().probabilities(prepared.matrix))
    assert ranked[0].source == "dec.txt"


def test_of_two_passages_whose_best_sentences_read_alike_the_one_with_a_second_answer_comes_first():
    hits, corpus = make_hits(
        {
            "lead": "鹰潭市数字城管5月通报\n全市结案率96.2%，其中月湖区97.4%。",
            "total": "一、总体情况\n5月份全市共立案9,105件，按期结案率96.2%。\n较4月份提高0.7个百分点。",
        }
    )
    prepared = prepare("鹰潭5月数字城管立了多少案，结案率多少", hits, corpus)
    in_total = np.array([c.doc_id == "total" for c in prepared.candidates])
    probabilities = np.where(in_total, 0.2, 0.1)
    probabilities[int(np.argmax(~in_total))] = 0.80  # the lead's one sentence
    probabilities[int(np.argmax(in_total))] = 0.78  # the total's best, beside a second that reads as an answer
    probabilities[len(in_total) - 1 - int(np.argmax(in_total[::-1]))] = 0.60
    assert rank_passages(prepared, probabilities)[0].source == "total.txt"
    probabilities[int(np.argmax(~in_total))] = 0.95  # a clearly better sentence still ranks its passage first
    assert rank_passages(prepared, probabilities)[0].source == "lead.txt"


def test_numbering_is_dropped_and_the_deadline_joins_a_when_answer():
    hits, corpus = make_hits(
        {"plan": "二、下半年工作计划\n（三）垃圾分类\n1.完成垃圾分类示范小区创建。完成时间：12月上旬"}
    )
    hits[0].chunk.deadline = "12月上旬"
    answer = decide(prepare("垃圾分类示范小区创建什么时候完成？", hits, corpus), _selector())
    assert not answer.refused and "12月上旬" in answer.text and not answer.text.startswith("1.")


def test_selector_weights_round_trip_and_refuse_other_features(tmp_path):
    selector = _selector()
    path = tmp_path / "selector.json"
    selector.save(path)
    loaded = Selector.load(path)
    matrix = np.random.default_rng(0).random((5, len(FEATURES)))
    assert np.allclose(loaded.probabilities(matrix), selector.probabilities(matrix))
    data = path.read_text(encoding="utf-8").replace('"cov_q"', '"renamed"')
    path.write_text(data, encoding="utf-8")
    with pytest.raises(SelectorMismatch, match=rf"模型文件 {path.name}：.*train-selector"):
        Selector.load(path)
    path.write_text("not json", encoding="utf-8")
    with pytest.raises(SelectorMismatch, match=rf"模型文件 {path.name} 无法读取"):
        Selector.load(path)
    with pytest.raises(SelectorMismatch, match="无法读取"):
        Selector.load(path.with_name("missing.json"))


def test_the_shipped_selector_loads_and_ranks_a_fitting_sentence_first():
    selector = Selector.load()
    hits, corpus = make_hits({"aug": RANKING_AUG})
    prepared = prepare("咸宁22年8月暗访抽检一共发现多少处问题？", hits, corpus)
    probabilities = selector.probabilities(prepared.matrix)
    assert "1714处" in prepared.candidates[int(np.argmax(probabilities))].text


def _examples() -> list[Example]:
    cases = [
        ("咸宁22年8月暗访发现多少处问题？", "aug", "1714处", True),
        ("咸宁22年12月暗访发现多少处问题？", "dec", "1758处", True),
        ("咸宁22年8月综合平均分多少？", "aug", "89.11分", True),
        ("咸宁22年12月综合平均分多少？", "dec", "89.03分", True),
        ("咸宁22年8月第二名是谁？", "aug", "中心城区", True),
        ("咸宁22年12月第二名是谁？", "dec", "嘉鱼县", True),
        ("咸宁22年9月暗访发现多少处问题？", "aug", "", False),
        ("咸宁22年10月第二名是谁？", "dec", "", False),
    ]
    examples = []
    for number, (text, doc, fact, answerable) in enumerate(cases):
        hits, corpus = make_hits(
            {doc: RANKING_AUG if doc == "aug" else RANKING_DEC, "other": RANKING_DEC if doc == "aug" else RANKING_AUG}
        )
        item = LabelledQuestion(
            id=f"s{number}",
            question=text,
            set_name=f"{doc}{number % 3}",
            type="number" if answerable else "unanswerable",
            docs=(f"{doc}.txt",),
            must_contain=(fact,) if fact else (),
        )
        prepared = prepare(text, hits, corpus)
        examples.append(Example(item, prepared, labels(prepared.candidates, item)))
    return examples


def test_labels_mark_the_sentences_that_state_an_expected_figure():
    example = _examples()[0]
    marked = [c.text for c, y in zip(example.prepared.candidates, example.labels, strict=True) if y]
    assert marked and all("1714处" in t for t in marked)
    assert not _examples()[-1].labels.any()  # an unanswerable question has no positive sentence


def test_a_fitted_and_calibrated_selector_answers_and_refuses(tmp_path):
    examples = _examples()
    selector = fit_calibrated(examples, inner=2)
    assert 0.0 <= selector.refuse_below < 1.0 and selector.confidence is not None
    selector.save(tmp_path / "s.json")
    again = Selector.load(tmp_path / "s.json")
    answer = decide(examples[1].prepared, again)
    assert not answer.refused and "1758处" in answer.text
    plain = fit_selector(*_rows(examples))
    assert plain.probabilities(examples[0].prepared.matrix).shape == (len(examples[0].prepared.candidates),)
    assert replace(again, refuse_below=1.01).refuse_below > 1  # thresholds are plain fields


def test_of_sentence_thresholds_the_questions_cannot_tell_apart_the_one_missing_fewest_facts_is_kept():
    right = np.array([1.0] * 80 + [0.0] * 20)
    shortest = Trial(right, np.zeros(100))
    # Two more questions answered in full for 1.5 more sentences on 80: a slightly lower score
    # (recall less 0.02 a sentence), by less than the questions' noise.
    fuller = Trial(np.array([1.0] * 82 + [0.0] * 18), np.array([1.5] * 80 + [0.0] * 20))
    # Five more for five more sentences on every question: measurably worse.
    longest = Trial(np.array([1.0] * 85 + [0.0] * 15), np.full(100, 5.0))
    assert fuller.scores.mean() < shortest.scores.mean()
    trials = {(0.5, 0.7): shortest, (0.3, 0.5): fuller, (0.3, 0.3): longest}
    assert fullest_within_noise(trials) == (0.3, 0.5)
    assert fullest_within_noise({(0.5, 0.7): shortest, (0.3, 0.3): longest}) == (0.5, 0.7)


DISTRICTS = (
    "城东区",
    "望山区",
    "滨江区",
    "新华区",
    "学府区",
    "高新区",
    "经开区",
    "江北区",
    "西湖区",
    "南山区",
    "北塘区",
    "东港区",
)
DISTRICT_COUNTS = "市城管局关于市容秩序专项督查情况的通报\n" + "".join(
    f"{district}督查发现市容问题{n}处，已整改。" for n, district in enumerate(DISTRICTS, start=3)
)


def test_a_list_asked_is_given_with_all_its_items_beyond_eight():
    hits, corpus = make_hits({"ducha": DISTRICT_COUNTS})
    listing = prepare("市容专项督查各区发现了哪些问题？", hits, corpus)
    assert listing.question.intent.asks_list
    answer = decide(listing, _selector())
    assert all(f"{district}督查" in answer.text for district in DISTRICTS)  # all twelve, not the first eight
    figure = decide(prepare("东港区督查发现市容问题多少处？", hits, corpus), _selector())
    assert len(figure.text.splitlines()) <= 3  # a figure asked is answered by its sentence, not the list


def _rows(examples: list[Example]) -> tuple[np.ndarray, np.ndarray]:
    return np.vstack([e.prepared.matrix for e in examples]), np.concatenate([e.labels for e in examples])


DUCHA = (
    "市城管局关于市容秩序专项督查情况的通报\n现将督查发现的主要问题通报如下：\n"
    "一、城东区\n1.人民路流动摊贩占道经营；\n2.农贸市场东门垃圾桶满溢。\n"
    "二、望山区\n1.望山路夜市油烟直排；\n2.东山巷私搭乱建雨棚。\n"
    "请各区对照问题清单完成整改。"
)


def test_a_sentence_knows_the_numbered_headings_above_it_in_its_passage():
    hits, _ = make_hits({"ducha": DUCHA})
    sections = {c.text: c.section for c in gather(hits, 1)}
    assert sections["1.人民路流动摊贩占道经营；"] == "一、城东区"
    assert sections["2.东山巷私搭乱建雨棚。"] == "二、望山区"
    assert all(section == "" for text, section in sections.items() if "现将督查" in text)


def test_a_headings_note_in_brackets_is_part_of_the_heading():
    notice = "天水市督查通报\n一、秦州区（发现问题29个，主要问题如下）\n1.民主西路：流动摊贩占道经营；\n二、麦积区（发现问题24个）\n1.桥南商埠路：店外经营。"
    hits, _ = make_hits({"notice": notice})
    candidates = gather(hits, 1)
    sections = {c.text: c.section for c in candidates}
    assert sections["1.民主西路：流动摊贩占道经营；"] == "一、秦州区（发现问题29个，主要问题如下）"
    assert {c.heading_place for c in candidates if c.text.startswith("1.")} == {"秦州区", "麦积区"}


def test_items_under_another_districts_heading_conflict_with_the_place_asked():
    hits, corpus = make_hits({"ducha": DUCHA})
    prepared = prepare("望山区查出了哪些问题？", hits, corpus)
    agree, conflict = (FEATURES.index(n) for n in ("section_place_agree", "section_place_conflict"))
    rows = {c.text: prepared.matrix[i] for i, c in enumerate(prepared.candidates)}
    assert rows["1.望山路夜市油烟直排；"][agree] == 1.0 and rows["1.望山路夜市油烟直排；"][conflict] == 0.0
    assert rows["1.人民路流动摊贩占道经营；"][conflict] == 1.0 and rows["1.人民路流动摊贩占道经营；"][agree] == 0.0


POINTS_BY_DISTRICT = (
    "岚阳市创文督查通报\n现将部分问题点位通报如下：\n"
    "望山区：\n颐和苑小区：楼道堆物、飞线充电；\n世纪大道公交站台：小广告乱贴；\n"
    "临江区：\n希望大道农贸市场：生熟不分、地面积水；\n"
    "各地各单位要逐项建立整改台账，于7月15日前将整改情况报送市文明办，市文明办将于7月下旬组织回头看。"
)


def test_points_listed_under_a_place_label_line_sit_under_that_place():
    hits, corpus = make_hits({"ducha": POINTS_BY_DISTRICT})
    prepared = prepare("望山区查出了哪些问题点？", hits, corpus)
    place = {c.text[:5]: c.heading_place for c in prepared.candidates}
    assert place["颐和苑小区"] == "望山区" and place["世纪大道公"] == "望山区" and place["希望大道农"] == "临江区"
    assert place["各地各单位"] == ""  # the paragraph after the list is no point of 临江区
    agree, conflict = (FEATURES.index(n) for n in ("section_place_agree", "section_place_conflict"))
    rows = {c.text[:5]: prepared.matrix[i] for i, c in enumerate(prepared.candidates)}
    assert rows["颐和苑小区"][agree] == 1.0 and rows["希望大道农"][conflict] == 1.0


QUARTER_3 = (
    "渚阳市创文办关于2023年第三季度城区测评情况的通报\n"
    "湖滨区综合得分91.6分，排名第一。本次测评全市平均分90.2分，较第二季度上升1.1分。"
)
QUARTER_2 = "渚阳市创文办关于2023年第二季度城区测评情况的通报\n全市均分89.1分。城东区综合得分90.4分，排名第一。"


def test_the_quarter_a_title_names_is_the_documents_not_the_quarter_it_compares_with():
    answer = _answer("渚阳第二季度测评湖滨区多少分", {"q3": QUARTER_3})
    assert answer.refused and answer.notes == ["time_mismatch"]
    assert not _answer("渚阳第三季度测评湖滨区多少分", {"q3": QUARTER_3}).refused


def test_each_quarter_a_question_names_is_answered_from_its_own_document():
    answer = _answer("渚阳二季度和三季度测评全市平均分分别是多少", {"q3": QUARTER_3, "q2": QUARTER_2})
    assert "90.2分" in answer.text and "89.1分" in answer.text


SWEEPING_PLAN = "临澜市城市管理局2024年工作要点\n城区主次干道机械化清扫率达到95%以上，背街小巷机械化清扫率达到80%以上。"


def test_a_short_form_of_the_quantity_asked_is_the_quantity_the_document_names():
    answer = _answer("临澜2024年主次干道机扫率要达到多少", {"plan": SWEEPING_PLAN})
    assert not answer.refused and "95%" in answer.text
    assert _answer("临澜2024年主次干道绿化率要达到多少", {"plan": SWEEPING_PLAN}).notes == ["absent_focus"]


def test_the_last_two_places_asked_are_ranks_not_a_quantity():
    answer = _answer("6月那期文明指数测评主城区倒数两名是谁？", {"june": MONTHLY_INDEX})
    assert not answer.refused and "火炬开发区" in answer.text


MONTHLY_INDEX = (
    "6月份市文明办组织的月度文明程度指数测评结果出炉，主城区成绩排名前两名的分别是东区街道、石岐街道，"
    "排名后两名的分别是火炬开发区、五桂山街道。"
)


def test_a_question_in_two_parts_is_not_refused_for_the_issue_only_the_other_part_names():
    crosscheck = "3月9日，潇湘街道派出督查组深入辖区7个社区开展创文交叉检查。"
    question = "V市第9期督查查了多少个社区？潇湘街道那次交叉检查覆盖了几个社区？"
    answer = _answer(question, {"crosscheck": crosscheck})
    assert not answer.refused and "7个社区" in answer.text
    assert _answer("V市第9期督查查了多少个社区？", {"crosscheck": crosscheck}).notes == ["issue_mismatch"]


def test_a_table_rows_bare_figures_take_their_columns_unit():
    from assistant.answer.candidates import with_cell_units

    header = "二、实地考察测评内容及分值 测评项目 | 测评内容 | 测评方法 | 分值"
    row = "农 贸 市 场 | 市场内外环境整洁 | 每个县区随机抽查2个 | 14"
    assert with_cell_units(header, row).endswith("| 14分")
    assert with_cell_units("区 | 立案数（件） | 结案率", "高新区 | 1,443 | 97.7%") == "高新区 | 1,443件 | 97.7%"
    assert with_cell_units("区 | 立案数（件）", "高新区 | 1,443 | 97.7%") == "高新区 | 1,443 | 97.7%"  # cells unmatched
    long = "区县 | 指标 | 数值 | 排名"  # a long table: the indicator is in the row
    assert with_cell_units(long, "鼎湖区 | 综合得分 | 88.4 | 4 |") == "鼎湖区 | 综合得分 | 88.4分 | 4 |"
    assert with_cell_units(long, " | 背街小巷完成数（条） | 6 |  |") == " | 背街小巷完成数（条） | 6条 |  |"
    # a rank column's figure is a place in order: it answers 排几名
    assert with_cell_units("区县 | 得分 | 排名", "鼎湖区 | 88.4 | 4") == "鼎湖区 | 88.4分 | 第4名"


def test_the_masked_row_of_the_place_asked_is_refused_among_its_neighbours_rows():
    from assistant.answer.refuse_excerpt import masked_figure
    from assistant.question import read_question

    table = "岚州市一季度测评结果\n县（市）组 单位 | 得分 | 排名\n永城市 | 90.84 | 1\n民权县 | ** | 5\n"
    hits, _ = make_hits({"table": table})
    rows = [c for c in gather(hits, 1) if "|" in c.text]
    found = masked_figure(read_question("岚州一季度测评民权县得了多少分"), rows)
    assert found is not None and found.code == "masked"
    assert masked_figure(read_question("岚州一季度测评永城市得了多少分"), rows) is None


def test_a_masked_rank_or_measure_asked_is_refused_whatever_the_question_says_of_a_figure():
    from assistant.answer.refuse_excerpt import masked_figure
    from assistant.question import read_question

    def candidates(text: str) -> list:
        hits, _ = make_hits({"notice": text})
        return [c for c in gather(hits, 1) if "*" in c.text or "分" in c.text]

    ranked = candidates("澜坪市三季度测评情况通报\n在全省三季度测评中，我市得分84.2分，排名第***位。\n")
    found = masked_figure(read_question("澜坪三季度在全省排第几"), ranked)
    assert found is not None and found.code == "masked"
    # the rank stated, not masked: no refusal
    assert masked_figure(read_question("澜坪三季度在全省排第几"), candidates("我市得分84.2分，排名第5位。")) is None
    # a measure named alone ("群众满意度呢"), its figure masked in the clause of the place asked
    rows = candidates("青山区 本季度得分84.1分，较第二季度提高1.6分，群众满意度为***%。\n")
    found = masked_figure(read_question("三季度 青山区 群众满意度"), rows)
    assert found is not None and found.code == "masked"
    # masked for another place only: the place asked is answered elsewhere
    rows = candidates("凤鸣区群众满意度最高，达到93.4%；桃坞区群众满意度为**.*%，排名末位。\n")
    assert masked_figure(read_question("凤鸣区群众满意度"), rows) is None


def test_a_question_that_asks_no_figure_is_not_refused_for_a_masked_count():
    notice = (
        "岫溪市第3期创文督查通报\n本次督查共检查点位**个，发现窗口单位问题***个，主要是评价器损坏、无障碍通道被占用。"
    )
    answer = _answer("岫溪第3期督查窗口单位有哪些问题", {"notice": notice})
    assert answer.notes != ["masked"] and "评价器" in answer.text  # a figure asked: see the test above


SUMMARY_2022 = (
    "澜坪市青山区城市管理局2022年工作总结\n全年拆除违法建设326处、2.34万平方米。\n"
    "下一步工作安排：2023年继续做好各项工作。"
)


def test_the_year_a_title_names_is_the_documents_not_the_year_it_plans_for():
    answer = _answer("青山区城管23年拆违多少平方米", {"summary": SUMMARY_2022})
    assert answer.refused and answer.notes == ["time_mismatch"]
    assert "2.34万平方米" in _answer("青山区城管22年拆违多少平方米", {"summary": SUMMARY_2022}).text


def test_a_title_composed_from_metadata_does_not_fix_the_documents_year():
    untitled = "全年拆除违法建设326处、2.34万平方米。\n2023年，我局将继续推进违建治理。"
    hits, corpus = make_hits({"untitled": untitled})
    assert hits[0].title not in untitled  # composed from body, year and kind
    assert corpus.profile("untitled").years_titled is False


WORK_POINTS = "墨湄市城市管理局2023年工作要点\n二、主要目标\n生活垃圾回收利用率达到35%以上；新建改建公厕40座。"


def test_an_actual_result_asked_of_a_plan_document_gets_its_target_marked_as_such():
    answer = _answer("墨湄23年生活垃圾回收利用率实际达到多少", {"points": WORK_POINTS})
    assert answer.refused and answer.notes[0].startswith("plan_only") and "35%" in answer.text
    both = _answer("墨湄23年公厕计划建多少座，实际建了多少", {"points": WORK_POINTS})
    assert not both.refused and "40座" in both.text  # the target is asked too


def test_a_document_of_targets_and_tasks_is_a_plan():
    targets = (
        "临澜市2026年主要目标和重点任务\n（五）提升城市管理精细化水平\n建设滨河步道8.6公里，建成区绿地率达到41.5%；"
    )
    answer = _answer("临澜滨河步道现在实际建成多少公里了", {"targets": targets})
    assert answer.refused and answer.notes[0].startswith("plan_only") and "8.6公里" in answer.text
    assert not _answer("临澜今年滨河步道要建多少公里", {"targets": targets}).refused


TASK_TABLE = (
    "临澜市创建全国文明城市工作推进表\n"
    "序号 | 工作任务 | 具体内容 | 牵头单位 | 完成时限\n"
    "8 | 农贸市场提升 | 改造农贸市场6个 | 市商务局 | 2025年10月31日前\n"
    "9 | 口袋公园建设 | 新建口袋公园15个 | 市园林局 | 2025年11月30日前"
)


def test_how_far_a_task_has_got_asked_of_a_task_table_gets_its_target_marked_as_such():
    answer = _answer("临澜口袋公园现在建成几个了", {"tasks": TASK_TABLE})
    assert answer.refused and answer.notes[0].startswith("plan_only") and "15个" in answer.text
    assert not _answer("临澜今年口袋公园要建几个", {"tasks": TASK_TABLE}).refused


MID_YEAR = (
    "墨湄市城市管理局2024年上半年工作总结\n一、工作完成情况\n垃圾分类覆盖率上半年为88%。\n"
    "二、下半年工作计划\n力争垃圾分类覆盖率年底达到95%以上。"
)


def test_a_question_asking_the_result_and_the_target_is_not_refused_as_plan_only():
    answer = _answer("墨湄垃圾分类覆盖率上半年实际多少，年底目标是多少", {"mid": MID_YEAR})
    assert not answer.refused and "95%" in answer.text
    assert asks_target_apart("去年上半年实际多少，今年目标是多少")
    assert not asks_target_apart("去年实际完成的重点任务有多少项")  # 任务 is what was done, no target asked


def test_a_plan_answering_one_part_of_several_is_not_refused_as_plan_only():
    plan = "锦屏市背街小巷改造提升工作方案\n力争6月底前完成背街小巷改造30条。"
    done = "锦屏市城管局上半年工作情况\n上半年实际完成背街小巷改造26条。"
    alone = _answer("锦屏背街小巷上半年实际完成多少", {"plan": plan})
    assert alone.refused and alone.notes[0].startswith("plan_only")
    # The plan is the best sentence for the part asking the target; the other part's result stands.
    answer = _answer("锦屏背街小巷6月底前要完成多少 上半年实际完成多少", {"plan": plan, "done": done})
    assert not answer.refused and "30条" in answer.text and "26条" in answer.text


RULES = "柘陵市城市管理工作考评细则\n第一条为规范全市城市管理月度考评工作，制定本细则。\n第二条考评实行百分制，得分前三名通报表扬。"


def test_a_periods_result_asked_of_rules_of_no_period_is_refused():
    answer = _answer("柘陵2月份城管考评排第一的是谁", {"rules": RULES})
    assert answer.refused and answer.notes == ["rules_not_results"] and "考评细则" in answer.text
    assert _answer("柘陵城管考评实行几分制", {"rules": RULES}).notes != ["rules_not_results"]


def test_a_sentence_about_another_month_does_not_answer_for_the_month_asked():
    news = "市文明办通报测评结果\n6月份市文明办组织的月度文明程度指数测评结果出炉，主城区前两名是东区街道、石岐街道。"
    answer = _answer("7月份月度文明程度指数测评主城区前两名是哪俩街道", {"news": news})
    assert answer.refused and answer.notes == ["time_mismatch"]
    assert "东区街道" in _answer("6月份月度文明程度指数测评主城区前两名是哪俩街道", {"news": news}).text


def test_a_sentence_about_another_district_does_not_answer_for_the_district_asked():
    towns = "咸宁市城市管理工作2022年8月综合评价情况\n各地所辖乡镇首末名：咸安区首名马桥镇，末名双溪桥镇。嘉鱼县首名陆溪镇，末名官桥镇。崇阳县综合评价得分最后一名，通城县第六名。"
    answer = _answer("咸宁22年8月那期，通城县乡镇的首名是谁？", {"towns": towns})
    assert answer.refused and answer.notes == ["place_mismatch"]
    assert "马桥镇" in _answer("咸宁22年8月那期，咸安区乡镇的首名是谁？", {"towns": towns}).text


def test_a_row_of_a_street_office_in_the_district_asked_is_not_another_districts():
    from assistant.answer.refuse_place import place_mismatch

    scores = (
        "咸宁市咸安区2025年5月文明创建测评通报\n一、各街道测评得分\n街道 | 得分 | 排名 |\n"
        "温泉街道 | 85.6 | 6 |\n浮山街道 | 93.2 | 1 |\n二、各县测评得分\n县 | 得分 | 排名 |\n通城县 | 88.1 | 2 |"
    )
    hits, corpus = make_hits({"scores": scores})
    prepared = prepare("咸安区5月测评哪个街道得分最低", hits, corpus)
    row = next(c for c in prepared.candidates if c.text.startswith("温泉街道"))
    assert place_mismatch(prepared.question, row, prepared.profiles) is None  # a 街道 is a part of the district
    other = next(c for c in prepared.candidates if c.text.startswith("通城县"))
    assert place_mismatch(prepared.question, other, prepared.profiles) is not None  # another county's row


def test_another_districts_report_that_never_names_the_district_asked_is_refused():
    # The city's name is in the neighbouring district's report, but not the district asked.
    xianan = "咸宁市咸安区城市管理局2022年工作总结\n今年以来，我局扎实推进各项工作。城市面貌持续改善。全年立案查处违法案件417件，罚没款62.3万元。"
    ranking = "咸宁市城市管理工作2022年8月综合评价情况\n通城县第六名，咸安区第七名。"
    answer = _answer("咸宁通城县22年罚没款多少？", {"xianan": xianan, "ranking": ranking})
    # The ranking's line naming 通城县 may stand in for the other district's sentence; it gives no
    # 罚没款 of 通城县 either, so the question is refused one way or the other.
    assert answer.refused and answer.notes[0] in ("place_mismatch", "district_not_itemised")
    assert "62.3万元" in _answer("咸宁咸安区22年罚没款多少？", {"xianan": xianan}).text


def test_a_refusal_for_another_period_does_not_deny_a_document_of_the_period_asked_was_found():
    third = "潍坊市2023年第三季度创城测评通报\n奎文区91.05分，排名第一。"
    fourth = "潍坊市2023年第四季度创城测评通报\n本季度共抽查点位320个。"
    hits, corpus = make_hits({"third": third, "fourth": fourth})
    prepared = prepare("潍坊2023年四季度创城测评奎文区多少分", hits, corpus)
    from_third = next(c for c in prepared.candidates if c.doc_id == hits[0].chunk.doc_id and "91.05" in c.text)
    refused = time_mismatch(prepared.question, from_third, prepared.profiles)
    assert refused is not None and "2023年第3季度的文件" in refused.reason and "没有2023年第4季度" not in refused.reason


def test_a_sentence_of_the_period_asked_rated_nearly_as_high_stands_in_for_another_periods():
    third = "潍坊市2023年第三季度创城测评通报\n奎文区91.05分，排名第一。"
    fourth = "潍坊市2023年第四季度创城测评通报\n奎文区92.30分，排名第一。"
    hits, corpus = make_hits({"third": third, "fourth": fourth})
    prepared = prepare("潍坊2023年四季度创城测评奎文区多少分", hits, corpus)
    of_fourth = np.array([c.doc_id == "fourth" for c in prepared.candidates])
    close = np.where(of_fourth, 0.8, 0.9)
    kept = of_the_period_asked(prepared, close)
    assert kept is not None and kept[~of_fourth].max() == 0 and kept[of_fourth].max() == 0.8
    assert of_the_period_asked(prepared, np.where(of_fourth, 0.5, 0.9)) is None  # rated far lower: refused


def test_a_month_outside_the_quarter_a_report_is_about_is_refused():
    quarter = "禾阳市2024年第一季度数字城管运行情况\n2024年第一季度，全市数字城管平台累计立案60218件，结案率97.77%。"
    answer = _answer("禾阳数字城管9月份立案多少件？", {"quarter": quarter})
    assert answer.refused and answer.notes == ["time_mismatch"]
    assert "60218件" in _answer("禾阳数字城管一季度立案多少件？", {"quarter": quarter}).text
    august = "禾阳市2024年8月数字城管运行情况\n8月份，全市数字城管平台共立案21486件。"
    answer = _answer("禾阳数字城管二季度立案多少件？", {"august": august})
    assert answer.refused and answer.notes == ["time_mismatch"]


def test_which_company_is_refused_when_the_document_names_none():
    hired = "岚阳市智慧停车平台上线\n岚阳停车小程序由市城管局委托第三方公司运营，首批接入泊位12600个。"
    answer = _answer("岚阳停车小程序是哪家公司运营的？", {"hired": hired})
    assert answer.refused and answer.notes == ["organisation_unnamed"]
    named = hired.replace("第三方公司", "岚阳城投停车服务有限公司")
    answer = _answer("岚阳停车小程序是哪家公司运营的？", {"named": named})
    assert not answer.refused and "岚阳城投停车服务有限公司" in answer.text


QICHUAN_MAY = "栖川市城市管理局2023年5月考评通报\n栖川市本月共检查点位320个，发现问题86处，整改率97.1%。"
YUNZE_MAY = "云泽市城市管理局2023年5月考评通报\n云泽市本月共检查点位410个，发现问题121处，整改率95.3%。"


def test_a_city_the_national_list_lacks_is_read_from_the_corpus():
    # The look-alike of another invented city comes first; the question names its own by its stem.
    answer = _answer("栖川5月检查了多少个点位？", {"yunze": YUNZE_MAY, "qichuan": QICHUAN_MAY})
    assert not answer.refused and "320个" in answer.text and "410个" not in answer.text
    alone = _answer("栖川5月检查了多少个点位？", {"yunze": YUNZE_MAY, "qichuan_other": "栖川市\n栖川市简介。"})
    assert alone.refused and alone.notes == ["place_mismatch"]


def test_a_sentence_listing_many_places_speaks_less_for_the_one_asked():
    from assistant.answer.features_place import places_said
    from assistant.question import read_question

    question = read_question("4月城管考评奎文区排第几？")
    listing = "对奎文区、潍城区、高新区、坊子区、寒亭区5个区的城市管理工作进行了考评"
    assert places_said(question, "第五名，奎文区，得分87.92分。") == 1.0
    assert places_said(question, listing) == 0.25


def test_the_answer_model_learns_from_found_answers_and_unanswerable_questions_only():
    examples = _examples()
    missed = replace(examples[0], labels=np.zeros_like(examples[0].labels))  # answerable; no sentence holds its fact
    selector = fit_selector(*_rows(examples))
    rows, labels, kept = confidence_data([*examples, missed], [selector] * (len(examples) + 1))
    assert len(examples) not in kept and len(rows) == len(labels) == len(kept)
    assert {int(y) for y in labels} == {0, 1}
    unanswerable = [i for i, e in enumerate(examples) if not e.item.answerable]
    assert unanswerable and all(i in kept and labels[kept.index(i)] == 0 for i in unanswerable)


def test_a_sentence_of_rules_of_no_period_is_marked_for_a_question_that_asks_a_periods_result():
    rules = "柘陵市城市管理考评细则\n本细则适用于北湖区、南湖区，满分100分。"
    report = "柘陵市2024年6月份城市管理考评情况通报\n6月份考评结果：北湖区89.41分，第四。"
    hits, corpus = make_hits({"rules": rules, "june": report})
    column = FEATURES.index("rules_for_period")

    def marked(question: str) -> dict[str, float]:
        prepared = prepare(question, hits, corpus)
        return {c.doc_id: prepared.matrix[i, column] for i, c in enumerate(prepared.candidates)}

    assert marked("柘陵6月份城管考评北湖区多少分") == {"rules": 1.0, "june": 0.0}
    assert set(marked("柘陵城管考评细则北湖区满分多少分").values()) == {0.0}  # the rules are asked


def test_the_stock_phrase_goal_oriented_states_no_target():
    from assistant.intent import states_plan

    assert not states_plan("2024年，市数字城管中心坚持问题导向和目标导向，推动数字城管向智慧城管转型升级。")
    assert states_plan("总体目标：城市管理满意度达到90%以上。")


def test_what_this_year_is_still_to_do_is_a_target():
    from assistant.intent import states_plan

    assert states_plan("去年新增公共停车泊位4,200个，今年要新增6,000个以上。")
    assert states_plan("今年再建口袋公园30个，新增城市绿道40公里。")
    assert states_plan("持续开展沿岸环境整治，年内建成滨河绿道12公里。")
    assert not states_plan("今年要求各区完成背街小巷改造。") and not states_plan("今年完成改造老旧小区32个。")
    speech = "岚州市城市管理工作会议讲话\n去年新增公共停车泊位4,200个，今年要新增6,000个以上，着力缓解停车难。"
    answer = _answer("岚州今年停车泊位已经新增多少个了", {"speech": speech})
    assert answer.refused and "计划目标" in answer.text and "6,000个" in answer.text


AUGUST_DUCHA = (
    "荆门市创文办关于8月份创文督查情况的通报\n"
    "8月12日至16日，市创文办组织督查组，对东宝区、掇刀区、京山市进行了督查。"
    "共督查点位128个，发现问题76个，截至8月23日已整改49个。"
)


def test_a_persons_name_is_refused_when_the_document_names_nobody():
    meeting = "岚阳市城市管理推进会召开\n9月5日，全市城市管理推进会召开，市城管局主要负责同志主持会议并讲话。会议部署了背街小巷整治。"
    answer = _answer("岚阳城市管理推进会是谁主持的", {"meeting": meeting})
    assert answer.refused and answer.notes == ["person_unnamed"]
    named = meeting.replace("市城管局主要负责同志主持", "市城管局局长王建国主持")
    answer = _answer("岚阳城市管理推进会是谁主持的", {"meeting": named})
    assert not answer.refused and "王建国" in answer.text
    assert not _answer("岚阳城市管理推进会部署了什么", {"meeting": meeting}).refused
    answer = _answer("岚阳城市管理推进会是哪个领导主持的", {"meeting": meeting})
    assert answer.refused and answer.notes == ["person_unnamed"]


def test_a_telephone_number_is_refused_when_the_document_gives_none():
    notice = (
        "岚阳市城管局关于上半年考核结果的公示\n公示期为5个工作日，如有异议，请以书面形式向市城管局督查科反映。"
        "\n附件：考核结果 西城区 92.5分 优秀"
    )
    answer = _answer("岚阳考核结果有异议打哪个电话", {"notice": notice})
    assert answer.refused and answer.notes == ["phone_unnamed"]
    with_phone = notice.replace("以书面形式向市城管局督查科反映", "拨打电话0516-3021234向市城管局督查科反映")
    answer = _answer("岚阳考核结果有异议打哪个电话", {"notice": with_phone})
    assert not answer.refused and "0516-3021234" in answer.text
    hotline = notice.replace("以书面形式向市城管局督查科反映", "拨打12319城建服务热线反映")
    assert not _answer("岚阳考核结果有异议打哪个电话", {"notice": hotline}).refused
    from assistant.question import read_question

    assert not read_question("市长热线受理多少件").asks_phone and not read_question("电话回访多少户").asks_phone


def test_a_districts_figure_is_refused_when_the_document_gives_only_the_whole():
    answer = _answer("荆门8月创文督查掇刀区整改了几个", {"ducha": AUGUST_DUCHA})
    assert answer.refused and answer.notes == ["district_not_itemised"] and "掇刀区" in answer.text
    nanyang = AUGUST_DUCHA.replace("荆门", "南阳").replace("东宝区、掇刀区、京山市", "宛城区、卧龙区")
    answer = _answer("南阳8月创文督查宛城整改了几个", {"ducha": nanyang})  # the district as staff write it
    assert answer.refused and answer.notes == ["district_not_itemised"] and "宛城" in answer.text
    itemised = AUGUST_DUCHA + "其中掇刀区发现问题21个，已整改15个。"
    answer = _answer("荆门8月创文督查掇刀区整改了几个", {"ducha": itemised})
    assert not answer.refused and "15个" in answer.text
    assert not _answer("荆门8月创文督查整改了几个", {"ducha": AUGUST_DUCHA}).refused  # the whole is asked
    scored = AUGUST_DUCHA + "问卷调查群众满意率为91.3%。掇刀区88.7分，第二。"
    answer = _answer("荆门8月掇刀区群众满意率多少", {"ducha": scored})  # its score is no rate
    assert answer.refused and answer.notes == ["district_not_itemised"]
    tabled = AUGUST_DUCHA + "\n排名 | 单位 | 得分\n2 | 掇刀区 | 88.7 |"
    answer = _answer("荆门8月掇刀区得了多少分", {"ducha": tabled})  # a row's unit is in its header
    assert not answer.refused and "88.7" in answer.text


def test_a_districts_figure_of_another_count_is_no_figure_of_the_count_asked():
    notice = (
        "荆门市5月份数字城管运行情况通报\n5月份，视频智能发现案件1,218件，同比增长15.5%。"
        "全市数字城管平台共立案7,862件，其中东宝区3,415件、掇刀区968件。"
    )
    answer = _answer("荆门5月掇刀区视频智能发现的案件有多少", {"notice": notice})
    assert answer.refused and answer.notes == ["district_not_itemised"] and "掇刀区" in answer.text
    answer = _answer("荆门5月掇刀区立案多少件", {"notice": notice})
    assert not answer.refused and "968件" in answer.text
    scored = "荆门市三季度创文测评通报\n本次测评共抽查点位186个，发现问题742个。\n第四名，掇刀区，89.73分；第五名，东宝区，88.26分。"
    answer = _answer("荆门三季度测评掇刀区发现多少问题", {"notice": scored})  # its score stands in for no count
    assert answer.refused and answer.notes == ["district_not_itemised"]


def test_a_figure_given_each_of_districts_listed_together_is_each_ones_figure():
    plan = "荆门市2025年创文重点任务\n2025年底前，全市完成15个农贸市场标准化改造，其中东宝区、掇刀区各4个，京山市3个。"
    answer = _answer("荆门今年东宝区改造几个农贸市场", {"plan": plan})
    assert not answer.refused and "各4个" in answer.text


def test_a_deadline_set_for_the_whole_holds_for_the_district_asked():
    notice = (
        "荆门市一季度创文测评情况通报\n市创文办对东宝区、掇刀区、京山市进行了测评。"
        "排名末位的县区须于4月15日前向市创文办书面说明原因并报送整改方案。"
    )
    answer = _answer("掇刀区一季度排末位，按规定多长时间内交整改方案", {"notice": notice})
    assert not answer.refused and "4月15日" in answer.text


def test_a_scoring_rule_set_for_the_whole_holds_for_the_district_asked():
    documents = {
        "rules": "荆门市城市管理考核细则\n农贸市场内活禽未实行隔离宰杀的，每发现一处扣2分。年度考核90分以上为优秀。",
        "results": "荆门市8月城市管理考核通报\n8月考核东宝区、掇刀区、京山市，全市共扣分326分。",
    }
    answer = _answer("荆门掇刀区农贸市场杀活禽按考核细则扣几分", documents)
    assert not answer.refused and "扣2分" in answer.text
    answer = _answer("荆门8月掇刀区被扣了多少分", documents)  # a result, not a rule: the district's own is asked
    assert answer.refused and answer.notes == ["district_not_itemised"]


def test_a_sentence_about_the_district_asked_gives_its_figure_even_where_it_names_it_apart():
    labelled = (
        AUGUST_DUCHA
        + "\n【掇刀区】拆违控违攻坚提速\n掇刀区开展违法建设清零行动，截至8月23日已拆除违法建设2.4万平方米。"
    )
    answer = _answer("荆门8月掇刀区拆违完成了多少", {"ducha": labelled})
    assert not answer.refused and "2.4万平方米" in answer.text


def test_a_districts_figure_stands_in_for_a_total_rated_nearly_as_high():
    documents = {
        "speech": "岚州市城市管理工作会议讲话\n今年全市要整治背街小巷60条，任务确实不轻。",
        "plan": "岚州市背街小巷整治方案\n整治背街小巷60条（其中东湖区16条、青山湖区18条）。",
    }
    hits, corpus = make_hits(documents)
    prepared = prepare("岚州今年背街小巷青山湖区要整治几条", hits, corpus)  # districts of the national list
    district = [i for i, c in enumerate(prepared.candidates) if "青山湖区18条" in c.text]
    total = [i for i, c in enumerate(prepared.candidates) if "任务确实不轻" in c.text]
    assert district and total
    probabilities = np.zeros(len(prepared.candidates))
    probabilities[total], probabilities[district] = 0.9, 0.85
    kept = of_the_district_asked(prepared, probabilities)
    assert kept is not None and kept[district].max() == 0.85 and kept[total].max() == 0.0
    probabilities[district] = 0.5  # rated far below the total: no stand-in
    assert of_the_district_asked(prepared, probabilities) is None


def test_another_districts_table_row_does_not_answer_for_the_district_asked():
    table = (
        "岚州市一季度城市管理考核结果\n区县 | 指标 | 数值 | 排名\n东湖区 | 综合得分 | 91.6 | 2 |\n"
        "北麓高新区 | 综合得分 | 92.3 | 1 |\n北麓高新区 | 群众满意率 | 93.5% |  |\n"
    )
    answer = _answer("岚州一季度城管考核东湖区群众满意率多少", {"table": table})
    assert answer.refused and "93.5%" not in answer.text.split("以下是最接近的段落")[0]


def test_the_citys_own_figure_stands_in_for_a_districts_table_row_rated_nearly_as_high():
    notice = (
        "岚州市5月份数字城管运行情况通报\n5月份，全市数字城管平台立案18642件，结案率96.4%。\n"
        "区 | 立案（件） | 按期结案率\n东湖区 | 4,215 | 94.8%\n北麓区 | 4,906 | 93.1%\n岚州市数字城管指挥中心\n"
    )
    hits, corpus = make_hits({"notice": notice})
    prepared = prepare("岚州5月数字城管立案多少件", hits, corpus)
    rows = [i for i, c in enumerate(prepared.candidates) if c.text.startswith(("东湖区", "北麓区"))]
    whole = [i for i, c in enumerate(prepared.candidates) if "18642件" in c.text]
    assert rows and whole
    probabilities = np.zeros(len(prepared.candidates))
    probabilities[rows], probabilities[whole] = 0.95, 0.9
    kept = of_the_whole_asked(prepared, probabilities, rows[0])
    assert kept is not None and kept[whole].max() == 0.9 and kept[rows].max() == 0.0
    which = prepare("岚州5月数字城管哪个区立案最多", hits, corpus)  # a district is what is asked
    assert of_the_whole_asked(which, probabilities, rows[0]) is None


def test_the_districts_own_row_stands_in_for_its_streets_rows_rated_nearly_as_high():
    from assistant.answer.refuse_place import row_place

    notice = (
        "岚州市9月份数字城管运行情况通报\n二、各区运行情况\n|区|立案（件）|按期处置率|\n|东湖区|1,236|92.6%|\n"
        "|北麓区|486|89.7%|\n三、东湖区各街道运行情况\n|街道|立案（件）|按期处置率|\n|兴华街道|312|93.9%|\n"
        "|新立街道|268|92.9%|\n"
    )
    hits, corpus = make_hits({"notice": notice})
    prepared = prepare("东湖区9月按期处置率", hits, corpus)
    streets = [i for i, c in enumerate(prepared.candidates) if "街道|" in c.text and c.text.startswith("|")]
    own = [i for i, c in enumerate(prepared.candidates) if c.text.startswith("|东湖区|")]
    assert streets and own
    probabilities = np.zeros(len(prepared.candidates))
    probabilities[streets], probabilities[own] = 0.94, 0.88
    kept = of_the_whole_asked(prepared, probabilities, streets[0])
    assert kept is not None and kept[own].max() == 0.88 and kept[streets].max() == 0.0
    which = prepare("东湖区9月哪个街道按期处置率最高", hits, corpus)  # a street is what is asked
    assert of_the_whole_asked(which, probabilities, streets[0]) is None
    # a row written between bars names its place; a residential compound's row names none
    assert row_place("|兴华街道|312|93.9%|") == "兴华街道"
    assert row_place("|居民小区|飞线充电、楼道堆物|12|每处扣1分|") == ""


def test_a_comparison_with_a_year_no_document_speaks_of_is_refused():
    summary = "汀州市城管局2023年工作总结\n2023年全市共拆除违法建设18.6万平方米。"
    answer = _answer("汀州23年拆违面积比22年增加了多少", {"summary": summary})
    assert answer.refused and answer.notes == ["year_not_held"] and "2022年" in answer.text
    relative = summary.replace("。", "，比上年增加3.2万平方米。")
    assert not _answer("汀州23年拆违面积比22年增加了多少", {"summary": relative}).refused


def test_a_place_in_a_ranking_is_refused_when_the_chosen_sentences_stop_short_of_it():
    from assistant.answer.refuse_rank import rank_not_given
    from assistant.question import read_question

    report = "岚州市二季度城管诉求分析\n七星区3054件，居各城区之首。秀峰区2871件，居第二。"
    hits, _ = make_hits({"report": report})
    first, second = gather(hits, 1)
    found = rank_not_given(read_question("岚州二季度城管诉求量排第三的是哪个区"), [first, second])
    assert found is not None and found.code == "rank_not_given" and "第3名" in found.reason
    assert rank_not_given(read_question("岚州二季度城管诉求量排第二的是哪个区"), [first, second]) is None
    ordered = "岚州市二季度城管诉求分析\n诉求量由高到低依次为七星区、秀峰区、象山区。"
    hits, _ = make_hits({"report": ordered})
    assert rank_not_given(read_question("岚州二季度城管诉求量排第三的是哪个区"), gather(hits, 1)) is None


def test_a_change_on_the_year_before_is_refused_when_no_chosen_sentence_compares_with_the_year_before():
    from assistant.answer.refuse_scope import other_basis
    from assistant.question import read_question

    notice = "澜州市5月数字城管运行通报\n5月份按期结案率92.97%。当月结案率97.03%，较4月份提高0.59个百分点。"
    hits, _ = make_hits({"notice": notice})
    rate, change = gather(hits, 1)
    question = read_question("澜州5月数字城管结案率跟去年5月比高了还是低了")
    found = other_basis(question, [rate, change])
    assert found is not None and found.code == "other_basis" and "环比" in found.reason
    assert other_basis(read_question("澜州5月结案率比4月高了多少"), [rate, change]) is None
    alone = other_basis(question, [rate])  # no comparison at all
    assert alone is not None and alone.code == "other_basis" and "去年同期" in alone.reason
    assert other_basis(read_question("那岚州同期呢"), [rate]) is None  # the same period of another place
    assert other_basis(read_question("澜州5月结案率比去年全年高了多少"), [rate]) is None  # last year's own figure


def test_a_second_document_of_the_same_year_does_not_stand_for_the_year_before():
    from assistant.answer.refuse_scope import other_basis
    from assistant.question import read_question

    notice = "澜州市2025年5月数字城管运行通报\n5月份按期结案率92.97%。"
    rules = "澜州市2025年度城市管理考核细则\n结案率低于96%的，每低1个百分点扣1分。"
    last_year = "澜州市2024年5月数字城管运行通报\n5月份按期结案率91.20%。"
    question = read_question("澜州5月按期结案率跟去年5月比高了还是低了")
    hits, _ = make_hits({"notice": notice, "rules": rules})
    found = other_basis(question, [gather(hits, 1)[0], gather(hits[1:], 1)[0]])
    assert found is not None and found.code == "other_basis"
    hits, _ = make_hits({"notice": notice, "last_year": last_year})
    assert other_basis(question, [gather(hits, 1)[0], gather(hits[1:], 1)[0]]) is None


def test_a_change_on_the_year_before_is_refused_when_the_document_compares_with_the_month_before():
    notice = "澜州市5月数字城管运行通报\n5月份，市区数字城管平台共立案12608件，较4月份的11935件增长5.6%。"
    answer = _answer("澜州5月数字城管立案比去年5月多了多少", {"notice": notice})
    assert answer.refused and answer.notes == ["other_basis"] and "同期" in answer.text
    answer = _answer("澜州5月数字城管立案同比增长多少", {"notice": notice.replace("5.6%。", "5.6%，同比增长8.1%。")})
    assert not answer.refused and "8.1%" in answer.text
    answer = _answer("澜州5月数字城管立案比4月多了多少", {"notice": notice})  # the month before is asked
    assert not answer.refused and "5.6%" in answer.text


def test_a_table_rows_header_is_the_nearest_header_row_never_a_data_row():
    table = (
        "澜州市区数字城管运行情况统计表（2025年5月）\n"
        "万象街道 | 按期处置率 | 95.0% |\n联城街道 | 立案数 | 968 |\n联城街道 | 综合得分 |  | 暂不排名 |\n南明山街道 | 立案数 | 742 |\n"
        "南明山街道 | 问卷调查 |  |  |\n东湖街道 | 综合得分 | 86.5 |\n"
        "问题类型 | 数量（件） | 占比 |\n暴露垃圾 | 1,204 | 18.57% |\n"
        "序号 | 工作任务 | 牵头单位\n1 | 改造背街小巷150条，实现路面平整、 | 市城管局\n| 管线规整 | |\n"
        "2 | 新增公益广告3000处 | 市住建局"
    )
    rows = {c.text: c.header for c in prepare("澜州暴露垃圾多少件", *make_hits({"table": table})).candidates}
    assert rows["联城街道 | 立案数 | 968 |"] == ""  # the passage starts below its header: a data row is none
    assert rows["南明山街道 | 立案数 | 742 |"] == ""  # nor a row with a blank amid its cells
    assert rows["东湖街道 | 综合得分 | 86.5 |"] == ""  # nor one ending in blank cells
    assert rows["暴露垃圾 | 1,204 | 18.57% |"] == "问题类型 | 数量（件） | 占比 |"
    assert rows["2 | 新增公益广告3000处 | 市住建局"] == "序号 | 工作任务 | 牵头单位"  # not the wrapped row's rest


def test_a_wrapped_rows_rest_that_states_something_is_no_header_a_columns_maximum_in_brackets_is():
    table = (
        "澜州市迎检自评表\n序号 | 测评项目 | 自评情况 | 是否达标\n"
        "5 | 斑马线文明礼让 | 重点路口抽测礼让率93.2% | 否 |\n低于95%的测评标准1.8个百分点 | 加派文明劝导员，全时段值守 | 公益广告 | 刊播率100% | 是\n"
        "6 | 志愿服务 | 注册志愿者占常住人口比例15.1% | 基本达标 |\n"
        "澜州市镇街考核结果\n镇街 | 市容环境（40分） | 街面秩序（30分） | 总分\n联城街道 | 36.5 | 27.0 | 63.5"
    )
    rows = {c.text: c.header for c in prepare("澜州注册志愿者占比多少", *make_hits({"table": table})).candidates}
    assert rows["6 | 志愿服务 | 注册志愿者占常住人口比例15.1% | 基本达标 |"].endswith(
        "序号 | 测评项目 | 自评情况 | 是否达标"
    )
    assert rows["联城街道 | 36.5 | 27.0 | 63.5"].endswith("镇街 | 市容环境（40分） | 街面秩序（30分） | 总分")
    answer = _answer("澜州注册志愿者占常住人口比例多少", {"table": table})
    assert not answer.refused and "15.1%" in answer.text and "1.8个百分点 |" not in answer.text


def test_a_rank_asked_alone_is_refused_when_the_sentence_states_none():
    notice = "澜州市二季度测评通报\n11个县（市）平均得分87.42分。\n内乡县较一季度进步幅度最大，唐河县有所下滑。"
    answer = _answer("内乡县二季度测评排第几", {"notice": notice})
    assert answer.refused and answer.notes == ["rank_unstated"]
    ranked = notice + "\n内乡县二季度测评排名第三。"
    answer = _answer("内乡县二季度测评排第几", {"notice": ranked})
    assert not answer.refused and "第三" in answer.text
    assert _answer("内乡县二季度测评得了多少分 排第几", {"notice": notice}).notes != [
        "rank_unstated"
    ]  # a score asked too
    others = notice + "\n邓州市、西峡县、镇平县位列前三。"  # others' ranks, none of 内乡县's
    answer = _answer("内乡县二季度测评排第几", {"notice": others})
    assert answer.refused and answer.notes == ["rank_unstated"] and "内乡县" in answer.text
    table = notice + "\n单位 | 得分 | 排名\n内乡县 | 86.90 | 6\n"
    assert not _answer("内乡县二季度测评排第几", {"notice": table}).refused  # a table's 排名 column
    # the rank must be said of the place asked, in its clause or those after it naming no other place
    listed = (
        "澜州市二季度测评通报\n二季度测评中，邓州市以89.4分位列第一，西峡县、镇平县分列第二、第三位，"
        "内乡县、唐河县居中，新野县得分80.7分，排名末位。"
    )
    answer = _answer("内乡县二季度测评排第几", {"notice": listed})
    assert answer.refused and answer.notes == ["rank_unstated"]
    assert not _answer("镇平县二季度测评排第几", {"notice": listed}).refused
    split = "澜州市二季度测评通报\n测评结果：内乡县得分89.36分，排名第一。"
    assert not _answer("内乡县二季度测评排第几", {"notice": split}).refused


def test_a_whole_years_figure_does_not_answer_for_a_month():
    summary = "澜州市执法局2024年工作总结\n全年市区数字城管平台立案7.36万件，按期处置率94.1%。"
    answer = _answer("澜州4月数字城管立案多少件", {"summary": summary})
    assert answer.refused and answer.notes == ["whole_year_for_part"] and "4月" in answer.text
    assert not _answer("澜州2024年数字城管立案多少件", {"summary": summary}).refused
    so_far = "澜州市拆违工作进展通报\n截至8月31日，全市累计拆除违法建设38.6万平方米，完成全年任务的85.8%。"
    answer = _answer("澜州截至8月底拆了多少违建", {"so_far": so_far})
    assert not answer.refused and "38.6万平方米" in answer.text  # a running total within the year


def test_a_whole_years_figure_is_known_by_the_clause_before_it_on_its_line():
    from assistant.answer.refuse_scope import whole_year_for_part

    year = "澜州市城市管理局2024年工作总结\n全年数字城管平台立案46,315件，处置45,408件；其中按期处置43,351件，按期处置率93.6%。"
    hits, corpus = make_hits({"year": year})
    prepared = prepare("澜州3月数字城管按期处置率多少", hits, corpus)
    timely = next(c for c in prepared.candidates if c.text.startswith("其中按期处置"))
    assert whole_year_for_part(prepared.question, timely, prepared.profiles) is not None
    monthly = "澜州市数字城管3月运行通报\n3月全市立案4,216件；其中按期处置3,980件，按期处置率94.4%。"
    hits, corpus = make_hits({"monthly": monthly})
    prepared = prepare("澜州3月数字城管按期处置率多少", hits, corpus)
    timely = next(c for c in prepared.candidates if c.text.startswith("其中按期处置"))
    assert whole_year_for_part(prepared.question, timely, prepared.profiles) is None  # a month's report


def test_a_whole_years_figure_answers_the_part_that_asks_the_whole_year():
    year = "澜州市12319热线2024年工作总结\n全年群众满意率95.1%。"
    quarter = "澜州市12319热线2025年一季度运行通报\n一季度群众满意率96.2%。"
    answer = _answer("澜州12319一季度满意率多少", {"year": year})
    assert answer.refused and answer.notes == ["whole_year_for_part"]
    # The whole year's figure answers the part that asks it; the check leaves a question of several parts.
    answer = _answer("澜州12319一季度满意率多少 去年全年呢", {"year": year, "quarter": quarter})
    assert not answer.refused and "95.1%" in answer.text


def test_a_scoring_rule_answers_what_it_costs_and_a_results_tables_deduction_is_a_result():
    rules = "渝州市数字城管考核办法\n数字城管案件结案率低于95%的，每低1个百分点扣1分。"
    answer = _answer("渝州数字城管考核结案率低了怎么扣分", {"rules": rules})  # the rule is asked
    assert not answer.refused and "扣1分" in answer.text
    assert not _answer("渝州数字城管考核里结案率那项多少分", {"rules": rules + "分值20"}).refused  # so is its score
    from assistant.intent import records_results

    assert records_results("街道 | 案件数 | 扣分 | 得分 | 扣分原因")
    assert not records_results("序号 | 考核项目 | 分值 | 评分标准 | 得分")  # a rules form's empty 得分 column


def test_a_quantity_named_only_where_the_excerpt_breaks_off_is_refused_as_cut_off():
    cut = (
        "渝州市数字城管2023年工作总结\n全年信息采集员巡查上报案件占比81.3%。"
        "存在的问题：一是部分部门处置不及时，二是采集员队伍流动性较大，全年流失率达到"
    )
    answer = _answer("渝州数字城管采集员流失率多少", {"cut": cut})
    assert answer.refused and answer.notes == ["cut_off"] and "流失率" in answer.text
    whole = cut + "12.5%。"
    answer = _answer("渝州数字城管采集员流失率多少", {"whole": whole})
    assert not answer.refused and "12.5%" in answer.text


def test_what_follows_a_word_the_excerpt_breaks_off_after_is_refused_as_cut_off():
    cut = "渝州市创文督查通报\n本期共督查点位96个，发现问题143个。对连续两期上黑榜的单位，市创文办将提请"
    answer = _answer("渝州连续两期上黑榜的单位会怎么处理", {"cut": cut})
    assert answer.refused and answer.notes == ["cut_off"] and "将提请" in answer.text
    whole = cut + "市文明委约谈其主要负责人。"
    answer = _answer("渝州连续两期上黑榜的单位会怎么处理", {"whole": whole})
    assert not answer.refused and "约谈" in answer.text


def test_a_figure_whose_cell_is_blank_in_the_row_asked_is_refused():
    table = (
        "渝州市12345热线一季度运行分析\n各区情况\n区域 | 受理量 | 办结量 | 办结率 | 满意率\n"
        "江北区 | 3,204 | 3,091 | 96.5% | 90.1%\n南岸区 | 780 | 744 | 95.4% |  \n"
    )
    answer = _answer("南岸区热线一季度满意率多少", {"table": table})
    assert answer.refused and answer.notes == ["cell_blank"] and "满意率" in answer.text
    answer = _answer("南岸区热线一季度办结率多少", {"table": table})
    assert not answer.refused and "95.4%" in answer.text


def test_a_long_tables_blank_row_for_the_place_and_indicator_asked_is_refused_not_a_longer_indicators_row():
    table = (
        "澜州市数字化城市管理2025年5月案件办理情况通报\n各区情况见下表。\n区县 | 指标 | 数值 | 排名 |\n"
        "站前区 | 结案率 | 96.8% | 1 |\n站前区 | 按期结案率 | 93.1% | 2 |\n西市区 | 结案率 | 95.9% | 2 |\n"
        "西市区 | 按期结案率 | 93.6% | 1 |\n老边区 | 结案率 |  |  |\n老边区 | 按期结案率 | 88.2% | 3 |\n"
    )
    from assistant.answer.refuse_kind import cell_blank
    from assistant.question import read_question

    rows = prepare("老边区5月数字城管结案率多少", *make_hits({"table": table})).candidates
    longer = next(c for c in rows if c.text.startswith("老边区 | 按期结案率"))
    found = cell_blank(read_question("老边区5月数字城管结案率多少"), [longer], rows)  # the row the selector may prefer
    assert found is not None and found.code == "cell_blank"
    assert cell_blank(read_question("老边区5月数字城管按期结案率多少"), [longer], rows) is None
    answer = _answer("老边区5月数字城管结案率多少", {"table": table})
    assert answer.refused and answer.notes == ["cell_blank"] and "结案率" in answer.text
    answer = _answer("老边区5月数字城管按期结案率多少", {"table": table})
    assert not answer.refused and "88.2%" in answer.text
    answer = _answer("西市区5月数字城管结案率多少", {"table": table})
    assert not answer.refused and "95.9%" in answer.text


GOVERNMENT_REPORT_2025 = (
    "大丰区2025年政府工作报告（摘录）\n"
    "一、2024年工作回顾\n"
    "过去一年，全区实现地区生产总值986.4亿元，增长6.1%。\n"
    "城市管理精细有力。全年整治背街小巷12条，新建改造公厕9座。\n"
    "二、2025年重点工作\n"
    "全年整治背街小巷15条，新建改造公厕8座。"
)


def test_a_section_headed_by_the_year_asked_answers_for_that_year_in_a_later_years_report():
    answer = _answer("大丰区24年整治了几条背街小巷", {"report": GOVERNMENT_REPORT_2025})
    assert not answer.refused and "12条" in answer.text and "15条" not in answer.text
    assert _answer("大丰区23年整治了几条背街小巷", {"report": GOVERNMENT_REPORT_2025}).notes == ["time_mismatch"]


def test_a_sentence_naming_the_year_asked_or_another_one_says_so_in_its_features():
    plan = "三年行动方案\n分年度目标如下：\n2025年：机械化清扫率达到85%；\n2026年：机械化清扫率达到90%；"
    hits, corpus = make_hits({"plan": plan})
    prepared = prepare("26年机扫率目标是多少", hits, corpus)
    agree, other = FEATURES.index("own_period_agree"), FEATURES.index("own_period_other")
    rows = {c.text[:5]: prepared.matrix[i] for i, c in enumerate(prepared.candidates)}
    assert rows["2026年"][agree] == 1 and rows["2026年"][other] == 0
    assert rows["2025年"][agree] == 0 and rows["2025年"][other] == 1


def test_a_period_a_change_is_measured_against_is_not_the_sentences_own():
    monthly = "澜州市2025年9月份数字城管运行情况通报\n全市按期处置率92.1%，较8月份提高0.4个百分点。\n8月份全市按期处置率91.7%。"
    hits, corpus = make_hits({"monthly": monthly})
    prepared = prepare("澜州9月按期处置率多少", hits, corpus)
    other = FEATURES.index("own_period_other")
    rows = {c.text[:6]: prepared.matrix[i] for i, c in enumerate(prepared.candidates)}
    assert rows["全市按期处置"][other] == 0  # its 8月 is the base of the change
    assert rows["8月份全市按"][other] == 1


SUMMARY_WRITTEN_2025 = (
    "澜坪市城市管理局2024年工作总结和2025年工作计划\n（2025年1月10日）\n"
    "一、2024年工作完成情况\n全年拆除违法建设312处，较去年同期增加12处。\n"
    "二、2025年工作计划\n全年拆除违法建设350处以上。\n"
)


def test_a_year_named_from_the_time_of_writing_is_dated_in_the_question_and_in_the_document():
    hits, corpus = make_hits({"summary": SUMMARY_WRITTEN_2025})
    assert corpus.profile("summary").written == 2025  # its date line, not its title's first year
    agree, other = FEATURES.index("own_period_agree"), FEATURES.index("own_period_other")
    for question, asked in (("澜坪去年拆违多少处", "312处"), ("澜坪今年拆违要拆多少处", "350处")):
        prepared = prepare(question, hits, corpus)
        rows = {c.text: prepared.matrix[i] for i, c in enumerate(prepared.candidates) if "拆除" in c.text}
        assert [text for text, row in rows.items() if row[agree] == 1] == [t for t in rows if asked in t]
        assert [text for text, row in rows.items() if row[other] == 1] == [t for t in rows if asked not in t]


def test_a_passage_starting_inside_a_table_takes_the_header_from_the_document_above_it():
    table = (
        "澜州市2025年5月数字城管运行情况通报\n"
        "单位 | 立案数（件） | 结案率 | 按期结案率 |\n"
        "万象区 | 2,316 | 96.6% | 93.1% |\n联城区 | 1,204 | 97.2% | 94.0% |\n"
        "南明区 | 968 | 95.1% | 90.2% |\n北岭区 | 742 | 93.0% | 88.7% |\n"
    )
    hits, corpus = make_hits({"table": table})
    start = table.index("南明区")
    chunk = replace(hits[0].chunk, chunk_id="table:0001", ordinal=1, text=table[start:], start=start)
    later = [replace(hits[0], chunk=chunk)]
    rows = {c.text: c.header for c in prepare("北岭区5月按期结案率多少", later, corpus).candidates}
    assert rows["北岭区 | 742 | 93.0% | 88.7% |"] == "单位 | 立案数（件） | 结案率 | 按期结案率 |"
    prose = "澜州市2025年5月数字城管运行情况通报\n各区情况如下。\n" + table[start:]
    hits, corpus = make_hits({"prose": prose})
    start = prose.index("南明区")
    chunk = replace(hits[0].chunk, text=prose[start:], start=start)
    rows = {c.text: c.header for c in prepare("北岭区按期结案率", [replace(hits[0], chunk=chunk)], corpus).candidates}
    assert rows["北岭区 | 742 | 93.0% | 88.7% |"] == ""  # no table above: no header to take


def test_a_month_by_month_line_of_the_month_asked_stands_in_for_a_report_of_another_month():
    report = (
        "澜州市数字城管运行情况通报（2025年第6期）\n6月份，全市立案6237件，结案率95.7%。\n"
        "1—6月各月结案率如下：\n3月 立案5366件 结案率94.0%\n4月 立案5790件 结案率94.8%\n"
    )
    hits, corpus = make_hits({"june": report})
    prepared = prepare("澜州3月份数字城管结案率多少", hits, corpus)
    march = np.array(["3月" in c.text for c in prepared.candidates])
    kept = of_the_period_asked(prepared, np.where(march, 0.85, 0.95))
    assert march.any() and kept is not None and kept[~march].max() == 0 and kept[march].max() == 0.85


def test_a_row_naming_the_place_asked_stands_in_for_another_places_row_but_a_row_naming_none_does_not():
    table = (
        "澜州市2026年第二季度测评反馈问题整改台账\n序号 | 问题 | 责任单位 | 整改时限 |\n"
        "1 | 东湖区青园农贸市场活禽区未隔离 | 东湖区市场监督管理局 | 2026-08-31 |\n"
        "2 | 西湖区五里农贸市场活禽区未隔离 | 西湖区市场监督管理局 | 2026-08-15 |\n"
        "3 | 活禽区地面积水 | 市场监督管理局 | 2026-07-31 |\n"
    )
    hits, corpus = make_hits({"table": table})
    prepared = prepare("东湖区青园农贸市场活禽隔离整改时限是哪天", hits, corpus)
    rows = {c.text.split(" | ")[0]: i for i, c in enumerate(prepared.candidates) if c.text[:1] in "123"}
    probabilities = np.zeros(len(prepared.candidates))
    probabilities[rows["2"]], probabilities[rows["1"]], probabilities[rows["3"]] = 0.9, 0.85, 0.88
    kept = of_the_place_asked(prepared, probabilities)
    assert kept is not None and kept[rows["1"]] == 0.85 and kept[rows["2"]] == 0 and kept[rows["3"]] == 0
    probabilities[rows["1"]] = 0.5  # rated far below: no stand-in
    assert of_the_place_asked(prepared, probabilities) is None


def test_the_points_of_an_item_the_criteria_table_does_not_list_are_refused():
    table = (
        "岚州市2025年文明城市常态化测评实地考察细则\n测评项目 | 测评内容 | 测评方法 | 分值\n"
        "医院 | 就诊秩序良好，周边停车有序 | 随机抽查1个，每处问题扣0.5分 | 6\n"
        "政务服务大厅 | 有无障碍通道和母婴室 | 随机抽查1个，每处问题扣0.5分 | 4\n"
        "背街小巷 | 路面平整，无乱堆乱放 | 每条发现一处问题扣0.3分 | 10\n"
    )
    answer = _answer("岚州创文测评里客运站占几分", {"rules": table})
    assert answer.refused and answer.notes == ["criterion_unnamed"] and "客运站" in answer.text
    answered = _answer("岚州创文测评里政务服务大厅占几分", {"rules": table})  # a row it lists
    assert not answered.refused and "4" in answered.text
    # Items listed before 各占几分 are each asked on their own, not read as one item.
    assert _answer("岚州测评里医院、客运站各占几分", {"rules": table}).notes != ["criterion_unnamed"]
    # Every word of the item must be named: 医院 alone is not 医院食堂; asked as 那一项几分 too.
    assert _answer("岚州测评里医院食堂占几分", {"rules": table}).notes == ["criterion_unnamed"]
    assert _answer("岚州测评细则里客运站那一项几分", {"rules": table}).notes == ["criterion_unnamed"]
    # An item whose name holds 中 (城中村), and one asked as 考核里…多少分.
    assert _answer("岚州测评细则里城中村占几分", {"rules": table}).notes == ["criterion_unnamed"]
    assert _answer("岚州测评里夜景亮化多少分", {"rules": table}).notes == ["criterion_unnamed"]
    assert _answer("岚州测评里医院多少分", {"rules": table}).notes != ["criterion_unnamed"]
    assert _answer("岚州测评细则里背街小巷一处扣几分", {"rules": table}).notes != ["criterion_unnamed"]


def test_a_district_asked_of_a_document_whose_metadata_names_no_place_is_answered_or_refused():
    # A speech that starts mid-sentence can leave its metadata without a place (""); the check
    # for another district's report must then still answer or refuse, not fail.
    speech = (
        "的基础上，上半年全市城管系统各项工作取得了新的进展。\n上半年营口全市拆除违法建设214处，其中鲅鱼圈区拆除31处。"
    )
    hits, corpus = make_hits({"speech": speech})
    hits = [replace(h, meta=replace(h.meta, place="")) for h in hits if h.meta is not None]
    for question in ("营口老边区上半年拆了多少违建", "营口鲅鱼圈区上半年拆了多少违建"):
        answer = decide(prepare(question, hits, corpus), _selector(), CHECKS)
        assert answer.refused or "31处" in answer.text


RANKING_TABLE = (
    "沅塘市2023年5月城市管理综合考评情况通报\n由第三方机构对五个城区进行了考评。\n二、考评得分及排名\n"
    "排名 | 城区 | 得分 |\n1 | 栖凤区 | 90.86 |\n2 | 鹭湾区 | 90.12 |\n3 | 柳塘区 | 88.45 |\n4 | 东岗区 | 87.93 |\n"
    "5 | 新港区 | 86.24 |\n"
)


@pytest.mark.parametrize(
    ("question", "row"),
    [
        ("沅塘5月城管考评倒数第一是谁", "新港区"),
        ("沅塘5月城管考评第三名是谁", "柳塘区"),
        ("沅塘5月城管考评第一名是谁", "栖凤区"),
        ("沅塘5月城管考评哪个区得分最低", "新港区"),  # the lowest score holds the last place
    ],
)
def test_a_table_row_states_the_rank_in_its_rank_column(question, row):
    # The rank is the row's 排名 cell; the last row's is the last place. 第三方 names no rank.
    assert row in _answer(question, {"rank": RANKING_TABLE}).text


def test_a_rank_cell_is_read_only_when_it_is_a_number():
    from assistant.tables import rank_cell

    assert rank_cell("排名 | 城区 | 得分 |", "５ | 新港区 | 86.24 |") == 5
    assert rank_cell("排名 | 城区 | 得分 |", "① | 新港区 | 86.24 |") is None
    assert rank_cell("城区 | 得分 |", "新港区 | 86.24 |") is None


def test_of_several_rank_columns_the_one_of_the_period_asked_is_read():
    from assistant.tables import rank_cell

    header = "县区|一季度得分|一季度排名|二季度得分|二季度排名"
    row = "清河区|88.4|3|91.9|1"
    assert rank_cell(header, row, "二季度考核第一名是谁") == 1
    assert rank_cell(header, row, "一季度考核第三名是谁") == 3
    assert rank_cell(header, row) == 3  # no period asked: the first
    months = "县区|1月得分|1月排名|11月得分|11月排名"
    assert rank_cell(months, "清河区|88.4|5|91.9|2", "11月第二名是谁") == 2  # 11月 does not name 1月


def _assessment_table() -> tuple[str, list[str]]:
    """An assessment table of twelve 测评项目, one row each, and its items."""
    items = ["主次干道", "背街小巷", "农贸市场", "老旧小区", "公益广告", "公共厕所"]
    items += ["窗口单位", "志愿服务站", "学校周边", "医院周边", "车站广场", "建筑工地"]
    rows = "\n".join(f"|{item}|环境卫生、秩序|{8 + i % 2}|发现一处扣1分|" for i, item in enumerate(items))
    rules = f"蓝田县创建文明城市实地测评细则\n三、实地考察测评标准\n|测评项目|测评内容|分值|扣分标准|\n{rows}\n"
    return rules + "四、结果运用\n综合得分90分以上为优秀。", items


def test_a_list_is_given_whole_an_assessment_tables_twelve_items_each_a_line():
    rules, items = _assessment_table()
    hits, corpus = make_hits({"rules": rules})
    answer = decide(prepare("蓝田实地测评都测哪些项目", hits, corpus), Selector.load(), CHECKS)
    assert not answer.refused and all(item in answer.text for item in items)


def test_a_list_is_judged_by_the_sentences_any_other_answer_would_be_given():
    # Three items say every word asked, nine fewer: the further items read less well, and an
    # answer model that weighs the chosen sentences' mean would refuse the whole list for them.
    items = [f"{d}督查发现市容问题{n}处。" if n < 3 else f"{d}督查发现问题{n}处。" for n, d in enumerate(DISTRICTS)]
    hits, corpus = make_hits({"ducha": "市城管局关于市容秩序专项督查情况的通报\n" + "".join(items)})
    listing = prepare("各区督查发现了哪些市容问题？", hits, corpus)
    coef = np.zeros(len(CONFIDENCE_FEATURES))
    coef[CONFIDENCE_FEATURES.index("p_chosen_mean")] = 10.0
    zeros, ones = np.zeros(len(coef)), np.ones(len(coef))
    selector = replace(_selector(), confidence=ConfidenceModel(coef, -9.0, zeros, ones), refuse_below=0.5)
    probabilities = selector.probabilities(listing.matrix)
    whole = choose(listing, probabilities, selector)
    judged = choose(listing, probabilities, selector, whole_list=False)
    assert len(judged) == 3 and whole[:3] == judged and len(whole) == 12
    assert answer_confidence(listing, probabilities, whole, selector) < 0.5
    answer = decide(listing, selector, CHECKS)
    assert not answer.refused and all(f"{d}督查" in answer.text for d in DISTRICTS)


def test_a_lists_items_beyond_any_answers_length_cost_the_add_thresholds_nothing():
    rules, items = _assessment_table()
    hits, corpus = make_hits({"rules": rules})
    twelve_lines = "\n".join(items)
    assert charged_lines(prepare("蓝田实地测评都测哪些项目", hits, corpus), twelve_lines) == 2
    assert charged_lines(prepare("蓝田实地测评农贸市场分值多少", hits, corpus), twelve_lines) == 11


def test_everyday_words_find_the_terms_a_rule_writes_菜市场_for_农贸市场():
    rules = (
        "负面清单和扣分情形\n一是主次干道出现成片暴露垃圾的，每处扣0.5分；\n二是学校周边出现流动摊贩的，每处扣2分；\n"
        "三是农贸市场出现现场宰杀活禽的，每处扣1分；\n四是公益广告破损褪色的，每处扣0.2分。"
    )
    answer = _answer("菜市场里杀活鸡扣几分", {"rules": rules})
    assert not answer.refused
    assert answer.text.splitlines()[0].startswith("三是农贸市场出现现场宰杀活禽的，每处扣1分")


def test_a_question_word_a_sentence_writes_out_longer_counts_as_said_but_not_its_characters_far_apart():
    from assistant.answer.features import coverage
    from assistant.text import compact

    assert coverage(["平均分"], {"平均分": 2.0}, compact("五个城区平均得分89.67分")) == 1.0
    assert coverage(["机扫率", "城区"], {"机扫率": 3.0, "城区": 1.0}, compact("城区道路机械化清扫率达到90%")) == 1.0
    assert coverage(["平均分"], {"平均分": 2.0}, compact("平均每个点位发现问题3处，共扣分12次")) == 0.0


def test_a_two_character_word_no_document_says_counts_as_said_by_the_phrase_it_shortens_but_one_they_write_does_not():
    from assistant.answer.features import coverage
    from assistant.corpus_view import UNSAID_WEIGHT
    from assistant.text import compact

    unsaid = {"参会": UNSAID_WEIGHT, "县市": UNSAID_WEIGHT}
    assert coverage(["参会"], unsaid, compact("参加会议的有利州区、昭化区")) == 1.0
    assert coverage(["县市"], unsaid, compact("县（市）组：隆回县84.05分")) == 1.0
    assert coverage(["参会"], unsaid, compact("参与了全市会议")) == 0.0  # more than one character between
    assert coverage(["红榜"], {"红榜": 3.0}, compact("现将测评结果及红黑榜发布如下")) == 0.0


def test_a_thing_asked_done_as_staff_type_it_is_said_by_the_way_reports_write_it():
    from assistant.answer.features import coverage
    from assistant.text import compact

    weights = {"问题": 1.0, "改完": 3.0}
    # 改完 is written 整改 (到位) of a problem and 改造 of a street; 拆完 is written 拆除
    assert coverage(["问题", "改完"], weights, compact("已整改到位38个，其余3个问题正在整改中。")) == 1.0
    assert coverage(["改完"], weights, compact("全年完成背街小巷改造26条")) == 1.0
    assert coverage(["拆完"], {"拆完": 3.0}, compact("拆除违法建设264处")) == 1.0
    assert coverage(["问题", "改完"], weights, compact("共被发现问题41个")) == 0.25


def test_a_bound_asked_as_staff_say_it_is_said_by_the_way_rules_write_it():
    from assistant.answer.features import coverage
    from assistant.text import compact

    assert coverage(["最多", "加分"], {"最多": 4.7, "加分": 3.0}, compact("加分累计每月不超过5分。")) == 1.0
    assert coverage(["至少"], {"至少": 4.4}, compact("每名注册志愿者每年服务时长不少于20小时")) == 1.0
    assert coverage(["至少"], {"至少": 4.4}, compact("全年服务时长20小时")) == 0.0


def test_a_word_of_how_staff_ask_weighs_less_in_the_answer_check_than_a_subject_word_said_as_often():
    from assistant.answer.confidence import as_asked
    from assistant.answer.features import question_context
    from assistant.corpus_view import UNSAID_WEIGHT, TextCorpus, idf
    from assistant.phrasing import phrasing_factor
    from assistant.question import read_question

    corpus = TextCorpus(
        {
            "plan": ("农贸市场提升改造由市商务局负责。\n公厕改造由市城管局牵头。\n背街小巷改造共60条。", None),
            "news": ("农贸市场满意度78.9%。\n公厕开放时间每天不少于16小时。", None),
        }
    )
    context = question_context(read_question("农贸市场改造谁负责，满意度是多少，哪些地方还没做"), corpus)
    assert phrasing_factor("负责") < 0.5 and phrasing_factor("满意度") == 1.0
    assert context.weights["负责"] == idf(corpus, "负责") == idf(corpus, "满意度") == context.weights["满意度"]
    asked = as_asked(context).weights
    assert asked["负责"] < asked["满意度"] == context.weights["满意度"]
    # A word no passage says keeps the unknown word's weight, which is what tells it apart.
    assert phrasing_factor("哪些地方") < 1.0 and asked["哪些地方"] == UNSAID_WEIGHT


def test_an_item_named_only_where_the_document_breaks_off_has_nothing_more_said_of_it():
    """The last item of a report cut mid-sentence has no deadline: another item's deadline is no
    answer for it; a sentence of the cut item itself, or an item of a whole report, is."""
    from dataclasses import replace

    from assistant.answer.refuse_excerpt import item_cut_off

    report = (
        "栖川市创建全国文明城市督查通报（第9期）\n"
        "（一）北麓区人民路农贸市场。发现问题5个。责任单位：北麓区市场监管局。整改时限：10月5日前。\n"
        "（二）南湖区中山路公厕。发现问题4个。责任单位：南湖区城管局。整改时限：10月10日前。\n"
        "（三）东岭县兴华路背街。发现问题3个：墙面非法小广告成片张贴，路面破损积水。其中建筑垃圾堆放问题本期再次"
    )

    def check(text: str):
        hits, corpus = make_hits({"report": text})
        prepared = prepare("兴华路背街的问题整改时限是哪天", hits, corpus)
        reading = replace(prepared, candidates=[c.read_form() for c in prepared.candidates])
        by_text = {c.text: c for c in reading.candidates}
        other = next(c for t, c in by_text.items() if t.startswith("整改时限：10月5日前"))
        own = next(c for t, c in by_text.items() if "兴华路背街" in t)
        return item_cut_off(reading.context, other, reading.profiles), item_cut_off(
            reading.context, own, reading.profiles
        )

    cut, own = check(report)
    assert cut is not None and cut.code == "cut_off" and "兴华路" in cut.reason
    assert own is None
    whole, _ = check(report + "，已要求立即清运。责任单位：东岭县城管局。整改时限：10月15日前。")
    assert whole is None
