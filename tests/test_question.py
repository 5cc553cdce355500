"""The one reader of questions: years, months, quarters, places, units, ranks, issues, parts."""

import pytest

from assistant.followup import is_followup, resolve_followup
from assistant.periods import dated_years, read_ranks, read_years, written_year
from assistant.question import read_question
from assistant.question_words import focus_words


@pytest.mark.parametrize(
    "text, years",
    [
        ("咸宁22年8月城管月度综合评价第一是谁", (2022,)),
        ("2023年XX区城管局数字化案件处置率是多少", (2023,)),
        ("二〇二三年的目标", (2023,)),
        ("为2000户居民更换了燃气表", ()),  # a count, not a year
        ("连续10年排名第一", ()),
        ("2021~2022年全市城管工作总结交流会", (2022,)),
        # a short year before 多 is a year unless 多 ends a span (10年多来, 坚持了10年多)
        ("蚌埠注册志愿者23年多少", (2023,)),
        ("达州拆违24年比23年多拆了多少处", (2024, 2023)),
        ("近10年多来", ()),
        ("这项工作坚持了10年多", ()),
    ],
)
def test_years(text, years):
    assert read_question(text).years == years


@pytest.mark.parametrize(
    "text, dated",
    [
        ("去年拆违多少处", (2024,)),
        ("今年以来，全市拆除违法建设87处", (2025,)),
        ("明年要建几座", (2026,)),
        ("2024年完成，今年计划", (2024, 2025)),
        ("较去年同期增长5%", ()),  # a year compared with is not the one reported
        ("比上年提高1.2个百分点", ()),
        ("三年内全部完成", ()),  # a span, not this year
        ("上半年完成整治11条", ()),
    ],
)
def test_years_named_from_the_year_of_writing(text, dated):
    assert dated_years(text, 2025) == dated
    assert dated_years(text, None) == read_years(text)  # unknown when the year of writing is


def test_a_question_reads_the_years_it_names_from_the_time_of_asking():
    assert read_question("葫芦岛城管去年罚了多少钱").relative_years == (-1,)
    assert read_question("去年建了多少，今年要建多少").relative_years == (-1, 0)
    assert read_question("今年目标比去年多多少").relative_years == (0,)  # 比去年: compared with
    assert read_question("结案率较去年同期提高多少").relative_years == ()  # a comparison asks no year


@pytest.mark.parametrize(
    "text, year",
    [
        ("在全市创建工作推进大会上的讲话\n市委副书记  覃振邦\n（2025年2月21日）\n同志们：", 2025),
        ("首页 > 本地新闻\n停车泊位新增1860个\n发布时间：2025-07-09 11:25    来源：武威日报\n本报讯", 2025),
        ("督查通报\n2025年第6期\n商丘市创文办 2025年5月30日\n5月19日至23日，市创文办组织督查", 2025),
        ("工作总结和工作计划\n一、工作开展情况\n……\n赣州市城市管理局\n二〇二五年一月十五日", 2025),
        ("红塔区上半年创文工作情况汇报\n（中共红塔区委创文办  2025.7.4）\n今年以来", 2025),
        ("2025年2月\n在全市城市管理工作会议上的讲话\n副市长 晁立衡", 2025),
        ("王益区城市管理局2024年工作总结\n2024年，全区城市管理工作紧紧围绕", None),  # no line dates it
        ("截至2024年12月31日，全市共有公厕126座。", None),  # a date inside a sentence
    ],
)
def test_the_year_a_document_was_written_in_is_read_from_a_line_dating_it(text, year):
    assert written_year(text) == year


def test_months_quarters_and_halves():
    q = read_question("江门24年7月数字城管一共受理多少宗？二季度呢？上半年呢？")
    assert q.months == (7,) and q.quarters == (2,) and q.halves == ("上半年",)
    assert read_question("10月22日通报了成绩").months == ()  # a date names no month asked
    assert read_question("2016年3、4月双月测评结果").months == (3, 4)  # months sharing one 月
    assert read_question("十一和十二月份考评").months == (11, 12)
    assert read_question("张家口12345七月份城管类诉求多少件").months == (7,)  # a written month after a number
    assert read_question("数字城管112月").months == ()  # an Arabic one is no tail of a longer number


@pytest.mark.parametrize(
    "text, places",
    [
        ("咸宁22年8月城管综合评价", ("咸宁",)),
        ("宜昌23年二季度县市城管评估，枝江考了多少分", ("宜昌", "枝江")),
        ("迭部县城管签了多少份承诺书", ("迭部县",)),
        ("西城区2024年上半年", ("西城区",)),
        ("潇湘街道3月那次交叉检查", ("潇湘街道",)),
        ("城市管理2021年工作总结暨2022年工作计划", ()),
        ("上半年城管执法工作社会满意度测评", ()),
        ("全区各乡镇街道哪个镇排第一", ()),
    ],
)
def test_places(text, places):
    assert read_question(text).places == places


