"""Periods and kinds the answering sentence must be of (synthetic hits, no model): a numbered issue
written 首轮, a document holding several weeks, a chronology of half a year, a table whose
columns are other periods, a town's sentence for another town, a result where a target is asked."""

from __future__ import annotations

from helpers_answer import answer_of, make_hits

from assistant.answer.features_period import asked_and_said
from assistant.answer.prepared import prepare
from assistant.answer.refuse import time_mismatch
from assistant.answer.refuse_kind import period_column_absent
from assistant.intent import classify
from assistant.periods import read_issues

WEEKS = (
    "栖川市创文常态化测评周通报（第23周—第25周合订）\n"
    "一、三周测评数据对照\n"
    "| 项目 | 第23周 | 第24周 | 第25周 |\n"
    "| 检查点位（个） | 84 | 92 | 90 |\n"
    "| 整改率 | 80.3% | 84.9% | 89.6% |\n"
    "二、各周突出问题\n"
    "第24周：重点检查公益广告。共发现公益广告破损问题43处。"
)
MONTHLY = "栖川市创文9月通报\n9月全市创文问题整改率为92.5%，较8月提高1.2个百分点。"


def test_a_first_issue_written_without_its_number_is_the_first():
    assert read_issues("夜市专项整治首轮行动结束，第二轮 首届 首周") == ((1, "轮"), (2, "轮"), (1, "届"))
    assert read_issues("榜首期间 元首批示 首期款 首期工程") == ()
    chronicle = "栖川市城管工作动态\n【7月16日】江南片区夜市专项整治首轮行动结束，共规范夜市摊点218个。"
    answer = answer_of("江南片区夜市第一轮整治规范了多少摊点", {"chronicle": chronicle})
    assert not answer.refused and "218个" in answer.text


def test_a_document_naming_the_issue_asked_stands_in_for_one_that_does_not():
    question = "栖川创文第24周整改率多少"
    answer = answer_of(question, {"monthly": MONTHLY, "weeks": WEEKS})
    assert not answer.refused and "84.9%" in answer.text
    assert answer_of(question, {"monthly": MONTHLY}).notes == ["issue_mismatch"]


def test_a_table_of_other_weeks_or_quarters_is_refused_naming_those_it_holds():
    hits, corpus = make_hits({"weeks": WEEKS + "\n第26周起，测评点位增加到96个。"})
    prepared = prepare("栖川创文第26周整改率多少", hits, corpus)
    row = next(c for c in prepared.candidates if c.text.startswith("| 整改率"))
    refused = period_column_absent(prepared.question, row)
    assert refused is not None and "第23周、第24周、第25周" in refused.reason and "第26周" in refused.reason
    assert period_column_absent(prepare("栖川创文第24周整改率多少", hits, corpus).question, row) is None
    quarters = "栖川市数字城管运行情况对比分析\n| 指标 | 一季度 | 二季度 |\n| 结案率 | 95.1% | 97.0% |"
    hits, corpus = make_hits({"quarters": quarters})
    row = next(c for c in prepare("栖川数字城管结案率", hits, corpus).candidates if c.text.startswith("| 结案率"))
    assert period_column_absent(prepare("栖川三季度数字城管结案率多少", hits, corpus).question, row) is not None
    answer = answer_of("栖川二季度数字城管结案率多少", {"quarters": quarters})
    assert not answer.refused and "97.0%" in answer.text


def test_a_chronology_of_half_a_year_is_about_no_one_month_of_it():
    chronicle = (
        "栖川市创文工作大事记（2025年1—6月）\n"
        "4月26日　董永公园文明实践主题园区开园。\n"
        "5月30日　长征路农贸市场完成提档升级，中心城区已完成提档升级的农贸市场增至5个。\n"
        "6月12日　新增公益广告1,632处。"
    )
    _, corpus = make_hits({"chronicle": chronicle})
    assert corpus.profile("chronicle").months == frozenset()
    answer = answer_of("栖川到5月底已完成提档升级的农贸市场增至几个", {"chronicle": chronicle})
    assert not answer.refused and "5个" in answer.text


