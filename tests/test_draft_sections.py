"""Drafts without a model: the prompt's topic, where a sentence goes in a 汇报, cleaning, masked
figures, and the choice of one body and one period among synthetic hits."""

import pytest

from assistant.answer.candidates import candidates_of
from assistant.draft.compose import _gather, _select
from assistant.draft.period import choose_scope, topic_of, who
from assistant.draft.sections import part_of, place, split_done_and_due
from assistant.draft.sentences import clean, unmask
from assistant.models import Chunk, DocumentMeta, Hit
from assistant.places import places_known_in
from assistant.text import compact


@pytest.mark.parametrize(
    "prompt, topic",
    [
        ("帮我起草一段迎检汇报：市容环境整治上半年工作", "市容环境整治上半年工作"),
        ("请帮我写一份督查口径，垃圾分类工作", "垃圾分类工作"),
        ("起草2021年大鹏新区城管执法工作总结汇报", "2021年大鹏新区城管执法工作总结"),
        ("草拟咸宁城管考评情况的汇报材料", "咸宁城管考评情况"),
        ("市容环境整治上半年工作", "市容环境整治上半年工作"),
    ],
)
def test_the_instruction_is_not_the_topic(prompt, topic):
    assert topic_of(prompt) == topic


@pytest.mark.parametrize(
    "sentence, heading, kind, part",
    [
        # sentence cues: future and modal words for plans, aspect and totals for results
        ("下半年将继续推进背街小巷改造提升。", "", "总结及计划", "plan"),
        ("力争年底前完成全部老旧小区加装电梯任务。", "", "工作总结", "plan"),
        ("确保垃圾分类覆盖率达到95%以上。", "", "工作总结", "plan"),
        ("今年以来已累计清理小广告1200余处。", "", "工作计划", "result"),
        ("共办结投诉案件356件，办结率98.2%。", "", "总结及计划", "result"),
        ("目前仍存在占道经营反弹、夜间管控力量不足等问题。", "", "总结及计划", "problem"),
        # the heading decides where the sentence says nothing of itself
        ("推进智慧城管平台建设。", "二、下半年工作计划 > （一）智慧城管", "总结及计划", "plan"),
        ("部分路段保洁作业标准不高。", "三、存在的问题", "总结及计划", "problem"),
        ("出动执法人员2300人次。", "一、上半年主要工作成效", "总结及计划", "result"),
        # the kind of document decides an unmarked sentence
        ("推进智慧城管平台建设。", "（二）数字城管", "工作计划", "plan"),
        ("建成口袋公园12个。", "（二）园林绿化", "工作总结", "result"),
        # a sentence that reports a result under a plan heading keeps its result
        ("截至6月底已完成改造68%。", "二、下步工作安排", "总结及计划", "result"),
        # … but a figure to be done by a date to come is the target it reads as
        ("2024年6月底前完成21个老旧小区楼道堆物专项整治。", "四、2024年工作思路", "工作总结", "plan"),
        ("2024年6月底前完成城中村环境整治23个。", "", "工作总结", "plan"),
        ("一是9月底前完成平台二期招标，确保重点区域视频监控覆盖率达到60%。", "", "工作总结", "plan"),
        ("6月底前完成了背街小巷整治126条。", "", "工作总结", "result"),
        ("各区要逐项建立整改台账，4月15日前完成全部问题整改，整改结果报市文明办。", "", "督查通报", "plan"),
        ("3月10日前完成了全部问题整改。", "", "督查通报", "result"),
        # 要求 (of others) and 确保了 (ensured) govern no done marker after them
        ("对防汛物资梳理检查，要求及时补充，共排查积水点6处，确保了群众安全。", "", "总结及计划", "result"),
        ("要求各区确保年底前完成全部整改。", "", "督查通报", "plan"),
        # under no heading: a counted figure or an honour is a result, the rest is background
        ("全年指导各县区审批相关行政许可302项。", "", "总结及计划", "result"),
        ("被列为全国首批城市综合管理服务平台建设试点城市。", "", "工作总结", "result"),
        ("2019年是常州城市管理与园林绿化深度融合之年。", "", "工作总结", "basic"),
        ("中华人民共和国成立70周年之际，我局深入贯彻全会精神。", "", "工作总结", "basic"),
        # a target: a state to reach by a date to come, or in a plan; 将 of the future
        ("在2021年底前，居民小区生活垃圾分类覆盖率达90%。", "", "新闻报道", "plan"),
        ("全市公共场所生活垃圾分类均实现100%全覆盖。", "二、工作目标", "实施方案", "plan"),
        ("领导小组办公室将对当月评价结果进行讲评。", "", "新闻报道", "plan"),
        ("年内，先后创成“江苏省生态园林城市”。", "", "工作总结", "result"),
        # problems said as a low score
        ("其中，“执法实效”相对得分较低。", "", "新闻报道", "problem"),
        ("正值岁末，既要做好寒潮天气保供工作，又要做好暖心工程。", "", "新闻报道", "plan"),
    ],
)
def test_part_of_a_sentence(sentence, heading, kind, part):
    assert part_of(sentence, heading, kind) == part


