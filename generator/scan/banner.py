"""Operate the cookie banner the way a visitor does, through its `data-consent-action` hooks.

The banner's controls (docs/banner.md): the first layer has `accept-all`, `reject-all` and
`customize`; the settings (second layer) have toggles
`input[data-consent-category]`, `save` and usually `reject-all`; a control
anywhere with `open` reopens the settings. Only *visible* controls count: a
button hidden by the site's CSS is no choice for a visitor.

Every action returns None when it worked, or the reason it could not be done,
which the scan reports as a finding.
"""

from __future__ import annotations

import re

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Locator, Page

from generator.scan import dom
from generator.scan.observations import BannerProbe

ACTION_TIMEOUT = 5.0
"""Seconds for a banner control to become visible or accept a click."""

OPEN_SETTINGS_API = "() => !!(window.policygenConsent && typeof window.policygenConsent.open === 'function')"

SETTINGS_CONTROL = '[data-consent-action="open"], [data-consent-action="customize"]:not(.consent-ui *)'
"""What the banner opens its settings from (its click handler, docs/banner.md): `open` anywhere, whether the
site's footer or the banner's own floating button carries it, and `customize` outside the banner's first
layer (`.consent-ui`), where the banner's own "Anpassa" lives until a choice is made."""

BANNER_PROBE = dom.script(
    """const settings = arg;
  const controls = queryAll("[data-consent-action]").filter(isVisible);
  const reopen = controls.some((control) => control.matches(settings));
  return {
    actions: [...new Set(controls.map((control) => control.getAttribute("data-consent-action")))],
    reopen,
    hiddenReopen: !reopen && queryAll(settings).length > 0,
  };"""
)
"""The actions of the visible banner controls, whether one of them reopens the settings, and whether a
control that would is on the page though none is visible. Evaluated with SETTINGS_CONTROL as its argument."""


class BannerControls:
    """The banner on one browser page."""

    def __init__(self, page: Page) -> None:
        self.page = page

    async def probe(self) -> BannerProbe:
        """What of the banner a visitor can see now, in one look at the page (the scan does this on every page)."""
        seen = await self.page.evaluate(BANNER_PROBE, SETTINGS_CONTROL)
        seen = seen if isinstance(seen, dict) else {}
        actions = set(dom.strings(seen.get("actions")))
        reopen = seen.get("reopen") is True
        return BannerProbe(
            shown="accept-all" in actions,
            reject_on_first_layer="reject-all" in actions,
            reopen_control=reopen,
            hidden_reopen_control=not reopen and seen.get("hiddenReopen") is True,
        )

    async def accept_all(self) -> str | None:
        return await self._click("accept-all")

    async def reject_all(self) -> str | None:
        if await self._visible("reject-all"):
            return await self._click("reject-all")
        # No reject on the first layer (a finding of its own): refuse in the settings, as a determined visitor would.
        if not await self._visible("customize"):
            return 'neither a "reject-all" nor a "customize" control is visible on the first layer'
        return await self._click("customize") or await self._turn_everything_off()

    async def withdraw(self) -> str | None:
        """Reopen the settings after a choice and refuse everything."""
        settings = self.page.locator(SETTINGS_CONTROL).filter(visible=True)
        if await settings.count() > 0:
            try:
                await settings.first.click(timeout=ACTION_TIMEOUT * 1000)
            except PlaywrightError as error:
                return f"clicking the control that reopens the settings failed: {error_gist(error)}"
        elif await self.page.evaluate(OPEN_SETTINGS_API):
            # The missing control is reported from the probe; the JS API still lets the run go on.
            await self.page.evaluate("() => window.policygenConsent.open()")
        else:
            return 'no visible "open" control and no window.policygenConsent.open() to reopen the settings'
        return await self._turn_everything_off()

    async def _turn_everything_off(self) -> str | None:
        """In the open settings: "reject all" if there is one, else untick every toggle and save."""
        controls = self.page.locator('[data-consent-action="reject-all"], [data-consent-action="save"]')
        try:
            await controls.filter(visible=True).first.wait_for(state="visible", timeout=ACTION_TIMEOUT * 1000)
        except PlaywrightError:
            return 'the settings show neither a "reject-all" nor a "save" control'
        if await self._visible("reject-all"):
            return await self._click("reject-all")
        toggles = self.page.locator("input[data-consent-category]")
        for index in range(await toggles.count()):
            toggle = toggles.nth(index)
            if await toggle.is_checked() and await toggle.is_enabled():
                try:
                    await toggle.set_checked(False, timeout=ACTION_TIMEOUT * 1000)
                except PlaywrightError:
                    await toggle.evaluate("element => element.click()")  # a visually hidden input
        return await self._click("save")

    async def _visible(self, action: str) -> bool:
        return await self._control(action).count() > 0

    def _control(self, action: str) -> Locator:
        return self.page.locator(f'[data-consent-action="{action}"]').filter(visible=True)

    async def _click(self, action: str) -> str | None:
        control = self._control(action)
        if await control.count() == 0:
            return f'no visible control with data-consent-action="{action}"'
        try:
            await control.first.click(timeout=ACTION_TIMEOUT * 1000)
        except PlaywrightError as error:
            return f'clicking data-consent-action="{action}" failed: {error_gist(error)}'
        return None


def error_gist(error: BaseException) -> str:
    """The gist of a Playwright error: its first line without the API call ("Page.goto: ")."""
    text = (getattr(error, "message", None) or str(error)).strip()
    if not text:
        return type(error).__name__
    return re.sub(r"^[A-Za-z]+\.[A-Za-z]+: ", "", text.splitlines()[0])