def test_a_part_that_asks_no_month_may_be_answered_by_a_sentence_of_a_deadline_month():
    reply = "栖川市城管局关于人大代表建议的答复\n10月底前完成剩余十八条背街小巷改造，确保全年完成33条的目标任务。"
    hits, corpus = make_hits({"reply": reply})
    prepared = prepare("栖川今年背街小巷目标多少条 到5月份干了多少", hits, corpus)
    best = next(c for c in prepared.candidates if "33条" in c.text)
    assert time_mismatch(prepared.question, best, prepared.profiles) is None
    prepared = prepare("栖川5月份背街小巷改造了多少条", hits, corpus)
    assert time_mismatch(prepared.question, best, prepared.profiles) is not None  # the month is asked alone
    prepared = prepare("栖川5月份背街小巷改造了多少条，投资多少", hits, corpus)
    assert time_mismatch(prepared.question, best, prepared.profiles) is not None  # the second part shares 5月


def test_a_towns_sentence_does_not_answer_for_another_town():
    summary = (
        "孝川区城管局上半年工作亮点\n"
        "肖港镇新增垃圾分类投放点42个，背街小巷开工4条、完工2条。\n"
        "毛陈镇完成镇区主街立面改造1.6公里，新建公厕2座。"
    )
    answer = answer_of("毛陈镇背街小巷开工几条了", {"summary": summary})
    assert answer.refused and answer.notes == ["place_mismatch"]
    itemised = summary.replace("新建公厕2座", "新建公厕2座，背街小巷开工3条")
    answer = answer_of("毛陈镇背街小巷开工几条了", {"summary": itemised})
    assert not answer.refused and "3条" in answer.text


def test_a_result_does_not_answer_a_target():
    report = "栖川市政府工作报告（摘录）\n去年新增城市绿地面积46.5万平方米，建成区绿化覆盖率达到36.8%。"
    answer = answer_of("栖川今年新增城市绿地面积目标多少", {"report": report})
    assert answer.refused and answer.notes == ["result_for_target"]
    planned = report + "今年力争新增城市绿地面积50万平方米。"
    answer = answer_of("栖川今年新增城市绿地面积目标多少", {"report": planned})
    assert not answer.refused and "50万平方米" in answer.text
    assert not answer_of("栖川去年新增城市绿地面积多少", {"report": report}).refused
    projects = "栖川市2025年城建重点项目\n2025年新增城市绿地面积50万平方米。"
    assert not answer_of("栖川2025年新增绿地的目标是多少", {"projects": projects}).refused  # the year asked
    both = answer_of("栖川新增城市绿地面积去年多少今年目标多少", {"report": report})
    assert both.notes != ["result_for_target"]  # last year's figure is asked too


def test_a_figure_under_a_heading_of_the_years_tasks_is_a_target():
    """A speech's passage indexed under its heading path ("二、今年的任务要压实 > （五）停车泊位") states
    a target though its own words do not ("全年新增停车泊位2,000个")."""
    from dataclasses import replace

    from helpers_answer import make_hits

    from assistant.answer.candidates import gather
    from assistant.answer.refuse_kind import result_for_target
    from assistant.corpus import profile_of
    from assistant.question import read_question

    passage = "（五）停车泊位。全年新增停车泊位2,000个，其中北麓区300个。"

    def refusal(heading: str):
        hits, _ = make_hits({"speech": passage})
        hits = [replace(h, chunk=replace(h.chunk, heading=heading)) for h in hits]
        chosen = [c for c in gather(hits, 1) if "2,000个" in c.text]
        profiles = {c.doc_id: profile_of(c.doc_id, passage, None) for c in chosen}
        return result_for_target(read_question("北麓区今年要新增多少停车位"), chosen, profiles)

    assert refusal("二、今年的任务要压实 > （五）停车泊位") is None
    found = refusal("一、去年的工作要肯定 > （五）停车泊位")
    assert found is not None and found.code == "result_for_target"


def test_a_deduction_asked_is_a_rule_not_a_target():
    """A deduction asked ("要扣几分") reads as a target by its 要, but it asks what the rules deduct:
    a results table's deduction answers it, and the check for a missing target does not refuse it."""
    results = (
        "栖川市城市管理月度考核结果通报\n街道 | 扣分 | 扣分原因\n"
        "东关街道 | 2 | 主干道暴露垃圾4处\n西湖街道 | 1.5 | 占道经营3处"
    )
    answer = answer_of("东关街道那几处暴露垃圾要扣几分", {"results": results})
    assert not answer.refused and "暴露垃圾4处" in answer.text


