"""Settings for `factlint check`: defaults < config file < environment (``FACTLINT_*``) < command line.

The file is ``.factlint.toml`` (top-level keys) or the ``[tool.factlint]`` table of
``pyproject.toml``, looked for in the working directory and then its parents; the first folder that
has either wins, ``.factlint.toml`` before ``pyproject.toml`` (as ruff does with ``ruff.toml``)::

    [tool.factlint]
    select = ["FL"]                 # rule codes or prefixes; default: every rule
    ignore = ["FL007"]
    exclude = ["drafts/**", "*.draft.md"]
    claims-dir = "claims"
    jobs = 2
    format = "table"
    sameness-threshold = 0.8        # disagreeing claims scoring above it are one fact; default: fitted
    [tool.factlint.severity]
    FL004 = "info"                  # error, warning or info; a prefix applies to every rule under it

Each key is taken whole from the highest source that sets it (a ``--select`` on the command line
replaces the file's ``select``; it does not add to it). Environment variables are the keys in upper
case with ``_`` for ``-``: ``FACTLINT_SELECT=FL001,FL002``, ``FACTLINT_SEVERITY=FL004=info``,
``FACTLINT_JOBS=4``, ``FACTLINT_CLAIMS_DIR=...``; ``FACTLINT_CONFIG`` names the file to read.
"""

from __future__ import annotations

import fnmatch
import os
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any

CONFIG_FILE = ".factlint.toml"
PYPROJECT = "pyproject.toml"
ENV_PREFIX = "FACTLINT_"
SEVERITIES = ("error", "warning", "info")
FORMATS = ("table", "json", "md", "csv", "sarif", "github", "html")
SELECT_ALL = "ALL"

KEYS = ("select", "ignore", "severity", "exclude", "claims-dir", "jobs", "format", "sameness-threshold")


class ConfigError(ValueError):
    """A setting that cannot be used; the message names where it came from."""


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()
    """Rule codes or prefixes to report; empty means every rule."""
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    """Rule code or prefix -> error / warning / info; the longest matching prefix wins."""
    exclude: tuple[str, ...] = ()
    """Glob patterns (``drafts/**``, ``*.draft.md``) of article paths left out of the check."""
    claims_dir: Path = Path("claims")
    jobs: int = 1
    format: str = "table"
    sameness_threshold: float | None = None
    """The sameness score above which two claims whose values cannot both hold are taken as one
    fact (and reported); None: the fitted thresholds (``factlint.runner.sameness_model``)."""
    source: Path | None = None
    """The file the settings were read from, if any."""
    narrowed: frozenset[str] = frozenset()
    """Keys set on the command line or in the environment rather than in the project's file."""

    def selects(self, rule: str) -> bool:
        """Whether findings of ``rule`` are reported under this selection."""
        selected = not self.select or any(_matches(rule, code) for code in self.select)
        return selected and not any(_matches(rule, code) for code in self.ignore)

    def severity_of(self, rule: str, default: str) -> str:
        matching = [code for code in self.severity if _matches(rule, code)]
        if not matching:
            return default
        return self.severity[max(matching, key=lambda code: (code != SELECT_ALL, len(code)))]

    def excludes(self, path: str | Path) -> bool:
        """Whether an article path matches one of the ``exclude`` patterns (by its path or its name)."""
        parts = PurePosixPath(Path(path).as_posix()).parts
        tails = ["/".join(parts[i:]) for i in range(len(parts))]
        for pattern in self.exclude:
            pattern = pattern.rstrip("/")
            # a pattern matches the path or any tail of it ("drafts/**" matches "seeds/drafts/a.txt"),
            # and a bare folder name excludes everything below that folder
            if any(fnmatch.fnmatch(tail, pattern) for tail in tails):
                return True
            if any(fnmatch.fnmatch(part, pattern) for part in parts[:-1]):
                return True
        return False


def _matches(rule: str, code: str) -> bool:
    return code == SELECT_ALL or rule.upper().startswith(code.upper())


# ---------------------------------------------------------------- reading the sources