@pytest.mark.parametrize(
    "raw, heading, cleaned",
    [
        ("1、持续开展市容环境整治。", "", "持续开展市容环境整治。"),
        ("完成时间：12月上旬。", "", "完成时间：12月上旬。"),
        ("（一）优化管理,提升市容环境秩序一是落实门前三包。", "", "落实门前三包。"),
        ("二是清理牛皮癣小广告700余处；", "", "清理牛皮癣小广告700余处。"),
        ("其次是“环境卫生”类问题,共有167处。", "", "其次是“环境卫生”类问题,共有167处。"),
        ("咸宁网讯 记者周荣华报道:9月16日,市政府办公室发布实施方案。", "", "9月16日,市政府办公室发布实施方案。"),
        (
            "金旻矣)今天是城管公众开放日,市城管执法局公布测评结果。",
            "",
            "今天是城管公众开放日,市城管执法局公布测评结果。",
        ),
        (
            "记者12月1日从市文明办了解到,调查结果表明满意度较高。",
            "",
            "记者12月1日从市文明办了解到,调查结果表明满意度较高。",
        ),
        (
            "垃圾分类保持领先，回收利用率达49.1%",
            "一、主要成绩 > 垃圾分类保持领先",
            "回收利用率达49.1%。",
        ),
    ],
)
def test_clean_sentences(raw, heading, cleaned):
    assert clean(raw, heading) == cleaned


def test_a_masked_figure_is_left_out_and_a_masked_place_name_dropped():
    text, masked = unmask("开展市容专项整治，撤除沿街垃圾桶*只，签订承诺书*余份，清理乱堆放20余处。")
    assert masked == 2 and text == "开展市容专项整治，清理乱堆放20余处。"
    assert unmask("覆盖率*%，位居全市前列。") == ("", 1)  # the statement is the masked figure
    assert unmask("2025年,〔*〕县城管局以精细化管理为主线。") == ("2025年,县城管局以精细化管理为主线。", 0)


def _hit(doc_id, text, *, rank=0, title="", heading="", years=(), body="城管局", place="", period="", kind=""):
    meta = DocumentMeta(title=title, years=list(years), body=body, body_full=body, kind=kind, period=period)
    meta.place = place
    chunk = Chunk(f"{doc_id}-{rank}", doc_id, rank, heading, text, 0, len(text))
    return Hit(chunk, 1.0 / (rank + 1), title, f"{doc_id}.txt", meta)


def test_place_skips_headings_lead_ins_and_the_title():
    hit = _hit(
        "a",
        "一、主要工作成绩\n现将上半年工作情况汇报如下：\n清理牛皮癣小广告700余处。\n完成时间：12月上旬。",
        title="主要工作",
    )
    placed = [p for c in candidates_of(hit, 0) for p in place(c, "工作总结", "城管局2023年工作总结")]
    assert [p.text for p in placed] == ["清理牛皮癣小广告700余处。"]


def test_past_the_opening_an_unheaded_sentence_of_a_summary_tells_what_was_done():
    sentence = "开展清洁城市行动，出台深度保洁实施方案和相关考核办法。"
    assert part_of(sentence, "", "工作总结", opening=False) == "result"
    assert part_of(sentence, "", "工作总结", opening=True) == "basic"
    assert part_of(sentence, "", "测评体系", opening=False) == "basic"


