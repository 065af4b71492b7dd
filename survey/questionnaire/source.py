"""Read one YAML file into plain data plus the line of every path inside it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from .errors import Problem


class Loader(yaml.SafeLoader):
    """YAML 1.2 booleans: only true and false; yes, no, on and off stay text (they are ids)."""


Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


@dataclass
class Source:
    """A parsed file: its data, and a map from each path inside it to its line."""

    file: str
    data: object
    lines: dict = field(default_factory=dict)

    def line(self, path: tuple) -> int:
        """The line of `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


def _walk(node, path: tuple, source: Source, problems: list[Problem], seen_nodes: set) -> None:
    if id(node) in seen_nodes:  # an alias (*name): its content would be checked twice, or forever
        problems.append(
            Problem(
                source.file,
                node.start_mark.line + 1,
                path,
                "YAML anchors and aliases (&name, *name) are not supported here; write the value "
                "out in full",
                "yaml-alias",
            )
        )
        return
    seen_nodes.add(id(node))
    source.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            child = (*path, key)
            if key in seen:
                problems.append(
                    Problem(
                        source.file,
                        key_node.start_mark.line + 1,
                        child,
                        f"key '{key}' appears twice (first on line {seen[key]}); keep one",
                        "duplicate-key",
                    )
                )
            seen[key] = key_node.start_mark.line + 1
            source.lines[child] = key_node.start_mark.line + 1
            _walk(value_node, child, source, problems, seen_nodes)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), source, problems, seen_nodes)


def read_source(file: str, text: str) -> tuple[Source | None, list[Problem]]:
    """Parse YAML `text`; return the source, or None with a located syntax problem."""
    problems: list[Problem] = []
    try:
        node = yaml.compose(text, Loader=Loader)
        data = yaml.load(text, Loader=Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark else 1
        what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        message = f"YAML syntax error: {what}; check indentation, colons and quotes on this line"
        return None, [Problem(file, line, (), message, "yaml-syntax")]
    except RecursionError:
        return None, [Problem(file, 1, (), "the YAML nests too deeply to read", "yaml-syntax")]
    source = Source(file, data)
    if node is not None:
        _walk(node, (), source, problems, set())
    if any(p.code == "yaml-alias" for p in problems):
        return None, problems
    return source, problems
