"""The shared vocabulary of measure words and masked figures, and place names next to the
domain words that begin with a character place names end in (城管, 市容)."""

from __future__ import annotations

import pytest

from assistant.answer.features import counts_in
from assistant.corpus import profile_of
from assistant.corpus_view import known_places
from assistant.places import places_in_file_name, read_places
from assistant.question import read_question
from assistant.tables import asked_extreme, blank_cell_asked, extreme_rows
from assistant.units import MASKED_FIGURE, states_figure, with_arabic_figures


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("禾阳城管上半年公厕改造完成了多少座", ()),  # not 阳城 (a county) across 禾阳 + 城管
        ("洛阳城管上半年拆违多少处", ("洛阳",)),  # not lost in 洛阳城 + 管
        ("沈阳城管执法人员有多少", ("沈阳",)),
        ("阳城县城管局2023年工作总结", ("阳城县",)),
        ("东城区城管一线执法人员有几个", ("东城区",)),
        ("深圳市容环境提升行动", ("深圳",)),
        ("今年新建公厕多少座", ()),  # 新建 of 新建区 is a verb here
        ("南昌新建区新建公厕多少座", ("南昌", "新建区")),  # written in full, it is the district
    ],
)
def test_places_next_to_domain_words(text, places):
    assert read_places(text) == places


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("开展志愿服务活动**场，文明交通劝导志愿者出动1200余人次", True),
        ("覆盖率*%", True),
        ("签订责任书*余份", True),
        ("测评得分*分", True),
        ("〔*〕号文件", True),
        ("注*：以上数据为初步统计", False),
        ("开展志愿服务活动12场", False),
        ("民权县 | ** | 5", True),  # a table cell of asterisks
        ("民权县 | 87.5 | 5", False),
    ],
)
def test_masked_figures(text, masked):
    assert bool(MASKED_FIGURE.search(text)) is masked


@pytest.mark.parametrize(
    ("unit", "text", "counted"),
    [
        ("个", "评选发布“青岑好人”16名", True),  # 几个 counts in any measure word
        ("人", "一线执法人员仅有68名", True),
        ("件", "查处违法行为17起", True),
        ("个", "2023年工作总结", False),  # a year is not a count
        ("人", "拆除违建64处", False),
        # 几天 is answered by a time limit in 日 or working days, not by a date
        ("天", "一般问题3日内整改到位", True),
        ("天", "一个工作日内受理、三个工作日内办结", True),
        ("天", "整改时限5月22日", False),
    ],
)
def test_a_count_is_found_in_the_words_documents_use_for_its_unit(unit, text, counted):
    assert counts_in(unit, text) is counted


INVENTED = (
    "栖川市城市管理局2023年5月考评通报\n栖川市下辖北岭区、柳塘区。北岭区得分91.2分。\n按照市里统一部署，推进市容整治。",
    "云泽市2023年5月城管考评通报\n云泽市北岭区得分90.1分。全市平均分89.0分。咸宁市来考察。",
)


def learn_places(texts):
    return known_places(profile_of(str(n), text, None) for n, text in enumerate(texts))


def test_the_corpus_teaches_the_places_the_national_list_lacks():
    known = learn_places(INVENTED)
    assert {"栖川市", "云泽市", "北岭区"} <= known
    assert "柳塘区" not in known  # written once: too little to go on
    assert not {"推进市", "按照市"} & known  # a verb before 市
    assert "咸宁市" in known  # a name of the national list, written in full once


def test_a_stem_jieba_tags_otherwise_is_a_place_where_the_documents_write_it_in_full():
    # jieba tags 福鼎 and 嘉鱼 as persons' names, 开封 as a verb; 阳新 is a word across 渚阳|新设.
    questions = (
        "福鼎新时代文明实践建了多少个实践站",
        "开封城管21年总结",
        "通山县排第几？嘉鱼呢",
        "渚阳新设了几个消纳场",
    )
    assert [read_places(q) for q in questions] == [(), (), ("通山县",), ()]
    known = learn_places(["福鼎市文明办、开封市城管局、嘉鱼县城管局的通报。", "渚阳市新设消纳场。"])
    assert [read_places(q, known) for q in questions] == [("福鼎",), ("开封",), ("通山县", "嘉鱼"), ()]


