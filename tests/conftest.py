import sys
from pathlib import Path

# Tests run in pytest's importlib mode (test files in different folders share base
# names), so the helper modules beside them (builders.py, analysis_annotations.py,
# webtools.py, ...) are made importable here: one flat namespace of helper modules.
_TESTS = Path(__file__).parent
for folder in [_TESTS, *sorted(p for p in _TESTS.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))]:
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
