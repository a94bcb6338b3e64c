"""Tests for the actors-voa evaluation task (forewarn.eval.actors_voa)."""
from __future__ import annotations

import re

import pytest

from forewarn.eval import TASKS
from forewarn.eval.actors_voa import DATA, GOLD, GoldMention, read_gold, read_stories, score
from forewarn.models import Actor

# Floors for the whole dev set (strict: a missed mention counts wrong); floors only go up.
FLOORS = {"coverage": 0.93, "country_accuracy": 0.85, "sector_accuracy": 0.85, "media_exclusion": 0.95}
_NAME_LIKE = re.compile(r"^[\w.\u2019'’-][\w .,\u2019'’&()-]*[\w.]$")


def test_task_is_registered():
    assert TASKS["actors-voa"].gold == GOLD


def test_dev_set_has_200_actor_mentions_of_every_kind():
    gold = read_gold()
    kinds = {g.kind for g in gold}
    assert sum(g.kind != "media" for g in gold) >= 200
    assert {"person", "institution", "capital", "demonym", "igo", "media", "country"} <= kinds


def test_dev_set_offsets_point_at_name_like_spans(shared):
    stories = read_stories(shared / GOLD)
    for g in read_gold():
        span = stories[g.story_id][0][g.start:g.end]
        assert span == span.strip() and "\n" not in span and _NAME_LIKE.match(span), (g, span)


def test_score_counts_a_miss_as_wrong_and_media_as_excluded():
    gold = [GoldMention("1", 0, 5, "RUS", "GOV", "country"), GoldMention("1", 10, 15, "UKR", "MIL", "institution"),
            GoldMention("1", 20, 24, None, None, "media")]
    resolved = {"1": [Actor("Russia", 0, 6, "RUS", "GOV")]}
    result = score(gold, resolved)
    assert result.metrics["coverage"] == 0.5
    assert result.metrics["country_accuracy"] == 0.5 and result.metrics["country_accuracy_found"] == 1.0
    assert result.metrics["media_exclusion"] == 1.0


def test_score_media_returned_as_actor_is_an_error():
    gold = [GoldMention("1", 0, 4, None, None, "media")]
    result = score(gold, {"1": [Actor("TASS", 0, 4, "RUS", "MED")]})
    assert result.metrics["media_exclusion"] == 0.0 and result.tables["errors"]


def test_malformed_gold_line_names_the_line(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("story_id\tstart\tend\tcountry\tsector\tkind\n1\t5\t3\tRUS\tGOV\tcountry\n", encoding="utf-8")
    from forewarn.errors import InputError
    with pytest.raises(InputError, match="line 2"):
        read_gold(bad)


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_actors_voa_scores_at_least_the_floor(shared, voa_result, metric):
    assert voa_result.metrics[metric] >= FLOORS[metric], voa_result.metrics


@pytest.fixture(scope="module")
def voa_result(shared):
    return TASKS["actors-voa"].run(shared, limit=None)


def test_data_file_is_in_the_package():
    assert DATA.exists()
