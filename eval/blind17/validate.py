#!/usr/bin/env python3
"""Validate the blind17 held-out set. Prints counts only; exits 1 on failure.

Run: python3 validate.py   (from any directory; standard library only)
"""

import json
import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")

EXPECTED_TYPES = {
    "number": 28,
    "standard": 12,
    "problem": 10,
    "target": 10,
    "deadline": 8,
    "list": 8,
    "multi_doc": 18,
    "unanswerable": 36,
}
N_QUESTIONS = 130
N_FOLLOWUPS = 30
MIN_UNANSWERABLE_FOLLOWUPS = 7
N_DOCS = 30
Q_FIELDS = {"id", "question", "answer", "must_contain", "doc", "evidence", "type"}
F_FIELDS = {"id", "history", "question", "answer", "must_contain", "doc", "evidence", "type"}
EV_MIN, EV_MAX = 10, 40
# 350-2200 characters (whitespace excluded); at least a third (10 of 30) over 900.
DOC_MIN, DOC_MAX, DOC_LONG, N_LONG = 350, 2200, 900, 10

# Unanswerable kinds of the questions; each must occur at least MIN_PER_KIND
# times, K_offtopic at most MAX_OFFTOPIC times.
KINDS = (
    "A_period",
    "B_place",
    "C_nofigure",
    "D_subunit",
    "E_rank",
    "F_cutoff",
    "G_compare",
    "H_notstated",
    "I_target_result",
    "J_score",
    "K_offtopic",
)
MIN_PER_KIND = 2
MAX_OFFTOPIC = 2