def test_a_target_written_in_traditional_script_answers_a_target():
    """The checks read a Traditional report as the features do: 目標 names a target as 目标 does."""
    interview = (
        "栖川市文明办主任答记者问\n答：目前全市註冊志願者61.3萬人，佔城區常住人口的17.8%，我們的目標是到年底達到18.5%。"
    )
    answer = answer_of("栖川志愿者注册比例年底要达到多少", {"interview": interview})
    assert not answer.refused and "18.5%" in answer.text
    done_only = "栖川市文明办主任答记者问\n答：目前全市註冊志願者61.3萬人，佔城區常住人口的17.8%。"
    assert answer_of("栖川志愿者注册比例年底目标多少", {"interview": done_only}).notes == ["result_for_target"]


def test_the_items_of_an_assessment_are_its_criteria():
    assert classify("城管考核有哪几个考核项目").criteria and classify("考评内容有哪些").criteria
    rules = (
        "栖川市城市管理考核细则\n| 考核项目 | 考核内容 | 分值 | 扣分标准 |\n"
        "| 市容环境 | 主次干道无暴露垃圾 | 15 | 每发现1处扣0.5分 |\n"
        "| 数字城管 | 按期结案率达到90%以上 | 12 | 每低1个百分点扣1分 |"
    )
    answer = answer_of("栖川城管考核有哪几个考核项目", {"rules": rules})
    assert not answer.refused and "市容环境" in answer.text


def test_an_excerpt_cut_where_the_figure_asked_would_follow_is_refused():
    dynamics = "栖川市城管工作动态\n【9月10日】清理违停车辆1,380辆。\n【9月26日】江南片区新施划非机动车停放区156处，全年施划任务累计完成"
    answer = answer_of("江南片区停放区全年施划任务累计完成多少了", {"dynamics": dynamics})
    assert answer.refused and answer.notes == ["cut_off"]
    answer = answer_of("江南片区新施划非机动车停放区多少处", {"dynamics": dynamics})
    assert not answer.refused and "156处" in answer.text  # the figure asked comes before the cut


def test_a_chronology_entry_is_of_the_month_of_its_date():
    hits, corpus = make_hits(
        {"entries": "栖川市创文大事记\n【4月26日】董永公园开园。\n9月5日召开的会议通报了4月的情况。"}
    )
    prepared = prepare("栖川4月份有哪些事", hits, corpus)
    entry = next(c for c in prepared.candidates if "董永公园" in c.text)
    assert asked_and_said(prepared.question, entry.text)[1] == ({4}, {4})
    inside = next(c for c in prepared.candidates if "会议" in c.text)
    assert asked_and_said(prepared.question, inside.text)[1] == ({4}, {4, 9})


def test_a_months_figure_is_not_read_from_the_sum_of_a_span_that_holds_it():
    from assistant.periods import read_month_spans

    assert [months for _, months in read_month_spans("第二季度（4月1日至6月30日）；１－５月；前五个月；下半年")] == [
        range(4, 7),
        range(1, 6),
        range(1, 6),
        range(4, 7),
        range(7, 13),
    ]
    quarter = (
        "栖川市数字化城市管理2025年第二季度运行通报\n"
        "第二季度（4月1日至6月30日），全市数字城管平台共立案16,482件，结案15,851件，结案率96.2%。"
    )
    refused = answer_of("栖川5月份数字城管立案多少件", {"quarter": quarter})
    assert refused.refused and "没有单独给出5月的数据" in refused.text
    by_month = quarter + "分月看，4月5,102件，5月5,436件，6月5,944件。"
    assert not answer_of("栖川5月份数字城管立案多少件", {"quarter": by_month}).refused
    monthly = "栖川市数字城管2025年5月运行情况\n5月全市立案9,264件，结案8,951件；1—5月累计立案43,817件。"
    answered = answer_of("栖川5月份数字城管立案多少件", {"monthly": monthly})
    assert not answered.refused and "9,264件" in answered.text


