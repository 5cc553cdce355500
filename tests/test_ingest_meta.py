"""Document metadata is derived from the text and can be overridden."""

import json

import pytest

from assistant.ingest.meta import derive_body, derive_meta
from assistant.ingest.meta_overrides import apply_overrides
from assistant.ingest.pipeline import SourceFile, prepare
from assistant.places import read_places
from assistant.settings import Settings


def test_metadata_of_a_city_management_summary():
    meta = derive_meta("XX区城市管理局2023年工作总结及下步工作安排\n2023年，XX区城市管理局以…")
    assert (meta.title, meta.year, meta.body, meta.kind) == (
        "XX区城市管理局2023年工作总结及下步工作安排",
        2023,
        "城管局",
        "总结及计划",
    )


def test_metadata_without_title_line_is_composed():
    meta = derive_meta(" 2024年，区城市公用事业服务中心全体人员…现将上半年工作情况汇报如下：\n1、 上半年工作情况")
    assert meta.body == "城市公用事业服务中心" and meta.year == 2024 and meta.period == "上半年"
    assert "2024年" in meta.title


def test_a_news_report_without_a_title_line_is_not_titled_by_its_closing_sentence():
    meta = derive_meta(
        "本报讯(记者唐煜)18日,我市召开文明城市建设双月测评讲评会,通报3月和4月文明城市建设测评情况。"
        "36个窗口行业群众满意度平均得分为91.18分。\n市委常委、宣传部长出席会议并讲话。\n(作者:周磊)"
    )
    assert "讲话" not in meta.title and meta.kind == "新闻报道"


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("重庆日报记者从市文明办获悉，全市注册志愿者达到300万人。", "市文明办"),
        ("本报讯 记者从江苏省文明办获悉，测评结果公布。", "江苏省文明办"),
        ("2021年6月份市文明办组织开展测评。", "市文明办"),
        ("(一)县城市管理工作领导小组办公室负责考核。", "县城市管理工作领导小组办公室"),
        ("从化区城市管理局2023年工作总结", "从化区城市管理局"),  # 从 of a place's name stays
    ],
)
def test_the_body_as_written_starts_at_its_name(text, written):
    assert derive_body("", text)[1] == written


def test_traditional_speech():
    meta = derive_meta("講 話\n縣委書記\n(2005年4月5日)\n今天,在這里召開文明委2005年第一次全體會議")
    assert meta.kind == "讲话" and meta.year == 2005 and meta.body == "党委" and meta.body_full == "县委书记"


def test_overrides_from_sidecar_and_yaml(tmp_path):
    root = tmp_path / "docs"
    root.mkdir()
    report = root / "r.txt"
    report.write_text(
        "某区城管局2022年工作总结\n一、工作完成情况\n（一）市容整治。共清理占道经营500处。", encoding="utf-8"
    )
    (root / "r.txt.meta.json").write_text(json.dumps({"title": "改过的标题", "year": 2021}), encoding="utf-8")
    (root / "meta.yaml").write_text("r.txt:\n  body: 文明办\n  kind: 工作总结\n", encoding="utf-8")
    [(document, chunks)] = prepare(SourceFile(report, root, "docs/r.txt"), Settings(), "h")
    assert (document.meta.title, document.meta.years, document.meta.body) == ("改过的标题", [2021], "文明办")
    assert chunks and chunks[0].heading.startswith("一、工作完成情况")


def test_apply_overrides_ignores_unknown_fields():
    meta = apply_overrides(derive_meta("城管局2023年工作总结"), {"colour": "red", "period": "全年"})
    assert meta.period == "全年"


def test_year_on_the_line_above_the_title_and_site_furniture():
    meta = derive_meta("来源:咸宁网 时间:2021-10-25 10:15\n2021\n年城市管理局工作总结\n一、工作情况")
    assert meta.title != "年城市管理局工作总结" and meta.year == 2021


def test_a_body_quoted_or_leading_is_not_the_issuer():
    meta = derive_meta(
        "在市委市政府的正确领导下，区城市公用事业服务中心全体人员……根据中央文明办《关于…的通知》要求，开展测评。"
    )
    assert meta.body == "城市公用事业服务中心"
    notice = derive_meta("V市创城指挥部督查通报\n根据中央文明办的要求，现将督查情况通报如下：")
    assert notice.body == "创城办" and notice.kind == "督查通报"


def test_the_year_of_a_body_is_not_glued_to_it():
    meta = derive_meta("2024年XX区城市管理局工作要点\n2024年XX区城市管理局将……")
    assert meta.body_full == "XX区城市管理局" and meta.year == 2024