def test_a_sentence_that_says_nothing_of_itself_goes_on_with_the_plan_before_it():
    text = "3月9日，街道派出督查组检查7个社区。下阶段，街道将全面排查，明确整改期限。对行动迟缓的，启动问责程序。"
    picks, _ = _gather([(0, _hit("a", text, kind="新闻报道"), 1.0)], [])
    assert [p.placed.part for p in picks] == ["result", "plan", "plan"]


def test_a_list_one_item_a_line_under_a_lead_in_is_one_cited_statement():
    text = "评估结果\n排名依次为\n枝江市(88.19)\n当阳市(84.82)\n兴山县(67.43)\n奖罚\n对枝江市奖励60万元。"
    hit = _hit("a", text, heading="二季度评估", kind="考评通报")
    picks, _ = _gather([(0, hit, 1.0)], [])
    listed = [p.placed for p in picks if "排名" in p.placed.text]
    assert [p.text for p in listed] == ["排名依次为枝江市(88.19)，当阳市(84.82)，兴山县(67.43)。"]
    assert listed[0].part == "result" and listed[0].candidate.spans[1:] == [
        "枝江市(88.19)",
        "当阳市(84.82)",
        "兴山县(67.43)",
    ]
    passage = compact(text)
    assert all(compact(clause.rstrip("。")) in passage for clause in listed[0].text.split("，"))  # each clause cited
    assert [p.placed.text for p in picks if "奖励" in p.placed.text] == ["对枝江市奖励60万元。"]


def test_plans_with_a_figure_are_chosen_first_when_room_is_short():
    text = "下一步要进一步提高思想认识，加强组织领导。下一步要全面启动城区内21个社区创建。"
    picks, _ = _gather([(0, _hit("a", text, kind="讲话"), 1.0)], ["思想认识"])  # the first says the topic
    chosen = _select(picks, {"basic": 3, "result": 3, "problem": 3, "plan": 1})
    assert [p.placed.text for p in chosen["plan"]] == ["下一步要全面启动城区内21个社区创建。"]


def test_a_rank_or_an_honour_counts_as_a_figure_of_a_result():
    text = "开展垃圾分类入户宣传，已覆盖全部社区。同时在第二季度垃圾分类工作考核中我区排名第一。"
    picks, _ = _gather([(0, _hit("a", text, kind="工作总结"), 1.0)], ["宣传"])  # the first says the topic
    chosen = _select(picks, {"basic": 3, "result": 1, "problem": 3, "plan": 3})
    assert [p.placed.text for p in chosen["result"]] == ["同时在第二季度垃圾分类工作考核中我区排名第一。"]


def test_where_the_document_breaks_off_a_last_clause_ending_on_a_figure_is_kept():
    hit = _hit("a", "认真落实食品安全工作。加大餐厨废弃物无害处理力度,新增无害处理能力至370吨/日")
    last = candidates_of(hit, 0)[-1]
    assert [p.text for p in place(last, "工作总结", ends_document=True)] == [
        "加大餐厨废弃物无害处理力度,新增无害处理能力至370吨/日。"
    ]
    assert [p.text for p in place(last, "工作总结")] == ["加大餐厨废弃物无害处理力度。"]  # a passage cut mid-sentence
    cut = candidates_of(_hit("b", "新增改造供水管网170公里,新建燃气管网23.5公里,新建、"), 0)[-1]
    assert [p.text for p in place(cut, "工作总结", ends_document=True)] == [
        "新增改造供水管网170公里,新建燃气管网23.5公里。"
    ]


def test_a_line_labelled_as_targets_holds_plans_and_the_label_is_cut():
    text = (
        "时间、目标:2013年,创建成为“省级文明县城”;2017年,创建成为“全国文明县城”。\n"
        "任务:城区森林覆盖率达25%,县城建成区绿化覆盖率达40%。\n"
        "7月21日,修武县召开动员大会,全面部署创建工作。"
    )
    placed = [(p.part, p.text) for c in candidates_of(_hit("a", text), 0) for p in place(c, "测评体系")]
    assert [part for part, _ in placed[:-1]] == ["plan"] * (len(placed) - 1) and len(placed) >= 3
    assert placed[0][1].startswith("2013年") and placed[-2][1].startswith("城区森林覆盖率达25%")
    assert placed[-1] == ("result", "7月21日,修武县召开动员大会,全面部署创建工作。")