def test_a_months_change_on_last_year_is_not_read_from_a_spans():
    running = (
        "栖川市数字城管2025年6月运行情况\n"
        "6月，全市立案6,382件，结案6,127件。"
        "1—6月，全市累计立案31,598件，同比增长10.3%，去年同期28,647件。"
    )
    refused = answer_of("栖川6月份立案同比增长多少", {"running": running})
    assert refused.refused and refused.notes == ["change_of_span"]
    assert "1—6月" in refused.text and "没有单独给出6月的同比数据" in refused.text
    assert not answer_of("栖川上半年立案同比增长多少", {"running": running}).refused  # the span is what is asked
    own = running.replace("结案6,127件。", "结案6,127件，立案同比增长8.2%。")
    answered = answer_of("栖川6月份立案同比增长多少", {"running": own})
    assert not answered.refused and "8.2%" in answered.text
    quarter = (
        "栖川市数字城管二季度运行分析\n"
        "二季度立案量比一季度增加3,326件。上半年累计立案43,018件，同比增长11.6%（去年同期为38,547件）。"
    )
    assert answer_of("栖川二季度立案同比增长多少", {"quarter": quarter}).notes == ["change_of_span"]
    table = (
        "栖川市数字城管5月通报\n一、主要指标\n"
        "| 指标 | 5月 | 1—5月累计 | 累计同比 |\n"
        "| 立案数（件） | 9,264 | 43,817 | +8.6% |\n"
        "| 结案数（件） | 8,951 | 42,106 | +9.1% |"
    )
    by_column = answer_of("栖川5月立案数同比增长多少", {"table": table})
    assert by_column.refused and "1—5月" in by_column.text
    monthly_column = table.replace("| 累计同比 |", "| 5月同比 |")
    assert "change_of_span" not in answer_of("栖川5月立案数同比增长多少", {"table": monthly_column}).notes


SURVEY = (
    "栖川市2025年创文群众满意度调查结果\n"
    "一、总体结果\n全市群众满意度为88.7%，比去年的85.5%提高3.2个百分点。\n"
    "二、分区结果\n| 区 | 有效样本（份） | 满意度 |\n| 秀洲区 | 1,080 | 89.6% |\n| 南湖区 | 960 | 87.1% |"
)


def test_a_change_is_answered_only_where_it_is_stated_for_what_is_asked():
    refused = answer_of("秀洲区满意度比去年提高了多少", {"survey": SURVEY})
    assert refused.refused and refused.notes == ["change_unstated"] and "秀洲区" in refused.text
    answered = answer_of("栖川满意度比去年提高了多少", {"survey": SURVEY})  # the city's own change is stated
    assert not answered.refused and "3.2个百分点" in answered.text
    by_column = SURVEY.replace("| 满意度 |\n", "| 满意度 | 较上年变化 |\n").replace("89.6% |", "89.6% | +2.4 |")
    answered = answer_of("秀洲区满意度比去年提高了多少", {"survey": by_column})
    assert not answered.refused and "+2.4" in answered.text
    # a change column left blank in the row asked states no change, whatever the row below gives
    blank = by_column.replace("89.6% | +2.4 |", "89.6% |  |").replace("87.1% |", "87.1% | +1.3 |")
    refused = answer_of("秀洲区满意度比去年提高了多少", {"survey": blank})
    assert refused.refused and refused.notes == ["change_unstated"]


def test_a_change_on_the_month_before_needs_it_stated_or_both_months():
    may = "栖川市数字城管2025年5月运行通报\n5月，全市数字城管平台立案9,264件，结案8,951件。"
    refused = answer_of("栖川5月立案比4月多了多少", {"may": may})
    assert refused.refused and refused.notes == ["change_unstated"]
    april = "栖川市数字城管2025年4月运行通报\n4月，全市数字城管平台立案8,810件，结案8,502件。"
    answered = answer_of("栖川5月立案比4月多了多少", {"may": may, "april": april})
    assert not answered.refused and "9,264件" in answered.text and "8,810件" in answered.text
    stated = may.replace("立案9,264件", "立案9,264件，比4月增加454件")
    assert not answer_of("栖川5月立案比4月多了多少", {"may": stated}).refused
    # a question of two parts is answered part by part: the level asked is still given
    assert not answer_of("栖川5月立案多少件，4月呢", {"may": may}).refused