@pytest.mark.parametrize(
    "text, ranks",
    [
        ("第二名和最后一名是谁", (2, -1)),
        ("排第三、四、五的是哪几类", (3, 4, 5)),
        ("倒数第二是谁", (-2,)),
        ("前三名", (1, 2, 3)),
        ("第9期督查", ()),
        ("第三季度", ()),
        ("2023年第三次会议", ()),
        # An issue's numeral is read whole, not as a rank it starts with; a third party is no rank.
        ("第15期督查", ()),
        ("第十五届文明城市", ()),
        ("委托第三方机构测评", ()),
        ("第一时间处置", ()),
        ("位列第十二", (12,)),
        ("玉林5月按期结案率跟宿州第25周比哪个高", ()),  # a week is no place
        # The highest (lowest) score or rate is the first (last) place; points added at most are none.
        ("哪个区县综合得分最低", (-1,)),
        ("哪个县数字城管结案率最高", (1,)),
        ("考核加分最高能加几分", ()),
        ("店招最高能做多高", ()),
        # 前三 is the first three places, not a duty (门前三包), now (目前) or a span (前三季度, 前12个月).
        ("全市前三名是谁", (1, 2, 3)),
        ("门前三包合格率多少", ()),
        ("目前17.8%", ()),
        ("前三季度可回收物回收了多少", ()),
        ("前12个月", ()),
    ],
)
def test_ranks(text, ranks):
    assert read_ranks(text) == ranks


def test_units_issues_and_focus():
    q = read_question("V市22年第10期督查一共交办了多少个问题？办结率多少")
    assert q.issues == ((10, "期"),)
    assert read_question("第25周全市立案多少").issues == ((25, "周"),)
    assert "个" in q.units and "%" in q.units
    assert focus_words("大鹏新区21年垃圾分类的居民参与率是多少") == ("居民", "参与率")


def test_a_question_of_several_parts_is_split_at_each_ask():
    q = read_question("江门24年7月数字城管平台一共收了多少宗案子，结了多少，办结率是多少？")
    assert [p.text for p in q.parts] == ["江门24年7月数字城管平台一共收了多少宗案子", "结了多少", "办结率是多少"]
    assert q.parts[0].units == ("宗",)
    # a leading clause that asks nothing is context of the next part
    q = read_question("咸宁22年8月城管月度综合评价，第一和倒数第一分别是哪儿？各考了多少分？")
    assert len(q.parts) == 2 and q.parts[0].text.startswith("咸宁")


def test_time_words_are_not_keywords():
    q = read_question("江门24年7月数字城管平台一共收了多少宗案子")
    assert not {"24", "7"} & set(q.keywords) and "江门" in q.keywords


def test_the_words_that_ask_for_the_last_place_or_the_extreme_are_not_keywords_but_a_place_by_number_is():
    q = read_question("唐山5月数字城管哪个区排倒数第一")
    assert q.ranks == (-1,) and not {"倒数", "第一"} & set(q.keywords) and "唐山" in q.keywords
    q = read_question("古城区5月测评哪个街道得分最低")
    assert q.ranks == (-1,) and "最低" not in q.keywords and "得分" in q.keywords
    assert "最后" not in read_question("玉林5月数字城管哪个城区排最后一名").keywords
    assert "第二名" in read_question("桂林5月创文测评第二名是哪个区").keywords  # rankings write 第二名
    assert read_question("蓝田县5月创文测评排第几").keywords == ("蓝田县", "创文", "测评")  # 第几 asks, as 多少 does


