import sys
from pathlib import Path

# Tests import their builders as a plain module.
sys.path.insert(0, str(Path(__file__).parent))

EXAMPLE = Path(__file__).parent.parent / "src" / "newsbrief" / "examples" / "doha-talks"
