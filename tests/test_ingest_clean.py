"""Cleaning removes each extraction quirk of the seed reports and keeps the rest verbatim."""

from pathlib import Path

from assistant.ingest.clean import clean_text, split_articles
from assistant.ingest.page_marks import remove_page_markers

REPORTS = Path(__file__).resolve().parent.parent / "corpus" / "reports"


def seed(prefix: str) -> str:
    return next(REPORTS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def test_site_boilerplate_line_removed_and_title_kept():
    cleaned = clean_text(seed("004"))
    assert "由会员分享" not in cleaned.text and "课桌文档" not in cleaned.text
    assert cleaned.title_hint == "城管局2023年上半年工作总结及下半年工作计划"
    assert cleaned.text.startswith("城管局2023年上半年工作总结及下半年工作计划\n")


def test_page_markers_glued_mid_sentence_are_removed():
    cleaned = clean_text(seed("004"))
    assert "设置禁止种菜提示牌*处" in cleaned.text  # was "…禁止种菜提\n3、示牌*处"
    assert "以“七货街”为" in cleaned.text  # was "以“七\n2、货街”"
    assert "\n2、" not in cleaned.text and "\n3、" not in cleaned.text


def test_spaces_inside_words_removed_only_for_extracted_text():
    assert "下半年工作计划" in clean_text(seed("004")).text  # "工 作计划" in the source
    # 000 is ordinary prose: its deliberate space between two slogans stays.
    assert "清洁你我家园 打造美丽庭院" in clean_text(seed("000")).text


def test_masked_figures_are_kept_visible():
    assert "责任书*余份" in clean_text(seed("004")).text


def test_paid_markers_removed():
    text = clean_text(seed("003")).text
    assert "##paid" not in text and "大型户外等约1800余次" in text


def test_watermark_removed_from_sentence():
    text = clean_text(seed("002")).text
    assert "老秘网" not in text and "我市在2024年创建全国文明城市工作中" in text


def test_document_repeated_inside_file_is_indexed_once():
    text = clean_text(seed("001")).text
    assert text.count("今天,在這里召開文明委2005年第一次全體會議") == 1
    assert "市容管理科" in text  # the second article in the file is kept


def test_file_with_two_articles_is_split_at_the_byline():
    articles = split_articles(clean_text(seed("001")).text)
    assert len(articles) == 2
    assert "(2005年4月5日)" in articles[0] and "2021年6月21日" in articles[1]


def test_run_on_paragraph_gets_line_breaks_at_headings():
    text = clean_text(seed("002")).text
    assert "\n二、存在的问题" in text and "\n(三)部分学校周边环境秩序欠佳" in text


def test_real_numbered_headings_are_not_mistaken_for_page_markers():
    text = "一、总体情况。\n1、第一项工作完成。\n2、第二项工作完成。\n3、第三项工作完成。"
    assert remove_page_markers(text) == text


def test_characters_no_xml_or_docx_can_hold_are_dropped():
    """Control characters, U+FFFE/U+FFFF and lone surrogates would make the .docx draft (and
    any XML export) of an answer quoting them fail."""
    import docx

    raw = "一、市容整治\n本月清理\x07小广告\ufffe320处，\uffff拆除违建\ud80017处。"
    text = clean_text(raw).text
    assert "本月清理小广告320处，拆除违建17处。" in text
    docx.Document().add_paragraph(text)  # raises ValueError on any of them


def test_lines_broken_inside_sentences_are_joined():
    text = clean_text("2021\n年城市管理局工作总结\n今年完成率达到\n97.5%\n。全年处置案件\n8200件。").text
    assert text == "2021年城市管理局工作总结\n今年完成率达到97.5%。全年处置案件8200件。"
    wrapped = (
        "根据市委、市政府关于做好棚户区改造和拆除恶意抢搭抢建的违法建筑的指示精\n"
        "神,市城管执法局组织各区城管执法局把拆除违法建筑工作放在突出位置,通过建立日巡察\n"
        "日报告、限期拆除、责任追究、日常督察、群众举报等5项制度,实施对违法建筑的动态管理,\n"
        "坚决遏制违法建筑上升的猖獗势头。1~11月,共拆除违法建筑190余起,拆除面积5716平方米。\n"
        "(王永春)"
    )
    assert clean_text(wrapped).text.split("\n")[0].endswith("拆除面积5716平方米。")


def test_titles_tables_records_and_lists_keep_their_lines():
    kept = [
        "2021~2022年全市城管工作总结交流会召开\n日期:2021-12-20 来源:无",
        "案件来源 | 6月 | 7月 |\n信息采集 | 12120 | 12102 |\n公众举报 | 7 | 9 |",
        "测评项目：公共环境；测评内容：主次干道整洁；分值：5\n测评项目：公共秩序；测评内容：路口秩序良好；分值：3",
        "第一名\n嘉鱼县\n得分94.68分",
    ]
    for text in kept:
        assert clean_text(text).text == text


PARAGRAPHS = (
    "市城管委办公室关于6月份城市管理综合考评情况的通报\n\n"
    "一、考评总体情况\n\n"
    "本月共暗访检查点位440个，发现各类问题\n986处，较5月份减少66处；五个城区平均得分\n89.67\n分，环比提升0.95分。\n\n"
    "上半年区创建办共开展督查11轮，交办问题1\n462个，已整改1398个。\n\n"
    "市城市管理委员会办公室\n2023年7月6日"
)


def test_lines_broken_inside_a_blank_line_paragraph_are_joined():
    text = clean_text(PARAGRAPHS).text
    assert "发现各类问题986处，较5月份减少66处；五个城区平均得分89.67分，环比提升0.95分。" in text
    assert "交办问题1462个" in text  # a figure broken by the wrap is one figure
    assert "一、考评总体情况\n" in text and "办公室\n2023年7月6日" in text  # headings and a signature's date stay


def test_lines_of_a_text_without_blank_lines_are_not_joined_as_paragraphs():
    header = "信息名称: 城市管理2021年工作总结\n内容概览: 城市管理2021年工作总结\n发布机构: 市城管局\n正文从这里开始。"
    assert clean_text(header).text == header


def test_a_table_extracted_one_cell_per_line_becomes_record_lines():
    flat = (
        "测评结果如下：\n\n名次\n城区\n实地测评得分\n问题数（个）\n1\n江北区\n92.35\n47\n2\n城中区\n90.18\n63\n"
        "3\n湖西区\n88.72\n71\n\n各城区要对照问题清单整改。"
    )
    lines = clean_text(flat).text.split("\n")
    assert "名次 | 城区 | 实地测评得分 | 问题数（个） |" in lines
    assert "1 | 江北区 | 92.35 | 47 |" in lines and "3 | 湖西区 | 88.72 | 71 |" in lines


def test_a_flattened_table_whose_rows_start_with_words_keeps_its_header_width():
    # Each row opens with two cells of words (group, unit) before its figures: the header is the
    # four cells before them, not every cell up to the first figure.
    flat = (
        "各单位得分见下表：\n\n组别\n单位\n得分\n排名\n中心城区\n翠屏区\n88.26\n1\n中心城区\n南溪区\n84.12\n2\n"
        "县\n江安县\n83.58\n1\n县\n珙县\n81.36\n2\n\n二、主要问题"
    )
    lines = clean_text(flat).text.split("\n")
    assert "组别 | 单位 | 得分 | 排名 |" in lines
    assert "中心城区 | 南溪区 | 84.12 | 2 |" in lines and "县 | 珙县 | 81.36 | 2 |" in lines
    headed = "考核完成。\n二、考核结果\n（一）城区得分\n城区\n得分\n翠屏区\n88.26\n南溪区\n84.12\n叙州区\n83.58\n江安区\n81.36\n\n三、问题"
    headed_lines = clean_text(headed).text.split("\n")
    assert "二、考核结果" in headed_lines and "城区 | 得分 |" in headed_lines and "南溪区 | 84.12 |" in headed_lines
    words_first = "区域\n受理数（件）\n结案率\n翠屏区\n14356\n98.01%\n叙州区\n6218\n97.01%\n南溪区\n3047\n98.33%\n"
    assert "南溪区 | 3047 | 98.33% |" in clean_text(words_first).text.split("\n")


def test_a_table_row_wrapped_onto_the_next_line_is_one_row_again():
    table = (
        "序号 | 重点任务 | 牵头单位 | 完成时限\n"
        "1 | 农贸市场改造：完成12家农贸市场改\n造，实现生熟分区 | 市商务局 | 2025.9.30\n"
        "2 | 志愿服务：注册志愿者比例达到15\n% | 市文明办 | 2025.12.31\n"
        "说明：各区可细化分解。"
    )
    lines = clean_text(table).text.split("\n")
    assert "1 | 农贸市场改造：完成12家农贸市场改造，实现生熟分区 | 市商务局 | 2025.9.30" in lines
    assert "2 | 志愿服务：注册志愿者比例达到15% | 市文明办 | 2025.12.31" in lines
    assert lines[-1] == "说明：各区可细化分解。" and clean_text("\n".join(lines)).text == "\n".join(lines)


def test_paragraphs_wrapped_at_different_widths_are_joined_but_not_titles_addressees_breadcrumbs_or_cells():
    text = (
        "永城市人民政府网 > 新闻中心 > 部门动态\n"
        "湛江市文明办2024年工作总结及2025年工作安排\n"
        "2024年，市文明办在市委、市文明委的坚强领导下，以创建全国文明城市为\n总抓手，持续深化群众性精神文明创建活动。\n"
        "关于2025年4月份市区数字化城市管理工作运行情况的通报\n"
        "章贡区、南康区、赣县区人民政府，赣州经开区管委会，市直有关单位：\n"
        "4月份，市区数字城管平台共受理各类城市管理问题18,642件，\n经审核立案17,930件。当月应结案17,210件，实际结\n"
        "案16,598件，结案率96.44%；其中按期结案15,902件。\n"
        "市场内地面干净、无积水、无油污，垃圾日产日清，设置分类垃圾桶20\n经营秩序\n"
        "划行归市，摊位整齐，无店外经营、无占道经营，无乱搭乱建20\n食品安全\n"
    )
    lines = clean_text(text).text.split("\n")
    assert "湛江市文明办2024年工作总结及2025年工作安排" in lines  # a title stays apart from its first paragraph
    assert (
        "2024年，市文明办在市委、市文明委的坚强领导下，以创建全国文明城市为总抓手，持续深化群众性精神文明创建活动。"
        in lines
    )
    assert "章贡区、南康区、赣县区人民政府，赣州经开区管委会，市直有关单位：" in lines  # the addressees too
    assert not any(line.startswith("永城市人民政府网") and "湛江" in line for line in lines)  # a breadcrumb too
    assert (
        "4月份，市区数字城管平台共受理各类城市管理问题18,642件，经审核立案17,930件。"
        "当月应结案17,210件，实际结案16,598件，结案率96.44%；其中按期结案15,902件。"
    ) in lines
    assert "经营秩序" in lines and "食品安全" in lines  # a table's cells, not the ends of paragraphs


def test_a_task_and_its_owner_note_wrapped_inside_the_bracket_are_one_line():
    text = (
        "唐山市城市管理综合行政执法局2025年工作要点\n"
        "3.背街小巷整治。全市整治提升背街小巷200条，其中市区120条，做到“路平、灯亮、墙净、线齐”。（牵头单位：市城管执法局市容管理科；责\n"
        "任单位：各县（市、区）；完成时限：2025年11月底前）\n"
        "4.公厕建设管理。新建改建城市公厕60座，主次干道公厕全部实现免费开放、指\n"
        "示清晰。（牵头单位：市城管执法局环卫管理科；责任单位：各县（市、区）；完成时限：\n"
        "2025年9月底前）\n"
        "5.生活垃圾分类。市区生活垃圾分类覆盖率达到100%，资源回收利用率达到37%以上。（牵头单位：市城管执法局垃\n"
        "圾分类办；责任单位：各县（市、区）；完成时限：2025年12月底前）\n"
        "牵头单位：市城管执法局；责任单位：各县（市、区）\n完成时限：2025年底\n"
    )
    lines = clean_text(text).text.split("\n")
    assert any(line.startswith("4.公厕建设管理。") and line.endswith("完成时限：2025年9月底前）") for line in lines)
    assert any(line.startswith("3.背街小巷整治。") and line.endswith("完成时限：2025年11月底前）") for line in lines)
    assert "完成时限：2025年底" in lines  # a record's lines outside any bracket stay apart


def test_a_figure_cut_at_its_thousands_separator_or_before_its_measure_word_is_joined_but_not_a_cell():
    text = (
        "从问题类型看，排在前三位的是暴露垃圾（3,412件）、乱堆物堆料（2,\n586件）和店外经营（2,201件）。\n"
        "（二）“骨头案”化解进度慢。截至5月31日，市区超期未结案件533\n件，其中超期30天以上的64件。\n"
        "实地抽查，发现一处扣0.1分6\n户外广告\n"
        "区      立案数    结案数\n霞山区  3,455    3,281\n"
        "每发现一处占道经营扣0.2\n分；违规户外广告每处扣0.5分\n"
        "居民小区垃圾分类覆盖率达到\n92.5%，较去年底提高6.3个百分点。\n"
    )
    lines = clean_text(text).text.split("\n")
    assert "从问题类型看，排在前三位的是暴露垃圾（3,412件）、乱堆物堆料（2,586件）和店外经营（2,201件）。" in lines
    assert "（二）“骨头案”化解进度慢。截至5月31日，市区超期未结案件533件，其中超期30天以上的64件。" in lines
    assert "户外广告" in lines  # a cell that starts with a measure word
    assert "每发现一处占道经营扣0.2分；违规户外广告每处扣0.5分" in lines  # 分 cut from its figure
    assert "居民小区垃圾分类覆盖率达到92.5%，较去年底提高6.3个百分点。" in lines  # a verb cut from its figure
    assert "霞山区 3,455 3,281" in [" ".join(line.split()) for line in lines]  # a row aligned with spaces stays a row


def test_a_table_exported_with_tabs_keeps_its_rows_and_header():
    text = (
        "丽水市区数字城管运行情况统计表（2025年5月）\n"
        "制表单位：市城市运行管理服务中心\t\t\t制表日期：2025/6/6\n"
        "区域\t指标\t数值\t排名\t备注\n市区合计\t立案数\t6,482\n市区合计\t按期处置率\t95.22%\t\t联城街道已计入\n"
        "岩泉街道\t综合得分\t96.35\t1\n说明：按期处置率=按期处置数÷应处置数。"
    )
    lines = clean_text(text).text.split("\n")
    assert "区域 | 指标 | 数值 | 排名 | 备注 |" in lines
    assert "市区合计 | 立案数 | 6,482 |  |  |" in lines and "岩泉街道 | 综合得分 | 96.35 | 1 |  |" in lines
    assert "市区合计 | 按期处置率 | 95.22% |  | 联城街道已计入 |" in lines
    assert "制表单位：市城市运行管理服务中心  制表日期：2025/6/6" in lines
    merged = "区县\t指标\t数值\t排名\n高新区\t综合得分\t92.3\t1\n\t按期结案率\t96.4%\t\n\t完成数（条）\t4\t\n端州区\t综合得分\t91.6\t2"
    lines = clean_text(merged).text.split("\n")  # a region's cell merged over its rows is repeated in each
    assert "高新区 | 按期结案率 | 96.4% |  |" in lines and "高新区 | 完成数（条） | 4 |  |" in lines
    assert "端州区 | 综合得分 | 91.6 | 2 |" in lines


def test_page_numbers_on_their_own_line_or_glued_in_a_sentence_are_removed():
    text = clean_text(
        "三、志愿服务。注册志愿者占常住人口比例达到16%以上，\n-2-\n全年开展志愿服务活动不少于2.5万场。\n"
        "主要问题：一是农贸市场地面湿滑、第2页共4页公平秤缺失；\n第 3 页\n二是公益广告破损。"
    ).text
    assert "比例达到16%以上，全年开展志愿服务活动不少于2.5万场。" in text
    assert "地面湿滑、公平秤缺失；" in text
    assert "页" not in text and "-2-" not in text


def test_a_line_ending_in_a_comma_or_inside_a_figure_is_joined():
    text = clean_text(
        "各单位排名：第一名北塘区，90.26分；第六名南浦区，\n84.70分。南浦区降至末位。\n"
        "共发现问题13\n5处，已全部交办。\n一、下一步工作\n"
        "城区排名：蚌山区91.90分，第二；禹会区90.\n33分，第三。\n"
    ).text
    assert "第六名南浦区，84.70分。" in text
    assert "共发现问题135处，已全部交办。" in text
    assert "禹会区90.33分，第三。" in text  # cut at its decimal point
    assert "\n一、下一步工作" in text


def test_site_menus_and_breadcrumbs_are_dropped():
    page = (
        "首页 | 政务公开 | 通知公告 | 办事服务\n当前位置：首页 > 政务公开 > 通知公告\n无障碍 | 长者模式 | 简 | 繁\n"
        "首页  文明创建  志愿服务  道德建设\n澄川市城市管理委员会办公室关于4月份城市管理考评情况的通报\n各区：现将情况通报如下。"
    )
    text = clean_text(page).text
    assert text.startswith("澄川市城市管理委员会办公室关于4月份")
    assert "首页" not in text and "无障碍" not in text


def test_a_table_with_long_cells_extracted_one_cell_per_line_becomes_record_lines():
    flat = (
        "本次共检查点位32个。\n序号\n点位\n存在问题\n责任单位\n"
        "1\n岚城区人民广场\n垃圾桶满溢；绿化带内有烟头、塑料袋\n岚城区城管局\n"
        "2\n云溪区青石路农贸市场\n无公平秤；熟食区无防蝇设施\n云溪区市场监管局\n"
        "3\n石桥县汽车站\n候车室吸烟无人劝阻；无障碍通道被占用\n石桥县交通运输局\n"
        "以上问题请于8月31日前整改完毕。"
    )
    lines = clean_text(flat).text.split("\n")
    assert "序号 | 点位 | 存在问题 | 责任单位 |" in lines
    assert "2 | 云溪区青石路农贸市场 | 无公平秤；熟食区无防蝇设施 | 云溪区市场监管局 |" in lines


def test_a_web_pages_tools_footer_and_related_links_are_removed_and_its_dateline_kept():
    page = (
        "首页 > 新闻中心 > 城管动态\n"
        "字号：大 中 小　　打印本页　　关闭窗口\n"
        "岚阳市5月份城市管理考评结果出炉\n"
        "发布时间：2024-06-05　　来源：市城管局　　字号：大 中 小\n"
        "5月份全市共发现问题1108处，较4月份减少139处。\n"
        "主办单位负责同志对整改情况进行了督导。\n"
        "相关链接：\n"
        "· 岚阳市4月份城市管理考评情况通报\n"
        "· 市城管局开展节前集中整治\n"
        "【打印本页】　【关闭窗口】\n"
        "主办单位：岚阳市城市管理局　　联系电话：0552-3176512\n"
        "皖ICP备13005827号　　网站标识码：3403000008\n"
    )
    text = clean_text(page).text
    assert "发布时间：2024-06-05" in text and "1108处" in text
    assert "主办单位负责同志" in text  # one footer word alone is a report's own sentence
    for chrome in ("打印本页", "相关链接", "4月份城市管理考评情况通报", "联系电话", "ICP备", "网站标识码"):
        assert chrome not in text


def test_a_numbered_table_extracted_one_cell_per_line_with_wrapped_cells_gets_its_rows_back():
    # PDF text of a 任务分解表: a cell wider than its column goes on over the next lines, and a row's
    # number is a line of its own. Before, the row numbers were glued to the dates above them
    # ("2025年9月30日2") and each wrapped cell was a row's worth of loose lines.
    flat = (
        "附件\n某市2025年市容整治任务分解表\n序号\n重点任务\n主要内容及目标\n牵头单位\n责任单位\n完成时限\n"
        "1\n背街小巷整治\n提升\n全年整治背街小巷120条，其中老城\n区不少于40条\n市城管局\n各区人民政府、\n高新区管委会\n2025年10月31日\n"
        "2\n公厕改造\n新建改建公厕30座，全部免费开放\n市城管局\n各区人民政府、\n高新区管委会\n2025年11月30日\n"
        "3\n渣土运输治理\n渣土车密闭化改装率达到100%，新建\n消纳场1处\n市城管局\n市公安局交警支\n队\n2025年8月31日\n"
        "4\n城市照明\n背街小巷路灯亮灯率达到98%\n市城管局\n供电公司\n2025年9月30日\n"
        "二、工作要求\n各责任单位要按时限完成。"
    )
    lines = clean_text(flat).text.split("\n")
    assert "序号 | 重点任务 | 主要内容及目标 | 牵头单位 | 责任单位 | 完成时限 |" in lines
    assert (
        "1 | 背街小巷整治提升 | 全年整治背街小巷120条，其中老城区不少于40条 | 市城管局 | 各区人民政府、高新区管委会 | 2025年10月31日 |"
        in lines
    )
    assert (
        "3 | 渣土运输治理 | 渣土车密闭化改装率达到100%，新建消纳场1处 | 市城管局 | 市公安局交警支队 | 2025年8月31日 |"
        in lines
    )
    assert "4 | 城市照明 | 背街小巷路灯亮灯率达到98% | 市城管局 | 供电公司 | 2025年9月30日 |" in lines
    assert "二、工作要求" in lines and clean_text("\n".join(lines)).text == "\n".join(lines)


def test_a_ranking_extracted_one_cell_per_line_ends_before_the_next_heading():
    flat = "排名\n区域\n得分\n1\n东区\n93.10\n2\n西区\n91.64\n3\n南区\n90.02\n二、问题情况\n本月共发现问题120处。"
    lines = clean_text(flat).text.split("\n")
    assert lines[:4] == ["排名 | 区域 | 得分 |", "1 | 东区 | 93.10 |", "2 | 西区 | 91.64 |", "3 | 南区 | 90.02 |"]
    assert lines[4] == "二、问题情况"


def test_a_row_wrapped_into_a_continuation_row_is_one_row_but_a_rows_next_cells_are_not_merged():
    table = (
        "序号 | 工作任务 | 牵头单位 | 责任单位 | 完成时限\n"
        "1 | 改造老旧小区40个，同步建设电动车 | 市住建局 | 东区、西区、高新 | 2025.10.31\n"
        "| 充电设施 | | 区管委会 |\n"
        "2 | 新增公益广告500处 | 市文明办 | 各区 | 2025.6.30\n"
    )
    lines = clean_text(table).text.split("\n")
    assert "1 | 改造老旧小区40个，同步建设电动车充电设施 | 市住建局 | 东区、西区、高新区管委会 | 2025.10.31" in lines
    figures = "区县 | 立案数 | 结案数 | 结案率\n东区 | 1,135 | 1,109 | 97.7%\n西区 | 1,054 | 1,028\n| 97.5% |\n"
    assert "东区 | 1,135 | 1,109 | 97.7%" in clean_text(figures).text.split("\n")
    assert "1,05497.5%" not in clean_text(figures).text.replace(" ", "")


def test_a_numbered_table_set_out_with_spaces_gets_each_wrapped_piece_back_into_its_cell():
    # Columns parted by single spaces; a wrapped line carries the ends of the cells cut at their
    # column's width, left to right. Before, the spaces went as "spaces inside words" and the rows
    # ran together ("…2025年10月底城区完成改造35条2新建改建…").
    spaced = (
        "某市2025年城市管理重点工作任务分解表\n序号 工作任务 牵头单位 责任单位 完成时限\n"
        "1 实施老旧小区背街小巷改造，东城区 市住建局 东城区政府 2025年10月底\n城区完成改造30条\n"
        "2 新建改建城市公厕20座，其中东城区 市城管局 东城区、西城区、南 2025年9月30日\n10座，其余各区2—4座 城区政府\n"
        "3 新建口袋公园12个 市住建局 东城区政府 2025年10月底\n"
        "说明：各责任单位按季度报送进展。"
    )
    lines = clean_text(spaced).text.split("\n")
    assert "序号 | 工作任务 | 牵头单位 | 责任单位 | 完成时限 |" in lines
    assert "1 | 实施老旧小区背街小巷改造，东城区城区完成改造30条 | 市住建局 | 东城区政府 | 2025年10月底 |" in lines
    assert (
        "2 | 新建改建城市公厕20座，其中东城区10座，其余各区2—4座 | 市城管局 | 东城区、西城区、南城区政府 | 2025年9月30日 |"
        in lines
    )
    assert "3 | 新建口袋公园12个 | 市住建局 | 东城区政府 | 2025年10月底 |" in lines
    assert lines[-1] == "说明：各责任单位按季度报送进展。" and clean_text("\n".join(lines)).text == "\n".join(lines)


def test_a_criteria_tables_score_cell_under_a_deduction_stays_a_figure_of_its_own():
    # "…每低1个百分点扣0.5分" then the item's 分值 "10" on the next line: joined, the two read as
    # one figure (0.5分10); a space keeps the score apart.
    flat = "七、群众满意度\n12345热线城管类诉求满意率\n满意率低于90%的，每低1个百分点扣\n0.5分\n10\n加分项"
    text = clean_text(flat).text
    assert "0.5分 10" in text and "0.5分10" not in text
    assert (
        "共发现问题135处" in clean_text("本月共检查点位420个，共发现问题\n135\n处。").text
    )  # a wrapped figure still joins


def test_a_figure_cut_before_its_decimal_point_is_joined():
    text = clean_text("（五）测评成绩稳步提升。在年度全省测评中，我市得分87\n.4分，较上年提高1.8分。\n（六）其他").text
    assert "在年度全省测评中，我市得分87.4分，较上年提高1.8分。" in text


def test_a_figure_cut_inside_the_group_after_its_thousands_separator_is_joined():
    text = clean_text(
        "4月份，全市共立案8,642件，应结案8,317件，按期结案7,9\n46件，按期结案率95.5%。\n二、主要问题"
    ).text
    assert "按期结案7,946件，按期结案率95.5%。" in text
    assert "2,360处" in clean_text("规范沿街店招店牌2,3\n60处。").text


def test_a_figure_cut_before_its_thousands_separator_is_joined():
    text = clean_text("上半年共受理群众诉求15,701件，去年同期1\n4,498件；办结15,388件。\n二、主要问题").text
    assert "去年同期14,498件；" in text  # not "1" and a figure "4,498件" of its own
    assert "受理各类案件48,726件" in clean_text("全年数字城管平台受理各类案件4\n8,726件，立案46,315件。").text


def test_a_running_header_between_a_tables_rows_is_removed_so_the_rows_keep_their_header():
    from helpers_answer import make_hits

    from assistant.answer.prepared import prepare

    notice = (
        "肇庆市城市管理和综合执法局文件\n肇城管〔2025〕12号\n关于印发《2025年城市管理工作任务分解表》的通知\n"
        "各县（市、区）城市管理部门：现将任务分解表印发给你们，请认真抓好落实。\n"
        "序号 | 工作任务 | 具体目标 | 牵头单位 | 完成时限\n"
        "1 | 背街小巷整治 | 全年完成60条 | 市容环境卫生科 | 2025年11月30日前\n"
        "- 1 -\n肇城管〔2025〕12号\n"
        "2 | 违法建设治理 | 拆除存量违建12万平方米 | 执法监督科 | 2025年12月31日\n"
        "肇城管〔2025〕12号\n"
        "二、有关要求\n请于每季度末月25日前报送进展情况。\n"
    )
    cleaned = clean_text(notice)
    assert cleaned.text.count("肇城管〔2025〕12号") == 2  # the opening one, and the one above a heading
    assert "全年完成60条 | 市容环境卫生科 | 2025年11月30日前\n2 | 违法建设治理" in cleaned.text
    hits, corpus = make_hits({"notice": cleaned.text})
    prepared = prepare("肇庆今年违建要拆多少", hits, corpus)
    row = next(c for c in prepared.candidates if "违法建设治理" in c.text)
    assert row.header.startswith("序号 | 工作任务 | 具体目标") and row.is_plan


def test_a_table_set_out_with_runs_of_spaces_becomes_rows_under_its_header():
    notice = (
        "古城区2025年5月创文实地测评结果\n一、测评得分及排名\n"
        "街道\u3000\u3000得分\u3000\u3000排名\n大研街道\u3000\u300093.2\u3000\u30001\n"
        "束河街道\u3000\u300091.8\u3000\u30002\n文智街道\u3000\u300085.6\u3000\u30003\n"
        "月份    立案数（件）    结案率\n1月    1,214    95.1%\n2月    1,087\n"
    )
    text = clean_text(notice).text
    assert "街道 | 得分 | 排名 |\n大研街道 | 93.2 | 1 |" in text and "文智街道 | 85.6 | 3 |" in text
    assert "1月 | 1,214 | 95.1% |\n2月 | 1,087 |  |" in text  # a thousands separator is no clause mark


def test_sentences_and_labelled_fields_set_apart_by_spaces_are_no_table():
    page = (
        "孝感市创文大事记\n"
        "1月9日\u3000市委、市政府召开创建全国文明城市动员大会，共600余人参加。\n"
        "1月22日\u3000市城管执法委印发2025年工作计划，明确改造背街小巷45条。\n"
        "2月17日\u3000市文明办印发工作要点，部署全年任务。\n"
        "主办：蚌埠市人民政府办公室    承办：蚌埠市城市管理局\n"
        "发布时间：2025-07-16    来源：市政府新闻办\n"
        "【发布人】局长    冼卓霖\n"
    )
    text = clean_text(page).text
    assert "|" not in text


def test_a_notice_title_under_its_issuer_stays_its_own_line():
    notice = (
        "丹东市创建全国文明城市工作指挥部办公室\n关于2024年度市直单位创文工作考核结果的公示\n"
        "根据考核办法，经综合考评，现将2024年度市直单位创文工作考核结果予以公示，公示期为2025.3.10—2025.3.16。\n"
        "序号  单位名称              考核等次\n1     市城管局              优秀\n2     市住建局              优秀\n"
        "3     市公安局交警支队      优秀\n4     市商务局              良好\n5     市教育局              良好\n"
    )
    lines = clean_text(notice).text.split("\n")
    assert lines[:2] == ["丹东市创建全国文明城市工作指挥部办公室", "关于2024年度市直单位创文工作考核结果的公示"]
    assert any(line.replace(" ", "").startswith("1|市城管局|优秀") for line in lines)


def test_a_document_number_stays_a_line_of_its_own():
    notice = (
        "汀梧市城市管理工作2025年第一季度考核结果通报\n汀城管考〔2025〕3号\n\n"
        "根据《汀梧市城市管理工作考核办法》，市城市管理考核领导小组办公室对各县（市、区）一季度城市管理工作进行了考核，\n"
        "现将结果通报如下。\n\n一、考核结果\n\n各县区得分均在80分以上。\n"
    )
    lines = clean_text(notice).text.split("\n")
    assert lines[:2] == ["汀梧市城市管理工作2025年第一季度考核结果通报", "汀城管考〔2025〕3号"]
    assert "进行了考核，现将结果通报如下。" in clean_text(notice).text  # the wrap below is still joined