@pytest.mark.parametrize(
    "previous, question, resolved",
    [
        ("江门24年7月数字城管一共受理多少宗？", "那6月份呢？", "江门24年6月份数字城管一共受理多少宗"),
        ("咸宁23年6月城管综合评价第一是谁？", "第三名呢？", "咸宁23年6月城管综合评价第三名是谁"),
        # a district the gazetteer does not know replaces the district of its kind, not the city
        ("桐岙三季度创文测评西岭区多少分", "龙山区呢？", "桐岙三季度创文测评龙山区多少分"),
        ("汀梧南湖区城管22年清运了多少生活垃圾？", "北岸区呢？", "汀梧北岸区城管22年清运了多少生活垃圾"),
        # another item of the same list replaces the item asked about
        ("栖川数字城管考核细则里结案率占多少分？", "返工率那项呢？", "栖川数字城管考核细则里返工率占多少分"),
        ("鹭屿创文测评体系里公共场所秩序几分", "志愿服务呢？", "鹭屿创文测评体系里志愿服务几分"),
        # the item replaced stops at the place and the period before it
        ("临澜上半年家长学校有多少所", "乡村学校少年宫呢？", "临澜上半年乡村学校少年宫有多少所"),
        # a county replaces the county, not the city, even where jieba does not read either as a place
        ("宜昌23年二季度县市评估当阳几分？", "那秭归县呢？", "宜昌23年二季度县市评估秭归县几分"),
        ("潍坊四季度创城测评滨海区多少分", "寿光市呢？", "潍坊四季度创城测评寿光市多少分"),
        ("咸宁22年12月城考崇阳县第几名", "宜昌呢？", "宜昌22年12月城考崇阳县第几名"),
        # a city whose name jieba cuts as a verb (包头) or a person's name (岳阳), city and month at once
        ("岳阳6月数字城管按期处置率多少", "那包头7月呢", "包头7月数字城管按期处置率多少"),
        # 老旧小区 is a kind of place, not a district: it is another item of the list asked about
        ("宜昌测评里农贸市场占几分", "那老旧小区呢", "宜昌测评里老旧小区占几分"),
        # this year for last year, and the side asked (目标) kept however short
        ("唐山去年拆违多少", "今年目标呢", "唐山今年拆违多少 目标"),
        # an issue counted from the one asked before; a rank after an issue replaces the rank only
        ("宿州第25周数字城管立案多少", "那上一周呢", "宿州第24周数字城管立案多少"),
        ("铁岭第6期黑榜有谁", "下一期呢", "铁岭第7期黑榜有谁"),
        ("第25周综合评价第一名是谁", "第三名呢", "第25周综合评价第三名是谁"),
        ("宿州第25周数字城管立案多少", "上一周期呢", "宿州第25周数字城管上一周期多少"),  # a cycle, not 第24周
        # a place read whole is replaced whole, whatever the lengths of the two names
        ("周路口街道清了多少卫生死角", "那珠山街道呢", "珠山街道清了多少卫生死角"),
        ("北京第3期督查石景山区发现几个问题", "海淀区呢", "北京第3期督查海淀区发现几个问题"),
        # a follow-up that is wholly a place's name is that name, though jieba reads only its end (中路街道)
        ("青石街道改了几条背街小巷", "南环中路街道呢", "南环中路街道改了几条背街小巷"),
        ("湖滨5月综合得分多少", "那湖滨新区呢", "湖滨新区5月综合得分多少"),
        # a period is no item of the list asked about: it is added, and what was asked (结案率) is kept;
        # a year is never dropped
        ("汀梧上半年数字城管结案率多少", "6月单月呢", "汀梧上半年数字城管结案率多少 6月单月"),
        ("鹭屿12319一季度满意率多少", "那去年全年呢", "鹭屿12319全年满意率多少 去年"),
        # a rate asked after a count is asked without the count's measure
        ("栖川5月数字城管立案几件", "结案率呢", "栖川5月数字城管结案率多少"),
        # what 的 qualifies is the head of the item asked before
        ("蚌山4月份数字城管结案率多少", "按期的呢", "蚌山4月份数字城管按期结案率多少"),
        ("临澜数字城管紧急案件几个小时内要处置完", "一般的呢", "临澜数字城管一般案件几个小时内要处置完"),
        # an end of the ranking asked after one member's score or rank takes that member's place
        ("栖川5月创文测评西岭区多少分", "最低的呢", "栖川5月创文测评最后一名多少分"),
        ("汀梧一季度城管考核南湖区得了几分", "最高的呢", "汀梧一季度城管考核第一名得了几分"),
        ("鹭屿5月城管考核龙山区第几", "倒数第一呢", "鹭屿5月城管考核倒数第一是谁"),
        # … but not after a figure of another kind, where the top of the ranking is not its first place
        ("栖川5月西岭区结案率多少", "最高的呢", "栖川5月西岭区最高结案率多少"),
        # who else or by when, asked of the same subject, replaces the ask
        ("有害垃圾收运谁牵头", "配合单位呢", "有害垃圾收运 配合单位"),
        ("广元创文公厕任务谁牵头", "完成时限呢", "广元创文公厕任务 完成时限"),
        # the reason for what was asked replaces the figure asked
        ("汀梧5月北岸区城管考核得了多少分", "扣分原因呢", "汀梧5月北岸区城管考核扣分原因"),
    ],
)
def test_an_elliptic_follow_up_replaces_its_counterpart(previous, question, resolved):
    assert resolve_followup(question, [{"role": "user", "content": previous}]) == resolved


def test_a_follow_up_with_its_own_ask_keeps_it_and_takes_the_context():
    resolved = resolve_followup("那排最后的是谁，多少分？", [{"role": "user", "content": "咸宁21年9月城考谁排第一？"}])
    assert resolved.endswith("排最后的是谁,多少分") and "咸宁" in resolved and "21年9月" in resolved
    assert "第一" not in resolved  # the previous ask is not carried over


