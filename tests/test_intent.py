"""Question intent: the one classifier that the passage answerer and the fact answerer read."""

import pytest

from assistant.intent import FRAME_WORDS, classify, states_deadline, states_plan


@pytest.mark.parametrize(
    "question, expected, not_expected",
    [
        ("2023年XX区城管局数字化案件处置率是多少？", {"figure"}, {"when", "result", "compare"}),
        ("下半年垃圾分类工作的完成时间是什么时候？", {"when", "target"}, {"list_strict"}),
        ("下半年的目标任务有哪些？", {"target", "list_strict", "what", "items"}, {"result"}),
        ("哪些测评标准涉及公益广告？", {"criteria", "what", "list_strict"}, {"figure"}),
        ("XX区城管局2023年存在哪些问题？", {"problem", "what"}, {"target"}),
        ("各年占道经营的数字对比", {"across", "compare"}, set()),
        ("两个测评体系的数据采集方法有什么区别？", {"contrast", "compare"}, set()),
        ("报告中前后两处的说法一致吗？", {"consistent", "compare"}, {"result"}),
        ("2021年下半年实际建成了多少个示范街区？", {"result", "figure"}, {"target"}),
        ("2021年區裡實際建成了多少個示范街區？", {"result", "figure"}, set()),  # Traditional
        ("钦州25年数字城管要达到啥指标", {"target"}, {"result"}),  # what it must reach: a target
        ("明年注册志愿者比例力争多少", {"target", "figure"}, {"result"}),
        ("今年背街小巷要整多少条", {"target", "figure"}, {"result"}),  # what is to be done: a target
        ("数字城管今年按期处置率要求多少", {"target", "figure"}, set()),
        ("主要问题有几个", {"figure"}, {"target"}),  # 主要 is no 要
        ("测评里农贸市场占几分", {"criteria", "figure"}, {"result"}),  # the points an item carries: a standard
        ("这一项满分多少", {"criteria", "figure"}, set()),
        ("推进会讲的五个攻坚是哪五个", {"items", "list_strict"}, {"figure"}),  # which N: a list of N
        ("门前三包包哪三样", {"items", "list_strict"}, set()),
        ("创文今年定的十项任务都是啥", {"items", "list_strict"}, {"figure"}),  # what they all are: a list
        ("整改都是啥时候前", {"when"}, {"items", "list_strict"}),
        ("督查发现的问题限期几号前改完", {"when", "deadline"}, {"figure"}),  # which day: a date
        # A date something is to be done by, not when it happened; 完成 alone asks no date
        ("督查的问题要求什么时候整改到位", {"when", "deadline"}, set()),
        ("限期几天改好", {"deadline"}, set()),
        ("第3期督查是哪天通报的", {"when"}, {"deadline"}),
        ("拆违完成了年度任务的多少", {"figure"}, {"deadline", "when"}),
        # How far it has got: what has been done so far, unless the target is asked with it
        ("口袋公园现在建成几个了", {"result", "figure"}, {"target"}),
        ("农贸市场改造完成几个了", {"result", "figure"}, {"target"}),
        ("斑马线礼让率目前多少", {"result", "figure"}, set()),
        ("口袋公园现在的目标是多少个", {"target"}, {"result"}),
        ("口袋公园要建几个", {"target"}, {"result"}),
    ],
)
def test_classify(question, expected, not_expected):
    intent = classify(question)
    flags = {name for name, value in vars(intent).items() if value}
    assert expected <= flags, flags
    assert not (not_expected & flags), flags


def test_plan_questions_are_not_result_questions():
    assert not classify("2021年区里计划建设多少个精细化示范街区？").result
    assert not classify("今年要完成多少座窨井盖整治？").result


def test_frame_words_are_not_topic_words():
    from assistant.question_words import content_words

    keywords = content_words("2024年下半年拆违工作有没有明确的截止时间？")
    assert not FRAME_WORDS & set(keywords) and "拆违" in keywords


def test_as_of_now_words_ask_the_latest_figure_and_are_not_what_a_passage_must_say():
    from assistant.question_words import content_words

    for question in ("示范小区现在累计多少个", "示范小区目前累计多少个", "示范小区当前累计多少个"):
        assert content_words(question) == ("示范", "小区"), question


@pytest.mark.parametrize(
    "sentence, heading, plan",
    [
        (
            "今年,我区计划建设精细化示范社区4个、示范街区10个。",
            "一、强化创建力度 > 3、深入开展城市精细化示范创建",
            True,
        ),
        ("继续全力推进样板点创建,力争在9月份,全面完成创建工作。", "", True),
        (
            "高品质创建4个精细化示范社区、10个精细化示范街区。",
            "四、下半年工作思路 > 1、继续推进精细化示范街区创建",
            True,
        ),
        ("完成第二批台账拆除工作。", "二、下半年工作计划 > （七）“双违”治理工作", True),
        ("二是清运积存垃圾不少于八万吨；", "", True),  # a floor set, not a result
        ("新增注册志愿者1.5万人。", "二、2025年重点工作 > （四）精细管理城市", True),
        # Results, even under a heading that mentions a target or a plan section:
        ("全区全年完成30户改造，目前我区已整改27户。", "二、下半年工作计划 > （十三）省高质量发展目标", False),
        ("上半年进行燃气安全隐患排查80余次。", "1、上半年工作情况 > （六）民事事实任务上半年完成情况", False),
        ("全市新建改扩建公厕39座。", "一、工作开展情况 > (二)坚持目标导向,全面提升文明水平", False),
        ("截至目前已完成886座窨井整治工作。", "", False),
    ],
)
def test_states_plan(sentence, heading, plan):
    assert states_plan(sentence, heading) is plan


@pytest.mark.parametrize(
    "header, plan",
    [
        ("序号 | 工作任务 | 牵头单位 | 责任单位 | 完成时限", True),  # a task table: each row is to be done
        ("序号 | 任务 | 具体目标 | 责任单位", True),
        ("指标 | 目标值 | 实际完成 | 完成率", False),  # the row says what was done as well
        ("序号 | 问题 | 责任单位 | 整改时限 | 整改情况", False),
        ("单位 | 得分 | 排名", False),
        ("", False),
    ],
)
def test_a_table_row_states_a_plan_when_its_columns_set_deadlines_or_targets_and_record_nothing_done(header, plan):
    assert states_plan("9 | 口袋公园建设 | 新建口袋公园15个 | 园林绿化科", "", header) is plan


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("请各区于11月5日前整改到位。", True),
        ("完成时间：2023年9月30日。", True),
        ("要求在7日内完成整改并书面报告。", True),
        ("年底前建成智慧停车平台一期。", True),
        ("截至6月28日已整改118个。", False),  # the date of a count
        ("市创文办于10月16日至20日开展督查。", False),  # the dates of an event
    ],
)
def test_a_date_to_be_done_by_is_told_from_other_dates(sentence, expected):
    assert states_deadline(sentence) is expected