# For each unanswerable item: (kind, [(scope, regex), ...]).
# scope "doc" = the item's tempting document, "all" = every corpus document,
# or a corpus file name. Each regex must match nowhere in its scope
# (matching is done on the whitespace-free text).
PROBES = {
    "t001": (
        "I_target_result",
        [
            ("001_xiangyang-cw-ceping-xize-2025.txt", "泊位[^。]{0,10}已"),
            ("001_xiangyang-cw-ceping-xize-2025.txt", "已[^。]{0,10}新增[^。]{0,10}泊位"),
            ("001_xiangyang-cw-ceping-xize-2025.txt", "上半年[^。]{0,20}泊位"),
            ("002_xiangyang-szcg-tongbao-2025-04.txt", "泊位[^。]{0,10}已"),
            ("002_xiangyang-szcg-tongbao-2025-04.txt", "已[^。]{0,10}新增[^。]{0,10}泊位"),
            ("002_xiangyang-szcg-tongbao-2025-04.txt", "上半年[^。]{0,20}泊位"),
            ("003_xiangyang-szcg-tongbao-2025-05.txt", "泊位[^。]{0,10}已"),
            ("003_xiangyang-szcg-tongbao-2025-05.txt", "已[^。]{0,10}新增[^。]{0,10}泊位"),
            ("003_xiangyang-szcg-tongbao-2025-05.txt", "上半年[^。]{0,20}泊位"),
            ("004_fancheng-cw-2025-05-qingkuang.txt", "泊位[^。]{0,10}已"),
            ("004_fancheng-cw-2025-05-qingkuang.txt", "已[^。]{0,10}新增[^。]{0,10}泊位"),
            ("004_fancheng-cw-2025-05-qingkuang.txt", "上半年[^。]{0,20}泊位"),
            ("005_xiangyang-cw-ceping-tongbao-2025-05.txt", "泊位[^。]{0,10}已"),
            ("005_xiangyang-cw-ceping-tongbao-2025-05.txt", "已[^。]{0,10}新增[^。]{0,10}泊位"),
            ("005_xiangyang-cw-ceping-tongbao-2025-05.txt", "上半年[^。]{0,20}泊位"),
            ("006_xiangyang-cgzfw-2024-zongjie-2025-jihua.txt", "泊位[^。]{0,10}已"),
            ("006_xiangyang-cgzfw-2024-zongjie-2025-jihua.txt", "已[^。]{0,10}新增[^。]{0,10}泊位"),
            ("006_xiangyang-cgzfw-2024-zongjie-2025-jihua.txt", "上半年[^。]{0,20}泊位"),
            ("007_xiangyang-fabuhui-beijiexiaoxiang-2025-07.txt", "泊位[^。]{0,10}已"),
            ("007_xiangyang-fabuhui-beijiexiaoxiang-2025-07.txt", "已[^。]{0,10}新增[^。]{0,10}泊位"),
            ("007_xiangyang-fabuhui-beijiexiaoxiang-2025-07.txt", "上半年[^。]{0,20}泊位"),
            ("008_xiangyang-cw-ducha-tongbao-2025-6qi.txt", "泊位[^。]{0,10}已"),
            ("008_xiangyang-cw-ducha-tongbao-2025-6qi.txt", "已[^。]{0,10}新增[^。]{0,10}泊位"),
            ("008_xiangyang-cw-ducha-tongbao-2025-6qi.txt", "上半年[^。]{0,20}泊位"),
            ("009_xiangyang-cg-tishengnian-xinwen.txt", "泊位[^。]{0,10}已"),
            ("009_xiangyang-cg-tishengnian-xinwen.txt", "已[^。]{0,10}新增[^。]{0,10}泊位"),
            ("009_xiangyang-cg-tishengnian-xinwen.txt", "上半年[^。]{0,20}泊位"),
            ("010_xiangyang-cw-yaodian-fenjie-2025.txt", "泊位[^。]{0,10}已"),
            ("010_xiangyang-cw-yaodian-fenjie-2025.txt", "已[^。]{0,10}新增[^。]{0,10}泊位"),
            ("010_xiangyang-cw-yaodian-fenjie-2025.txt", "上半年[^。]{0,20}泊位"),
        ],
    ),
    "t003": (
        "B_place",
        [
            ("all", "灵武"),
        ],
    ),
    "t004": (
        "B_place",
        [
            ("all", "保康"),
        ],
    ),
    "t007": (
        "H_notstated",
        [
            ("doc", "电话"),
            ("all", "[0-9]{3,4}-[0-9]{7,8}"),
            ("all", "樊城[^。]{0,30}电话"),
        ],
    ),
    "t011": (
        "J_score",
        [
            ("doc", "商场"),
            ("doc", "超市"),
            ("doc", "商业综合体"),
        ],
    ),
    "t013": (
        "C_nofigure",
        [
            ("all", "专项资金[^。]{0,20}(万元|亿元)"),
            ("all", "停车[^。]{0,30}(万元|亿元)"),
        ],
    ),
    "t018": (
        "J_score",
        [
            ("doc", "公交站台[^。]{0,20}[0-9]+分"),
            ("022_yangzhou-cw-ceping-2025q1-tongbao.txt", "公交站台[^。]{0,20}[0-9]+分"),
            ("all", "站台[^。]{0,6}分值"),
        ],
    ),
    "t019": (
        "H_notstated",
        [
            ("doc", "局长"),
            ("doc", "负责人[一-龥]{2,3}介绍"),
            ("doc", "主任"),
        ],
    ),
    "t024": (
        "I_target_result",
        [
            ("all", "智慧化[^。]{0,20}已"),
            ("all", "已[^。]{0,10}智慧化"),
            ("all", "智慧化改造[^。]{0,10}完成了"),
        ],
    ),
    "t025": (
        "C_nofigure",
        [
            ("doc", "处置时长[为是]?[0-9]"),
            ("all", "时长[为是]?[0-9.]+小时"),
            ("all", "平均处置[^。]{0,6}[0-9]+(\\.[0-9]+)?小时"),
        ],
    ),
    "t031": (
        "I_target_result",
        [
            ("011_yinchuan-cw-yaodian-fenjie-2025.txt", "公厕"),
            ("012_yinchuan-cw-tuijinhui-jianghua.txt", "公厕"),
            ("013_yinchuan-szcg-tongbao-2025-06.txt", "公厕"),
            ("014_yinchuan-cg-weixin-bannian.txt", "公厕"),
            ("016_yinchuan-cg-kaohe-2025q2-biao.txt", "公厕"),
            ("017_jinfeng-cg-2025q2-baogao.txt", "公厕"),
            ("018_yinchuan-menqiansanbao-xinwen.txt", "公厕"),
            ("all", "公厕[^。]{0,20}(已|建成)[^。]{0,6}[0-9]+座"),
        ],
    ),
    "t034": (
        "I_target_result",
        [
            ("all", "装修垃圾[^。]{0,20}(已建成|建成[0-9])"),
            ("all", "已[^。]{0,6}装修垃圾"),
        ],
    ),
    "t036": (
        "C_nofigure",
        [
            ("doc", "视频智能发现[0-9,]+件"),
            ("doc", "视频[^。]{0,10}[0-9,]+件"),
            ("011_yinchuan-cw-yaodian-fenjie-2025.txt", "视频智能发现[^。、，]{0,4}[0-9,]+件"),
            ("012_yinchuan-cw-tuijinhui-jianghua.txt", "视频智能发现[^。、，]{0,4}[0-9,]+件"),
            ("013_yinchuan-szcg-tongbao-2025-06.txt", "视频智能发现[^。、，]{0,4}[0-9,]+件"),
            ("014_yinchuan-cg-weixin-bannian.txt", "视频智能发现[^。、，]{0,4}[0-9,]+件"),
            ("015_yinchuan-cg-kaohe-banfa-jiedu.txt", "视频智能发现[^。、，]{0,4}[0-9,]+件"),
            ("016_yinchuan-cg-kaohe-2025q2-biao.txt", "视频智能发现[^。、，]{0,4}[0-9,]+件"),
            ("017_jinfeng-cg-2025q2-baogao.txt", "视频智能发现[^。、，]{0,4}[0-9,]+件"),
            ("018_yinchuan-menqiansanbao-xinwen.txt", "视频智能发现[^。、，]{0,4}[0-9,]+件"),
            ("019_yinchuan-cg-shirong-ceping-xize.txt", "视频智能发现[^。、，]{0,4}[0-9,]+件"),
            ("020_yinchuan-cg-jingxihua-fangan-2025.txt", "视频智能发现[^。、，]{0,4}[0-9,]+件"),
        ],
    ),
    "t040": (
        "A_period",
        [
            ("001_xiangyang-cw-ceping-xize-2025.txt", "6月份[^。]{0,20}平均(得)?分"),
            ("001_xiangyang-cw-ceping-xize-2025.txt", "6月份[^。]{0,20}[0-9]+\\.[0-9]分"),
            ("001_xiangyang-cw-ceping-xize-2025.txt", "六月份[^。]{0,20}平均分"),
            ("002_xiangyang-szcg-tongbao-2025-04.txt", "6月份[^。]{0,20}平均(得)?分"),
            ("002_xiangyang-szcg-tongbao-2025-04.txt", "6月份[^。]{0,20}[0-9]+\\.[0-9]分"),
            ("002_xiangyang-szcg-tongbao-2025-04.txt", "六月份[^。]{0,20}平均分"),
            ("003_xiangyang-szcg-tongbao-2025-05.txt", "6月份[^。]{0,20}平均(得)?分"),
            ("003_xiangyang-szcg-tongbao-2025-05.txt", "6月份[^。]{0,20}[0-9]+\\.[0-9]分"),
            ("003_xiangyang-szcg-tongbao-2025-05.txt", "六月份[^。]{0,20}平均分"),
            ("004_fancheng-cw-2025-05-qingkuang.txt", "6月份[^。]{0,20}平均(得)?分"),
            ("004_fancheng-cw-2025-05-qingkuang.txt", "6月份[^。]{0,20}[0-9]+\\.[0-9]分"),
            ("004_fancheng-cw-2025-05-qingkuang.txt", "六月份[^。]{0,20}平均分"),
            ("005_xiangyang-cw-ceping-tongbao-2025-05.txt", "6月份[^。]{0,20}平均(得)?分"),
            ("005_xiangyang-cw-ceping-tongbao-2025-05.txt", "6月份[^。]{0,20}[0-9]+\\.[0-9]分"),
            ("005_xiangyang-cw-ceping-tongbao-2025-05.txt", "六月份[^。]{0,20}平均分"),
            ("006_xiangyang-cgzfw-2024-zongjie-2025-jihua.txt", "6月份[^。]{0,20}平均(得)?分"),
            ("006_xiangyang-cgzfw-2024-zongjie-2025-jihua.txt", "6月份[^。]{0,20}[0-9]+\\.[0-9]分"),
            ("006_xiangyang-cgzfw-2024-zongjie-2025-jihua.txt", "六月份[^。]{0,20}平均分"),
            ("007_xiangyang-fabuhui-beijiexiaoxiang-2025-07.txt", "6月份[^。]{0,20}平均(得)?分"),
            ("007_xiangyang-fabuhui-beijiexiaoxiang-2025-07.txt", "6月份[^。]{0,20}[0-9]+\\.[0-9]分"),
            ("007_xiangyang-fabuhui-beijiexiaoxiang-2025-07.txt", "六月份[^。]{0,20}平均分"),
            ("008_xiangyang-cw-ducha-tongbao-2025-6qi.txt", "6月份[^。]{0,20}平均(得)?分"),
            ("008_xiangyang-cw-ducha-tongbao-2025-6qi.txt", "6月份[^。]{0,20}[0-9]+\\.[0-9]分"),
            ("008_xiangyang-cw-ducha-tongbao-2025-6qi.txt", "六月份[^。]{0,20}平均分"),
            ("009_xiangyang-cg-tishengnian-xinwen.txt", "6月份[^。]{0,20}平均(得)?分"),
            ("009_xiangyang-cg-tishengnian-xinwen.txt", "6月份[^。]{0,20}[0-9]+\\.[0-9]分"),
            ("009_xiangyang-cg-tishengnian-xinwen.txt", "六月份[^。]{0,20}平均分"),
            ("010_xiangyang-cw-yaodian-fenjie-2025.txt", "6月份[^。]{0,20}平均(得)?分"),
            ("010_xiangyang-cw-yaodian-fenjie-2025.txt", "6月份[^。]{0,20}[0-9]+\\.[0-9]分"),
            ("010_xiangyang-cw-yaodian-fenjie-2025.txt", "六月份[^。]{0,20}平均分"),
        ],
    ),
    "t049": (
        "A_period",
        [
            ("doc", "2月份[^。]{0,20}[0-9]+\\.[0-9]+分"),
            ("all", "2月份[^。]{0,30}邗江区[0-9]"),
            ("021_yangzhou-wmb-2024-zongjie-2025-dasuan.txt", "2月份考核"),
            ("022_yangzhou-cw-ceping-2025q1-tongbao.txt", "2月份考核"),
            ("023_yangzhou-cg-changxiao-jianghua.txt", "2月份考核"),
            ("024_yangzhou-cw-zhishi-wenda-fanti.txt", "2月份考核"),
            ("025_guangling-cw-2025q1-xinwen.txt", "2月份考核"),
            ("026_yangzhou-cg-ducha-tongbao-2025-4qi.txt", "2月份考核"),
            ("027_yangzhou-wenming-jiaotong-xinwen.txt", "2月份考核"),
            ("028_yangzhou-nongmao-shichang-fangan-2025.txt", "2月份考核"),
            ("029_yangzhou-laji-fenlei-weixin.txt", "2月份考核"),
            ("030_yangzhou-cg-changxiao-kaohe-03.txt", "2月份考核"),
        ],
    ),
    "t052": (
        "H_notstated",
        [
            ("doc", "组长"),
            ("doc", "带队"),
            ("doc", "主任"),
            ("doc", "局长"),
        ],
    ),
    "t059": (
        "D_subunit",
        [
            ("doc", "樊城区[^。]{0,30}部件"),
            ("all", "樊城[^。]{0,20}部件类[^。]{0,10}[0-9]"),
            ("004_fancheng-cw-2025-05-qingkuang.txt", "部件"),
        ],
    ),
    "t061": (
        "F_cutoff",
        [
            ("doc", "五是"),
            ("all", "品质年[^。]{0,40}五是"),
            ("doc", "安全行动"),
        ],
    ),
    "t062": (
        "E_rank",
        [
            ("doc", "排名"),
            ("doc", "第[一二三四五六七八九十0-9]+名"),
            ("doc", "位列"),
            ("doc", "前列"),
            ("doc", "排第"),
        ],
    ),
    "t064": (
        "K_offtopic",
        [
            ("all", "招聘"),
            ("all", "协管员"),
            ("all", "报名条件"),
            ("all", "招录"),
        ],
    ),
    "t067": (
        "F_cutoff",
        [
            ("doc", "闯红灯的[^。]{0,10}(罚款|处)"),
            ("doc", "行人[^。]{0,20}罚款"),
            ("doc", "罚款[0-9]"),
        ],
    ),
    "t070": (
        "E_rank",
        [
            ("doc", "问卷调查[^。]{0,30}(第[一二三四五六]|排名)"),
            ("doc", "樊城区[^。]{0,20}问卷"),
            ("004_fancheng-cw-2025-05-qingkuang.txt", "问卷"),
        ],
    ),
    "t078": (
        "G_compare",
        [
            ("doc", "同比"),
            ("doc", "去年"),
            ("doc", "2024"),
            ("all", "2024年6月"),
            ("doc", "上年"),
        ],
    ),
    "t079": (
        "F_cutoff",
        [
            ("doc", "满意度[^。]{0,10}[0-9]"),
            ("doc", "满意率"),
            ("all", "2024年[^。]{0,20}城市管理[^。]{0,10}满意度[^。]{0,6}[0-9]"),
        ],
    ),
    "t082": (
        "B_place",
        [
            ("all", "宝应"),
        ],
    ),
    "t085": (
        "A_period",
        [
            ("011_yinchuan-cw-yaodian-fenjie-2025.txt", "5月份[^。]{0,10}立案"),
            ("011_yinchuan-cw-yaodian-fenjie-2025.txt", "5月份[^。；，]{0,20}[0-9,]+件"),
            ("011_yinchuan-cw-yaodian-fenjie-2025.txt", "5月[^。]{0,6}结案率[0-9]"),
            ("012_yinchuan-cw-tuijinhui-jianghua.txt", "5月份[^。]{0,10}立案"),
            ("012_yinchuan-cw-tuijinhui-jianghua.txt", "5月份[^。；，]{0,20}[0-9,]+件"),
            ("012_yinchuan-cw-tuijinhui-jianghua.txt", "5月[^。]{0,6}结案率[0-9]"),
            ("013_yinchuan-szcg-tongbao-2025-06.txt", "5月份[^。]{0,10}立案"),
            ("013_yinchuan-szcg-tongbao-2025-06.txt", "5月份[^。；，]{0,20}[0-9,]+件"),
            ("013_yinchuan-szcg-tongbao-2025-06.txt", "5月[^。]{0,6}结案率[0-9]"),
            ("014_yinchuan-cg-weixin-bannian.txt", "5月份[^。]{0,10}立案"),
            ("014_yinchuan-cg-weixin-bannian.txt", "5月份[^。；，]{0,20}[0-9,]+件"),
            ("014_yinchuan-cg-weixin-bannian.txt", "5月[^。]{0,6}结案率[0-9]"),
            ("015_yinchuan-cg-kaohe-banfa-jiedu.txt", "5月份[^。]{0,10}立案"),
            ("015_yinchuan-cg-kaohe-banfa-jiedu.txt", "5月份[^。；，]{0,20}[0-9,]+件"),
            ("015_yinchuan-cg-kaohe-banfa-jiedu.txt", "5月[^。]{0,6}结案率[0-9]"),
            ("016_yinchuan-cg-kaohe-2025q2-biao.txt", "5月份[^。]{0,10}立案"),
            ("016_yinchuan-cg-kaohe-2025q2-biao.txt", "5月份[^。；，]{0,20}[0-9,]+件"),
            ("016_yinchuan-cg-kaohe-2025q2-biao.txt", "5月[^。]{0,6}结案率[0-9]"),
            ("017_jinfeng-cg-2025q2-baogao.txt", "5月份[^。]{0,10}立案"),
            ("017_jinfeng-cg-2025q2-baogao.txt", "5月份[^。；，]{0,20}[0-9,]+件"),
            ("017_jinfeng-cg-2025q2-baogao.txt", "5月[^。]{0,6}结案率[0-9]"),
            ("018_yinchuan-menqiansanbao-xinwen.txt", "5月份[^。]{0,10}立案"),
            ("018_yinchuan-menqiansanbao-xinwen.txt", "5月份[^。；，]{0,20}[0-9,]+件"),
            ("018_yinchuan-menqiansanbao-xinwen.txt", "5月[^。]{0,6}结案率[0-9]"),
            ("019_yinchuan-cg-shirong-ceping-xize.txt", "5月份[^。]{0,10}立案"),
            ("019_yinchuan-cg-shirong-ceping-xize.txt", "5月份[^。；，]{0,20}[0-9,]+件"),
            ("019_yinchuan-cg-shirong-ceping-xize.txt", "5月[^。]{0,6}结案率[0-9]"),
            ("020_yinchuan-cg-jingxihua-fangan-2025.txt", "5月份[^。]{0,10}立案"),
            ("020_yinchuan-cg-jingxihua-fangan-2025.txt", "5月份[^。；，]{0,20}[0-9,]+件"),
            ("020_yinchuan-cg-jingxihua-fangan-2025.txt", "5月[^。]{0,6}结案率[0-9]"),
        ],
    ),
    "t087": (
        "A_period",
        [
            ("021_yangzhou-wmb-2024-zongjie-2025-dasuan.txt", "第二季度[^。]{0,20}(排名|位列|得分)[^。]{0,6}[0-9第]"),
            ("021_yangzhou-wmb-2024-zongjie-2025-dasuan.txt", "二季度测评[^。]{0,10}(得分|位列|排名)[0-9第]"),
            ("021_yangzhou-wmb-2024-zongjie-2025-dasuan.txt", "二季度[^。]{0,10}广陵区[0-9]"),
            ("022_yangzhou-cw-ceping-2025q1-tongbao.txt", "第二季度[^。]{0,20}(排名|位列|得分)[^。]{0,6}[0-9第]"),
            ("022_yangzhou-cw-ceping-2025q1-tongbao.txt", "二季度测评[^。]{0,10}(得分|位列|排名)[0-9第]"),
            ("022_yangzhou-cw-ceping-2025q1-tongbao.txt", "二季度[^。]{0,10}广陵区[0-9]"),
            ("023_yangzhou-cg-changxiao-jianghua.txt", "第二季度[^。]{0,20}(排名|位列|得分)[^。]{0,6}[0-9第]"),
            ("023_yangzhou-cg-changxiao-jianghua.txt", "二季度测评[^。]{0,10}(得分|位列|排名)[0-9第]"),
            ("023_yangzhou-cg-changxiao-jianghua.txt", "二季度[^。]{0,10}广陵区[0-9]"),
            ("024_yangzhou-cw-zhishi-wenda-fanti.txt", "第二季度[^。]{0,20}(排名|位列|得分)[^。]{0,6}[0-9第]"),
            ("024_yangzhou-cw-zhishi-wenda-fanti.txt", "二季度测评[^。]{0,10}(得分|位列|排名)[0-9第]"),
            ("024_yangzhou-cw-zhishi-wenda-fanti.txt", "二季度[^。]{0,10}广陵区[0-9]"),
            ("025_guangling-cw-2025q1-xinwen.txt", "第二季度[^。]{0,20}(排名|位列|得分)[^。]{0,6}[0-9第]"),
            ("025_guangling-cw-2025q1-xinwen.txt", "二季度测评[^。]{0,10}(得分|位列|排名)[0-9第]"),
            ("025_guangling-cw-2025q1-xinwen.txt", "二季度[^。]{0,10}广陵区[0-9]"),
            ("026_yangzhou-cg-ducha-tongbao-2025-4qi.txt", "第二季度[^。]{0,20}(排名|位列|得分)[^。]{0,6}[0-9第]"),
            ("026_yangzhou-cg-ducha-tongbao-2025-4qi.txt", "二季度测评[^。]{0,10}(得分|位列|排名)[0-9第]"),
            ("026_yangzhou-cg-ducha-tongbao-2025-4qi.txt", "二季度[^。]{0,10}广陵区[0-9]"),
            ("027_yangzhou-wenming-jiaotong-xinwen.txt", "第二季度[^。]{0,20}(排名|位列|得分)[^。]{0,6}[0-9第]"),
            ("027_yangzhou-wenming-jiaotong-xinwen.txt", "二季度测评[^。]{0,10}(得分|位列|排名)[0-9第]"),
            ("027_yangzhou-wenming-jiaotong-xinwen.txt", "二季度[^。]{0,10}广陵区[0-9]"),
            ("028_yangzhou-nongmao-shichang-fangan-2025.txt", "第二季度[^。]{0,20}(排名|位列|得分)[^。]{0,6}[0-9第]"),
            ("028_yangzhou-nongmao-shichang-fangan-2025.txt", "二季度测评[^。]{0,10}(得分|位列|排名)[0-9第]"),
            ("028_yangzhou-nongmao-shichang-fangan-2025.txt", "二季度[^。]{0,10}广陵区[0-9]"),
            ("029_yangzhou-laji-fenlei-weixin.txt", "第二季度[^。]{0,20}(排名|位列|得分)[^。]{0,6}[0-9第]"),
            ("029_yangzhou-laji-fenlei-weixin.txt", "二季度测评[^。]{0,10}(得分|位列|排名)[0-9第]"),
            ("029_yangzhou-laji-fenlei-weixin.txt", "二季度[^。]{0,10}广陵区[0-9]"),
            ("030_yangzhou-cg-changxiao-kaohe-03.txt", "第二季度[^。]{0,20}(排名|位列|得分)[^。]{0,6}[0-9第]"),
            ("030_yangzhou-cg-changxiao-kaohe-03.txt", "二季度测评[^。]{0,10}(得分|位列|排名)[0-9第]"),
            ("030_yangzhou-cg-changxiao-kaohe-03.txt", "二季度[^。]{0,10}广陵区[0-9]"),
        ],
    ),
    "t099": (
        "K_offtopic",
        [
            ("all", "供暖"),
            ("all", "采暖"),
            ("all", "暖气"),
            ("all", "供热"),
        ],
    ),
    "t102": (
        "G_compare",
        [
            ("doc", "去年同期"),
            ("doc", "同比"),
            ("all", "2024年第一季度"),
            ("025_guangling-cw-2025q1-xinwen.txt", "同比"),
            ("025_guangling-cw-2025q1-xinwen.txt", "去年"),
        ],
    ),
    "t103": (
        "A_period",
        [
            ("001_xiangyang-cw-ceping-xize-2025.txt", "6月份[^。]{0,30}(立案|结案)"),
            ("001_xiangyang-cw-ceping-xize-2025.txt", "6月[^。]{0,6}结案率"),
            ("002_xiangyang-szcg-tongbao-2025-04.txt", "6月份[^。]{0,30}(立案|结案)"),
            ("002_xiangyang-szcg-tongbao-2025-04.txt", "6月[^。]{0,6}结案率"),
            ("003_xiangyang-szcg-tongbao-2025-05.txt", "6月份[^。]{0,30}(立案|结案)"),
            ("003_xiangyang-szcg-tongbao-2025-05.txt", "6月[^。]{0,6}结案率"),
            ("004_fancheng-cw-2025-05-qingkuang.txt", "6月份[^。]{0,30}(立案|结案)"),
            ("004_fancheng-cw-2025-05-qingkuang.txt", "6月[^。]{0,6}结案率"),
            ("005_xiangyang-cw-ceping-tongbao-2025-05.txt", "6月份[^。]{0,30}(立案|结案)"),
            ("005_xiangyang-cw-ceping-tongbao-2025-05.txt", "6月[^。]{0,6}结案率"),
            ("006_xiangyang-cgzfw-2024-zongjie-2025-jihua.txt", "6月份[^。]{0,30}(立案|结案)"),
            ("006_xiangyang-cgzfw-2024-zongjie-2025-jihua.txt", "6月[^。]{0,6}结案率"),
            ("007_xiangyang-fabuhui-beijiexiaoxiang-2025-07.txt", "6月份[^。]{0,30}(立案|结案)"),
            ("007_xiangyang-fabuhui-beijiexiaoxiang-2025-07.txt", "6月[^。]{0,6}结案率"),
            ("008_xiangyang-cw-ducha-tongbao-2025-6qi.txt", "6月份[^。]{0,30}(立案|结案)"),
            ("008_xiangyang-cw-ducha-tongbao-2025-6qi.txt", "6月[^。]{0,6}结案率"),
            ("009_xiangyang-cg-tishengnian-xinwen.txt", "6月份[^。]{0,30}(立案|结案)"),
            ("009_xiangyang-cg-tishengnian-xinwen.txt", "6月[^。]{0,6}结案率"),
            ("010_xiangyang-cw-yaodian-fenjie-2025.txt", "6月份[^。]{0,30}(立案|结案)"),
            ("010_xiangyang-cw-yaodian-fenjie-2025.txt", "6月[^。]{0,6}结案率"),
            ("all", "2025年第6期[^。]{0,40}数字城管"),
        ],
    ),
    "t109": (
        "D_subunit",
        [
            ("doc", "樊城区[^。]{0,30}视频"),
            ("all", "樊城[^。]{0,30}视频智能发现"),
            ("004_fancheng-cw-2025-05-qingkuang.txt", "视频"),
        ],
    ),
    "t113": (
        "J_score",
        [
            ("doc", "工地"),
            ("doc", "围挡"),
            ("015_yinchuan-cg-kaohe-banfa-jiedu.txt", "工地"),
        ],
    ),
    "t114": (
        "E_rank",
        [
            ("doc", "江都区[^。]{0,30}按期处置"),
            ("doc", "按期处置率[^。]{0,30}(第[一二三四五六]|排名)"),
            ("023_yangzhou-cg-changxiao-jianghua.txt", "江都区[^。]{0,20}(第[一二三四五六]|排名)"),
        ],
    ),
    "t115": (
        "D_subunit",
        [
            ("all", "黄河东路"),
        ],
    ),
    "t119": (
        "D_subunit",
        [
            ("doc", "邗江区[^。]{0,20}满意率"),
            ("doc", "满意率[^。]{0,5}邗江"),
            ("all", "邗江[^。]{0,30}满意率[0-9]"),
        ],
    ),
    "t126": (
        "I_target_result",
        [
            ("doc", "建成[^。]{0,10}示范点"),
            ("doc", "示范点[^。]{0,6}(已|建成)"),
            ("all", "文明实践示范点[0-9]+个[^（]"),
        ],
    ),
}