def test_a_target_is_no_figure_of_the_month_asked():
    speech = (
        "栖川市城市管理提质年新闻发布会\n今年我们重点抓好三件事：一是背街小巷改造六十条；"
        "二是数字城管按期结案率稳定在96%以上；三是新增停车泊位三千个。"
    )
    refused = answer_of("栖川6月份数字城管按期结案率多少", {"speech": speech})
    assert refused.refused and refused.notes == ["target_for_period"] and "6月" in refused.text
    # the requirement itself asked, or the month's report found: answered
    assert not answer_of("栖川数字城管按期结案率要求稳定在多少", {"speech": speech}).refused
    june = "栖川市数字城管2025年6月运行通报\n6月，全市按期结案率95.2%，较上月提高0.4个百分点。"
    answered = answer_of("栖川6月份数字城管按期结案率多少", {"speech": speech, "june": june})
    assert not answered.refused and "95.2%" in answered.text


def test_a_quarter_that_holds_no_month_asked_is_another_period():
    opening = "网友留言：家门口的夜市油烟大、噪声大，晚上十点以后还有人摆摊，希望有关部门多管一管。" * 8
    # the quarter stands past the document's opening: what the sentence says, not the document's period
    reply = f"热线答网友问\n{opening}\n答：二季度城管类诉求有8700多件，比一季度多了不少。"
    answer = answer_of("栖川12345七月份城管类诉求有多少件", {"reply": reply})
    assert answer.refused and answer.notes == ["time_mismatch"]
    answer = answer_of("栖川12345五月份城管类诉求有多少件", {"reply": reply})
    assert answer.notes != ["time_mismatch"]  # 5月 is in the second quarter


def test_a_table_row_under_a_header_of_the_month_asked_is_of_that_month():
    bulletin = (
        "栖川市2025年数字城管运行情况通报（二季度合刊）\n2025年4月份，全市数字城管平台共立案9,412件。\n一、总体情况\n"
        "|指标|4月|5月|6月|\n|立案数（件）|9,412|10,150|10,687|\n|按期结案率|92.4%|93.1%|94.6%|\n"
    )
    answer = answer_of("栖川5月份数字城管按期结案率多少", {"bulletin": bulletin})
    assert not answer.refused and "93.1%" in answer.text


def test_a_half_year_that_holds_no_month_asked_is_another_period():
    opening = "市城市管理局召开专题会议，通报各县区重点工作推进情况，部署下阶段重点任务。" * 8
    # the half stands past the document's opening: what the sentence says, not the document's period
    report = f"城市管理重点工作推进情况通报\n{opening}\n上半年，全市数字城管平台立案12,960件，按期处置率92.2%。"
    answer = answer_of("栖川9月数字城管立案多少", {"report": report})
    assert answer.refused and answer.notes == ["time_mismatch"]
    answer = answer_of("栖川三季度数字城管立案多少", {"report": report})
    assert answer.refused and answer.notes == ["time_mismatch"]
    answer = answer_of("栖川5月数字城管立案多少", {"report": report})
    assert answer.notes != ["time_mismatch"]  # 5月 is in the first half: the sum of a span that holds it
    # a question that names a span itself asks of both: the half is no other period to it
    answer = answer_of("栖川9月和上半年数字城管立案多少", {"report": report})
    assert answer.notes != ["time_mismatch"]


def test_a_year_to_come_is_counted_from_the_newest_document_not_from_the_answering_one():
    """明年 asked in 2025 is 2026: a 2024 summary's 明年 (2025) does not answer it; a 2025 speech's does."""
    summary = (
        "栖川市城市管理局2024年工作总结\n（2024年12月27日）\n一、今年工作\n全年拆除违法建设164处。\n"
        "二、明年工作打算\n明年拆除违法建设180处，新增停车泊位2,000个。"
    )
    speech = (
        "在栖川市城市管理工作会议上的讲话\n（2025年2月18日）\n今年全市拆除违法建设180处。\n"
        "明年计划新建改建公厕30座，其中北麓区10座。"
    )
    refused = answer_of("栖川明年拆违目标多少", {"summary": summary, "speech": speech})
    assert refused.refused and refused.notes == ["time_mismatch"] and "2026年" in refused.text
    answered = answer_of("栖川明年公厕要建多少座", {"summary": summary, "speech": speech})
    assert not answered.refused and "30座" in answered.text