def test_place_is_read_from_title_and_opening():
    assert derive_meta("咸宁市城市管理工作2022年8月综合评价情况\n……").place == "咸宁市"
    assert derive_meta("新华社北京9月1日电 中央文明办日前颁发测评体系。").place == ""
    chongqing = derive_meta("重庆日报记者从市文明办获悉，重庆市已有实名注册志愿者620万。大渡口区春晖路街道开放注册。")
    assert chongqing.place == "重庆市"


def test_the_year_alone_above_the_title_is_the_document_s_year():
    meta = derive_meta("2024\n栖川市文明办上半年工作总结\n上半年，市文明办围绕测评目标推进创建。")
    assert meta.years == [2024] and meta.title.endswith("栖川市文明办上半年工作总结")


def test_a_district_report_is_about_the_district_its_title_names():
    text = (
        "枫岙市北麓区文明办2023年工作总结\n2023年，北麓区文明办围绕测评目标推进创建。主要是镇村环境卫生整治力度不平衡。"
    )
    assert derive_meta(text).place == "北麓区"  # beyond the national list, and jieba knows 北麓 as a word
    assert derive_meta("栖川市城市管理局2023年工作总结\n全年处置案件8200件。").place == "栖川市"


def test_an_interviews_masthead_and_questions_are_not_its_title():
    interview = (
        "汀梧日报　2026年7月16日　A3版\n“让城市管理既有力度又有温度”\n——访汀梧市城管局局长\n"
        "问：今年背街小巷整治的任务重不重？\n答：任务是整治背街小巷60条。"
    )
    assert derive_meta(interview).title == "“让城市管理既有力度又有温度”"


def test_a_ledgers_title_is_not_a_cell_of_its_flattened_table():
    ledger = "汀梧区2026年第7期督查问题整改台账\n填报单位：区创文办\n序号\n点位\n问题\n整改情况1\n湖滨小区\n楼道堆物"
    assert derive_meta(ledger).title == "汀梧区2026年第7期督查问题整改台账"


def test_a_site_name_is_not_the_title():
    meta = derive_meta(
        "汀梧文明网\n汀梧“学雷锋志愿服务月”活动成果丰硕\n2024-04-03 来源：汀梧市文明办\n3月是学雷锋志愿服务月。"
    )
    assert meta.title == "汀梧“学雷锋志愿服务月”活动成果丰硕"


def test_a_sites_menu_or_footer_is_not_the_title_and_a_headline_above_its_dateline_is():
    menu = "汀梧文明网　首页 | 文明创建 | 志愿服务 | 公示公告\n汀梧市创文“红黑榜”（第6期）\n发布时间：2025-06-20 09:15　来源：市文明办\n现将本期红黑榜发布如下。"
    assert derive_meta(menu).title == "汀梧市创文“红黑榜”（第6期）"
    # a headline stating a value, right above the line that dates it; the footer below is no title
    news = (
        "汀梧志愿服务“成绩单”出炉：注册志愿者突破52万人\n发布时间：2024-12-05 09:30　来源：汀梧文明网\n"
        "截至11月底，全市注册志愿者达到52.3万人。\n主办单位：中共汀梧市委宣传部\n联系电话：0552-2086730"
    )
    assert derive_meta(news).title == "汀梧志愿服务“成绩单”出炉：注册志愿者突破52万人"
    # a year alone above a title that names its own year is not glued to it
    dated = "2023\n汀梧市文明办关于2023年第二季度测评情况的通报\n各县区：现将测评情况通报如下。"
    assert derive_meta(dated).title == "汀梧市文明办关于2023年第二季度测评情况的通报"