# The same for the unanswerable follow-ups (must_contain [] and evidence []).
FOLLOWUP_PROBES = {
    "w01": (
        "A_period",
        [
            ("021_yangzhou-wmb-2024-zongjie-2025-dasuan.txt", "第二季度[^。]{0,20}平均得分"),
            ("021_yangzhou-wmb-2024-zongjie-2025-dasuan.txt", "二季度[^。]{0,10}平均[^。]{0,6}[0-9]"),
            ("022_yangzhou-cw-ceping-2025q1-tongbao.txt", "第二季度[^。]{0,20}平均得分"),
            ("022_yangzhou-cw-ceping-2025q1-tongbao.txt", "二季度[^。]{0,10}平均[^。]{0,6}[0-9]"),
            ("023_yangzhou-cg-changxiao-jianghua.txt", "第二季度[^。]{0,20}平均得分"),
            ("023_yangzhou-cg-changxiao-jianghua.txt", "二季度[^。]{0,10}平均[^。]{0,6}[0-9]"),
            ("024_yangzhou-cw-zhishi-wenda-fanti.txt", "第二季度[^。]{0,20}平均得分"),
            ("024_yangzhou-cw-zhishi-wenda-fanti.txt", "二季度[^。]{0,10}平均[^。]{0,6}[0-9]"),
            ("025_guangling-cw-2025q1-xinwen.txt", "第二季度[^。]{0,20}平均得分"),
            ("025_guangling-cw-2025q1-xinwen.txt", "二季度[^。]{0,10}平均[^。]{0,6}[0-9]"),
            ("026_yangzhou-cg-ducha-tongbao-2025-4qi.txt", "第二季度[^。]{0,20}平均得分"),
            ("026_yangzhou-cg-ducha-tongbao-2025-4qi.txt", "二季度[^。]{0,10}平均[^。]{0,6}[0-9]"),
            ("027_yangzhou-wenming-jiaotong-xinwen.txt", "第二季度[^。]{0,20}平均得分"),
            ("027_yangzhou-wenming-jiaotong-xinwen.txt", "二季度[^。]{0,10}平均[^。]{0,6}[0-9]"),
            ("028_yangzhou-nongmao-shichang-fangan-2025.txt", "第二季度[^。]{0,20}平均得分"),
            ("028_yangzhou-nongmao-shichang-fangan-2025.txt", "二季度[^。]{0,10}平均[^。]{0,6}[0-9]"),
            ("029_yangzhou-laji-fenlei-weixin.txt", "第二季度[^。]{0,20}平均得分"),
            ("029_yangzhou-laji-fenlei-weixin.txt", "二季度[^。]{0,10}平均[^。]{0,6}[0-9]"),
            ("030_yangzhou-cg-changxiao-kaohe-03.txt", "第二季度[^。]{0,20}平均得分"),
            ("030_yangzhou-cg-changxiao-kaohe-03.txt", "二季度[^。]{0,10}平均[^。]{0,6}[0-9]"),
        ],
    ),
    "w05": (
        "B_place",
        [
            ("all", "宝应"),
        ],
    ),
    "w06": (
        "H_notstated",
        [
            ("doc", "科"),
            ("doc", "负责人"),
            ("doc", "牵头"),
        ],
    ),
    "w08": (
        "D_subunit",
        [
            ("doc", "老旧小区[^。]{0,20}[0-9]+个"),
            ("doc", "[0-9]+个老旧小区"),
        ],
    ),
    "w09": (
        "A_period",
        [
            ("doc", "2月份[^。]{0,20}[0-9]+\\.[0-9]+分"),
            ("all", "2月份[^。]{0,30}邗江区[0-9]"),
        ],
    ),
    "w15": (
        "D_subunit",
        [
            ("all", "邗江区[^。]{0,30}整改率"),
            ("all", "邗江区[^。]{0,20}整改[^。]{0,10}[0-9]+处"),
        ],
    ),
    "w20": (
        "I_target_result",
        [
            ("011_yinchuan-cw-yaodian-fenjie-2025.txt", "(目标|年内|全年|今年)[^。]{0,10}口袋公园"),
            ("011_yinchuan-cw-yaodian-fenjie-2025.txt", "口袋公园[^。]{0,10}(目标|任务)"),
            ("012_yinchuan-cw-tuijinhui-jianghua.txt", "(目标|年内|全年|今年)[^。]{0,10}口袋公园"),
            ("012_yinchuan-cw-tuijinhui-jianghua.txt", "口袋公园[^。]{0,10}(目标|任务)"),
            ("013_yinchuan-szcg-tongbao-2025-06.txt", "(目标|年内|全年|今年)[^。]{0,10}口袋公园"),
            ("013_yinchuan-szcg-tongbao-2025-06.txt", "口袋公园[^。]{0,10}(目标|任务)"),
            ("014_yinchuan-cg-weixin-bannian.txt", "(目标|年内|全年|今年)[^。]{0,10}口袋公园"),
            ("014_yinchuan-cg-weixin-bannian.txt", "口袋公园[^。]{0,10}(目标|任务)"),
            ("015_yinchuan-cg-kaohe-banfa-jiedu.txt", "(目标|年内|全年|今年)[^。]{0,10}口袋公园"),
            ("015_yinchuan-cg-kaohe-banfa-jiedu.txt", "口袋公园[^。]{0,10}(目标|任务)"),
            ("016_yinchuan-cg-kaohe-2025q2-biao.txt", "(目标|年内|全年|今年)[^。]{0,10}口袋公园"),
            ("016_yinchuan-cg-kaohe-2025q2-biao.txt", "口袋公园[^。]{0,10}(目标|任务)"),
            ("017_jinfeng-cg-2025q2-baogao.txt", "(目标|年内|全年|今年)[^。]{0,10}口袋公园"),
            ("017_jinfeng-cg-2025q2-baogao.txt", "口袋公园[^。]{0,10}(目标|任务)"),
            ("018_yinchuan-menqiansanbao-xinwen.txt", "(目标|年内|全年|今年)[^。]{0,10}口袋公园"),
            ("018_yinchuan-menqiansanbao-xinwen.txt", "口袋公园[^。]{0,10}(目标|任务)"),
            ("019_yinchuan-cg-shirong-ceping-xize.txt", "(目标|年内|全年|今年)[^。]{0,10}口袋公园"),
            ("019_yinchuan-cg-shirong-ceping-xize.txt", "口袋公园[^。]{0,10}(目标|任务)"),
            ("020_yinchuan-cg-jingxihua-fangan-2025.txt", "(目标|年内|全年|今年)[^。]{0,10}口袋公园"),
            ("020_yinchuan-cg-jingxihua-fangan-2025.txt", "口袋公园[^。]{0,10}(目标|任务)"),
        ],
    ),
    "w28": (
        "A_period",
        [
            ("doc", "同比"),
            ("doc", "去年"),
            ("all", "2024年6月"),
            ("doc", "上年"),
        ],
    ),
    "w30": (
        "F_cutoff",
        [
            ("doc", "五是"),
            ("doc", "安全行动"),
        ],
    ),
}

