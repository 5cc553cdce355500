"""The quantities that reports state in different words (占道经营, 违建, 数字化案件处置 …),
and the measure a user's word stands for."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.text import compact


@dataclass(frozen=True)
class Measure:
    """A quantity reports state in different words. ``strong`` words name it in a subject;
    ``core`` words let a fact whose *section* names it count when its subject says the action."""

    name: str
    strong: tuple[str, ...]
    core: tuple[str, ...] = ()


MEASURES: list[Measure] = [
    Measure("占道经营", ("占道经营", "占道", "马路市场", "出店经营")),
    Measure("店外经营", ("店外经营", "出店经营", "越门经营")),
    Measure(
        "数字化案件处置",
        ("数字化案件", "数字平台", "数字城管", "数字化城管", "数字化城市管理", "数字化平台"),
        ("处置", "案件", "结案", "办结"),
    ),
    Measure(
        "违建", ("违建", "违法建设", "违章建筑", "违法建筑", "拆违", "控违", "双违", "违章建设"), ("拆除", "拆", "销号")
    ),
    Measure("小广告", ("牛皮癣", "小广告", "乱涂乱画", "乱贴乱画", "野广告")),
    Measure("户外广告", ("户外广告", "广告牌", "门头", "店招", "牌匾")),
    Measure("公益广告", ("公益广告",)),
    Measure("违停", ("违停", "乱停乱放", "违规停放", "违法停车", "停车告知单")),
    Measure("停车泊位", ("停车泊位", "停车位", "泊位", "停车场")),
    Measure("公厕", ("公厕", "厕所", "公共卫生间")),
    Measure("垃圾分类", ("垃圾分类",)),
    Measure("生活垃圾", ("生活垃圾", "垃圾清运", "清运")),
    Measure("老旧小区", ("老旧小区",)),
    Measure("背街小巷", ("背街小巷", "背街后巷")),
    Measure("志愿服务", ("志愿者", "志愿服务", "志愿活动")),
    Measure("养犬", ("养犬", "流浪犬", "流浪狗", "犬")),
    Measure("油烟", ("油烟",)),
    Measure("燃气", ("燃气", "瓶改管", "液化气", "液化石油气", "天然气")),
    Measure("窨井盖", ("窨井", "井盖")),
    Measure("路灯", ("路灯", "亮化", "照明")),
    Measure("绿化", ("绿化", "口袋公园", "补植", "植树", "造林")),
    Measure("道路维修", ("道路", "路面", "坑洼", "坑槽", "人行道", "道牙")),
    Measure("信访", ("信访", "投诉", "市长热线", "网民留言", "热线")),
    Measure("建筑垃圾", ("建筑垃圾", "渣土")),
    Measure("非机动车", ("非机动车", "电动车")),
]


def find_measure(text: str) -> Measure:
    """The measure a user's word stands for (``违法建设`` → 违建); unknown words stand for themselves."""
    key = compact(text)
    for measure in MEASURES:
        if key == compact(measure.name) or key in (compact(w) for w in measure.strong):
            return measure
    for measure in MEASURES:
        if any(compact(w) in key for w in (measure.name, *measure.strong) if len(compact(w)) >= 2):
            return measure
    for measure in MEASURES:
        if any(key in compact(w) for w in (measure.name, *measure.strong)) and len(key) >= 2:
            return measure
    return Measure(text.strip(), tuple(w for w in re.split(r"[/／、,，\s]+", text.strip()) if w))
