"""Templates call plain functions directly and still hand the context to those that ask for it."""

from __future__ import annotations

from jinja2 import Environment, StrictUndefined, pass_context, pass_environment

from generator.texts.template_calls import PlainCallContext


def _environment() -> Environment:
    environment = Environment(autoescape=True, undefined=StrictUndefined)
    environment.context_class = PlainCallContext
    return environment


class _View:
    def shout(self, text: str) -> str:
        return text.upper() + "!"

    @pass_context
    def greeting(self, context: object, name: str) -> str:
        return f"{context['salute']} {name}"  # type: ignore[index]


def test_methods_functions_and_macros_render_as_with_jinjas_own_context() -> None:
    source = (
        "{% macro item(x) %}<li>{{ x }}</li>{% endmacro %}"
        "{{ view.shout('hej') }} {{ view.greeting(name='Ada') }} {{ named(sep='-') }} {{ plain('<b>') }}"
        "{% for n in [1, 2] %}{{ item(view.shout(n|string)) }}{% endfor %}"
    )

    @pass_environment
    def named(environment: Environment, sep: str) -> str:
        return sep.join(["env", str(environment.autoescape)])

    def plain(text: str) -> str:
        return text

    values = {"view": _View(), "salute": "Hello", "named": named, "plain": plain}
    fast = _environment().from_string(source).render(values)
    assert fast == Environment(autoescape=True, undefined=StrictUndefined).from_string(source).render(values)
    assert fast == "HEJ! Hello Ada env-True &lt;b&gt;<li>1!</li><li>2!</li>"


def test_a_callable_that_raises_stopiteration_gives_undefined_as_in_jinja() -> None:
    def empty() -> str:
        raise StopIteration

    assert _environment().from_string("[{{ empty() is undefined }}]").render(empty=empty) == "[True]"


def test_a_macro_escapes_as_the_place_it_is_called_from_says_as_in_jinja() -> None:
    source = (
        "{% macro show(x) %}[{{ x }}]{% endmacro %}"
        "{{ show('<b>') }}{% autoescape false %}{{ show('<b>') }}{% endautoescape %}"
    )
    fast = _environment().from_string(source).render()
    assert fast == Environment(autoescape=True).from_string(source).render()
    assert fast == "[&lt;b&gt;][&lt;b&gt;]"
