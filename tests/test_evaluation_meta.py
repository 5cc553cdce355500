"""Metadata accuracy against hand labels, on files made in the test."""

import json

from assistant.evaluation.meta import evaluate_meta


def test_metadata_is_compared_field_by_field(tmp_path):
    (tmp_path / "a.txt").write_text(
        "来源:咸宁网 时间:2021-10-25 10:15\n2021年\n咸宁市城市管理局工作总结\n一、工作情况\n全年处置案件8200件。",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text("据统计，截止目前，执法人员共疏导占道经营摊点40余处。", encoding="utf-8")
    labels = tmp_path / "labels.jsonl"
    labels.write_text(
        "\n".join(
            json.dumps(x, ensure_ascii=False)
            for x in [
                {
                    "path": "a.txt",
                    "title": "2021年咸宁市城市管理局工作总结",
                    "years": [2021],
                    "place": "咸宁市",
                    "body_kind": "城管",
                    "kind": "工作总结",
                },
                {
                    "path": "b.txt",
                    "title": "疏导占道经营",
                    "years": [2024],
                    "place": "",
                    "body_kind": "",
                    "kind": "新闻报道",
                },
            ]
        ),
        encoding="utf-8",
    )
    report = evaluate_meta(labels, tmp_path)
    first, second = (row[3] for row in report.rows)
    assert first == {"title": True, "year": True, "place": True, "body": True, "kind": True}
    assert not second["year"] and second["place"] and second["body"]
    assert report.accuracy()["year"] == 0.5 and report.accuracy()["documents"] == 2
