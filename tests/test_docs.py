"""Every command has help with examples that run, and a section in the README.

The examples of each command's help (the lines under "Example:" / "Examples:") run as written, in a copy of a
folder laid out like a checkout (``examples/`` beside a store ``kg-store`` built from examples/articles by the
ingest example itself, ``../shared`` when it exists), and must exit 0. Special cases: ``kg load shard-1.nq
shard-2.nq`` gets both shards from the ``kg extract --shard`` example (shard 2/2 made the same way);
``kg eval ../shared/...`` skips without the shared folder; ``kg serve`` runs forever, so it is started as a
process on a free port (not 7878, which may be taken), must answer the ``curl`` line of its help, and is stopped
with Ctrl-C (SIGINT) as its help says.
"""

import contextlib
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from oxigraph_server import free_port, oxigraph_binary, wait_until_up

from kg.cli import main
from kg.extract.pipeline import load_pipeline

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
README = (ROOT / "README.md").read_text()
KG = str(Path(sys.executable).with_name("kg"))
NO_ENV_STORE = {"KG_STORE": None}


def help_text(name: str) -> str:
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0, result.output
    return result.output


def example_lines(name: str) -> list[str]:
    """The lines under "Example:" or "Examples:" in a command's help, up to the next blank line."""
    lines, found = [], False
    for line in help_text(name).splitlines():
        if line.strip() in ("Example:", "Examples:"):
            found = True
        elif found and not line.strip():
            break
        elif found:
            lines.append(line.strip())
    return lines


EXAMPLES = {name: example_lines(name) for name in sorted(main.commands)}
RUNNABLE = [(name, line) for name, lines in EXAMPLES.items() if name != "serve" for line in lines]
INGEST = EXAMPLES["ingest"][0]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    """A checkout-like folder: ``main/examples``, ``main/kg-store`` (from the ingest example), both shards."""
    main_dir = tmp_path_factory.mktemp("docs") / "main"
    main_dir.mkdir()
    (main_dir / "examples").symlink_to(ROOT / "examples")
    runner = CliRunner()
    load_pipeline()  # once, here: the --jobs 2 workers fork from this process and inherit it
    with contextlib.chdir(main_dir):
        built = runner.invoke(main, shlex.split(INGEST)[1:], env=NO_ENV_STORE)
        assert built.exit_code == 0, built.output
        assert built.stdout == "9 added\n"
        for k in (1, 2):
            shard = runner.invoke(main, ["extract", "examples/articles", "--format", "nquads", "--shard", f"{k}/2",
                                         "-o", f"shard-{k}.nq"])
            assert shard.exit_code == 0, shard.output
    return main_dir


@pytest.fixture
def checkout(workspace, tmp_path, monkeypatch) -> Path:
    """A fresh copy of the workspace, as the current folder, with ``../shared`` linked when it exists."""
    here = tmp_path / "main"
    shutil.copytree(workspace, here, symlinks=True, ignore=shutil.ignore_patterns("LOCK"))
    if SHARED.is_dir():
        (tmp_path / "shared").symlink_to(SHARED)
    monkeypatch.chdir(here)
    monkeypatch.delenv("KG_STORE", raising=False)
    return here


@pytest.mark.parametrize("name", sorted(main.commands))
def test_command_has_help_with_example(name):
    assert any(line.startswith(f"kg {name}") for line in EXAMPLES[name]), EXAMPLES[name]


@pytest.mark.parametrize(("name", "line"), RUNNABLE,
                         ids=[f"{n}-{[r[0] for r in RUNNABLE[:k + 1]].count(n)}" for k, (n, _) in enumerate(RUNNABLE)])
def test_example_runs(checkout, runner, name, line):
    args = shlex.split(line)
    assert args[:2] == ["kg", name], line
    if any(a.startswith("../shared/") for a in args) and not SHARED.is_dir():
        pytest.skip(f"shared folder not found at {SHARED}")
    result = runner.invoke(main, args[1:])
    assert result.exit_code == 0, (line, result.output, result.exception)
    assert "Traceback" not in result.output
    if "-o" in args:
        written = checkout / args[args.index("-o") + 1]
        assert written.is_file() and written.stat().st_size > 0, line
    if line == INGEST:
        assert result.stdout == "9 unchanged\n"  # the store was built by this very line
    if name == "load":
        assert result.stdout == "9 unchanged\n"  # the shards hold the same articles as ingest stored


def test_serve_example_answers_its_curl_example(checkout):
    """``kg serve`` runs until Ctrl-C: start it (free port), run the curl line of its help, stop it with SIGINT."""
    oxigraph_binary()
    from kg.store.local import Store

    with Store(checkout / "kg-store", create=False) as store:
        counts = {str(len(store)), str(len({(q.subject, q.predicate, q.object) for q in store.quads()}))}
    serve, curl = EXAMPLES["serve"]
    documented = shlex.split(serve)[shlex.split(serve).index("--bind") + 1]
    bind = f"127.0.0.1:{free_port()}"
    args = [a.replace(documented, bind) for a in shlex.split(serve)]
    assert args[:2] == ["kg", "serve"]
    process = subprocess.Popen([KG, *args[1:]], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               start_new_session=True)
    try:
        wait_until_up(f"http://{bind}/query?query=ASK%7B%7D", process)
        request = [a.replace(documented, bind) for a in shlex.split(curl)]
        if shutil.which("curl"):
            answer = subprocess.run(request, capture_output=True, text=True, timeout=30, check=True).stdout
        else:  # the same request without curl
            query = request[request.index("--data-urlencode") + 1].removeprefix("query=")
            post = urllib.request.Request(request[-1], data=urllib.parse.urlencode({"query": query}).encode(),
                                          headers={"Accept": "text/csv"})
            with urllib.request.urlopen(post, timeout=30) as response:
                answer = response.read().decode()
        assert answer.splitlines()[0] == "n" and answer.splitlines()[1] in counts, answer
        process.send_signal(signal.SIGINT)
        process.wait(timeout=20)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:  # the Oxigraph server it started goes with it
            try:
                os.killpg(process.pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)
        else:
            pytest.fail("the Oxigraph server outlived kg serve")
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        process.stderr.close()


@pytest.mark.parametrize("name", sorted(main.commands))
def test_command_is_in_readme(name):
    assert f"kg {name}" in README


def test_readme_opens_with_the_two_commands():
    head = README[:1500]
    assert "make demo" in head and "make test" in head


def test_help_is_fast_to_import():
    code = "import sys, kg.cli; print('spacy' in sys.modules, 'rdflib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