def find_config_file(start: Path | None = None) -> Path | None:
    """``.factlint.toml`` or a ``pyproject.toml`` with ``[tool.factlint]`` in ``start`` or a parent."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        own = candidate / CONFIG_FILE
        if own.is_file():
            return own
        pyproject = candidate / PYPROJECT
        if pyproject.is_file() and "factlint" in _read_toml(pyproject).get("tool", {}):
            return pyproject
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the configuration: {exc}") from exc


def file_settings(path: Path) -> dict[str, Any]:
    """The raw settings of a config file (the ``[tool.factlint]`` table of a pyproject.toml)."""
    data = _read_toml(path)
    if path.name == PYPROJECT:
        data = data.get("tool", {}).get("factlint", {})
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: [tool.factlint] must be a table")
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise ConfigError(f"{path}: unknown setting(s) {', '.join(unknown)}; known: {', '.join(KEYS)}")
    return data


def env_settings(environ: Mapping[str, str]) -> dict[str, Any]:
    """The settings given as ``FACTLINT_*`` environment variables, as text."""
    settings = {}
    for key in KEYS:
        name = ENV_PREFIX + key.upper().replace("-", "_")
        value = environ.get(name)
        if value is not None and value.strip() != "":
            settings[key] = value
    return settings


def _codes(value: Any, where: str, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, Iterable) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: {key} must be a list of rule codes")
    return tuple(code.strip().upper() for code in value if code.strip())


def _severity(value: Any, where: str) -> dict[str, str]:
    if isinstance(value, str):  # "FL004=info,FL001=error" (environment or command line)
        pairs = [item.split("=", 1) for item in value.split(",") if item.strip()]
        if any(len(pair) != 2 for pair in pairs):
            raise ConfigError(f"{where}: severity must be CODE=LEVEL pairs separated by commas, got {value!r}")
        value = {code: level for code, level in pairs}
    if not isinstance(value, Mapping):
        raise ConfigError(f"{where}: severity must map rule codes to {', '.join(SEVERITIES)}")
    out = {}
    for code, level in value.items():
        level = str(level).strip().lower()
        if level not in SEVERITIES:
            raise ConfigError(f"{where}: severity of {code} is {level!r}; use one of {', '.join(SEVERITIES)}")
        out[str(code).strip().upper()] = level
    return out


def _convert(key: str, value: Any, where: str, base: Path | None) -> Any:
    if key in ("select", "ignore"):
        return _codes(value, where, key)
    if key == "severity":
        return _severity(value, where)
    if key == "exclude":
        if isinstance(value, str):
            value = value.split(",")
        return tuple(str(v).strip() for v in value if str(v).strip())
    if key == "claims-dir":
        path = Path(str(value))
        # a path in a config file is relative to that file's folder, as in ruff or pytest
        if base is not None and not path.is_absolute() and base.resolve() != Path.cwd().resolve():
            path = base / path
        return path
    if key == "jobs":
        try:
            jobs = int(value)
        except (TypeError, ValueError):
            raise ConfigError(f"{where}: jobs must be a whole number, got {value!r}") from None
        if jobs < 0:
            raise ConfigError(f"{where}: jobs must be 0 (one per core) or more, got {jobs}")
        return jobs
    if key == "format":
        if str(value) not in FORMATS:
            raise ConfigError(f"{where}: format {value!r} is not one of {', '.join(FORMATS)}")
        return str(value)
    if key == "sameness-threshold":
        try:
            threshold = float(value)
        except (TypeError, ValueError):
            raise ConfigError(f"{where}: sameness-threshold must be a number, got {value!r}") from None
        if not 0.0 <= threshold <= 1.0:
            raise ConfigError(f"{where}: sameness-threshold must lie between 0 and 1, got {threshold}")
        return threshold
    raise ConfigError(f"{where}: unknown setting {key}")  # pragma: no cover - KEYS guards this


_FIELD = {"claims-dir": "claims_dir", "sameness-threshold": "sameness_threshold"}


def load_config(
    cli: Mapping[str, Any] | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    start: Path | None = None,
    config_file: Path | None = None,
) -> Config:
    """The settings in force: ``cli`` (keys as in the file; None values are "not given") over the
    environment over the config file over the defaults. Raises ConfigError naming the bad source."""
    environ = os.environ if environ is None else environ
    if config_file is None and environ.get(ENV_PREFIX + "CONFIG"):
        config_file = Path(environ[ENV_PREFIX + "CONFIG"])
    if config_file is not None and not config_file.is_file():
        raise ConfigError(f"{config_file}: no such configuration file")
    source = config_file or find_config_file(start)
    layers: list[tuple[str, dict[str, Any], Path | None]] = []
    if source is not None:
        layers.append((str(source), file_settings(source), source.parent))
    layers.append(("environment", env_settings(environ), None))
    layers.append(("command line", {k: v for k, v in (cli or {}).items() if v is not None}, None))

    config = Config(source=source)
    narrowed: set[str] = set()
    for where, settings, base in layers:
        for key, value in settings.items():
            config = replace(config, **{_FIELD.get(key, key): _convert(key, value, where, base)})
            if where != str(source):
                narrowed.add(key)
            else:
                narrowed.discard(key)
    return replace(config, narrowed=frozenset(narrowed))


def check_codes(config: Config, known: Sequence[str]) -> None:
    """ConfigError for a select/ignore/severity code that names no rule (a typo would select nothing)."""
    for key, codes in (("select", config.select), ("ignore", config.ignore), ("severity", tuple(config.severity))):
        for code in codes:
            if code != SELECT_ALL and not any(rule.startswith(code) for rule in known):
                raise ConfigError(f"{key}: {code!r} matches no rule; rules are {', '.join(known)}")
