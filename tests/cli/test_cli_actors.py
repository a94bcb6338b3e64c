"""`forewarn actors`: check actor files and show office coverage (invented people)."""
from __future__ import annotations

HEADER = "name\taliases\tcountry\tsector\trole\tstart\tend\toffice\n"


def test_actors_reports_coverage_of_a_user_file(cli, tmp_path):
    path = tmp_path / "mine.tsv"
    path.write_text(HEADER + "Ada Vell\t\tNOR\tGOV\tPrime Minister\t1999-01-01\t\thead_of_government\n",
                    encoding="utf-8")
    result = cli("actors", path, "--country", "nor", "--until", "2010-01-01")
    assert result.exit_code == 0, result.output
    row = next(line for line in result.stdout.splitlines() if "NOR" in line)
    assert row.split("│")[1:6] == [" NOR     ", " 0.00          ", " 1.00               ",
                                    " 0.00             ", " 0.00             "]


def test_actors_exits_1_on_overlapping_terms(cli, tmp_path):
    path = tmp_path / "mine.tsv"
    path.write_text(HEADER + "Ada Vell\t\tNOR\tGOV\tKing\t2001-01-01\t\thead_of_state\n"
                    "Cy Morrow\t\tNOR\tGOV\tKing\t2005-01-01\t\thead_of_state\n", encoding="utf-8")
    result = cli("actors", path, "--country", "NOR", "--until", "2010-01-01")
    assert result.exit_code == 1
    assert "overlap: NOR head_of_state: Ada Vell" in result.output


def test_actors_names_the_bad_line(cli, tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_text(HEADER + "Ada Vell\t\tNOR\tGOV\tKing\t2001-01-01\t\tqueen\n", encoding="utf-8")
    result = cli("actors", path)
    assert result.exit_code == 1
    assert "bad.tsv, line 2: unknown office 'queen'" in result.output
