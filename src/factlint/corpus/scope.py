"""Which files are the corpus: the paths given, folders walked the way git sees them.

- A file named on the command line is read as given.
- A folder is walked recursively for ``.txt`` and ``.md`` files, honouring every ``.gitignore`` from
  the repository's top folder down (and ``.git/info/exclude``), and the ``exclude`` patterns of
  ``[tool.factlint]`` in the nearest ``pyproject.toml`` above the folder (gitignore syntax,
  relative to that file's folder).
- Never entered: hidden files and folders (``.git``, ``.venv``, ``.pytest_cache``), virtualenvs
  (a folder with ``pyvenv.cfg`` or ``conda-meta``), the claims folder, and any folder holding
  factlint's own output (``verdicts.json`` or ``CONTRADICTIONS.md``).
- Not articles: the repository's own documents (README, LICENSE, CHANGELOG, ... listed in
  ``not_articles.yaml``), matched on the name without extension in any case.
- A document's id is its path under the folder given, without the extension, with ``/`` between
  folders (``sub/index``); the file stem for a file given directly or at the top of the folder.
- A folder named on the command line is walked even when a pattern or ``.gitignore`` leaves it
  out (the patterns that do are not applied below it): what is asked for is read.
- Nothing is skipped silently: a folder that cannot be listed, a dangling symbolic link or a link
  loop is reported as an input error with its path.
"""

from __future__ import annotations

import errno
import os
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path, PurePosixPath

import pathspec
import yaml

from factlint.models import InputError

ARTICLE_SUFFIXES = (".txt", ".md")
GITIGNORE = ".gitignore"
OUTPUT_MARKERS = ("verdicts.json", "CONTRADICTIONS.md")
VIRTUALENV_MARKERS = ("pyvenv.cfg", "conda-meta")


@lru_cache(maxsize=1)
def not_article_names() -> frozenset[str]:
    data = resources.files("factlint.corpus").joinpath("not_articles.yaml").read_text(encoding="utf-8")
    return frozenset(name.casefold() for name in yaml.safe_load(data))


def is_repository_document(path: Path) -> bool:
    """README.md, LICENSE.txt, changelog.md: documents about the folder, not articles."""
    return path.stem.casefold() in not_article_names()


@dataclass(frozen=True)
class ArticleFile:
    path: Path
    """The path as given or as found below a given folder (not resolved)."""
    root: Path
    """The folder the document id is relative to."""

    @property
    def id(self) -> str:
        return document_id(self.path, self.root)


def document_id(path: Path, root: Path) -> str:
    """The path under ``root`` without the extension, ``/``-separated: a safe relative path."""
    try:
        relative = path.relative_to(root)
    except ValueError:
        relative = Path(path.name)
    parts = [part for part in PurePosixPath(relative.as_posix()).parts if part not in ("", ".")]
    if not parts or ".." in parts:
        parts = [path.name]
    parts[-1] = Path(parts[-1]).stem if Path(parts[-1]).suffix.lower() in ARTICLE_SUFFIXES else parts[-1]
    return "/".join(parts)


@dataclass
class _Ignores:
    """The gitignore specs in force for a folder: (folder they are relative to, spec), outermost first."""

    specs: list[tuple[Path, pathspec.PathSpec]] = field(default_factory=list)

    def with_file(self, folder: Path, file: Path) -> _Ignores:
        spec = _read_spec(file)
        return _Ignores(self.specs + [(folder, spec)]) if spec is not None else self

    def ignored(self, path: Path, is_dir: bool) -> bool:
        decision = False
        for base, spec in self.specs:
            try:
                relative = path.relative_to(base).as_posix()
            except ValueError:
                continue
            result = spec.check_file(relative + "/" if is_dir else relative)
            if result.include is not None:
                decision = result.include
        return decision


def _read_spec(file: Path) -> pathspec.PathSpec | None:
    try:
        lines = file.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return pathspec.GitIgnoreSpec.from_lines(lines)


def _repository_top(folder: Path) -> Path | None:
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def _outer_ignores(root: Path) -> _Ignores:
    """The .gitignore files above ``root`` up to the repository's top, and .git/info/exclude."""
    ignores = _Ignores()
    top = _repository_top(root)
    if top is None:
        return ignores
    info_exclude = top / ".git" / "info" / "exclude"
    if info_exclude.is_file():
        ignores = ignores.with_file(top, info_exclude)
    chain = [root, *root.parents]
    for folder in reversed(chain[1 : chain.index(top) + 1]):
        if (folder / GITIGNORE).is_file():
            ignores = ignores.with_file(folder, folder / GITIGNORE)
    return ignores


def configured_excludes(start: Path) -> tuple[Path, list[str]] | None:
    """The ``[tool.factlint] exclude`` patterns of the nearest pyproject.toml that has them, with
    the folder they are relative to."""
    for folder in (start, *start.parents):
        pyproject = folder / "pyproject.toml"
        if not pyproject.is_file():
            continue
        try:
            with pyproject.open("rb") as handle:
                table = tomllib.load(handle).get("tool", {}).get("factlint")
        except (OSError, tomllib.TOMLDecodeError):
            continue
        if isinstance(table, dict) and "exclude" in table:
            patterns = table["exclude"]
            if isinstance(patterns, str):
                patterns = [patterns]
            return folder, [str(p) for p in patterns]
    return None


