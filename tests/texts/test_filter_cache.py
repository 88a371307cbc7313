"""The template filters escape each distinct text once, without ever mixing text and markup."""

from __future__ import annotations

from markupsafe import Markup

from generator.texts.templates import breakable, isolate


def test_a_text_and_equal_markup_are_escaped_differently_in_either_order() -> None:
    text = "<b>Ändamål</b> & mer"
    assert isolate(text) == "<bdi>&lt;b&gt;Ändamål&lt;/b&gt; &amp; mer</bdi>"
    assert isolate(Markup(text)) == "<bdi><b>Ändamål</b> & mer</bdi>"
    assert isolate(text) == "<bdi>&lt;b&gt;Ändamål&lt;/b&gt; &amp; mer</bdi>"


def test_a_repeated_text_gives_the_same_markup() -> None:
    assert isolate("Statistik.") is isolate("Statistik.")
    assert breakable("stat_5_3") == "stat_<wbr>5_<wbr>3"
    assert breakable("<x>_y") == "&lt;x&gt;_<wbr>y"
    assert breakable(Markup("<x>_y")) == "&lt;x&gt;_<wbr>y"