WS = re.compile(r"\s+")


def squash(text):
    return WS.sub("", text)


def load_corpus():
    docs = {}
    for name in sorted(os.listdir(CORPUS)):
        if name.endswith(".txt"):
            with open(os.path.join(CORPUS, name), encoding="utf-8") as fh:
                docs[name] = squash(fh.read())
    return docs


def load_jsonl(path):
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rows.append(json.loads(line))
    return rows


def is_str_list(value):
    return isinstance(value, list) and all(isinstance(x, str) and x for x in value)


def check_answerable(item, docs, errors, counters, multi=False):
    name = item["doc"]
    if name not in docs:
        errors["unknown_doc"] += 1
        return
    if not is_str_list(item["evidence"]) or not item["evidence"]:
        errors["evidence_empty_or_bad"] += 1
        return
    hit_docs = set()
    for ev in item["evidence"]:
        counters["evidence_checked"] += 1
        if WS.search(ev):
            errors["evidence_has_whitespace"] += 1
        if not EV_MIN <= len(ev) <= EV_MAX:
            errors["evidence_bad_length"] += 1
        found = {n for n, t in docs.items() if ev in t} if multi else {name} if ev in docs[name] else set()
        if not found:
            errors["evidence_not_in_doc"] += 1
        hit_docs |= found
    if name not in hit_docs:
        errors["no_evidence_in_main_doc"] += 1
    if multi and not hit_docs - {name}:
        errors["multi_doc_without_second_document"] += 1
    if multi:
        counters["multi_doc_second_documents"] += len(hit_docs - {name}) > 0
    allowed = [docs[n] for n in (hit_docs | {name})]
    if not is_str_list(item["must_contain"]) or not item["must_contain"]:
        errors["must_contain_empty_or_bad"] += 1
        return
    for s in item["must_contain"]:
        counters["must_contain_checked"] += 1
        if WS.search(s) or not any(s in t for t in allowed):
            errors["must_contain_not_in_doc"] += 1