def test_who_holds_a_rank_is_asked_of_the_ranking_not_of_the_member_asked_before():
    resolved = resolve_followup("第一名是谁", [{"role": "user", "content": "汉中一季度城管考核城固县多少分"}])
    assert "城固县" not in resolved and "汉中" in resolved and "一季度" in resolved
    resolved = resolve_followup("倒数第一是哪个街道", [{"role": "user", "content": "丽水5月岩泉街道综合得分多少"}])
    assert "岩泉" not in resolved and "丽水" in resolved  # nor a word cut from the member's name
    # the district asked before is where its 街道 are ranked
    assert "七星区" in resolve_followup("哪个街道第一", [{"role": "user", "content": "七星区5月测评多少分"}])
    assert "城固县" in resolve_followup("排第几", [{"role": "user", "content": "汉中一季度城管考核城固县多少分"}])
    # a county named alone says whose ranking it is
    assert "淇县" in resolve_followup("倒数第一是谁", [{"role": "user", "content": "一季度创文测评淇县考了多少分"}])


def test_a_question_that_only_changes_the_period_or_the_plan_or_result_side_is_a_follow_up():
    history = [{"role": "user", "content": "禾阳城管24年公厕计划改多少座？"}]
    resolved = resolve_followup("上半年实际完成了多少？", history)
    assert resolved.endswith("上半年实际完成了多少") and "公厕" in resolved and "禾阳" in resolved
    assert "阳城" not in resolved  # 禾阳城管 is 禾阳 + 城管, not a place 阳城
    assert not is_followup("上半年垃圾分类覆盖率多少？", "禾阳城管24年公厕计划改多少座？")
    resolved = resolve_followup("5月排第几", [{"role": "user", "content": "蓝田县4月创文测评多少分"}])
    assert "蓝田县" in resolved and "测评" in resolved and "5月" in resolved


def test_a_follow_up_asking_only_the_value_keeps_the_rank_it_is_about():
    resolved = resolve_followup("多少分？", [{"role": "user", "content": "临澜三季度城管考核谁排最后"}])
    assert read_question(resolved).ranks == (-1,) and "临澜" in resolved and "三季度" in resolved
    assert read_question(
        resolve_followup("啥时候完成？", [{"role": "user", "content": "公厕要改造多少座"}])
    ).intent.when


def test_a_question_naming_only_a_place_asks_the_previous_topic_of_it():
    resolved = resolve_followup("奎文区具体有哪些？", [{"role": "user", "content": "潍坊9月城管督查一共查出多少问题"}])
    assert resolved.endswith("奎文区具体有哪些") and "督查" in resolved and "9月" in resolved
    # its own quarter and county replace the previous ones; the city stays
    resolved = resolve_followup("寿光市三季度多少分", [{"role": "user", "content": "潍坊四季度创城测评滨海区多少分"}])
    assert "潍坊" in resolved and "测评" in resolved and "四季度" not in resolved and "滨海区" not in resolved


def test_a_question_with_its_own_place_and_time_is_not_a_follow_up():
    assert not is_followup("2024年上半年西城区数字化案件处置率是多少？")
    history = [{"role": "user", "content": "咸宁21年9月城考谁排第一？"}]
    assert resolve_followup("2024年上半年西城区数字化案件处置率是多少？", history).startswith("2024年")


@pytest.mark.parametrize(
    "question",
    [
        "那份V市督查通报,市人民商场住宿区有啥问题?",  # 那 + a measure word names a document
        "那次表彰里全国文明家庭有多少户?全国文明校园多少所?",
        "江门2024年7月街面秩序类的案件有多少宗，结案率呢？",  # 呢 ends its second part only
        "第四届全国文明城市评选，全国一共有多少个城市入选？",  # an edition, not a rank
        "第7期创文督查学校周边有哪些问题",
        "县城管局2023年上半年的全市城市管理综合考核成绩怎么样？",
    ],
)
def test_a_question_that_names_its_own_subject_is_not_a_follow_up(question):
    assert not is_followup(question, "咸宁21年9月城考谁排第一？")


@pytest.mark.parametrize(
    "question",
    [
        "6月呢？排第几",
        "归哪个单位管，要求几号前改好",
        "良好的有哪几个？一共公示了几个单位",
        "城区里垫底的是哪个区，得了几分",
    ],
)
def test_a_question_in_short_parts_of_no_subject_or_opening_elliptic_is_a_follow_up(question):
    previous = "汀梧24年5月城考淮上区多少分"
    assert is_followup(question, previous)
    assert resolve_followup(question, [{"role": "user", "content": previous}]).startswith(("汀梧", "24年", "淮上区"))


