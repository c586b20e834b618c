"""Values the planner's JavaScript shares with the Python side, sent in index.json under "shared".

The planner adopts them from the index (docs/assets/planner/shared.js), so the JavaScript holds no copy
of a pattern or label. Patterns are written in the syntax both languages read the same way: `$` ends the
text in pydantic and JavaScript (Python matches them with fullmatch()).
"""

from __future__ import annotations

from .models import SLUG_PATTERN
from .timing import CLOCK_PATTERN
from .views import MODE_LABELS


def shared_values() -> dict:
    return {
        "clock_pattern": CLOCK_PATTERN,
        "id_pattern": SLUG_PATTERN,
        "mode_labels": dict(MODE_LABELS),
    }
