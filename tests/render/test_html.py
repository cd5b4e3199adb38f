import json
import re
from html.parser import HTMLParser

from builders import sample_brief

from newsbrief.render import render


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.ids, self.hrefs, self.attrs = [], set(), [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(name for name, _ in attrs)
        for name, value in attrs:
            if name == "id":
                self.ids.add(value)
            if name == "href":
                self.hrefs.append(value)


def _parse(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    return collector


def test_every_citation_links_to_a_highlighted_source_span():
    html = render(sample_brief(), "html")
    page = _parse(html)
    internal = [h[1:] for h in page.hrefs if h.startswith("#")]
    assert internal, "citations must link into the page"
    assert all(target in page.ids for target in internal)
    assert "src-a1-0-33" in page.ids  # the first summary sentence inside article a1
    assert ".cited:target" in html


def test_report_is_self_contained():
    page = _parse(render(sample_brief(), "html"))
    assert "script" not in page.tags
    assert not any(h.startswith("http") and "example.com" not in h for h in page.hrefs)


def test_hostile_article_text_is_escaped_everywhere():
    hostile = ' <script>alert(1)</script><img src=x onerror="alert(2)">'
    html = render(sample_brief(hostile=hostile), "html")
    page = _parse(html)
    assert "script" not in page.tags and "img" not in page.tags
    assert "onerror" not in page.attrs
    assert "&lt;script&gt;" in html


def test_javascript_urls_never_become_links():
    brief = sample_brief()
    from dataclasses import replace

    bad = replace(brief, articles=(replace(brief.articles[0], url="javascript:alert(1)"), brief.articles[1]))
    page = _parse(render(bad, "html"))
    assert not any(h.lower().startswith("javascript:") for h in page.hrefs)


def test_json_render_is_the_brief_dict():
    data = json.loads(render(sample_brief(), "json"))
    assert data == sample_brief().to_dict()


def test_timeline_axis_places_dates_proportionally():
    html = render(sample_brief(), "html")
    assert re.search(r'class="tick" style="left: 0(\.0)?%"', html)


def test_an_unattributed_quote_says_so_instead_of_an_empty_speaker():
    from dataclasses import replace

    brief = sample_brief()
    html = render(replace(brief, quotes=(replace(brief.quotes[0], speaker=""),)), "html")
    quotes = html[html.index('<section id="quotes">') : html.index("</section>", html.index('<section id="quotes">'))]
    assert re.search(r'— <em class="unattributed"[^>]*>Unattributed</em> ', quotes)