@pytest.mark.parametrize(
    "question",
    ["那6月份呢？", "第三名呢？", "倒数第二是谁？考了几分", "那里面鹿城镇占了几个?", "那个呢？", "那厨余分出率呢？"],
)
def test_elliptic_questions_are_follow_ups(question):
    assert is_followup(question, "咸宁21年9月城考谁排第一？")


@pytest.mark.parametrize(
    "question",
    [
        "比4月少了多少处？",  # a comparison with no subject
        "占全部问题的比例是多少",  # a share with no subject
        "这一项多少分？没达到怎么扣",  # an anaphor for the item just asked about
        "入选的那些人里有几个是教师？",
        "明年占常住人口比例想到多少",  # a time counted from the previous question's, no place or time of its own
        "23年实际做到多少了",  # only the result side of the previous topic
        "跟3月比是涨了还是跌了",  # a comparison whose subject is the previous question's
        "秦州区比这高多少个点",
        "对它提了啥整改要求，哪天前",  # 它: what the previous question asked about
        "淮上区查出几个？典型问题里它的是啥",
        "结案率跟全市平均比咋样",  # a comparison with no place or time of its own
        "上一个季度数字城管结案率涨了还是降了",  # a period counted from the previous question's
    ],
)
def test_questions_that_lean_on_the_previous_one_by_their_form_are_follow_ups(question):
    assert is_followup(question, "蚌埠24年5月城考实地查出多少问题")
    assert not is_followup(question)  # with no question before it, it stands alone


@pytest.mark.parametrize(
    "question",
    [
        "金华那个细则里，领导交办、媒体曝光这些案子处置不到位咋扣分？",  # 这些 closes a list it names
        "比例最高的是宜昌哪个区",  # 比例 is a word, not a comparison
        "占道经营宜昌今年查处了多少起",
        "棠川23年数字城管结案率多少？比去年同期怎样",  # names its own place and time
        "双月测评第一次把加油站纳进来,它在窗口行业满意度里得了几分?",  # 它 is the 加油站 it names
    ],
)
def test_a_question_with_a_subject_of_its_own_is_not_read_as_leaning_on_the_previous(question):
    assert not is_followup(question, "蚌埠24年5月城考实地查出多少问题")


def test_the_period_a_comparison_is_made_with_is_not_the_period_asked():
    resolved = resolve_followup("比4月少了多少处？", [{"role": "user", "content": "蚌埠5月城考实地查出多少问题"}])
    assert "5月" in resolved and "蚌埠" in resolved and "比4月少了多少处" in resolved
    resolved = resolve_followup("跟3月比是涨了还是跌了", [{"role": "user", "content": "蚌埠4月份城考平均分多少"}])
    assert "4月" in resolved and "跟3月比" in resolved


def test_a_follow_up_asking_the_other_extreme_drops_the_previous_one():
    resolved = resolve_followup("最少的是哪个", [{"role": "user", "content": "蚌埠2023年拆违哪个区县拆得最多"}])
    assert "最多" not in resolved and "拆违" in resolved and "2023年" in resolved


def test_the_ne_closing_an_elliptic_first_clause_is_not_asked():
    for question in ("垫底的呢，几分", "垫底的呢？几分"):
        resolved = resolve_followup(question, [{"role": "user", "content": "蚌埠24年二季度创文测评城区谁第一"}])
        assert "呢" not in resolved and "垫底" in resolved and "二季度" in resolved


@pytest.mark.parametrize("question", ["啥时候完成？哪个部门牵头", "具体是哪个部门牵头，哪几个单位配合", "牵头单位是谁"])
def test_a_question_asking_only_who_is_responsible_or_when_is_a_follow_up(question):
    previous = "邵阳今年背街小巷改造目标多少条"
    assert is_followup(question, previous)
    assert "背街小巷" in resolve_followup(question, [{"role": "user", "content": previous}])
    assert not is_followup("各部门的工作任务和完成时间安排是什么", previous)  # it names its own subject


def test_an_elliptic_comparison_keeps_the_period_asked_and_adds_its_base():
    swapped = resolve_followup("和平区呢", [{"role": "user", "content": "河西区10月结案率是多少"}])
    assert swapped == "和平区10月结案率是多少"  # a place whose name opens with 和 is no comparison
    resolved = resolve_followup("跟1月比呢", [{"role": "user", "content": "邵阳10月头盔佩戴率监测出来多少"}])
    assert resolved.startswith("邵阳10月头盔佩戴率") and resolved.endswith("跟1月比")
    resolved = resolve_followup("跟去年比呢", [{"role": "user", "content": "湖州24年数字城管按期结案率多少"}])
    assert "按期结案率" in resolved and "24年" in resolved and "跟去年比" in resolved


