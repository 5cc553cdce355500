"""A part of the city asked (a district, a street) and a part not asked: what answers for which."""

from __future__ import annotations

from helpers_answer import answer_of, make_hits

from assistant.answer.features import FEATURES, SENTENCE_FEATURES
from assistant.answer.prepared import prepare
from assistant.answer.refuse_district import gives_district_figure, subunits_asked

STREETS = (
    "复兴区城市管理局5月份数字城管运行情况\n"
    "5月份，我区数字城管立案8,730件，结案8,402件，结案率96.2%，按期结案率93.2%。"
    "区数字城管指挥中心对全区11个街道实行月度考核，光明桥街道95.8%、丛台西街道94.9%，分列第二、三位。"
)


def test_a_streets_figure_is_refused_when_the_document_gives_only_the_districts_count():
    answer = answer_of("复兴区丛台西街道5月立案多少件", {"notice": STREETS})
    assert answer.refused and answer.notes == ["district_not_itemised"] and "丛台西街道" in answer.text
    counted = STREETS + "其中丛台西街道立案1,126件。"
    answer = answer_of("复兴区丛台西街道5月立案多少件", {"notice": counted})
    assert not answer.refused and "1,126件" in answer.text
    assert not answer_of("复兴区5月立案多少件", {"notice": STREETS}).refused  # the district itself is asked


def test_a_districts_rate_of_another_kind_is_no_figure_of_the_rate_asked():
    notice = (
        "荆门市4月份数字城管运行通报\n4月份，全市按期结案12,050件，按期结案率93.8%。"
        "从结案率看，东宝区97.7%、掇刀区95.0%。"
    )
    answer = answer_of("荆门4月份掇刀区按期结案率是多少", {"notice": notice})
    assert answer.refused and answer.notes == ["district_not_itemised"]
    answer = answer_of("荆门4月份掇刀区结案率是多少", {"notice": notice})
    assert not answer.refused and "95.0%" in answer.text


def _unasked_subunit(question: str, documents: dict[str, str]) -> dict[str, float]:
    hits, corpus = make_hits(documents)
    prepared = prepare(question, hits, corpus)
    column = SENTENCE_FEATURES.index("unasked_subunit")
    assert len(FEATURES) == 2 * len(SENTENCE_FEATURES)
    return {c.text.split()[-1]: float(row[column]) for c, row in zip(prepared.candidates, prepared.matrix, strict=True)}


WEEKLY = (
    "荆门市第24周数字城管运行情况\n"
    "一、全市总体情况\n第24周，全市立案2,187件，结案率95.1%。\n"
    "二、各区情况\n东宝区立案1,024件，结案率96.2%。"
)


def test_a_sentence_about_a_district_not_asked_is_marked_for_a_question_about_the_whole():
    marked = _unasked_subunit("荆门第24周数字城管立了多少案", {"weekly": WEEKLY})
    assert marked["东宝区立案1,024件，结案率96.2%。"] == 1.0
    assert marked["第24周，全市立案2,187件，结案率95.1%。"] == 0.0
    # Asked of the district, or across the districts: its sentence is what is asked.
    assert not any(_unasked_subunit("东宝区第24周数字城管立了多少案", {"weekly": WEEKLY}).values())
    assert not any(_unasked_subunit("第24周哪个区立案最多", {"weekly": WEEKLY}).values())


def test_a_timely_rate_is_not_answered_by_the_rate_of_all_cases():
    notice = (
        "辽阳市数字化城市管理工作通报（2025年第4期）\n"
        "4月份，全市数字城管平台共受理问题3,852件，立案3,617件，结案3,509件，结案率97.0%。"
    )
    answer = answer_of("辽阳4月数字城管按期结案率多少", {"notice": notice})
    assert answer.refused and answer.notes == ["rate_unstated"] and "按期结案率" in answer.text
    stated = notice.replace("结案率97.0%。", "结案率97.0%，按期结案率93.1%。")
    answer = answer_of("辽阳4月数字城管按期结案率多少", {"notice": stated})
    assert not answer.refused and "93.1%" in answer.text


