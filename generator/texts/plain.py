"""Plain-language words for the privacy page: short citations, numbers in words, Art. 13(2)(e) per case.

Svenska skrivregler and the UK style the page follows: numbers one to twelve are
spelled out in running text (numerals stay in tables), Swedish citations read
"artikel 6.1 b", English ones "Article 6(1)(b) GDPR", and whether a person must
give the data is said as it is for each kind of requirement (a contract
requirement does not oblige anyone; a duty of ours does not oblige the person).
"""

from __future__ import annotations

import re
from functools import lru_cache

from generator.i18n import N_, gettext_for
from generator.model import LEGAL_BASIS_NAMES, LegalBasis, Provision, ProvisionRequirement, Retention
from generator.model.durations import duration_of
from generator.model.vocabulary import article_9_2_point
from generator.texts.legal import ARTICLE_9_2_GROUNDS, duration_in_words, retention_in_words

_SMALL_NUMBERS = {
    "sv": ("", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv"),
    "en": ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"),
}
_NEUTER_ONE = {"år": "ett"}
"""Swedish 'ett år' but 'en månad', 'en vecka', 'en dag'."""

_UNITS = (
    "år|månad|månader|vecka|veckor|dag|dagar|dygn|timme|timmar|minut|minuter|sekund|sekunder|"
    "year|years|month|months|week|weeks|day|days|hour|hours|minute|minutes|second|seconds"
)
_LEADING_NUMBER = re.compile(rf"(?<![\d,.§])\b([1-9]|1[0-2]) ({_UNITS})\b")
"""A small number before a unit of time: never a chapter ('7 kap.'), a section or a price."""
_SWEDISH_ARTICLE = re.compile(r"^(\d+)(?:\.(\d+))?(?: ([a-z]))?$")

NO_BUT = N_("No, but {consequence}")
"""Not required by law, but needed: the consequence follows ('Nej, men utan namn … kan vi inte leverera …')."""
CHILDREN_SEE = N_("(about children's data, see {area})")
"""Art. 8: how a child's data is given is said once; later purposes refer to it."""
WITHOUT_IT: dict[ProvisionRequirement, str] = {
    ProvisionRequirement.contractual: N_("No, but without the data we cannot perform our contract with you."),
    ProvisionRequirement.pre_contractual: N_("No, but without the data we cannot enter into a contract with you."),
    ProvisionRequirement.voluntary: N_("No, it is voluntary."),
}


def numbers_in_words(text: str, language: str) -> str:
    """'3 år från leveransen' → 'tre år från leveransen': one to twelve in words, in running text only."""
    names = _SMALL_NUMBERS.get(language)
    if names is None:
        return text

    def spell(match: re.Match[str]) -> str:
        number, word = int(match.group(1)), match.group(2)
        name = names[number]
        if language == "sv" and number == 1:
            name = _NEUTER_ONE.get(word, "en")
        return f"{name} {word}"

    return _LEADING_NUMBER.sub(spell, text)


def duration_in_running_text(value: str, language: str) -> str:
    """A duration for a sentence ('tre år'); tables keep `duration_in_words` ('3 år')."""
    duration_of(value)  # the model has validated it; this keeps the two functions' inputs the same
    return numbers_in_words(duration_in_words(value, language), language)


def retention_in_running_text(retention: Retention, language: str) -> str:
    """The activity's retention as a phrase of a sentence, with small numbers in words."""
    return numbers_in_words(retention_in_words(retention, language), language)


def article_citation(article: str, language: str) -> str:
    """'artikel 6.1 b' in Swedish (the official style), 'Article 6(1)(b) GDPR' in English."""
    _ = gettext_for(language)
    if language == "en":
        match = _SWEDISH_ARTICLE.match(article)
        if match:
            main, paragraph, point = match.groups()
            article = main + (f"({paragraph})" if paragraph else "") + (f"({point})" if point else "")
        return f"Article {article} GDPR"
    return _("Article {article}").format(article=article)


@lru_cache(maxsize=256)  # every activity's block says its basis, and the catalogs do not change in a process
def legal_basis_short(basis: LegalBasis, language: str) -> str:
    """'Avtal (artikel 6.1 b)' / 'Contract (Article 6(1)(b) GDPR)': the basis where a reader needs it."""
    _ = gettext_for(language)
    return f"{_(LEGAL_BASIS_NAMES[basis])} ({article_citation(basis.article, language)})"


def pre_contractual_short(language: str) -> str:
    """Art. 6(1)(b), second half, in a sentence: 'åtgärder före ett avtal (artikel 6.1 b)'."""
    _ = gettext_for(language)
    return _("Steps before a contract ({article})").format(article=article_citation("6.1 b", language))


def provision_sentence(
    provision: Provision, duty: str | None, consequence: str | None, language: str, *, in_sentence: str | None = None
) -> str:
    """Art. 13(2)(e) as the answer to "Is the data required?", true for each kind of requirement.

    Only a law can oblige the person; a contract needs the data but obliges no one, and a legal
    obligation of ours does not oblige the person either. `duty` and `consequence` are the model's
    own texts (already in the page's language), or None; `in_sentence` is the consequence as it reads after
    "Nej, men" (the page passes its isolated, lower-case form)."""
    _ = gettext_for(language)
    requirement = provision.requirement
    if requirement == ProvisionRequirement.statutory and provision.obligatory:
        first = _("Yes, under {law}.").format(law=duty) if duty else _("Yes, the law requires it.")
    elif requirement == ProvisionRequirement.statutory:
        first = _("No. The law requires us to process the data, but it does not require you to give it to us.")
    elif consequence and requirement != ProvisionRequirement.voluntary:
        return _(NO_BUT).format(consequence=in_sentence or label_in_sentence(consequence))
    elif consequence:  # voluntary: the owner's consequence says what saying no means ('Saying no … does not …')
        first = _("No.")
    else:
        first = _(WITHOUT_IT[requirement])
    return f"{first} {consequence}" if consequence else first


def label_in_sentence(label: str) -> str:
    """A label or sentence the owner wrote to stand alone ('Kunder som handlar i webbutiken', 'Lämna uppgifter
    till Skatteverket.'), with a lower-case first letter for use inside a sentence or a list that continues one.
    One that starts with a name keeps its capitals: an upper-case letter after the first ('SMS-utskick',
    'YouTube-videor'), or a second word that starts with one ('Jiji Boutique-konto', 'Google Analytics');
    a part in brackets does not count ('Analysverktyg (Google Analytics)')."""
    if type(label) is str:  # exactly str: markup equal to a text must not share its result (see `isolate`)
        return _label_in_sentence_text(label)
    return _label_in_sentence(label)


@lru_cache(maxsize=1 << 14)
def _label_in_sentence_text(label: str) -> str:
    """Worked out once per distinct label: a large page reads the same few labels inside thousands of sentences."""
    return _label_in_sentence(label)


def _label_in_sentence(label: str) -> str:
    words = re.sub(r"\s*\([^)]*\)", "", label).split(" ")
    if words[0] == "The" and len(words) > 1:  # 'The Swedish Bookkeeping Act' reads 'the Swedish Bookkeeping Act'
        return "the" + label[3:]
    looks_like_a_name = any(ch.isupper() for ch in words[0][1:]) or (len(words) > 1 and words[1][:1].isupper())
    if not label[:1].isupper() or looks_like_a_name:
        return label
    return label[:1].lower() + label[1:]


def title_quotes(language: str) -> str:
    """A title quoted in running text, as a format string: ”{}” in Swedish, ‘{}’ in UK English."""
    return "”{}”" if language == "sv" else "‘{}’"


def special_category_ground(condition: str, language: str) -> str | None:
    """'bara med ditt uttryckliga samtycke (artikel 9.2 a)' for the condition '9.2 a'; None for one that names
    no point of Art. 9(2) (check L-SPEC-2 reports it)."""
    point = article_9_2_point(condition)
    if point is None:
        return None
    words = gettext_for(language)(ARTICLE_9_2_GROUNDS[point])
    return f"{words} ({article_citation(f'9.2 {point}', language)})"