def test_a_follow_up_turning_from_the_target_to_the_result_drops_the_target_and_its_date():
    previous = [{"role": "user", "content": "怀远县城管局定的年底机扫率目标是多少"}]
    resolved = resolve_followup("上半年实际到了多少", previous)
    assert "机扫率" in resolved and "怀远县" in resolved
    assert "目标" not in resolved and "年底" not in resolved and "局定" not in resolved
    kept = resolve_followup("上半年实际完成了多少", [{"role": "user", "content": "保定今年背街小巷改造目标多少条"}])
    assert "保定" in kept and "目标" not in kept
    turned_back = resolve_followup("那明年的目标是多少？", [{"role": "user", "content": "垃圾分类覆盖率实际完成多少"}])
    assert "实际" not in turned_back and "垃圾分类" in turned_back
    same_side = resolve_followup("实际完成了多少？", [{"role": "user", "content": "年底垃圾分类覆盖率目标是多少"}])
    assert "年底" in same_side  # no period of its own: the previous one's stays


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("领导小组办公室要干哪几件事？", ()),  # which things: the items are asked, not their count
        ("行业规范有哪几条？", ()),
        ("前三是哪几个？", ()),
        ("检查了几个点位？", ("个",)),
        ("一共几项指标？", ("项",)),
        ("签了多少份承诺书？", ("份",)),
        ("智慧城管平台二期投资多少？", ("元",)),  # an investment, a fund or a subsidy is an amount of money
        ("获奖项目扶持资金给多少？", ("元",)),
        ("门前三包不履行罚多少钱", ("元",)),
        ("遛狗不拴绳怎么罚", ("元",)),
        ("松原城管去年办了多少行政处罚案件", ()),  # cases fined are counted, not an amount of money
    ],
)
def test_which_ones_asks_no_unit_and_how_many_does(text, units):
    assert read_question(text).units == units


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("澄川三季度创文测评是哪家第三方机构做的", True),
        ("潍坊城管考评请的第三方是哪家公司", True),
        ("停车小程序是哪家企业运营的？", True),
        ("测评由哪个机构组织？", False),  # a body may be a government office, which every notice names
        ("第一名是哪个区？", False),
    ],
)
def test_a_question_asking_which_company_or_third_party_is_read(text, asks):
    assert read_question(text).asks_organisation is asks


def test_a_follow_up_asking_the_others_drops_the_rank_asked_before():
    resolved = resolve_followup("其他问题呢", [{"role": "user", "content": "部长讲话说的第一个问题是啥"}])
    assert resolved == "部长讲话说的问题是啥 还有哪些"


def test_a_follow_up_naming_its_own_relative_period_does_not_carry_the_previous_one():
    history = [{"role": "user", "content": "栖川市区机扫率去年多少"}]
    assert "去年" not in resolve_followup("今年目标是多少", history)
    assert "去年" in resolve_followup("目标是多少", history)


def test_relative_periods_and_counts_asked_in_a_measure_word_are_no_content_words():
    from assistant.question_words import content_words

    # documents name a period by its date (2024年), not 去年; 几座 asks a count in 座 (the unit read apart);
    # a verb with 了 is no word a document writes (改造提升了 …家 says 改造), nor a count (好几座, 一处, 几小时)
    assert content_words("株洲农贸市场去年改了几家") == ("株洲", "农贸市场")
    assert content_words("城区今年厕所建好几座了") == ("城区", "厕所")
    assert content_words("测评时占道经营一处扣几分") == ("测评", "占道经营")
    assert content_words("上个月数字城管立案多少件") == ("城管", "立案")
    assert content_words("越城区问卷调查那块得了多少分") == ("越城区", "问卷调查")
    assert read_question("测评公厕抽几座").units == ("座",)


def test_how_much_of_a_measure_is_asked_like_how_many_and_no_content_word():
    from assistant.question_words import content_words

    # jieba cuts 多大面积 as 多 + 大面积: a "word" no passage says (拆除216处，面积4.26万平方米)
    assert content_words("阜新去年拆违拆了多大面积") == ("阜新", "拆违", "面积")
    assert content_words("随手拍反映的事多久能给办") == ("随手", "反映")
    assert content_words("处置要多长时间") == ("处置",)
    assert content_words("多元化投入") == ("多元化", "投入")  # 多 opening a word is no ask


def test_a_modal_joined_to_its_verb_is_no_content_word_but_a_word_that_only_begins_so_is():
    from assistant.question_words import content_words

    # jieba joins 要建 in "公厕要建多少座": a rare "word" no answer sentence (新建改建公厕40座) says
    assert content_words("娄底今年公厕要建多少座") == ("娄底", "公厕")
    assert content_words("垃圾分类该扣几分") == ("垃圾分类",)
    assert content_words("创文测评的要点有哪些") == ("创文", "测评", "要点")


