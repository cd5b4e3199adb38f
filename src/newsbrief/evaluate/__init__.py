"""Measuring newsbrief against human references (``newsbrief eval``).

    rouge       ROUGE as the project reports it (rouge-score, Porter stemming; recall or F1)
    baselines   lead and sumy's summarizers, run beside newsbrief
    summary     the summary evaluation: systems x stories -> one table (``run(args)``)
    timeline    the timeline evaluation (``run(args)``)
    clustering  the story clustering evaluation (``run(args)``)
    dates, quotes, entities, update   the component and update-summary evaluations (``run(args)``)
    rows        reading the component benchmarks' JSONL

Needs the ``eval`` extra (rouge-score, sumy); nothing here is imported by ``import newsbrief``.
"""
