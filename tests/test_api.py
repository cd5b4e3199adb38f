import subprocess
import sys

from builders import article

import newsbrief


def test_import_is_fast_and_light():
    code = "import sys, newsbrief; heavy = {'spacy', 'sklearn', 'trafilatura', 'dateparser', 'torch', 'pyspark'}; print(sorted(heavy & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_all_names_exist():
    for name in newsbrief.__all__:
        assert hasattr(newsbrief, name), name


def test_brief_from_article_objects():
    arts = [
        article("x1", "The council approved the new budget on Monday. It adds 200 teachers to city schools.", source="A"),
        article("x2", "The city council approved a budget that adds 200 teachers. The vote was 7 to 2.", source="B"),
    ]
    result = newsbrief.brief(arts, words=40)
    assert result.summary
    assert all(set(s.citations) <= {"x1", "x2"} for s in result.summary)
    assert "## Summary" in newsbrief.render(result, "md")