def test_a_character_jieba_glues_onto_the_start_of_an_unknown_word_is_cut_off_and_a_dictionary_word_kept():
    from assistant.question_words import content_words

    # 南浦区有 → 南浦 + 区有, 实践站建了 → 站建, 按期率高 → 率高: no document writes these "words"
    assert content_words("南浦区有多少支志愿服务队") == ("南浦", "志愿服务")
    assert content_words("临澜新时代文明实践站建了多少个") == ("临澜", "新时代文明实践")
    assert content_words("5月唐山和丽水哪个按期率高") == ("唐山", "丽水", "按期")
    assert content_words("学雷锋月鹭屿搞了多少场志愿服务活动") == ("学雷锋", "鹭屿", "志愿服务", "活动")
    # words of jieba's dictionary that begin so stay whole
    assert content_words("城管考核等次怎么定") == ("城管", "考核", "等次")
    assert content_words("市区道路机扫率多少") == ("市区", "道路", "机扫率")


def test_clauses_typed_apart_by_a_space_are_parts_when_each_asks():
    from assistant.question import split_parts

    assert split_parts("农贸市场去年改了几家 今年还要改几家") == ["农贸市场去年改了几家", "今年还要改几家"]
    assert split_parts("谁牵头 啥时候完成") == ["谁牵头", "啥时候完成"]
    assert split_parts("2024年 数字城管 结案率多少") == ["2024年 数字城管 结案率多少"]


def test_last_clauses_naming_only_what_changes_are_parts_of_their_own():
    from assistant.question import split_parts

    assert split_parts("汀梧上半年数字城管结案率多少，6月单月呢") == ["汀梧上半年数字城管结案率多少", "6月单月呢"]
    assert split_parts("栖川一季度受理多少件 办结率 满意率呢") == ["栖川一季度受理多少件", "办结率呢", "满意率呢"]
    assert split_parts("那5月呢") == ["那5月呢"]  # a follow-up of the chat, not of a clause before it
    assert split_parts("唐山城管 考核 优秀 多少分呢") == ["唐山城管 考核 优秀 多少分呢"]


def test_a_time_taken_out_of_a_question_leaves_no_word_across_its_gap():
    from assistant.question_words import content_words

    # "到24年11月底" is a when: 到 and 底 are not read as 到底 (which asks what actually happened)
    assert content_words("蚌埠到24年11月底注册志愿者多少") == ("蚌埠", "注册", "志愿者")
    assert "到底" not in read_question("蚌埠到24年11月底注册志愿者多少").keywords


def test_a_follow_up_naming_a_period_relative_to_the_previous_one_asks_that_period():
    def after(previous: str, question: str) -> str:
        return resolve_followup(question, [{"role": "user", "content": previous}])

    assert after("24年10月上饶城管月考谁第一，多少分", "上个月呢").startswith("24年9月上饶")
    assert after("齐齐哈尔24年注册志愿者多少人", "前年呢") == "齐齐哈尔22年注册志愿者多少人"
    assert after("上饶2024年注册志愿者多少人", "去年呢") == "上饶2023年注册志愿者多少人"
    assert after("上饶三季度创文城区平均多少", "上季度呢") == "上饶二季度创文城区平均多少"
    assert after("上饶Q3创文城区平均多少", "Q2呢") == "上饶Q2创文城区平均多少"
    # A step out of the year, or from a period the previous question does not name: kept as said.
    assert "上个月" in after("上饶1月城管考核多少分", "上个月呢")
    assert after("上饶10月城管考核一共发现多少问题", "去年呢").endswith("发现多少问题 去年")


def test_a_follow_up_asking_the_other_end_or_more_of_a_ranking_swaps_or_drops_the_rank():
    assert (
        resolve_followup("最低的呢", [{"role": "user", "content": "上饶Q3创文中心城区谁第一"}])
        == "上饶Q3创文中心城区谁最后一名"
    )
    assert resolve_followup("最高的呢", [{"role": "user", "content": "哪个区按期结案率最低"}]) == "哪个区按期结案率最高"
    more = resolve_followup("还有呢", [{"role": "user", "content": "南充城管11月红榜头一个是谁"}])
    assert "头一个" not in more and more.endswith("还有哪些")


def test_a_comparison_with_the_year_or_the_period_before_names_the_change_reports_give():
    def after(previous: str, question: str) -> str:
        return resolve_followup(question, [{"role": "user", "content": previous}])

    assert after("南充Q3数字城管一共立了多少案", "跟去年比呢").endswith("同比")
    assert after("邵阳10月头盔佩戴率监测出来多少", "跟上个月比呢").endswith("环比")
    assert not after("邵阳10月头盔佩戴率监测出来多少", "跟1月比呢").endswith(("同比", "环比"))


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("澄川城管局局长叫啥", True),
        ("省住建厅来考核的组长是谁", True),
        ("那次城管推进会是谁主持的", True),
        ("讲评会是哪位市领导出席讲话的？", True),
        ("谁负责背街小巷整治", False),  # a body
        ("城考成绩是谁通报的", False),  # a body
        ("志愿服务品牌叫什么", False),  # a brand's name
    ],
)
def test_a_question_asking_a_persons_name_is_read(text, asks):
    assert read_question(text).asks_person is asks


