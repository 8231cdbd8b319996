"""`check --jobs N` workers: the same output whatever N, and none outlives a killed check."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FACTLINT = [sys.executable, "-m", "factlint"]


def children_of(pid: int) -> set[int]:
    """Live (not zombie) processes whose parent is ``pid``, from /proc."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


def make_corpus(folder: Path, copies: int) -> None:
    folder.mkdir()
    articles = sorted((ROOT / "seeds").glob("*.txt"))
    for n in range(copies):
        source = articles[n % len(articles)]
        (folder / f"{n:03d}_{source.name}").write_text(
            source.read_text(encoding="utf-8") + f"\nCopy reference {'abcdefghij'[n % 10]}{'klmnopqrst'[n // 10]}.\n",
            encoding="utf-8",
        )


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_killing_a_parallel_check_leaves_no_worker_behind(tmp_path):
    make_corpus(tmp_path / "corpus", 24)
    parent = subprocess.Popen(
        [*FACTLINT, "check", str(tmp_path / "corpus"), "--jobs", "2", "--claims-dir", str(tmp_path / "claims"), "-q"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=tmp_path,
    )
    workers: set[int] = set()
    deadline = time.monotonic() + 120
    while len(workers) < 2 and time.monotonic() < deadline and parent.poll() is None:
        workers |= children_of(parent.pid)
        time.sleep(0.05)
    assert len(workers) >= 2, "the check never started its workers"
    time.sleep(0.5)  # let them get busy loading the model and parsing
    workers |= children_of(parent.pid)
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 15
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    survivors = [pid for pid in workers if alive(pid)]
    for pid in survivors:  # do not leave them to the next test either
        os.kill(pid, signal.SIGKILL)
    assert survivors == []


def test_jobs_do_not_change_the_report(tmp_path):
    make_corpus(tmp_path / "corpus", 6)
    outputs = []
    for jobs in ("1", "2", "3"):
        claims = tmp_path / f"claims-{jobs}"
        run = subprocess.run(
            [*FACTLINT, "check", str(tmp_path / "corpus"), "--jobs", jobs, "--claims-dir", str(claims), "--format", "json", "-q"],
            capture_output=True,
            text=True,
            cwd=tmp_path,
        )
        assert run.returncode in (0, 1), run.stderr
        outputs.append((run.stdout, {p.name: p.read_bytes() for p in sorted(claims.rglob("*.json"))}))
        shutil.rmtree(claims)
    assert outputs[0] == outputs[1] == outputs[2]


def test_new_articles_parsed_ahead_by_workers_give_the_same_report(tmp_path):
    """With --jobs 2, articles the store has no file for are parsed by workers while the store is
    read (an edited article is found only then): the report and the claims files are those of --jobs 1."""
    corpus = tmp_path / "corpus"
    make_corpus(corpus, 4)
    check = [*FACTLINT, "check", str(corpus), "--format", "json", "-q"]
    filled = subprocess.run([*check, "--claims-dir", str(tmp_path / "claims")], capture_output=True, text=True, cwd=tmp_path)
    assert filled.returncode in (0, 1), filled.stderr
    articles = sorted(corpus.glob("*.txt"))
    (corpus / "zz_new.txt").write_text("\n\n".join(reversed(articles[0].read_text(encoding="utf-8").split("\n\n"))),
                                       encoding="utf-8")
    with articles[1].open("a", encoding="utf-8") as edited:
        edited.write("\nThe count was later put at 41 people.\n")
    outputs = []
    for jobs in ("1", "2"):
        claims = tmp_path / f"claims-{jobs}"
        shutil.copytree(tmp_path / "claims", claims)
        run = subprocess.run([*check, "--jobs", jobs, "--claims-dir", str(claims)], capture_output=True, text=True, cwd=tmp_path)
        assert run.returncode in (0, 1), run.stderr
        outputs.append((run.stdout, {p.relative_to(claims).as_posix(): p.read_bytes() for p in sorted(claims.rglob("*")) if p.is_file()}))
    assert outputs[0] == outputs[1]
    assert "docs/zz_new.json" in outputs[1][1]
