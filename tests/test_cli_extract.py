"""``kg extract`` from the command line: one article, a folder, outputs, --check and errors."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from kg.cli import cli
from tests.conftest import ROOT

DATA = str(ROOT / "data")
FOUNDING = ROOT / "tests" / "fixtures" / "extraction" / "founding" / "azertac.txt"


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["extract", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_one_article_as_json(tmp_path: Path) -> None:
    code, out, err = _run(str(FOUNDING), "--published", "2024", "--format", "json", "--data", DATA)
    assert code == 0, err
    result = json.loads(out)
    assert result["article"] == {"language": "az", "published": "2024", "source": None}
    subject = [e for e in result["events"] if not e["mentioned"]]
    assert [e["kind"] for e in subject] == ["meeting"]
    assert "Drafted" in err  # the summary goes to standard error, not into the JSON


def test_json_to_a_file_with_a_source(tmp_path: Path) -> None:
    out_file = tmp_path / "draft.json"
    code, out, err = _run(str(FOUNDING), "--published", "2024", "--source", "https://azertag.az/xeber/x",
                          "--format", "json", "-o", str(out_file), "--data", DATA, "--quiet")  # fmt: skip
    assert code == 0, err
    assert out == "" and err == ""
    assert json.loads(out_file.read_text(encoding="utf-8"))["article"]["source"] == "https://azertag.az/xeber/x"


def test_a_folder_gives_one_draft_per_article(tmp_path: Path) -> None:
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text("Ilham Aliyev received Shavkat Mirziyoyev in Baku on 3 May 2024.\n", encoding="utf-8")
    (news / "b.txt").write_text("Сахиль Бабаев 16 апреля провёл видеовстречу с Бехзодом Мусаевым.\n", encoding="utf-8")
    drafts = tmp_path / "drafts"
    code, _, err = _run(str(news), "--published", "2024-05-04", "--format", "json", "-o", str(drafts), "--data",
                        DATA, "--quiet")  # fmt: skip
    assert code == 0, err
    assert sorted(p.name for p in drafts.iterdir()) == ["a.json", "b.json"]
    a = json.loads((drafts / "a.json").read_text(encoding="utf-8"))
    b = json.loads((drafts / "b.json").read_text(encoding="utf-8"))
    assert (a["article"]["language"], b["article"]["language"]) == ("en", "ru")
    assert [e["date"] for e in a["events"]] == ["2024-05-03"]
    assert {p["id"] for p in b["events"][0]["participants"]} == {"sahil-babayev", "behzod-musayev"}


def test_several_articles_without_output_are_json_lines(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text("Ilham Aliyev received Shavkat Mirziyoyev.\n", encoding="utf-8")
    code, out, err = _run(str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--published", "2024", "--format",
                          "json", "--data", DATA, "--quiet")  # fmt: skip
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == 2 and all(json.loads(line)["events"] for line in lines)


def test_bad_published_date_is_a_clear_error(tmp_path: Path) -> None:
    code, out, err = _run(str(FOUNDING), "--published", "last year", "--data", DATA)
    assert code != 0 and out == ""
    assert "Error:" in err and "--published" in err and "YYYY" in err
    assert "Traceback" not in err


def test_a_file_that_is_not_text(tmp_path: Path) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\xff\xd8\xff\xe0 not text")
    code, _, err = _run(str(binary), "--data", DATA)
    assert code == 2
    assert "photo.txt" in err and "UTF-8" in err


def test_a_folder_with_no_articles(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    code, _, err = _run(str(tmp_path / "empty"), "--data", DATA)
    assert code != 0 and "no .txt article" in err


def test_several_articles_into_a_file_is_refused(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text("They met.\n", encoding="utf-8")
    target = tmp_path / "out.json"
    target.write_text("keep me", encoding="utf-8")
    code, _, err = _run(str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-o", str(target), "--data", DATA)
    assert code != 0 and "folder" in err
    assert target.read_text(encoding="utf-8") == "keep me"


def test_no_article_named(tmp_path: Path) -> None:
    code, _, err = _run("--data", DATA)
    assert code != 0 and "at least one article" in err


def test_yaml_draft_by_default(tmp_path: Path) -> None:
    import yaml

    out_file = tmp_path / "draft.yaml"
    code, _, err = _run(str(FOUNDING), "--published", "2024", "--source", "https://azertag.az/xeber/x", "--publisher",
                        "AZERTAC", "-o", str(out_file), "--data", DATA)  # fmt: skip
    assert code == 0, err
    text = out_file.read_text(encoding="utf-8")
    assert text.startswith("# Draft by kg extract") and "# evidence: " in text
    records = yaml.safe_load(text)
    assert records["sources"][0]["publisher"] == "AZERTAC"
    assert records["sources"][0]["url"] == "https://azertag.az/xeber/x"
    assert "Note:" not in err
    code, _, err = _run(str(FOUNDING), "--published", "2024", "--data", DATA)
    assert code == 0 and "no --source address" in err


def test_a_source_that_is_not_an_address(tmp_path: Path) -> None:
    code, _, err = _run(str(FOUNDING), "--source", "azertag.az/xeber", "--data", DATA)
    assert code != 0 and "--source" in err and "http" in err


def test_an_empty_and_a_huge_article(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    code, out, err = _run(str(empty), "--format", "json", "--data", DATA)
    assert code == 0 and json.loads(out)["events"] == [] and "holds no text" in err
    huge = tmp_path / "huge.txt"
    huge.write_text("The ministers met. " * 20_000, encoding="utf-8")
    code, out, err = _run(str(huge), "--format", "json", "--data", DATA)
    assert code == 1 and out == "" and "huge.txt" in err and "one article per file" in err
