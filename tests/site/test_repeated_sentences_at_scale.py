"""The repeated-sentence check reads a long section's repeated lines once, and finds what it found before.

A cookie table of thousands of rows repeats its source lines; `repeated_sentences` reads each distinct
line once when every tag ends on its own line. These tests compare that with reading every line, on a
section long enough to take the short cut, and on one where a tag spans lines (the short cut is not taken).
"""

from __future__ import annotations

import pytest

from generator.site import readability
from generator.site.readability import repeated_sentences

ROW = (
    "    <tr>\n"
    '      <th scope="row"><code>stat_<wbr>{n}</code></th>\n'
    '      <td data-label="Leverantör"><bdi>Jiji &amp; Co</bdi></td>\n'
    '      <td data-label="Ändamål"><bdi>Räknar besök så att vi ser vilka sidor som används.</bdi></td>\n'
    '      <td data-label="Lagringstid">13 månader</td>\n'
    "    </tr>\n"
)


def _page(rows: int, *, tag_across_lines: bool = False) -> str:
    intro = '<p class="x"\n>Vi sparar kakor bara när du har sagt ja till dem.</p>\n' if tag_across_lines else ""
    table = "".join(ROW.format(n=n) for n in range(rows))
    return (
        "<html><body><main><h1>Integritetspolicy</h1>\n"
        "<section><h2>Köp</h2><p>Vi sparar kakor bara när du har sagt ja till dem.</p></section>\n"
        f"<section><h2>Kakor</h2>\n{intro}<table><tbody>\n{table}</tbody></table>\n"
        "<p>Vi sparar kakor bara när du har sagt ja till dem.</p></section>\n"
        "</main></body></html>"
    )


def _every_line_read(page: str, monkeypatch: pytest.MonkeyPatch) -> list[readability.RepeatedSentence]:
    with monkeypatch.context() as patch:
        patch.setattr(readability, "_LONG_SECTION", len(page) + 1)
        return repeated_sentences(page)


@pytest.mark.parametrize("tag_across_lines", [False, True])
def test_a_long_table_gives_the_same_repetitions_as_reading_every_line(
    tag_across_lines: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(2_000, tag_across_lines=tag_across_lines)
    assert len(page) > readability._LONG_SECTION
    found = repeated_sentences(page)
    assert found == _every_line_read(page, monkeypatch)
    by_sentence = {r.sentence: r for r in found}
    cell = by_sentence["Räknar besök så att vi ser vilka sidor som används."]
    assert cell.count == 2_000 and cell.sections == ("Kakor",)
    said = by_sentence["Vi sparar kakor bara när du har sagt ja till dem."]
    assert said.count == (3 if tag_across_lines else 2) and said.sections == ("Köp", "Kakor")
