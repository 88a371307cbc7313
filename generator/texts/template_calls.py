"""Calls from templates without Jinja's per-call inspection, for the callables that take no context.

Jinja routes every call a template makes (`page.text(…)`, a macro, `_()`) through `Context.call`, which
asks the callable, and its `__call__`, whether it wants the context, the eval context or the environment
passed in (four `hasattr` lookups that mostly fail). A page of 1,000 activities makes some 40,000 such calls,
and the lookups were about a tenth of its render time. `PlainCallContext` asks once per function and calls
the plain ones directly, and a macro with the eval context, as Jinja does; anything else goes to Jinja.
"""

from __future__ import annotations

from types import FunctionType, MethodType
from typing import Any

from jinja2.runtime import Context, Macro

_PLAIN: dict[object, bool] = {}
"""Function → whether Jinja passes it nothing (no `pass_context`, `pass_eval_context`, `pass_environment`)."""


def _is_plain(function: object) -> bool:
    plain = _PLAIN.get(function)
    if plain is None:
        plain = _PLAIN[function] = not hasattr(function, "jinja_pass_arg")
    return plain


class PlainCallContext(Context):
    """`Context` whose `call` skips Jinja's inspection for plain functions and methods, and for macros."""

    def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # Jinja's own signature
        kind = type(__obj)
        if kind is MethodType:
            plain = _is_plain(__obj.__func__)
        elif kind is FunctionType:
            plain = _is_plain(__obj)
        elif kind is Macro:  # a macro takes the eval context (autoescaping where it is called), as Jinja passes it
            args = (__self.eval_ctx, *args)
            plain = True
        else:
            plain = False
        if not plain:
            return super().call(__obj, *args, **kwargs)
        kwargs.pop("_block_vars", None)
        kwargs.pop("_loop_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:  # as Jinja does
            return __self.environment.undefined(
                "value was undefined because a callable raised a StopIteration exception"
            )
