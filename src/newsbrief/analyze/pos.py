"""The coarse part of speech (and the few tags and labels) the model's attribute ruler
sets, computed from a lookup table instead of its token matcher.

The attribute ruler of ``en_core_web_sm`` runs a ``Matcher`` of ~180 rules over every
parsed token (15 us a token: a fifth of tagging and parsing a short piece). The stages
read only what it does to ``pos_``, ``tag_`` and ``dep_`` (not morphology or lemmas),
and its rules read a token's tag, lowercase form, dependency label and whether it is
whitespace. ``RuleTable`` compiles the ruler's own rules (read from the loaded model,
not copied) into a table keyed by those four values, filled as keys appear; the
result is the ruler's, rule for rule: later rules win, as in
``AttributeRuler.set_annotations``. Rules over two tokens ("there is": ``expl`` then a
form of "be") are matched pairwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# What the stages read of the ruler's output; its other attributes (MORPH, LEMMA) are
# left unset.
KEPT = ("POS", "TAG", "DEP")
# The token attributes the ruler's rules may test: anything else makes RuleTable refuse
# the model (the matcher then runs as before).
TESTED = frozenset({"TAG", "LOWER", "DEP", "IS_SPACE"})
OTHER = "\0other"  # a lowercase form or label no rule names


@dataclass(frozen=True, slots=True)
class Rule:
    order: int  # the ruler's attribute id: later rules win
    patterns: tuple[tuple[dict[str, Any], ...], ...]
    index: int  # the token of the match the attributes go to
    attrs: tuple[tuple[str, str], ...]


class RuleTable:
    """The attribute ruler's rules as a function of (tag, lower, dep, is_space)."""

    def __init__(self, rules: list[Rule]) -> None:
        # (rule, its one-token patterns), in order; (rule, one two-token pattern)
        self.single = [(r, [p for p in r.patterns if len(p) == 1]) for r in rules]
        self.pairs = [(r, p) for r in rules for p in r.patterns if len(p) == 2]
        self.lowers = {v for r in rules for p in r.patterns for spec in p for v in values(spec.get("LOWER"))}
        self.deps = {v for r in rules for p in r.patterns for spec in p for v in values(spec.get("DEP"))}
        self.cache: dict[tuple, tuple[dict[str, tuple[int, str]], frozenset[int], frozenset[int]]] = {}

    def key(self, tag: str, lower: str, dep: str, space: bool) -> tuple:
        return (
            tag,
            lower if lower in self.lowers else OTHER,
            dep if dep in self.deps or dep == "" else OTHER,
            space,
        )

    def lookup(self, key: tuple):
        """(attribute -> (rule order, value)) of the single-token rules matching a
        token, and which pair rules' first and second tokens it matches."""
        found = self.cache.get(key)
        if found is None:
            token = dict(zip(("TAG", "LOWER", "DEP", "IS_SPACE"), key))
            best: dict[str, tuple[int, str]] = {}
            for rule, patterns in self.single:
                if any(matches(p[0], token) for p in patterns):
                    for name, value in rule.attrs:
                        best[name] = (rule.order, value)  # rules are in order
            first = frozenset(n for n, (_, p) in enumerate(self.pairs) if matches(p[0], token))
            second = frozenset(n for n, (_, p) in enumerate(self.pairs) if matches(p[1], token))
            found = self.cache[key] = (best, first, second)
        return found

    def apply(self, doc: Doc) -> Doc:
        """Set the ruler's POS, TAG and DEP on a tagged and parsed Doc."""
        looked = [self.lookup(self.key(t.tag_, t.lower_, t.dep_, t.is_space)) for t in doc]
        chosen = [dict(best) for best, _, _ in looked]
        for i in range(len(doc) - 1):
            for n in looked[i][1] & looked[i + 1][2]:
                rule = self.pairs[n][0]
                target = chosen[i + (rule.index if rule.index >= 0 else 2 + rule.index)]
                for name, value in rule.attrs:
                    if target.get(name, (-1, ""))[0] < rule.order:
                        target[name] = (rule.order, value)
        for token, attrs in zip(doc, chosen):
            if "TAG" in attrs:
                token.tag_ = attrs["TAG"][1]
            if "POS" in attrs:
                token.pos_ = attrs["POS"][1]
            if "DEP" in attrs:
                token.dep_ = attrs["DEP"][1]
        return doc


def values(spec: Any) -> list[str]:
    """The strings a pattern's value names ("said", {"IN": [...]}, {"NOT_IN": [...]})."""
    if spec is None or isinstance(spec, bool):
        return []
    if isinstance(spec, str):
        return [spec]
    return [v for listed in spec.values() for v in listed]


def matches(spec: dict[str, Any], token: dict[str, Any]) -> bool:
    for name, wanted in spec.items():
        value = token[name]
        if isinstance(wanted, dict):
            if "IN" in wanted and value not in wanted["IN"]:
                return False
            if "NOT_IN" in wanted and value in wanted["NOT_IN"]:
                return False
        elif value != wanted:
            return False
    return True


def rule_table(nlp: Language) -> RuleTable | None:
    """The pipeline's attribute ruler as a RuleTable, or None when it has none, or a
    rule setting POS, TAG or DEP tests something the table does not key on or spans
    more than two tokens."""
    if "attribute_ruler" not in nlp.pipe_names:
        return None
    rules = []
    for order, rule in enumerate(nlp.get_pipe("attribute_ruler").patterns):
        attrs = tuple((k, v) for k, v in rule["attrs"].items() if k in KEPT)
        if not attrs:  # a lemma or morphology rule
            continue
        for pattern in rule["patterns"]:
            if len(pattern) > 2 or any(set(spec) - TESTED for spec in pattern):
                return None
            for spec in pattern:
                for value in spec.values():
                    if isinstance(value, dict) and set(value) - {"IN", "NOT_IN"}:
                        return None
        patterns = tuple(tuple(p) for p in rule["patterns"])
        rules.append(Rule(order, patterns, rule.get("index", 0), attrs))
    return RuleTable(rules)