def test_a_menu_set_apart_by_wide_spaces_is_not_the_title():
    page = (
        "汀梧市人民政府　　首页　　政务公开　　新闻中心　　政务服务\n当前位置：首页 > 新闻中心 > 部门动态\n"
        "我市今年已新增公共停车泊位1,240个\n发布时间：2025-09-12 10:15　　来源：汀梧日报\n记者从市城管局获悉。"
    )
    assert derive_meta(page).title == "我市今年已新增公共停车泊位1,240个"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        # a letterhead of body and date, above the title: neither its fields nor half of the title
        (
            "汀梧市人民政府专题会议纪要\n〔2025〕第17期\n汀梧市人民政府办公室　　　　2025年5月16日\n"
            "关于创建全国文明城市重点难点问题的专题会议纪要\n5月14日下午，副市长主持召开专题会议。",
            "关于创建全国文明城市重点难点问题的专题会议纪要",
        ),
        (
            "汀梧市创城办　　督查情况反馈\n汀梧市创建文明城市工作督查情况反馈\n汀创办函〔2025〕14号\n各县区创城办：\n现将情况反馈如下。",
            "汀梧市创建文明城市工作督查情况反馈",
        ),
        # a running head on the first line names the document by its first field
        (
            "汀梧市人民政府工作报告（摘录）　　第3页\n量较上年有所下降，但城市管理的短板依然明显。\n（二）城市品质持续提升",
            "汀梧市人民政府工作报告（摘录）",
        ),
        # a document number is no title, nor the first half of one
        (
            "汀城管数〔2025〕8号\n2025年8月全市数字城管运行情况通报\n一、总体情况\n8月，全市立案9,647件。",
            "2025年8月全市数字城管运行情况通报",
        ),
    ],
)
def test_a_letterhead_a_running_head_or_a_document_number_is_not_the_title(text, title):
    assert derive_meta(text).title == title


def test_a_document_of_the_whole_city_is_placed_in_the_city_its_districts_lie_in():
    speech = (
        "在全市创建全国文明城市工作推进大会上的讲话\n（2025年2月21日）\n同志们：\n"
        "去年，浑江区、江源区测评成绩稳步提升，全市创建工作取得新进展。"
    )
    assert derive_meta(speech).place == "白山市"
    # one district named in passing in a speech to the whole city
    assert derive_meta(speech.replace("浑江区、江源区", "浑江区")).place == "白山市"
    # a district's own report stays the district's, and two-character names (东区, 西区) place nothing
    assert derive_meta("浑江区2025年上半年创建工作总结\n上半年，浑江区、江源区联合开展整治。").place == "浑江区"
    assert derive_meta("市文明办2020年上半年考评通报\n东区、西区、南区测评成绩均有提升。").place != "攀枝花市"


def test_the_bodies_a_notice_is_sent_to_are_not_its_issuer_nor_its_place():
    notice = (
        "关于5月份中心城区市容环境秩序督查情况的通报\n桂城管委办通〔2025〕9号\n"
        "秀峰区、叠彩区、象山区、七星区人民政府，市城市管理局：\n"
        "5月12日至16日，市城管委办组织督查组对中心城区24个点位开展督查。\n一、秀峰区\n榕湖北路：共享单车乱停放。"
    )
    meta = derive_meta(notice)
    assert meta.body_full != "七星区人民政府" and meta.place == "桂林市"
    # the issuer named after the addressees is the body
    ranked = "关于5月份测评结果的通报\n各县区文明委：\n现将市文明办5月份测评结果通报如下。"
    assert derive_meta(ranked).body_full == "市文明办"


def test_a_road_named_after_a_place_names_no_place():
    assert read_places("榕湖北路：共享单车乱停放；上海大道两侧占道经营") == ()
    assert read_places("湖北省住建厅到宝安区新安街道检查") == ("湖北省", "宝安区", "新安街道")


def test_a_district_news_page_is_placed_in_the_district_its_footer_names_where_it_speaks_as_it(tmp_path):
    """ "我区…" on a page whose footer names its host (主办：昭阳区融媒体中心) is the district's news, not
    the street it visits first; the footer, cut as the site's furniture, still places it."""
    from assistant.ingest.clean import clean_text

    page = (
        "首页 > 新闻中心 > 本地要闻\n我区背街小巷提质改造跑出“加速度”\n发布时间：2025-10-24 09:18    来源：区融媒体中心\n"
        "走进龙泉街道青年路背街，新铺的透水砖平整干净。今年我区承担背街小巷改造任务9条，已完工6条。\n"
        "龙泉街道、凤凰街道的居民对改造很满意。\n责任编辑：陈晓彤\n主办：昭阳区融媒体中心    技术支持：区大数据中心\n"
    )
    cleaned = clean_text(page)
    assert "主办" not in cleaned.text and cleaned.host == "昭阳区融媒体中心"
    assert derive_meta(cleaned.text, cleaned.title_hint, cleaned.host).place == "昭阳区"
    # the footer's host places nothing where the page does not speak as it
    other = page.replace("我区", "全市")
    cleaned = clean_text(other)
    assert derive_meta(cleaned.text, cleaned.title_hint, cleaned.host).place != "昭阳区"
    file = tmp_path / "zhaoyang-news.txt"
    file.write_text(page, encoding="utf-8")
    [(document, _)] = prepare(SourceFile(file, tmp_path, "zhaoyang-news.txt"), Settings(), "hash")
    assert document.meta.place == "昭阳区"
