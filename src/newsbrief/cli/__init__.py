"""The ``newsbrief`` command: a thin adapter over the library.

Each sub-command lives in its own module with ``register(subparsers)``; the
module imports heavy parts of the library only inside its handler, so
``newsbrief --help`` is instant.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from ..errors import NewsbriefError
from .terminal import terminal_safe

# module name -> the sub-commands it registers (order = order in --help)
COMMAND_MODULES = ("brief", "evaluate", "store", "serve", "spark")

# BLAS thread pools, limited to one thread unless the user set them. Briefing multiplies
# many small matrices (spaCy's models, the summarizer): there a second BLAS thread only
# adds hand-over cost, ~0.1 s CPU per 10-article story (docs/analysis.md, "Cheaper pieces";
# bench/speed.py --blas-threads). It must happen before numpy is first imported.
BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsbrief",
        description="Turn many articles on one story into a cited brief.",
    )
    parser.add_argument("--version", action="version", version=_version())
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not _multiplies_large_matrices(args):
        for variable in BLAS_THREAD_VARIABLES:
            os.environ.setdefault(variable, "1")
    try:
        return int(args.handler(args) or 0)
    except NewsbriefError as error:  # messages name inputs: file names, URLs, titles from anyone
        print(terminal_safe(f"newsbrief: error: {error}"), file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("newsbrief: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as error:  # the output or the store's disk: full, read-only, gone
        where = f"{error.filename}: " if error.filename else ""
        print(terminal_safe(f"newsbrief: error: {where}{error.strerror or error} (check the path, its "
                            "permissions and the free space)"), file=sys.stderr)
        return 2
    except Exception as error:  # noqa: BLE001 - a bug: one clear line, the traceback on request
        if os.environ.get("NEWSBRIEF_DEBUG"):
            raise
        from ..stages import describe

        print(terminal_safe(f"newsbrief: internal error: {describe(error)}. This is a bug in newsbrief: "
                            "please report it with the input; NEWSBRIEF_DEBUG=1 shows the traceback"),
              file=sys.stderr)
        return 1


def _multiplies_large_matrices(args: argparse.Namespace) -> bool:
    """Batch clustering multiplies article-by-article matrices (cluster/topics.py),
    where every core helps."""
    return args.command == "cluster" or getattr(args, "task", None) == "clustering"


def _version() -> str:
    from .. import __version__

    return f"newsbrief {__version__}"
