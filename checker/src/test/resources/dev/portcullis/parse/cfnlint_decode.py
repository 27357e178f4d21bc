"""Decodes templates with cfn-lint's decoder and prints each as one line of long-form JSON.

Reads one path per line on stdin. For each path prints {"path": ..., "tree": ...} when cfn-lint
decodes it, or {"path": ..., "errors": [...]} when it reports parse errors. The parser tests compare
these trees with Portcullis' own, so the whole corpus goes through one Python process.
"""
import datetime
import json
import logging
import sys

from cfnlint.decode import decode

logging.disable(logging.CRITICAL)


def plain(value):
    # cfn-lint keeps YAML timestamps as dates and !!binary as bytes; JSON needs text.
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def main():
    for raw in sys.stdin:
        path = raw.rstrip("\n")
        if not path:
            continue
        try:
            tree, matches = decode(path)
            if matches:
                line = {"path": path, "errors": [str(m) for m in matches]}
            else:
                line = {"path": path, "tree": tree}
            text = json.dumps(line, default=plain)
        except Exception as exc:  # a crash in the decoder is a result to report, not a reason to stop
            text = json.dumps({"path": path, "errors": [f"{type(exc).__name__}: {exc}"]})
        sys.stdout.write(text + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
