"""The people table's office column, its coverage report and overlap check (invented people)."""
from __future__ import annotations

import datetime as dt

import pytest

from forewarn.errors import KnowledgeError
from forewarn.resolve.actor_knowledge import OFFICES, load_knowledge
from forewarn.resolve.offices import office_conflicts, office_coverage, office_terms

HEADER = "name\taliases\tcountry\tsector\trole\tstart\tend\toffice\n"
UNTIL = dt.date(2009, 12, 31)


def _kb(tmp_path, rows: str):
    path = tmp_path / "offices.tsv"
    path.write_text("# invented office holders\n" + HEADER + rows, encoding="utf-8")
    return load_knowledge([path])


def test_office_column_is_read_and_optional(tmp_path):
    kb = _kb(tmp_path, "Ada Vell\t\tNOR\tGOV\tPresident\t2001-01-01\t2004-12-31\thead_of_state|head_of_government\n"
                       "Bo Trask\t\tNOR\tGOV\tspokesperson\t2001-01-01\t\t\n")
    assert kb.people["Ada Vell"].roles[-1].offices == ("head_of_state", "head_of_government")
    assert kb.people["Bo Trask"].roles[-1].offices == ()


def test_unknown_office_names_file_line_and_choices(tmp_path):
    with pytest.raises(KnowledgeError) as err:
        _kb(tmp_path, "Ada Vell\t\tNOR\tGOV\tPresident\t2001-01-01\t\tqueen_mother\n")
    message = str(err.value)
    assert "offices.tsv, line 3" in message and "unknown office 'queen_mother'" in message
    assert all(o in message for o in OFFICES)


def test_coverage_counts_days_with_a_holder_and_merges_handovers(tmp_path):
    kb = _kb(tmp_path,
             "Ada Vell\t\tNOR\tGOV\tForeign Minister\t1998-05-01\t2004-12-31\tforeign_minister\n"
             "Cy Morrow\t\tNOR\tGOV\tForeign Minister\t2004-12-31\t\tforeign_minister\n"
             "Di Ost\t\tNOR\tMIL\tChief of Defence\t2005-01-01\t2007-06-30\tmilitary_chief\n")
    shares = office_coverage(kb, UNTIL, countries=["NOR"])["NOR"]
    assert shares["foreign_minister"] == 1.0          # open end runs to the report's last day
    days = (UNTIL - dt.date(2000, 1, 1)).days + 1
    assert shares["military_chief"] == pytest.approx(((dt.date(2007, 6, 30) - dt.date(2005, 1, 1)).days + 1) / days)
    assert shares["head_of_state"] == 0.0
    assert [t.person for t in office_terms(kb, UNTIL)[("NOR", "foreign_minister")]] == ["Ada Vell", "Cy Morrow"]


def test_overlapping_terms_are_conflicts_but_a_short_handover_is_not(tmp_path):
    kb = _kb(tmp_path,
             "Ada Vell\t\tNOR\tGOV\tDefence Minister\t2001-01-01\t2003-03-01\tdefence_minister\n"
             "Cy Morrow\t\tNOR\tGOV\tDefence Minister\t2003-02-27\t2005-01-01\tdefence_minister\n"
             "Di Ost\t\tNOR\tGOV\tDefence Minister\t2004-06-01\t\tdefence_minister\n")
    conflicts = office_conflicts(kb, UNTIL)
    assert [(c.first.person, c.second.person) for c in conflicts] == [("Cy Morrow", "Di Ost")]
    assert conflicts[0].days == (dt.date(2005, 1, 1) - dt.date(2004, 6, 1)).days


def test_packaged_offices_have_no_overlapping_terms():
    conflicts = office_conflicts(load_knowledge(), dt.date(2026, 11, 27))
    assert not conflicts, "\n".join(f"{c.first.country} {c.first.office}: {c.first.person} / {c.second.person}"
                                    for c in conflicts[:20])