def run_probes(entry, name, docs, errors, counters):
    for scope, pattern in entry[1]:
        rx = re.compile(pattern)
        if scope == "doc":
            targets = [docs[name]]
        elif scope == "all":
            targets = list(docs.values())
        elif scope in docs:
            targets = [docs[scope]]
        else:
            errors["probe_bad_scope"] += 1
            continue
        counters["probes_checked"] += 1
        if any(rx.search(t) for t in targets):
            errors["probe_matched_tempting_text"] += 1


def check_unanswerable(item, docs, errors, counters, table):
    if item["answer"] != "无":
        errors["unanswerable_answer_not_无"] += 1
    if item["must_contain"] != [] or item["evidence"] != []:
        errors["unanswerable_nonempty_lists"] += 1
    name = item["doc"]
    if not isinstance(name, str) or name not in docs:
        errors["unknown_doc"] += 1
        return
    entry = table.get(item["id"])
    if not entry or not entry[1]:
        errors["unanswerable_without_probes"] += 1
        return
    if entry[0] not in KINDS:
        errors["unknown_probe_kind"] += 1
    run_probes(entry, name, docs, errors, counters)


def check_questions(questions, docs, errors, counters, used):
    ids = [q.get("id") for q in questions]
    if ids != [f"t{i:03d}" for i in range(1, N_QUESTIONS + 1)]:
        errors["question_ids_not_t001_to_t130"] += 1
    type_counts = Counter(q.get("type") for q in questions)
    for t, n in EXPECTED_TYPES.items():
        if type_counts.get(t, 0) != n:
            errors["type_count_mismatch_" + t] += 1
    if set(type_counts) - set(EXPECTED_TYPES):
        errors["unknown_type"] += 1
    texts = [q.get("question") for q in questions]
    if len(set(texts)) != len(texts):
        errors["duplicate_question_text"] += 1

    for q in questions:
        if set(q) != Q_FIELDS:
            errors["question_bad_fields"] += 1
            continue
        if not isinstance(q["question"], str) or not q["question"].strip():
            errors["empty_question"] += 1
        if not isinstance(q["answer"], str) or not q["answer"].strip():
            errors["empty_answer"] += 1
        if not isinstance(q["doc"], str):
            errors["doc_must_be_a_string"] += 1
            continue
        used[q["doc"]] += 1
        if q["type"] == "unanswerable":
            check_unanswerable(q, docs, errors, counters, PROBES)
        else:
            check_answerable(q, docs, errors, counters, multi=q["type"] == "multi_doc")
            if q["id"] in PROBES:
                errors["probes_for_answerable_item"] += 1
    unans = {q.get("id") for q in questions if q.get("type") == "unanswerable"}
    if set(PROBES) - unans:
        errors["probes_for_non_unanswerable_ids"] += len(set(PROBES) - unans)
    kind_counts = Counter(entry[0] for entry in PROBES.values())
    for kind in KINDS:
        counters["probe_kind_" + kind] = kind_counts.get(kind, 0)
        if kind_counts.get(kind, 0) < MIN_PER_KIND:
            errors["too_few_probes_of_kind_" + kind] += 1
    if kind_counts.get("K_offtopic", 0) > MAX_OFFTOPIC:
        errors["too_many_K_offtopic"] += 1
    return type_counts