def test_names_jieba_cuts_or_knows_as_a_side_are_taught_too():
    text = (
        "枫岙市北麓区文明办2023年工作总结。北麓区在澜湾区、澄西区之前完成整改，北麓区得分89.74分，澜湾区、澄西区次之。"
    )
    known = learn_places([text])
    assert {"北麓区", "澜湾区", "澄西区"} <= known  # 北麓 is a word (a side of a hill); 澜|湾区, 澄|西区 are cut
    assert read_places("北麓区2023年得了多少分", known) == ("北麓区",)


def test_a_measure_or_a_division_word_before_the_suffix_makes_no_name():
    text = "全市8个区县、3个设区市和5个市县已完成，1月内市里将赴省市汇报，并报市委。" * 2
    assert not learn_places([text])


def test_a_body_jieba_knows_whole_names_its_place():
    assert read_places("成都市人民政府办公厅关于印发实施方案的通知") == ("成都市",)


def test_a_clause_before_a_town_word_is_no_town():
    assert read_places("主要是镇村环境卫生整治力度不平衡") == ()
    assert read_places("流沙东街道开展整治") == ("流沙东街道",)


def test_a_dates_unit_before_a_town_is_no_part_of_its_name():
    # jieba joins 月 of 5月 to the town's name (5 + 月岩 + 泉 + 街道)
    assert read_places("丽水5月岩泉街道综合得分多少") == ("丽水", "岩泉街道")
    assert read_places("12月新华镇多少") == (
        "新华镇",
    )  # not 月新华镇; a known stem (新华) names a town though 新 opens it
    assert read_places("那新城街道呢") == ("新城街道",)
    assert read_places("月湖街道多少") == ("月湖街道",)


def test_the_towns_and_streets_of_a_district_are_no_town():
    # 镇街 is a district's towns and streets together: "柯桥镇街" names 柯桥, not a town called 柯桥镇
    assert read_places("柯桥镇街自测平均几分") == ()
    assert read_places("柯桥镇街自测平均几分", frozenset({"柯桥区"})) == ("柯桥",)
    assert read_places("寿春镇街面整治") == ("寿春镇",)


def test_a_street_no_document_names_after_a_district_they_name_is_that_districts_streets():
    # "玉州街道考核" asks about the streets of 玉州区 where no document names a 玉州街道
    assert read_places("玉州街道考核超期案件扣多少分", frozenset({"玉州区", "名山街道"})) == ("玉州区",)
    assert read_places("名山街道考核多少分", frozenset({"玉州区", "名山街道"})) == ("名山街道",)
    assert read_places("南山街道考核多少分", frozenset({"南山区", "南山街道"})) == ("南山街道",)  # one they name
    assert read_places("玉州街道考核多少分") == ("玉州街道",)  # nothing known: read as written


def test_a_period_before_a_town_word_is_no_town():
    assert read_places("钦州三季度街道排名前三是哪些") == ("钦州",)
    assert read_places("上半年街道排名") == ()
    assert read_places("潇湘街道3月交叉检查") == ("潇湘街道",)


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("栖川5月北岭区得了多少分", ("栖川", "北岭区")),  # by its stem, as staff write it; in the order written
        ("云泽市城管局", ("云泽市",)),
        ("推进市容整治", ()),
    ],
)
def test_a_question_names_the_places_the_corpus_taught(text, places):
    known = learn_places(INVENTED)
    assert read_places(text, known) == places
    assert read_places(text) != places or not places  # the national list alone does not read them


def test_dates_quarters_and_document_numbers_are_no_figure():
    for text in (
        "澄川市文明办2023年第二季度创文暗访测评通报",
        "澄城管委办〔2023〕11号",
        "统计 市文明办 2023年12月",
        "第3期",
    ):
        assert not states_figure(text), text
    for text in ("共发现问题135处", "5月份全市平均得分87.48分", "结案率97%", "2023年拆除违建1682处"):
        assert states_figure(text), text


@pytest.mark.parametrize(
    ("name", "places"),
    [
        ("000_zhongshan-2021-06-zhishu-ceping.txt", ("中山", "钟山")),  # pinyin does not tell them apart
        ("017_badong-zhandao-jingying.txt", ("巴东",)),
        ("咸宁市2022年城管工作总结.docx", ("咸宁市",)),
        ("009_dapeng-cgzf-2021-zongjie.txt", ()),  # 大鹏 is no division of the national list
        ("cg-2021-q2.txt", ()),
    ],
)
def test_a_file_name_gives_the_places_it_spells(name, places):
    assert places_in_file_name(name) == places


