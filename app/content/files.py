"""Reading content files with line numbers, and the Problem type `aide content validate` prints."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)


def display_path(path: Path, root: Path) -> str:
    """A content path as problems print it: relative to the folder above content/."""
    return str(path.relative_to(root.parent)) if path.is_relative_to(root.parent) else str(path)
FastLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, order=True)
class Problem:
    """One content error, printed as ``path:line: message``."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class YamlDoc:
    """A parsed YAML file that can tell the line of any key path (for error messages)."""

    def __init__(self, path: Path, root: Path) -> None:
        self.path = path
        self.display = display_path(path, root)
        self.text = path.read_text(encoding="utf-8")
        # Parse once with libyaml when present: the node tree gives line numbers, the data is built from it.
        loader = FastLoader(self.text)
        try:
            self.node = loader.get_single_node()
            self.data: Any = loader.construct_document(self.node) if self.node is not None else None
        finally:
            loader.dispose()

    def line_of(self, loc: tuple[Any, ...] | list[Any]) -> int:
        """1-based line of the deepest node the location reaches."""
        node = self.node
        line = node.start_mark.line + 1 if node is not None else 1
        for key in loc:
            if isinstance(node, yaml.MappingNode):
                match = next((v for k, v in node.value if getattr(k, "value", None) == key), None)
                if match is None:
                    break
                key_node = next(k for k, v in node.value if v is match)
                line = key_node.start_mark.line + 1
                node = match
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
                if key >= len(node.value):
                    break
                node = node.value[key]
                line = node.start_mark.line + 1
            else:
                break
        return line

    def problem(self, loc: tuple[Any, ...] | list[Any], message: str) -> Problem:
        return Problem(self.display, self.line_of(loc), message)


def read_yaml(path: Path, root: Path, problems: list[Problem]) -> YamlDoc | None:
    """Parse a YAML file, recording a problem (with its line) when it does not parse."""
    try:
        return YamlDoc(path, root)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problems.append(Problem(display_path(path, root), line, f"YAML does not parse: {getattr(exc, 'problem', exc)}"))
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(str(path), 1, f"cannot read file: {exc}"))
    return None


def parse_model(doc: YamlDoc, model: type[M], problems: list[Problem],
                              prefix: tuple[Any, ...] = ()) -> M | None:
    """Validate a document (or part of it) against a schema; each error becomes a Problem."""
    data = doc.data
    for key in prefix:
        data = data[key]
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            loc = (*prefix, *error["loc"])
            where = ".".join(str(part) for part in loc) or "(file)"
            problems.append(doc.problem(loc, f"{where}: {error['msg']}"))
        return None


def file_hash(*paths: Path) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