def check_followups(followups, docs, errors, counters, used):
    fids = [f.get("id") for f in followups]
    if fids != [f"w{i:02d}" for i in range(1, N_FOLLOWUPS + 1)]:
        errors["followup_ids_not_w01_to_w30"] += 1
    texts = [(tuple(f.get("history") or []), f.get("question")) for f in followups]
    if len(set(texts)) != len(texts):
        errors["duplicate_followup"] += 1
    n_unans = 0
    for f in followups:
        if set(f) != F_FIELDS:
            errors["followup_bad_fields"] += 1
            continue
        if f["type"] != "followup":
            errors["followup_bad_type"] += 1
        if not (is_str_list(f["history"]) and 1 <= len(f["history"]) <= 3):
            errors["followup_bad_history"] += 1
        if not isinstance(f["question"], str) or not f["question"].strip():
            errors["empty_question"] += 1
        if not isinstance(f["answer"], str) or not f["answer"].strip():
            errors["empty_answer"] += 1
        if not isinstance(f["doc"], str):
            errors["followup_doc_must_be_string"] += 1
            continue
        used[f["doc"]] += 1
        if f["must_contain"] == [] and f["evidence"] == []:
            n_unans += 1
            check_unanswerable(f, docs, errors, counters, FOLLOWUP_PROBES)
        else:
            check_answerable(f, docs, errors, counters)
            if f["id"] in FOLLOWUP_PROBES:
                errors["probes_for_answerable_followup"] += 1
    counters["followups_unanswerable"] = n_unans
    if n_unans < MIN_UNANSWERABLE_FOLLOWUPS:
        errors["too_few_unanswerable_followups"] += 1
    if len(FOLLOWUP_PROBES) != n_unans:
        errors["followup_probe_count_mismatch"] += 1