def test_a_sentence_of_the_month_asked_stands_in_for_a_whole_years_figure():
    """A speech's whole-year sentence rated best ("全年…有5个月位列第一") is no answer for 5月; the
    month's report, rated nearly as high, answers instead of a refusal."""
    speech = "栖川市城市管理工作会议讲话\n全年城管考核中，南湖区有5个月位列第一。"
    may = "栖川市城管考核通报（5月）\n本月城管考核，北麓区位列第一。"
    answer = answer_of("栖川5月城管考核哪个区第一", {"speech": speech, "may": may})
    assert not answer.refused and "北麓区" in answer.text
    alone = answer_of("栖川5月城管考核哪个区第一", {"speech": speech})
    assert alone.refused and alone.notes == ["whole_year_for_part"]


def test_a_level_the_month_asked_must_reach_is_no_figure_of_that_month():
    """ "11月份全市按期处置率要达到93%以上", in October's report, sets November's target: it does not
    answer what November's rate was; "11月份全市按期处置率93.2%" does."""
    from helpers_answer import make_hits

    from assistant.answer.candidates import gather
    from assistant.answer.refuse_kind import target_for_period
    from assistant.corpus import profile_of
    from assistant.question import read_question

    def refusal(sentence: str):
        report = f"栖川市2025年10月份数字城管运行情况通报\n10月份全市按期处置率92.6%。\n{sentence}"
        hits, _ = make_hits({"october": report})
        chosen = [c for c in gather(hits, 1) if c.text.startswith("11月份")]
        profiles = {c.doc_id: profile_of(c.doc_id, report, None) for c in chosen}
        return target_for_period(read_question("栖川11月份按期处置率多少"), chosen[0], profiles)

    found = refusal("11月份全市按期处置率要达到93%以上。")
    assert found is not None and found.code == "target_for_period"
    assert refusal("11月份全市按期处置率93.2%。") is None


def test_a_figure_of_a_years_summary_that_names_no_period_is_the_years():
    summary = "栖川市城市管理局2024年工作总结\n（一）数字城管运行。12345热线转办城管类工单8,940件，办结率99.2%。"
    answer = answer_of("栖川10月份12345热线工单多少件", {"summary": summary})
    assert answer.refused and answer.notes == ["whole_year_for_part"]
    monthly = "栖川市城市管理局2024年工作总结\n（一）数字城管运行。10月份12345热线转办城管类工单812件。"
    assert not answer_of("栖川10月份12345热线工单多少件", {"summary": monthly}).refused


def test_a_milestone_of_a_plans_schedule_is_no_result():
    """A plan's schedule ("三、进度安排 > （三）第三季度": "截至9月底：老旧小区完工30个") says what is to be
    done by then, in the words of a result: asked what was done, it is a target."""
    from dataclasses import replace

    from helpers_answer import hand_selector, make_hits

    from assistant.answer.compose import decide

    plan = "栖川市2025年创建全国文明城市重点任务分解表\n（三）第三季度。截至9月底：老旧小区完工30个，公厕建成18座。"

    def answer(heading: str):
        hits, corpus = make_hits({"plan": plan})
        hits = [replace(h, chunk=replace(h.chunk, heading=heading)) for h in hits]
        return decide(prepare("栖川老旧小区改造现在完成多少个了", hits, corpus), hand_selector())

    scheduled = answer("三、进度安排 > （三）第三季度")
    assert scheduled.refused and scheduled.notes[0].startswith("plan_only") and "30个" in scheduled.text


def test_clauses_that_ask_two_periods_are_answered_each_from_its_own_sentence():
    """ "二季度呢，下半年目标多少" asks a quarter and a half-year: the answering sentence of one of them
    is no other period's (time_mismatch stands aside), and no document need be about both."""
    from assistant.answer.refuse import clauses_ask_other_periods
    from assistant.question import read_question

    assert clauses_ask_other_periods(read_question("栖川今年二季度礼让率呢，下半年目标多少"))
    assert clauses_ask_other_periods(read_question("5月立案多少，6月呢"))
    assert not clauses_ask_other_periods(read_question("栖川二季度礼让率多少，排第几"))
    assert not clauses_ask_other_periods(read_question("3月和上半年结案率"))
