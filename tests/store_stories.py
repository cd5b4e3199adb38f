"""Builders for store and clustering tests: made-up stories, each with its own vocabulary.

Every article of a story draws a headline and a few sentences from the story's pool,
so articles of one story share names and words, and stories share only news filler.
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from pathlib import Path

from newsbrief.model import Article

STORIES: dict[str, dict[str, list[str]]] = {
    "volcano": {
        "titles": [
            "Hekla volcano erupts in southern Iceland",
            "Ash cloud from Hekla grounds flights over Reykjavik",
            "Iceland evacuates farms near erupting Hekla",
        ],
        "sentences": [
            "The Hekla volcano in southern Iceland began erupting early on Tuesday, sending lava down its slopes.",
            "Icelandic Met Office geologists said the eruption fissure was about four kilometres long.",
            "Civil protection officials evacuated farms in the Rangarvellir district near the volcano.",
            "An ash plume rose eleven kilometres into the sky above Hekla, forcing Keflavik airport to close.",
            "Volcanologist Magnus Gudmundsson said the magma chamber had been refilling since the last eruption.",
            "Airlines cancelled flights between Reykjavik and European capitals as the ash drifted east.",
            "Seismometers recorded hundreds of small earthquakes under Hekla before the eruption.",
            "Farmers moved sheep and horses away from the lava flows and the falling ash.",
            "The Icelandic coast guard flew scientists over the crater to measure the lava fountains.",
        ],
    },
    "football": {
        "titles": [
            "Porto beat Benfica in cup final thriller",
            "Benfica coach blames referee after cup final defeat",
            "Porto striker Tavares scores twice in cup final",
        ],
        "sentences": [
            "Porto won the Portuguese cup final against Benfica three goals to two at the Jamor stadium.",
            "Striker Andre Tavares scored twice for Porto, including a header in extra time.",
            "Benfica coach Rui Almeida said the referee should have awarded his team a penalty.",
            "Thousands of Porto supporters celebrated in the streets of Porto until the early morning.",
            "Benfica goalkeeper Pedro Lima saved a penalty in the first half to keep the match level.",
            "The Portuguese football federation said it would review the refereeing decisions of the final.",
            "Porto captain Joao Ferreira lifted the trophy in front of the president of Portugal.",
            "It was the third cup final between Porto and Benfica in five seasons.",
        ],
    },
    "merger": {
        "titles": [
            "Nordbank agrees takeover of Kestrel Financial",
            "Kestrel shareholders back Nordbank merger",
            "Regulators clear Nordbank purchase of Kestrel",
        ],
        "sentences": [
            "Nordbank agreed to buy Kestrel Financial for 4.2 billion euros in cash and shares.",
            "Kestrel shareholders will receive 18 euros per share, a premium of 31 percent.",
            "Nordbank chief executive Ingrid Solberg said the merger would create the largest lender in Scandinavia.",
            "Competition regulators in Oslo and Stockholm must approve the takeover of Kestrel.",
            "Analysts at Carnegie said the deal would cut costs by 300 million euros a year.",
            "Kestrel chairman Lars Eklund recommended that shareholders accept the Nordbank offer.",
            "Trade unions warned that the merger could lead to the closure of 120 Kestrel branches.",
            "Nordbank shares fell four percent in Stockholm after the takeover was announced.",
        ],
    },
    "vaccine": {
        "titles": [
            "Malaria vaccine trial shows strong protection in Ghana",
            "WHO reviews new malaria vaccine results",
            "Ghana children protected by malaria vaccine, study finds",
        ],
        "sentences": [
            "A malaria vaccine protected 77 percent of children in a trial in northern Ghana, researchers said.",
            "The vaccine, called R45, was given to 450 children aged five to seventeen months in Nanoro and Kintampo.",
            "Professor Abena Mensah, who led the trial, said the malaria vaccine was safe and well tolerated.",
            "The World Health Organization will review the malaria trial data before recommending the vaccine.",
            "Mosquito nets and antimalarial drugs remain essential while the vaccine is rolled out, experts said.",
            "Malaria kills more than 400,000 people a year, most of them young children in Africa.",
            "The Serum Institute said it could produce 200 million doses of the malaria vaccine a year.",
            "Booster doses given a year later kept protection high among the children in Ghana.",
        ],
    },
}

# Four more stories on other subjects, for stores of eight stories.
MORE_STORIES: dict[str, dict[str, list[str]]] = {
    "election": {
        "titles": [
            "Lisbon elects Marta Pires as mayor",
            "Pires wins Lisbon mayoral race by narrow margin",
            "Turnout rises in Lisbon municipal election",
        ],
        "sentences": [
            "Marta Pires of the Socialist Party was elected mayor of Lisbon with 41 percent of the vote.",
            "Her rival, the incumbent mayor Rui Barata, conceded defeat shortly after midnight.",
            "Turnout in the Lisbon municipal election rose to 52 percent, the highest since 2001.",
            "Pires promised to build ten thousand affordable homes and to cap short-term rentals.",
            "Barata's centre-right coalition kept its majority in the city assembly.",
            "Voters in the Alfama and Mouraria districts backed Pires by wide margins.",
            "Prime minister Antonio Matos congratulated Pires on winning the capital.",
            "The new mayor will take office at Lisbon city hall on the first of October.",
        ],
    },
    "probe": {
        "titles": [
            "Japanese probe Kaguya-3 lands near Moon's south pole",
            "JAXA confirms Kaguya-3 lunar landing",
            "Kaguya-3 rover sends first pictures from the Moon",
        ],
        "sentences": [
            "The Japanese space agency JAXA said its Kaguya-3 probe landed near the lunar south pole.",
            "Kaguya-3 touched down inside Shackleton crater after a twenty-minute powered descent.",
            "Mission director Hiroshi Tanaka said the lander's solar panels were producing power.",
            "A small rover left the lander and sent back pictures of the grey lunar soil.",
            "Scientists hope Kaguya-3 will find water ice in the permanently shadowed craters.",
            "Japan became the fifth country to land a spacecraft softly on the Moon.",
            "The probe was launched from the Tanegashima Space Center on an H3 rocket in January.",
            "JAXA engineers will test a drill that can reach one metre below the lunar surface.",
        ],
    },
    "strike": {
        "titles": [
            "French rail strike halts trains across the country",
            "SNCF unions extend rail strike over pensions",
            "Commuters stranded as French rail strike enters third day",
        ],
        "sentences": [
            "French rail workers walked out over pension reform, halting most trains run by SNCF.",
            "Only one high-speed TGV in five ran between Paris and Lyon, the company said.",
            "CGT union leader Sophie Renard said the rail strike would continue until the reform was withdrawn.",
            "Transport minister Julien Morel called on the unions to return to negotiations.",
            "Commuters in the Paris region queued for buses as suburban RER lines stopped.",
            "Eurostar cancelled a third of its trains between Paris and London.",
            "The pension reform would raise the retirement age of train drivers from 52 to 57.",
            "Freight operators warned that factories could run short of parts if the strike lasted.",
        ],
    },
    "trial": {
        "titles": [
            "Former minister Vasquez goes on trial for corruption in Madrid",
            "Witness says Vasquez took bribes for road contracts",
            "Prosecutors seek eight years for ex-minister Vasquez",
        ],
        "sentences": [
            "Former Spanish public works minister Alberto Vasquez went on trial in Madrid on corruption charges.",
            "Prosecutors accuse Vasquez of taking 2.3 million euros in bribes for motorway contracts.",
            "A construction executive told the National Court he paid Vasquez through a company in Andorra.",
            "Vasquez denied all charges and said he was the victim of a political vendetta.",
            "Prosecutor Elena Ruiz asked the judges to sentence Vasquez to eight years in prison.",
            "Three former officials of the ministry are on trial with Vasquez.",
            "The trial is expected to last six weeks, with more than forty witnesses.",
            "Vasquez resigned as minister in 2019 when the investigation became public.",
        ],
    },
}
STORIES.update(MORE_STORIES)
FIRST_FOUR = ("volcano", "football", "merger", "vaccine")


def make_article(story: str, n: int, day: str = "2024-03-10", rng: random.Random | None = None,
                 source: str | None = None) -> Article:
    rng = rng or random.Random(f"{story}-{n}")
    pool = STORIES[story]
    # a rotation of the pool: two articles of a story share at most half their sentences,
    # so they are never near-duplicates of each other (fewer than len(pool) articles per story)
    size = len(pool["sentences"])
    sentences = [pool["sentences"][(n + k) % size] for k in (0, 1, 3, 4)]
    return Article(
        id=f"{story}-{n}",
        title=rng.choice(pool["titles"]),
        text="\n\n".join(sentences),
        date=day,
        source=source or f"paper{n % 5}.example",
        url=f"https://paper{n % 5}.example/{story}/{n}",
    )


def make_stream(per_story: int = 6, stories: tuple[str, ...] = FIRST_FOUR, seed: int = 7) -> list[Article]:
    rng = random.Random(seed)
    articles = [make_article(s, n, f"2024-03-{10 + n % 3:02d}", rng) for s in stories for n in range(per_story)]
    rng.shuffle(articles)
    return articles


def write_article_files(folder: Path, articles: list[Article]) -> list[Path]:
    """One .json file per article (read back by ``newsbrief.ingest``)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, article in enumerate(articles):
        path = folder / f"{number:05d}.json"
        record = {"id": article.id, "title": article.title, "text": article.text, "date": article.date,
                  "source": article.source, "url": article.url}
        path.write_text(json.dumps(record), encoding="utf-8")
        paths.append(path)
    return paths


def gold_story(article_id: str) -> str:
    return article_id.rsplit("-", 1)[0]


def stories_by_gold(store, results, articles) -> dict[str, set[int]]:
    """gold story -> the stored story ids its articles are in now (``results`` of ``store.add``)."""
    story_now = {stored.id: row.id for row in store.stories() for stored in store.articles_of_story(row.id)}
    found = defaultdict(set)
    for article, result in zip(articles, results):
        found[gold_story(article.id)].add(story_now[result.article])
    return found
