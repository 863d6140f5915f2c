#!/usr/bin/env python3
"""Reads every .ftl file under a directory with Mozilla's python-fluent, the reference
implementation, so honyaku's files are checked by a second parser besides fluent-rs.

Prints one JSON object, {path relative to the directory: {message id: value}}, holding every
message whose value is plain (only text and string literals, as honyaku writes them); other
messages need arguments and are left out. Exits 1 if any file has Junk (each reported on
stderr as path:line:column: message), 2 if fluent.runtime formats a plain value differently
from what the syntax tree says, 3 if fluent.syntax is not installed.

    pip install fluent.syntax fluent.runtime
    python3 scripts/fluent_py_check.py [locales/]
"""

import json
import os
import sys

try:
    from fluent.syntax import FluentParser, ast
except ImportError:
    print("fluent.syntax is not installed: pip install fluent.syntax fluent.runtime",
          file=sys.stderr)
    sys.exit(3)

try:
    from fluent.runtime import FluentBundle, FluentResource
except ImportError:
    FluentBundle = None


def ftl_files(root):
    for directory, subdirs, files in os.walk(root):
        subdirs.sort()
        for name in sorted(files):
            if name.endswith(".ftl"):
                yield os.path.join(directory, name)


def line_col(source, offset):
    line = source.count("\n", 0, offset) + 1
    column = offset - (source.rfind("\n", 0, offset) + 1) + 1
    return line, column


def plain_value(pattern):
    """The text of a pattern made only of text and string literals, else None."""
    parts = []
    for element in pattern.elements:
        if isinstance(element, ast.TextElement):
            parts.append(element.value)
        elif isinstance(element, ast.Placeable) and isinstance(
                element.expression, ast.StringLiteral):
            parts.append(element.expression.parse()["value"])
        else:
            return None
    return "".join(parts)


def runtime_values(source, ids):
    """Formats the given messages with fluent.runtime, without bidi isolation."""
    bundle = FluentBundle(["en-US"], use_isolating=False)
    bundle.add_resource(FluentResource(source))
    values = {}
    for message_id in ids:
        try:
            value, errors = bundle.format_pattern(bundle.get_message(message_id).value, {})
        except ValueError as error:
            # fluent.runtime refuses parts over 2500 characters: a limit, not a disagreement.
            values[message_id] = error
            continue
        values[message_id] = errors[0] if errors else value
    return values


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "locales/"
    parser = FluentParser(with_spans=True)
    result = {}
    junk = False
    mismatch = False
    for path in ftl_files(root):
        # newline="" keeps CR and CRLF as they are in the file, as fluent-rs sees them.
        with open(path, encoding="utf-8", newline="") as f:
            source = f.read()
        resource = parser.parse(source)
        values = {}
        for entry in resource.body:
            if isinstance(entry, ast.Junk):
                junk = True
                for annotation in entry.annotations:
                    line, column = line_col(source, annotation.span.start)
                    print(f"{path}:{line}:{column}: {annotation.message}", file=sys.stderr)
            elif isinstance(entry, ast.Message) and entry.value is not None:
                value = plain_value(entry.value)
                if value is not None:
                    values[entry.id.name] = value
        if FluentBundle is not None and values:
            for message_id, formatted in runtime_values(source, values).items():
                if isinstance(formatted, Exception):
                    print(f"{path}: {message_id}: fluent.runtime: {formatted}", file=sys.stderr)
                elif formatted != values[message_id]:
                    mismatch = True
                    print(f"{path}: {message_id}: fluent.runtime formats {formatted!r}, "
                          f"the syntax tree says {values[message_id]!r}", file=sys.stderr)
        result[os.path.relpath(path, root).replace(os.sep, "/")] = values
    json.dump(result, sys.stdout, ensure_ascii=True, sort_keys=True)
    sys.stdout.write("\n")
    if junk:
        sys.exit(1)
    if mismatch:
        sys.exit(2)


if __name__ == "__main__":
    main()