def test_everyday_words_are_read_in_the_forms_documents_write_them():
    from assistant.answer.features import coverage

    assert coverage(("城管队员",), {"城管队员": 1.0}, "全市城管执法人员212人") == 1.0
    assert coverage(("头场雪",), {"头场雪": 1.0}, "入冬首场降雪后，主干道9小时内清理完毕") == 1.0
    assert coverage(("头场雪",), {"头场雪": 1.0}, "主干道9小时内清理完毕") == 0.0


def test_a_follow_up_reads_the_turns_before_it_and_a_question_of_its_own_stands():
    def after(*turns: str) -> str:
        *earlier, question = turns
        return resolve_followup(question, [{"role": "user", "content": turn} for turn in earlier])

    # A question of its own is asked as it stands: in a chat the next one is as often about another document.
    assert after("临颍县前三季度数字城管立案多少件", "门头招牌规范提升了多少块") == "门头招牌规范提升了多少块"
    # A follow-up carries the previous period whole (前三季度, not its 三季度).
    asked = after("临颍县前三季度数字城管立案多少件", "结案率呢")
    assert "临颍县" in asked and "前三季度" in asked
    # A place of its own, though jieba cuts it from what follows: no other place is carried.
    asked = after("蚌埠24年二季度创文综合得分多少", "天水同一季度多少分")
    assert "蚌埠" not in asked and "二季度" in asked
    # A follow-up of a follow-up is resolved through the turn before it.
    asked = after("南昌今年老旧小区改造完成多少个", "那西湖区呢", "青山湖区呢")
    assert "青山湖区" in asked and "老旧小区" in asked and "西湖区" not in asked
    # 全市 asked after a district's question asks the district's city; as the base of a share it does not.
    asked = after("碧江区今年农贸市场计划改几个", "全市今年任务是几个")
    assert "铜仁" in asked and "碧江区" not in asked
    assert "龙沙区" in after("龙沙区注册志愿者有多少人", "占全市多少")


def test_a_turn_that_only_names_a_place_sets_where_the_next_questions_are_asked():
    def after(*turns: str) -> str:
        *earlier, question = turns
        return resolve_followup(question, [{"role": "user", "content": turn} for turn in earlier])

    # "南昌西湖区" asks nothing: the questions after it are asked of 西湖区, though they name a period
    asked = after("南昌西湖区", "二季度测评", "多少分，排第几")
    assert "西湖区" in asked and "二季度" in asked
    asked = after("南昌数字城管的情况", "10月份按期处置率多少", "那9月呢")
    assert "南昌" in asked and "9月" in asked and "10月" not in asked
    # a question that names its own place, or a scene that asks something, sets nothing
    assert after("南昌数字城管的情况", "九江10月份按期处置率多少") == "九江10月份按期处置率多少"
    assert after("南昌10月份按期处置率多少？", "门头招牌规范提升了多少块") == "门头招牌规范提升了多少块"
    # "比9月咋样" names the base of a comparison: the period asked stays the previous one's
    asked = after("青山湖区10月份数字城管", "排第几，比9月咋样")
    assert "10月" in asked and "青山湖区" in asked


def test_the_same_quarter_is_no_first_quarter():
    from assistant.periods import read_quarters

    assert read_quarters("天水同一季度多少分") == ()
    assert read_quarters("与去年同一季度相比") == ()
    assert read_quarters("第一季度") == (1,) and read_quarters("一季度") == (1,)


def test_the_whole_city_or_another_item_asked_in_a_follow_up():
    def after(previous: str, question: str) -> str:
        return resolve_followup(question, [{"role": "user", "content": previous}])

    # "全市呢" after a district's question asks its city, not the district's "全市" figure
    asked = after("桃山区前三季度拆违多少处", "全市呢")
    assert "桃山区" not in asked and "七台河" in asked and "拆违" in asked and "前三季度" in asked
    assert after("七台河新兴区9月立案多少", "全市呢").startswith("七台河9月立案多少")
    # another item keeps the side asked (任务): the target of 背街小巷, not a count of it
    assert "背街小巷任务" in after("七台河今年公厕任务几座", "背街小巷呢")


def test_a_division_written_in_full_is_a_place_though_jieba_cuts_it_apart():
    # 埇桥区 is cut 埇 | 桥区; 整治多少 holds the stem 治多 of 治多县, which names no place
    assert read_question("宿州上半年公厕埇桥区建成了几座").places == ("宿州", "埇桥区")
    assert read_question("埇桥区去年背街几条").places == ("埇桥区",)
    assert read_question("今年要整治多少条背街小巷").places == ()
