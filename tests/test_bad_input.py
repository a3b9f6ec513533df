"""Bad input for `kg ingest`: one clear line each, exit 1 (0 with --keep-going), and the store left untouched."""

import gzip
import json
import os
import shutil
from pathlib import Path

import pytest

from kg.cli import main
from tests.store_digest import file_names, fingerprint, graphs

GOOD = "date: 2025-10-02\ntitle: Quiet front\n\nUkrainian officials said the front near Lyman was quiet on Thursday.\n"
CYRILLIC = "Российские войска заняли Купянск, сообщило министерство обороны в четверг."
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
TOO_LATE = "not UTF-8 text (byte 0x{:02x} at offset {}; perhaps {}: re-save it as UTF-8 or pass --encoding {})"
SCRIPTS_AND_NAV = ("<html><head><script>var a = 'Kyiv fell';</script><style>p{}</style></head><body>"
                   "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><script>track('Kupiansk');</script>"
                   "<footer>Copyright</footer></body></html>")


def write(folder: Path, name: str, content: bytes | str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def sparse(folder: Path, name: str, size: int) -> Path:
    path = folder / name
    with open(path, "wb") as f:
        f.truncate(size)
    return path


def symlink(folder: Path, name: str, target: str) -> Path:
    path = folder / name
    os.symlink(target, path)
    return path


def fifo(folder: Path, name: str) -> Path:
    path = folder / name
    os.mkfifo(path)
    return path


def empty_folder(folder: Path, name: str) -> Path:
    path = folder / name
    path.mkdir()
    write(path, ".hidden.txt", GOOD)
    return path


def unreadable(folder: Path, name: str) -> Path:
    """A regular file that opens but fails to read: a link to this process's memory, whose first page is never
    mapped (reading it fails with EIO). Unlike a file without read permission, root cannot read it either."""
    if not os.path.isfile("/proc/self/mem"):
        pytest.skip("needs Linux /proc/self/mem")
    return symlink(folder, name, "/proc/self/mem")


# id, how to make the input (folder -> path), extra options, the reason printed after "skipped: PATH: "
CASES = [
    ("empty", lambda d: write(d, "empty.txt", b""), [], "empty article"),
    ("whitespace", lambda d: write(d, "blank.md", b" \n\t\r\n  "), [], "empty article"),
    ("header-only", lambda d: write(d, "head.txt", "date: 2025-11-21\ntitle: Only a header\n"), [],
     "no text after the header"),
    ("png-as-txt", lambda d: write(d, "photo.txt", PNG), [], "PNG image, not text"),
    ("pdf-as-txt", lambda d: write(d, "report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), [],
     "PDF document, not text"),
    ("nul-bytes", lambda d: write(d, "nul.txt", b"Kyiv\x00\x00\x01\x02 said"), [], "binary data, not text"),
    ("gzip-as-jsonl", lambda d: write(d, "batch.jsonl", gzip.compress(b'{"text": "Kyiv"}\n')), [],
     "gzip archive, not text"),
    ("png-as-html", lambda d: write(d, "page.html", PNG), [], "PNG image, not text"),
    ("cp1251", lambda d: write(d, "ru.txt", CYRILLIC.encode("cp1251")), [],
     TOO_LATE.format(0xd0, 0, "cp1251", "cp1251")),
    ("koi8-r", lambda d: write(d, "koi.txt", CYRILLIC.encode("koi8_r")), [],
     TOO_LATE.format(0xf2, 0, "koi8_r", "koi8_r")),
    ("latin-1", lambda d: write(d, "fr.txt", "Le caf\u00e9 de Kharkiv a ferm\u00e9 apr\u00e8s la frappe.".encode(
        "latin-1")), [], TOO_LATE.format(0xe9, 6, "cp1250", "cp1250")),
    ("wrong-encoding-given", lambda d: write(d, "ru2.txt", CYRILLIC), ["--encoding", "ascii"],
     "not ascii text (byte 0xd0 at offset 0)"),
    ("unknown-encoding", lambda d: write(d, "x.txt", GOOD), ["--encoding", "klingon-8"],
     "unknown encoding 'klingon-8'"),
    ("50-MB-article", lambda d: sparse(d, "huge.txt", 50 * 2**20), [],
     "50.0 MB is over the 5.0 MB article limit (raise it with --max-size)"),
    ("over-max-size", lambda d: write(d, "long.txt", GOOD * 40), ["--max-size", "0.001"],
     "4.1 KB is over the 1.0 KB article limit (raise it with --max-size)"),
    ("jsonl-line-over-limit", lambda d: write(d, "big.jsonl", json.dumps({"text": "Kyiv " * 400}) + "\n"),
     ["--max-size", "0.001"], None),
    ("jsonl-bad-json", lambda d: write(d, "bad.jsonl", "{not json\n"), [], None),
    ("jsonl-array", lambda d: write(d, "arr.jsonl", "[1, 2]\n"), [], None),
    ("jsonl-no-text", lambda d: write(d, "nt.jsonl", '{"title": "No text here"}\n'), [], None),
    ("jsonl-text-not-string", lambda d: write(d, "num.jsonl", '{"text": 42}\n'), [], None),
    ("jsonl-surrogate", lambda d: write(d, "sur.jsonl", '{"text": "Kyiv \\ud800 said"}\n'), [], None),
    ("jsonl-deep-nesting", lambda d: write(d, "deep.jsonl", "[" * 100_000 + "\n"), [], None),
    ("jsonl-cp1251-line", lambda d: write(d, "ru.jsonl", json.dumps({"text": CYRILLIC}, ensure_ascii=False)
                                          .encode("cp1251") + b"\n"), [], None),
    ("jsonl-blank", lambda d: write(d, "blank.jsonl", "\n  \n\n"), [], "empty article"),
    ("html-scripts-and-nav", lambda d: write(d, "nav.html", SCRIPTS_AND_NAV), [], "no text found in the HTML page"),
    ("html-empty-body", lambda d: write(d, "e.html", "<html><body>   </body></html>"), [],
     "no text found in the HTML page"),
    ("unknown-extension", lambda d: write(d, "report.pdf", b"%PDF-1.4"), [],
     "unknown format '.pdf' (expected .txt, .md, .html, .jsonl)"),
    ("no-extension", lambda d: write(d, "README", GOOD), [], "no file extension (expected .txt, .md, .html, .jsonl)"),
    ("missing", lambda d: d / "nowhere.txt", [], "no such file or directory"),
    ("symlink-loop", lambda d: symlink(d, "loop.txt", "loop.txt"), [], "symbolic link loop"),
    ("dangling-symlink", lambda d: symlink(d, "gone.txt", "deleted.txt"), [],
     "broken symbolic link (to deleted.txt)"),
    ("named-pipe", lambda d: fifo(d, "pipe.txt"), [], "not a regular file (a pipe, socket or device)"),
    ("empty-folder", lambda d: empty_folder(d, "nothing here"), [], "no article files in this folder"),
    ("unreadable", lambda d: unreadable(d, "secret.txt"), [], "cannot read (Input/output error)"),
]
JSONL_REASONS = {
    "jsonl-line-over-limit": "1: line over the 1.0 KB article limit (raise it with --max-size)",
    "jsonl-bad-json": "1: bad JSON (Expecting property name enclosed in double quotes)",
    "jsonl-array": "1: not a JSON object with a non-empty 'text'",
    "jsonl-no-text": "1: not a JSON object with a non-empty 'text'",
    "jsonl-text-not-string": "1: not a JSON object with a non-empty 'text'",
    "jsonl-surrogate": "1: 'text' holds an unpaired surrogate (\\ud800), not Unicode text",
    "jsonl-deep-nesting": "1: bad JSON (nested too deeply)",
    "jsonl-cp1251-line": "1: " + TOO_LATE.format(0xd0, 10, "cp1251", "cp1251"),
}


def messages(result) -> list[str]:
    """The lines ingest wrote to stderr, without the label of its progress bar."""
    return [line for line in result.stderr.splitlines() if line != "ingesting"]


@pytest.fixture(scope="module")
def baseline(tmp_path_factory, runner) -> Path:
    """A store holding one good article, built once."""
    folder = tmp_path_factory.mktemp("baseline")
    store = folder / "store"
    result = runner.invoke(main, ["ingest", str(write(folder, "good.txt", GOOD)), "--store", str(store)])
    assert result.exit_code == 0, result.output
    return store


@pytest.fixture
def store(baseline, tmp_path) -> Path:
    copy = tmp_path / "store"
    shutil.copytree(baseline, copy, ignore=shutil.ignore_patterns("LOCK"))
    return copy


@pytest.mark.parametrize("keep_going", [False, True], ids=["default", "keep-going"])
@pytest.mark.parametrize("case", [c[0] for c in CASES])
def test_bad_input_is_one_line_and_leaves_the_store(runner, store, tmp_path, case, keep_going):
    [(make, options, reason)] = [c[1:] for c in CASES if c[0] == case]
    inputs = tmp_path / "in"
    inputs.mkdir()
    path = make(inputs)
    sep = ":" if case in JSONL_REASONS else ": "
    reason = reason or JSONL_REASONS[case]
    before = fingerprint(store)
    args = ["ingest", str(path), "--store", str(store), *options] + (["--keep-going"] if keep_going else [])
    result = runner.invoke(main, args)
    assert result.exit_code == (0 if keep_going else 1), result.output
    assert messages(result) == [f"skipped: {path}{sep}{reason}"]  # exactly one line, the reason in full
    assert result.stdout == "1 skipped\n"
    assert "Traceback" not in result.output
    assert fingerprint(store) == before


def test_control_characters_in_a_file_name_are_escaped(runner, store, tmp_path):
    path = write(tmp_path, "evil\x1b[2J\nname\u202e.txt", b"")
    before = fingerprint(store)
    result = runner.invoke(main, ["ingest", str(path), "--store", str(store)])
    assert result.exit_code == 1
    assert messages(result) == [f"skipped: {tmp_path}/evil\\x1b[2J\\x0aname\\u202e.txt: empty article"]
    assert "\x1b" not in result.output
    assert fingerprint(store) == before


def test_bad_lines_are_reported_and_good_lines_kept(runner, store, tmp_path):
    lines = [json.dumps({"id": "one", "text": "Ukrainian officials said Lyman was calm."}), "{broken",
             json.dumps({"id": "two", "text": "Officials in Kharkiv reported a quiet night."}), '{"text": ""}']
    path = write(tmp_path, "mixed.jsonl", "\n".join(lines) + "\n")
    result = runner.invoke(main, ["ingest", str(path), "--store", str(store)])
    assert result.exit_code == 1
    assert messages(result) == [
        f"skipped: {path}:2: bad JSON (Expecting property name enclosed in double quotes)",
        f"skipped: {path}:4: not a JSON object with a non-empty 'text'"]
    assert result.stdout == "2 added, 2 skipped\n"


@pytest.mark.parametrize(("date", "note"), [
    ("2025-02-30", "date '2025-02-30' is not a calendar day; stored without a date"),
    ("31 June 2024", "date '31 June 2024' is not a calendar day; stored without a date"),
    ("2999-01-01", "date 2999-01-01 is in the future; stored without a date"),
    ("yesterday-ish", "date 'yesterday-ish' is not a calendar day; stored without a date"),
    ("", None),
])
def test_bad_dates_keep_the_article_without_a_date(runner, store, tmp_path, date, note):
    path = write(tmp_path, "dated.txt", f"date: {date}\n\nOfficials in Kharkiv reported a quiet night.\n")
    result = runner.invoke(main, ["ingest", str(path), "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "1 added\n"
    notes = [line for line in result.stderr.splitlines() if line.startswith("note:")]
    assert notes == ([f"note: {path}: {note}"] if note else [])
    dated = [q for g in graphs(store).values() for q in g if "kg-news/ontology#date>" in q and "dated" not in q]
    assert len(dated) == 1  # only the baseline article has a date


def test_same_article_under_two_names_is_one_graph_with_both_names(runner, store, tmp_path):
    text = "Officials in Kharkiv reported a quiet night after days of shelling.\n"
    a, b = write(tmp_path, "a/first copy.txt", text), write(tmp_path, "b/second.txt", text)
    result = runner.invoke(main, ["ingest", str(a), str(b), "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "2 added\n"
    assert messages(result) == ["note: second.txt: same text as first copy.txt; one graph records every name"]
    assert file_names(store) == [["first copy.txt", "second.txt"], ["good.txt"]]
    # a new version of one name leaves the other name's graph whole
    write(tmp_path, "a/first copy.txt", text + "Later, sirens sounded again.\n")
    assert runner.invoke(main, ["ingest", str(a), "--store", str(store)]).stdout == "1 replaced\n"
    assert file_names(store) == [["first copy.txt"], ["good.txt"], ["second.txt"]]


def test_one_name_with_two_texts_in_one_run_keeps_the_first(runner, store, tmp_path):
    a = write(tmp_path, "a/report.txt", "Officials in Kharkiv reported a quiet night.\n")
    b = write(tmp_path, "b/report.txt", "Officials in Lyman reported heavy shelling.\n")
    result = runner.invoke(main, ["ingest", str(a), str(b), "--store", str(store)])
    assert result.exit_code == 1
    assert messages(result) == ["skipped: report.txt: another article of this run has the same name "
                                "and different text; rename one (the first was kept)"]
    assert result.stdout == "1 added, 1 skipped\n"


@pytest.mark.parametrize(("name", "content", "options", "expected"), [
    ("звіт з фронту.txt", "Officials in Kharkiv reported a quiet night.", [], "звіт з фронту.txt"),
    ("file with  spaces.md", "Officials in Kharkiv reported a quiet night.", [], "file with  spaces.md"),
    (os.fsdecode(b"caf\xe9.txt"), "Officials in Kharkiv reported a quiet night.", [], "caf\\xe9.txt"),
    ("ru.txt", CYRILLIC.encode("cp1251"), ["--encoding", "cp1251"], "ru.txt"),
    ("utf16.txt", "\ufeffOfficials in Kharkiv reported a quiet night.".encode("utf-16"), [], "utf16.txt"),
    ("ru.html", f'<html><head><meta charset="windows-1251"></head><body><p>{CYRILLIC}</p></body></html>'
     .encode("cp1251"), [], "ru.html"),
], ids=["cyrillic-name", "spaces", "undecodable-name", "cp1251-given", "utf-16-bom", "html-declared-charset"])
def test_odd_but_good_inputs_are_ingested(runner, store, tmp_path, name, content, options, expected):
    path = write(tmp_path, name, content)
    result = runner.invoke(main, ["ingest", str(path), "--store", str(store), *options])
    assert result.exit_code == 0, result.output
    assert result.stdout == "1 added\n"
    assert sorted(file_names(store)) == sorted([["good.txt"], [expected]])


def test_cyrillic_text_is_decoded_not_mojibake(runner, store, tmp_path):
    path = write(tmp_path, "ru.txt", CYRILLIC.encode("cp1251"))
    result = runner.invoke(main, ["extract", str(path)])
    assert result.exit_code == 1
    result = runner.invoke(main, ["ingest", str(path), "--store", str(store), "--encoding", "cp1251"])
    assert result.exit_code == 0


def test_html_scripts_and_navigation_are_not_article_text(tmp_path):
    from kg.text.articles import read_article

    page = SCRIPTS_AND_NAV.replace("<footer>", "<article><p>Officials in Kharkiv reported a quiet night "
                                   "after days of shelling, the regional governor said on Friday.</p></article><footer>")
    article = read_article(write(tmp_path, "page.html", page))
    assert "quiet night" in article.text
    assert not {"track", "var a", "Home", "Copyright"} & {w for w in ("track", "var a", "Home", "Copyright")
                                                          if w in article.text}