def test_a_document_whose_file_name_gives_the_place_asked_covers_it():
    text = "2021年5月创文问卷调查结果\n我市市民对创文工作的支持率为99.30%。"
    question = read_question("中山21年5月创文问卷支持率多少")
    assert profile_of("d", text, None).covers_places(question) == 0
    assert profile_of("d", text, None, "000_zhongshan-2021-05-wenjuan.txt").covers_places(question) == 1


def test_a_document_that_names_no_year_takes_its_file_names():
    text = "本报讯 18日，我市召开文明城市建设双月测评讲评会，通报3月和4月测评情况。"
    assert profile_of("d", text, None, "001_wuhan-2016-shuangyue-ceping.txt").years == {2016}
    assert profile_of("d", "2017年" + text, None, "001_wuhan-2016-shuangyue-ceping.txt").years == {2017}
    assert profile_of("d", text, None, "009_dapeng-cgzf-zongjie.txt").years == frozenset()


def test_an_autonomous_division_is_read_by_the_name_it_goes_by():
    # 张家川回族自治县 is 张家川县 in speech, and jieba cuts it 张家 + 川.
    assert read_places("张家川县城门前三包签约率要达到多少") == ("张家川县",)
    assert read_places("文山州城管考评") == ("文山州",)
    assert read_places("张家川回族自治县城市管理局") == ("张家川回族自治县",)


def test_quantities_in_chinese_numerals_read_as_figures_in_their_unit():
    assert with_arabic_figures("机械化清扫率达到百分之九十五以上") == "机械化清扫率达到95%以上"
    assert (
        with_arabic_figures("共受理诉求四千三百余件，十九项问题已整改十七项")
        == "共受理诉求4300余件，19项问题已整改17项"
    )
    assert with_arabic_figures("百分之九十八点五") == "98.5%"
    # One character, an ordinal or no unit after it: no quantity.
    for text in ("一是清运垃圾", "约占三成", "第十九项", "十分重要", "一季度", "三月底"):
        assert with_arabic_figures(text) == text
    assert states_figure(with_arabic_figures("清运积存垃圾八万吨")) and not states_figure("清运积存垃圾八万吨")


def test_a_citys_district_is_known_by_its_stem_but_not_a_county_or_a_county_level_city():
    from assistant.divisions import is_urban_district_stem

    assert is_urban_district_stem("宛城") and is_urban_district_stem("掇刀")
    assert not is_urban_district_stem("千阳")  # 千阳县
    assert not is_urban_district_stem("嵊州")  # 嵊州市
    assert not is_urban_district_stem("宛城区") and not is_urban_district_stem("湛江")


def test_a_place_below_a_city_is_known_by_the_national_list_or_its_suffix():
    from assistant.divisions import is_below_city

    assert is_below_city("宛城") and is_below_city("三江") and is_below_city("北麓区") and is_below_city("寿春镇")
    assert not is_below_city("湛江") and not is_below_city("栖川")  # a city, or a name beyond the list


