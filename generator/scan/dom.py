"""Looks at a page in one `page.evaluate` each, without Playwright's locators.

A locator makes Playwright inject its selector engine (a large script, in a world of its own) into every
new document: about 30 ms of CPU per page in the browser and the renderer, a third of a page load, for
each page of each of the four runs. The functions below do what the scan asked of the locators, the way
Playwright's engine does it (Playwright 1.65): CSS selectors that pierce open shadow roots, in the same
order, and its definition of a *visible* element. Like every evaluation in the page's own world, their
answers are checked before use: a hostile page may have replaced what they call.
"""

from __future__ import annotations

QUERY_ALL = """const queryAll = (css) => {
  let result = [];
  const query = (root) => {
    result = result.concat([...root.querySelectorAll(css)]);
    if (root.shadowRoot) query(root.shadowRoot);
    for (const element of root.querySelectorAll("*")) {
      if (element.shadowRoot) query(element.shadowRoot);
    }
  };
  query(document);
  return result;
};"""
"""`queryAll(css)`: the elements a Playwright CSS locator finds, open shadow roots included, in its order."""

IS_VISIBLE = """const isVisible = (element) => {
  const view = element.ownerDocument && element.ownerDocument.defaultView;
  const style = view ? view.getComputedStyle(element) : undefined;
  if (!style) return true;
  if (style.display === "contents") {
    for (let child = element.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 1 && isVisible(child)) return true;
      if (child.nodeType === 3) {
        const range = element.ownerDocument.createRange();
        range.selectNode(child);
        const box = range.getBoundingClientRect();
        if (box.width > 0 && box.height > 0) return true;
      }
    }
    return false;
  }
  if (!element.checkVisibility() || style.visibility !== "visible") return false;
  const box = element.getBoundingClientRect();
  return box.width > 0 && box.height > 0;
};"""
"""`isVisible(element)`: Playwright's `visible` (a non-empty box, not hidden by visibility, display or
content-visibility; `display: contents` by its children)."""


def script(body: str) -> str:
    """A function for `page.evaluate(…, arg)` with `queryAll` and `isVisible` in scope."""
    return f"(arg) => {{\n{QUERY_ALL}\n{IS_VISIBLE}\n{body}\n}}"


def strings(value: object) -> list[str]:
    """An evaluation's list of strings, or nothing if the page answered something else."""
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, str)]