def _reason(exc: OSError, path: Path) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if exc.errno == errno.ENOENT and path.is_symlink():
        return f"dangling symbolic link (its target {os.readlink(path)} does not exist)"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return exc.strerror or str(exc)


@dataclass
class Scope:
    files: list[ArticleFile] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    """Repository documents found and left out (README.md, ...), for progress messages."""


def find_articles(
    paths: list[Path],
    *,
    claims_dir: Path | None = None,
    exclude: list[str] | None = None,
) -> Scope:
    """The article files under ``paths`` (see the module docstring), sorted by id, de-duplicated.

    ``exclude`` (gitignore-style patterns relative to the working directory) replaces the patterns
    of ``pyproject.toml`` when given.
    """
    scope = Scope()
    claims_real = claims_dir.resolve() if claims_dir is not None else None
    found: dict[str, ArticleFile] = {}
    for path in paths:
        if path.is_dir():
            root = path
            real = path.resolve()
            if exclude is not None:
                excludes = (Path.cwd().resolve(), pathspec.GitIgnoreSpec.from_lines(exclude))
            else:
                configured = configured_excludes(real)
                excludes = (configured[0], pathspec.GitIgnoreSpec.from_lines(configured[1])) if configured else None
            outer = _outer_ignores(real)
            # a folder named on the command line is read even where a pattern leaves it out
            if outer.ignored(real, True):
                outer = _Ignores()
            walker = _Walker(root, claims_real, excludes, scope, found)
            if walker._excluded(real, True):
                walker.excludes = None
            walker.walk(path, outer, [real])
        elif path.is_file():
            found.setdefault(str(path.resolve()), ArticleFile(path, path.parent))
        elif path.is_symlink():
            try:
                path.stat()
            except OSError as exc:
                scope.errors.append(InputError(path=str(path), reason=_reason(exc, path)))
        else:
            scope.errors.append(InputError(path=str(path), reason="no such file or directory"))
    scope.files = sorted(found.values(), key=lambda f: (f.id, str(f.path)))
    return scope


@dataclass
class _Walker:
    root: Path
    claims_real: Path | None
    excludes: tuple[Path, pathspec.PathSpec] | None
    scope: Scope
    found: dict[str, ArticleFile]

    def _excluded(self, real_path: Path, is_dir: bool) -> bool:
        if self.excludes is None:
            return False
        base, spec = self.excludes
        try:
            relative = real_path.relative_to(base).as_posix()
        except ValueError:
            return False
        return spec.match_file(relative + "/" if is_dir else relative)

    def walk(self, folder: Path, ignores: _Ignores, ancestors: list[Path]) -> None:
        real_folder = ancestors[-1]
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            self.scope.errors.append(InputError(path=str(folder), reason=f"cannot list the folder: {_reason(exc, folder)}"))
            return
        if (folder / GITIGNORE).is_file():
            ignores = ignores.with_file(real_folder, folder / GITIGNORE)
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = folder / entry.name
            real_path = real_folder / entry.name
            try:
                is_dir = entry.is_dir()  # follows symbolic links
                is_file = entry.is_file()
            except OSError as exc:
                self.scope.errors.append(InputError(path=str(path), reason=_reason(exc, path)))
                continue
            if not is_dir and not is_file:
                if entry.is_symlink() and Path(entry.name).suffix.lower() in ARTICLE_SUFFIXES:
                    try:
                        path.stat()
                    except OSError as exc:
                        self.scope.errors.append(InputError(path=str(path), reason=_reason(exc, path)))
                continue
            if ignores.ignored(real_path, is_dir) or self._excluded(real_path, is_dir):
                continue
            if is_dir:
                self._enter(path, real_path, entry, ignores, ancestors)
            elif Path(entry.name).suffix.lower() in ARTICLE_SUFFIXES:
                if is_repository_document(path):
                    self.scope.skipped.append(str(path))
                    continue
                try:
                    key = str(path.resolve(strict=True))
                except OSError as exc:
                    self.scope.errors.append(InputError(path=str(path), reason=_reason(exc, path)))
                    continue
                self.found.setdefault(key, ArticleFile(path, self.root))

    def _enter(self, path: Path, real_path: Path, entry: os.DirEntry, ignores: _Ignores, ancestors: list[Path]) -> None:
        try:
            resolved = path.resolve(strict=True)
        except OSError as exc:
            self.scope.errors.append(InputError(path=str(path), reason=_reason(exc, path)))
            return
        if resolved in ancestors:
            self.scope.errors.append(InputError(path=str(path), reason="symbolic link loop (it leads back to a folder above it)"))
            return
        if self.claims_real is not None and resolved == self.claims_real:
            return
        if any((path / marker).exists() for marker in OUTPUT_MARKERS + VIRTUALENV_MARKERS):
            return
        next_real = resolved if entry.is_symlink() else real_path
        self.walk(path, ignores, [*ancestors, next_real])