def test_a_heading_line_inside_the_passage_places_the_sentences_under_it():
    text = (
        "（六）投入保障有力。区财政安排创建专项经费1850万元，较上年增长8.8%。\n"
        "三、存在问题\n"
        "一是老旧小区楼道堆物问题整改不彻底，年度测评中失分较多。"
    )
    placed = [(p.part, p.text[:6]) for c in candidates_of(_hit("a", text), 0) for p in place(c, "工作总结")]
    # The item's title stays with what it says (一、…不够健全。有的社区…): one sentence under 投入保障.
    assert placed == [("result", "投入保障有力"), ("problem", "老旧小区楼道")]


def test_a_sentence_of_done_and_due_is_split_between_results_and_plans():
    hit = _hit("a", "新建遮阳挡雨棚18座，目前已完成基础浇筑18座，6月底全面竣工并投入使用。")
    placed = [(p.part, p.text) for c in candidates_of(hit, 0) for p in place(c, "工作总结")]
    assert placed == [
        ("result", "新建遮阳挡雨棚18座，目前已完成基础浇筑18座。"),
        ("plan", "6月底全面竣工并投入使用。"),
    ]
    assert split_done_and_due("已清理小广告700余处，持续保持高压态势。") == ("", "")
    assert split_done_and_due("共排查积水点6处，确保了人民群众生命财产安全。") == ("", "")  # 确保了: ensured


def test_scope_keeps_the_year_the_prompt_names():
    hits = [
        _hit("y23", "市容环境整治，清理广告1000处。", years=[2023], place="宝安区", title="宝安区2023年总结"),
        _hit("y24", "市容环境整治，清理广告2000处。", rank=1, years=[2024], place="宝安区", title="宝安区2024年总结"),
    ]
    scope = choose_scope("2023年宝安区市容环境整治", hits, {})
    assert scope is not None and scope.doc_ids == ("y23",) and scope.year == 2023 and scope.named
    assert choose_scope("2019年宝安区市容环境整治", hits, {}) is None


def test_a_prompt_naming_a_city_and_its_district_takes_the_district_s_report():
    hits = [
        _hit("nan", "枫岙市南麓区2023年创文工作总结。南麓区得分91.36分。", years=[2023], place="南麓区"),
        _hit("bei", "枫岙市北麓区2023年创文工作总结。北麓区得分89.74分。", rank=1, years=[2023], place="北麓区"),
    ]
    texts = {h.chunk.doc_id: compact(h.chunk.text) for h in hits}
    known = places_known_in(texts.values())
    scope = choose_scope("枫岙市北麓区2023年创文工作", hits, texts, known)
    assert scope is not None and scope.doc_ids == ("bei",)  # both name the city; only one the district


def test_the_districts_own_report_leads_a_citys_notice_that_mentions_the_district():
    hits = [
        _hit("city", "枫岙市2023年创文督查通报。北麓区整改率96.2%，南麓区整改率95.1%。", years=[2023], place="枫岙市"),
        _hit("bei", "枫岙市北麓区2023年创文工作总结。北麓区得分89.74分。", rank=1, years=[2023], place="北麓区"),
    ]
    texts = {h.chunk.doc_id: compact(h.chunk.text) for h in hits}
    scope = choose_scope("枫岙市北麓区2023年创文工作", hits, texts, places_known_in(texts.values()))
    assert scope is not None and scope.doc_ids == ("bei",)  # the city's notice ranks first and names 北麓区 too


def test_a_named_year_takes_the_document_of_that_year_before_one_that_plans_for_it():
    hits = [
        _hit("y22", "数字城管受理问题83512件。2023年确保结案率98%以上。", years=[2022, 2023], place="澜江市"),
        _hit("y23", "数字城管受理问题91240件。", rank=1, years=[2023, 2024], place="澜江市"),
    ]
    scope = choose_scope("澜江市2023年数字城管运行成效", hits, {})
    assert scope is not None and scope.doc_ids[0] == "y23" and scope.year == 2023


