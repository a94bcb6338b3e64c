"""`forewarn code --json`: one interchange document per line, in input order, nothing stored."""
from __future__ import annotations

import json

TEXTS = [
    "Russian troops shelled the Ukrainian city of Kharkiv on Tuesday, Ukraine's defense ministry said.",
    "The European Union imposed new sanctions on Iran on Monday over its drone exports.",
    "Indian Prime Minister Narendra Modi met Sri Lankan President Ranil Wickremesinghe in New Delhi on Friday.",
    "Police in Georgia arrested dozens of protesters outside the parliament in Tbilisi on Thursday.",
    "Sudan's army and the Rapid Support Forces agreed to a ceasefire on Sunday, mediators said.",
]


def test_code_json_prints_one_document_per_line_in_input_order(cli, tmp_path):
    source = tmp_path / "wire.jsonl"
    records = [{"url": f"https://wire.example.org/2024/06/{i:02d}/story", "title": f"Story {i}",
                "published": f"2024-06-{i:02d}", "outlet": "Example Wire", "text": text}
               for i, text in enumerate(TEXTS, start=1)]
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    # batches of two, so the order must hold across batch boundaries too
    result = cli("code", source, "--json", env={"FOREWARN_BATCH_SIZE": "2"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == len(records)
    documents = [json.loads(line) for line in lines]
    assert [d["article"]["url"] for d in documents] == [r["url"] for r in records]
    assert [d["article"]["title"] for d in documents] == [r["title"] for r in records]
    assert all({"article", "events", "quotes", "actors", "places", "dates"} <= set(d) for d in documents)
    assert any(d["events"] for d in documents)
    assert all(e["article_id"] == d["article"]["article_id"] for d in documents for e in d["events"])


def test_code_stores_nothing(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    source = tmp_path / "one.txt"
    source.write_text(TEXTS[1] + "\n", encoding="utf-8")
    result = cli("code", source, "--published", "2024-06-03")
    assert result.exit_code == 0, result.output
    assert list(tmp_path.glob("*.db")) == []
