"""Test builders: articles and briefs made by hand, no models needed."""

from __future__ import annotations

from pathlib import Path

from newsbrief.model import (
    Article,
    Brief,
    Conflict,
    Entity,
    FigureValue,
    Quote,
    Span,
    SummarySentence,
    TimelineEvent,
)

# The bundled example story (five real articles on the 2019 Doha talks).
EXAMPLE = Path(__file__).parent.parent / "src" / "newsbrief" / "examples" / "doha-talks"

# Five short articles (written for the tests) as (title, text): o0 and o1 share the rare word
# "Osaka" but tell different stories (words alone merge them, embeddings keep them apart); o4
# continues o0's story two months later (``OSAKA_DATES``: joined without a time window, a story
# of its own with a 21-day window).
OSAKA = [
    ("Osaka marathon route announced", "Organisers in Osaka published the new marathon route through the Osaka harbour district."),
    ("Osaka earthquake damages homes", "A shallow earthquake damaged dozens of homes in Osaka prefecture, firefighters in Osaka said."),
    ("Fed raises interest rates", "The Federal Reserve raised its benchmark interest rate by a quarter point."),
    ("Wheat prices climb on drought", "Wheat futures rose sharply as drought hit farms across the plains."),
    ("Osaka marathon runners finish", "Thousands of runners finished the Osaka marathon along the new harbour route."),
]
OSAKA_DATES = ["2024-03-01"] * 4 + ["2024-05-02"]


def article(id: str, text: str, **meta) -> Article:
    return Article(id=id, text=text, **meta)


def span_of(art: Article, fragment: str) -> Span:
    start = art.text.index(fragment)
    return Span(art.id, start, start + len(fragment))


def sample_brief(hostile: str = "") -> Brief:
    """Two articles and one of everything; ``hostile`` is put into every text field."""
    a1 = article(
        "a1",
        f"Talks resumed in Doha on Tuesday. \"We made real strides,\" Khalilzad said. Some 14,000 US troops remain.{hostile}",
        title=f"Talks resume{hostile}",
        source="Example Times",
        date="2019-03-12",
        url="https://example.com/talks",
    )
    a2 = article(
        "a2",
        f"The US has 20,000 troops in Afghanistan. Talks resumed in Doha on Tuesday.{hostile}",
        title="Troops",
        source="Other Post",
        date="2019-03-13",
        path="stories/a2.txt",
    )
    first = "Talks resumed in Doha on Tuesday."
    return Brief(
        summary=(SummarySentence(first + hostile, ("a1", "a2"), (span_of(a1, first), span_of(a2, first))),),
        articles=(a1, a2),
        timeline=(TimelineEvent("2019-03-12", "day", first, ("a1", "a2"), (span_of(a1, first),)),),
        quotes=(Quote(f"Zalmay Khalilzad{hostile}", "We made real strides,", ("a1",), (span_of(a1, "We made real strides,"),)),),
        entities=(Entity(f"Zalmay Khalilzad{hostile}", "PERSON", ("Zalmay Khalilzad", "Khalilzad"), 2, ("a1",)),),
        conflicts=(
            Conflict(
                "US troops in Afghanistan",
                (
                    FigureValue("14,000", "Some 14,000 US troops remain.", ("a1",), (span_of(a1, "Some 14,000 US troops remain."),)),
                    FigureValue("20,000", "The US has 20,000 troops in Afghanistan.", ("a2",), (span_of(a2, "The US has 20,000 troops in Afghanistan."),)),
                ),
            ),
        ),
        title=f"Talks resume{hostile}",
    )