def test_a_document_silent_on_year_and_place_agrees_by_the_months_it_names():
    hits = [
        _hit("wh", "我市通报3月和4月文明城市建设测评情况。", body="文明办"),
        _hit("rz", "2016年创建文明城市知识问答。", rank=3, years=[2016], body="文明办"),
    ]
    texts = {h.chunk.doc_id: compact(h.chunk.text) for h in hits}
    scope = choose_scope("武汉市2016年3、4月文明城市建设双月测评结果", hits, texts)
    assert scope is not None and scope.doc_ids == ("wh",)


def test_without_a_period_the_latest_of_the_same_body_is_taken_and_said():
    hits = [
        _hit("old", "市容环境整治。", years=[2022], place="宝安区", period="上半年"),
        _hit("new", "市容环境整治。", rank=1, years=[2023], place="宝安区", period="上半年"),
        _hit("other", "市容环境整治。", rank=2, years=[2025], place="咸宁市"),  # another city's 城管局
    ]
    scope = choose_scope("市容环境整治", hits, {})
    assert scope is not None and scope.doc_ids == ("new",) and scope.period == "2023年上半年"
    assert not scope.named and "最新" in scope.line and "2023年上半年" in scope.line


def test_a_document_silent_on_the_named_year_or_place_is_taken_only_if_it_agrees_otherwise():
    hits = [
        _hit("fj", "福建省文明办群众性精神文明创建，12个市县荣获提名城市。", body="文明办", place="福建省"),
        _hit("zs", "东区街道、阜沙镇文明程度指数测评排名第一。", rank=1, years=[2021], body="文明办", place="东区"),
    ]
    texts = {h.chunk.doc_id: h.chunk.text for h in hits}
    year_silent = choose_scope("福建省文明办2018年群众性精神文明创建", hits, texts)
    assert year_silent is not None and year_silent.doc_ids == ("fj",) and "未写明2018年" in year_silent.line
    place_silent = choose_scope("中山市2021年文明程度指数测评", hits, texts)  # it names only streets and towns
    assert place_silent is not None and place_silent.doc_ids == ("zs",) and place_silent.place == "中山市"
    assert "未写明中山市" in place_silent.line
    assert choose_scope("2018年群众性精神文明创建", hits[:1], texts) is None  # the topic alone is not enough
    other_city = {"zs": "江门市文明办。" + texts["zs"]}  # it names a city, another one: not silent
    assert choose_scope("咸宁市2021年文明程度指数测评", hits, other_city) is None


def test_without_a_body_named_the_latest_of_a_place_on_the_topic_is_taken():
    hits = [
        _hit("launch", "咸宁市启动城市管理月度综合评价。", years=[2020], body="城管局", place="咸宁市"),
        _hit("june", "咸宁市城市管理月度综合评价结果。", rank=1, years=[2023], body="城管领导小组", place="咸宁市"),
        _hit("far", "城市管理月度综合评价。", rank=9, years=[2024], body="城管局", place="江门市"),
    ]
    scope = choose_scope("咸宁市城市管理月度综合评价情况", hits, {})
    assert scope is not None and scope.doc_ids == ("june",) and scope.year == 2023
    named = choose_scope("咸宁市城管局城市管理月度综合评价情况", hits, {})  # a body named: its own documents
    assert named is not None and named.doc_ids == ("launch",)


def test_body_and_place_are_named_once():
    assert who("西城区", "区城市公用事业服务中心") == "西城区城市公用事业服务中心"
    assert who("咸宁市", "咸宁市城管局") == "咸宁市城管局"
    assert who("", "城管局") == "城管局" and who("咸宁市", "") == "咸宁市"


def test_main_streets_are_no_intent_a_result_is_not_split_into_a_plan():
    done = "开展专项行动9轮，查处占道经营案件2415起，规范流动摊贩疏导点19处，城区主要街道市容达标率达到94.8%。"
    assert split_done_and_due(done) == ("", "")
    assert split_done_and_due("目前已完成基础浇筑18座，6月底全面竣工并投入使用。") == (
        "目前已完成基础浇筑18座。",
        "6月底全面竣工并投入使用。",
    )