def test_a_rate_asked_that_no_answering_sentence_states_is_refused():
    notice = (
        "芷岚市创文督查通报（第6期）\n本期督查发现问题96个，已整改71个。\n"
        "一、城中区（问题29个）\n1.建设路与和平路交叉口流动摊贩占道经营；\n2.人民广场东侧共享单车乱停放。"
    )
    answer = answer_of("芷岚第6期督查问题整改率多少", {"notice": notice})  # jieba cuts 整改 + 率
    assert answer.refused and answer.notes == ["rate_unstated"] and "整改率" in answer.text
    stated = notice.replace("已整改71个。", "已整改71个，整改率74.0%。")
    answer = answer_of("芷岚第6期督查问题整改率多少", {"notice": stated})
    assert not answer.refused and "74.0%" in answer.text
    # A rate typed as it sounds (节案率 for 结案率) is the rate the document names.
    monthly = "芷岚市数字城管6月运行通报\n6月全市立案8,436件，结案8,102件，结案率96.0%。"
    answer = answer_of("芷岚6月数字城管节案率多少", {"monthly": monthly})
    assert not answer.refused and "96.0%" in answer.text


def test_an_items_circled_number_is_no_figure_of_the_street_it_names():
    notice = (
        "自贡市创文督查交办单\n5月全市数字城管立案7,862件。\n"
        "（三）大安区\n①马冲口街道某背街小巷：垃圾堆积未清运，墙面乱张贴。\n②马冲口街道农贸市场门口占道经营3处。"
    )
    hits, corpus = make_hits({"notice": notice})
    prepared = prepare("大安区马冲口街道5月数字城管立案多少件", hits, corpus)
    asked = subunits_asked(prepared.question, prepared.profiles.values())
    assert asked == ["马冲口街道"]  # the street, not its district
    gives = {
        c.text.split()[-1]: gives_district_figure(asked, c, prepared.profiles[c.doc_id]) for c in prepared.candidates
    }
    assert gives["①马冲口街道某背街小巷：垃圾堆积未清运，墙面乱张贴。"] is False
    assert gives["②马冲口街道农贸市场门口占道经营3处。"] is True


def test_a_districts_figure_in_another_unit_is_no_count_of_what_is_asked():
    report = (
        "佳木斯市城市管理局上半年工作总结\n"
        "市容秩序持续改善。查处占道经营2,318起，清理小广告4.2万处，规范设置便民疏导点9处，"
        "其中向阳区4处、前进区3处、东风区2处。"
    )
    answer = answer_of("向阳区上半年查处占道经营多少起", {"report": report})
    assert answer.refused and answer.notes == ["district_not_itemised"]  # 4处 counts its stalls, not its cases
    counted = report + "向阳区查处占道经营612起。"
    answer = answer_of("向阳区上半年查处占道经营多少起", {"report": counted})
    assert not answer.refused and "612起" in answer.text


def test_a_section_that_opens_with_a_street_speaks_for_it_in_the_sentences_after():
    brief = (
        "铁西区创文工作简报\n各街道本月工作亮点如下。\n"
        "04 | 纤维街道：楼道清爽了，居民笑了 纤维街道完成背街小巷改造3条。"
        "辖区老厂区宿舍楼集中，街道开展“清楼道”专项行动，清理楼道堆物402处。\n"
        "12月6日，永昌街道开放志愿者注册，45位市民现场注册。全区清理楼道堆物1,200处。"
    )
    hits, corpus = make_hits({"brief": brief})
    prepared = prepare("纤维街道清了多少处楼道堆物", hits, corpus)
    asked = subunits_asked(prepared.question, prepared.profiles.values())
    by_text = {c.text: c for c in prepared.candidates}
    lead = by_text["辖区老厂区宿舍楼集中，街道开展“清楼道”专项行动，清理楼道堆物402处。"]
    assert gives_district_figure(asked, lead, prepared.profiles["brief"], ("处",))
    # a sentence that names another street after a date does not speak for the sentence after it
    prepared = prepare("永昌街道清了多少处楼道堆物", hits, corpus)
    asked = subunits_asked(prepared.question, prepared.profiles.values())
    whole = next(c for c in prepared.candidates if c.text == "全区清理楼道堆物1,200处。")
    assert asked == ["永昌街道"] and not gives_district_figure(asked, whole, prepared.profiles["brief"], ("处",))


def test_a_city_whose_name_ends_as_a_towns_does_is_no_town_asked():
    from assistant.answer.refuse_place import is_town

    report = (
        "新乡市数字化城市管理工作通报（2025年第4期）\n"
        "4月份，全市数字城管平台立案5,183件，处置5,071件，处置率97.8%。"
        "卫滨区处置率98.9%，红旗区97.6%，牧野区96.5%。"
    )
    answer = answer_of("新乡4月数字城管处置率多少", {"notice": report})
    assert not answer.refused and "97.8%" in answer.text
    assert not is_town("新乡") and not is_town("萍乡") and is_town("太平乡") and is_town("寿春镇")
