"""Content words of a subject: what tells whether a result is about a target's subject."""

from __future__ import annotations

# Words too common to show that a result is about a target's subject.
COMMON_WORDS = {
    "工作",
    "推进",
    "持续",
    "加强",
    "做好",
    "开展",
    "完成",
    "全面",
    "进一步",
    "提升",
    "提高",
    "管理",
    "建设",
    "创建",
    "城市",
    "全区",
    "我区",
    "我县",
    "全市",
    "我市",
    "各类",
    "相关",
    "重点",
    "积极",
    "继续",
    "深化",
    "强化",
    "加快",
    "加大",
    "落实",
    "抓好",
    "实施",
    "探索",
    "巩固",
    "聚焦",
    "坚持",
    "确保",
    "力争",
    "目标",
    "任务",
    "计划",
    "项目",
    "情况",
    "水平",
    "工作法",
    "日常",
    "常态化",
    "专项",
    "整治",
    "治理",
    "问题",
    "活动",
    "实现",
    "有序",
    "严格",
    "完善",
    "建立",
    "健全",
    "机制",
    "体系",
    "全力",
    "大力",
    "高标准",
    "高质量",
    "文明",
    "创文",
    "创城",
    "示范",
    "精细化",
    "切实",
    "扎实",
    "稳步",
    "不断",
    "及时",
    "年底",
    "年内",
    "下半年",
    "上半年",
    "今年",
    "明年",
    "全年",
    "以上",
    "方面",
    "有关",
    "哪些",
    "什么",
}


def keywords(text: str) -> list[str]:
    """Content words of a text (jieba search tokens): no generic words, none that is only part
    of another kept or dropped word (半年 of 下半年, 燃气 of 燃气安全)."""
    from assistant.index.tokenize import tokens

    all_tokens = tokens(text)
    dropped = {t for t in all_tokens if t in COMMON_WORDS}
    out = []
    for token in all_tokens:
        if len(token) < 2 or token in COMMON_WORDS or token.isdigit() or token in out:
            continue
        out.append(token)
    return [t for t in out if not any(t != o and t in o for o in out) and not any(t != d and t in d for d in dropped)]


def keyword_in(keyword: str, haystack_compact: str) -> bool:
    """``燃气安全`` is in a text that says it, or says both 燃气 and 安全."""
    if keyword in haystack_compact:
        return True
    if len(keyword) < 4:
        return False
    from assistant.index.tokenize import tokens

    parts = [t for t in tokens(keyword) if t != keyword and len(t) >= 2]
    return bool(parts) and all(p in haystack_compact for p in parts) and sum(map(len, parts)) >= len(keyword)