def test_the_table_row_holding_the_highest_or_lowest_value_asked_is_found():
    header = "调查项目 | 2025年满意度 | 2024年满意度 | 变化"
    rows = [
        ("survey", header, "市容环境 | 84.1% | 80.6% | +3.5"),
        ("survey", header, "交通秩序 | 79.6% | 77.2% | +2.4"),
        ("survey", header, "志愿服务 | 90.5% | 88.1% | +2.4"),
        ("survey", "", "全市满意度为86.5%。"),
    ]
    assert asked_extreme("宿州满意度调查哪个分项满意度最低") == -1
    assert asked_extreme("立案最多的是哪个街道") == 1
    assert asked_extreme("最高能加几分") == 0  # a cap, not the highest of a measure
    assert extreme_rows(rows, ("满意度",), -1) == {1}  # the first column the question names
    assert extreme_rows(rows, ("满意度",), 1) == {2}
    assert extreme_rows(rows, ("变化",), 1) == {0}
    assert extreme_rows(rows[:2], ("满意度",), 1) == set()  # two rows are no table to rank
    # a long table (one row per place and indicator) compares the rows of the indicator asked
    long_header = "区县 | 指标 | 数值 | 排名 |"
    long = [
        ("notice", long_header, f"{place} | {measure} | {value} | {rank} |")
        for place, values in (("站前区", ("96.8%", 1, "93.1%", 2)), ("西市区", ("95.9%", 2, "93.6%", 1)))
        for measure, value, rank in (("结案率", values[0], values[1]), ("按期结案率", values[2], values[3]))
    ] + [
        ("notice", long_header, "老边区 | 按期结案率 | 88.2% | 3 |"),
        ("notice", long_header, "老边区 | 结案率 | 94.0% | 3 |"),
    ]
    assert extreme_rows(long, ("按期结案率",), 1, "营口5月哪个区按期结案率最高") == {3}
    assert extreme_rows(long, ("结案率",), -1, "营口5月哪个区结案率最低") == {5}
    # of two columns the question's words name, the one whose whole name it says (not 结案率 beside 按期结案率)
    wide_header = "区域 | 立案数（件） | 结案数（件） | 结案率 | 按期结案率"
    wide = [
        ("quarter", wide_header, "高坪区 | 12574 | 12290 | 97.74% | 93.86%"),
        ("quarter", wide_header, "嘉陵区 | 9634 | 9421 | 97.79% | 93.78%"),
        ("quarter", wide_header, "顺庆区 | 16208 | 15941 | 98.35% | 95.12%"),
    ]
    assert extreme_rows(wide, ("按期", "结案率"), -1, "南充哪个区按期结案率最低") == {1}
    assert extreme_rows(wide, ("结案率",), -1, "南充哪个区结案率最低") == {0}
    # rows of one header in two documents (two months' notices) are two tables
    other = [("april", header, "绿化 | 70.0% | 69.0% | +1.0"), ("april", header, "照明 | 75.0% | 74.0% | +1.0")]
    assert extreme_rows(rows + other, ("满意度",), -1) == {1}
    # a rank column holds no value: its lowest number is the top place
    ranked = [
        ("notice", "街道 | 得分 | 排名", f"{name} | {score} | {rank}")
        for name, score, rank in (("东城", 95.1, 1), ("西城", 90.2, 2), ("南城", 88.0, 3))
    ]
    assert extreme_rows(ranked, ("排名",), -1) == {2}


def test_a_town_name_jieba_cut_after_its_first_character_is_read_whole():
    # jieba cuts 周 | 路口 | 街道 and 钟 | 家庄 | 街道: the lone first character is the name's own
    assert read_places("周路口街道清了多少卫生死角") == ("周路口街道",)
    assert read_places("高平市、钟家庄街道") == ("高平市", "钟家庄街道")
    # a word's end or a preposition before the name is not part of it
    assert read_places("区城管局会同街道开展整治") == ("会同街道",)
    assert read_places("城管黑榜中城街道") == ("中城街道",)
    assert read_places("在路口街道设点") == ("路口街道",)


def test_the_blank_cell_of_the_column_or_indicator_asked_is_found():
    header = "三、各区（市）情况 |区域|受理量|办结量|办结率|满意率|"
    assert blank_cell_asked(header, "|盘州市|780|744|95.4%||", "满意率") == "满意率"
    assert blank_cell_asked(header, "|钟山区|3,204|3,091|96.5%|90.1%|", "满意率") is None
    assert blank_cell_asked(header, "|盘州市|780|744|95.4%||", "办结率") is None
    long = "区县 | 指标 | 数值 | 排名 | 备注"
    assert blank_cell_asked(long, "高新区 | 群众满意度(%) |  |  | 样本不足，未测", "群众满意度") == "群众满意度"
    assert blank_cell_asked(long, "太平区 | 群众满意度(%) | 85.9 |  |  ", "群众满意度") is None


def test_a_target_asked_for_a_period_is_set_in_the_report_it_names_it_in():
    details = "各县区要对照测评问题清单逐项整改，整改情况纳入季度考核。" * 12  # past the opening read for its period
    q3 = f"栖川市2025年第三季度测评通报\n本季度全市平均得分83.8分。\n{details}\n第四季度全市平均得分要达到85分以上。"
    profile = profile_of("q3", q3, None)
    target = read_question("栖川四季度测评平均分要达到多少")
    assert profile.covers_time(target) is False and profile.sets_target_for(target)
    assert not profile.sets_target_for(read_question("栖川四季度测评平均分多少"))  # a result, not a target
    assert not profile.sets_target_for(read_question("栖川一季度测评平均分要达到多少"))  # a period it never names