def main():
    docs = load_corpus()
    errors = Counter()
    counters = Counter()
    used = Counter()

    questions = load_jsonl(os.path.join(HERE, "questions.jsonl"))
    followups = load_jsonl(os.path.join(HERE, "followups.jsonl"))
    type_counts = check_questions(questions, docs, errors, counters, used)
    check_followups(followups, docs, errors, counters, used)

    if len(docs) != N_DOCS:
        errors["document_count_not_30"] += 1
    lengths = [len(t) for t in docs.values()] or [0]
    if any(not DOC_MIN <= n <= DOC_MAX for n in lengths):
        errors["document_length_out_of_range"] += 1
    n_long = sum(n > DOC_LONG for n in lengths)
    if n_long < N_LONG:
        errors["too_few_long_documents"] += 1

    unused = [n for n in docs if used[n] == 0]
    if unused:
        errors["documents_without_items"] += len(unused)

    print("documents:", len(docs))
    print(f"document length: min {min(lengths)}, max {max(lengths)}, over {DOC_LONG}: {n_long}")
    print("questions:", len(questions))
    for t in EXPECTED_TYPES:
        print(f"  {t:<13} {type_counts.get(t, 0)}")
    print("followups:", len(followups))
    for k in sorted(counters):
        print(f"{k}: {counters[k]}")
    if docs:
        low = min(used[n] for n in docs)
        high = max(used[n] for n in docs)
        print(f"items per document (doc field): min {low}, max {high}")
    if errors:
        print("FAILED checks:")
        for k in sorted(errors):
            print(f"  {k}: {errors[k]}")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
