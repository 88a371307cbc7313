"""The banners `make bench` compares on the same page: policygen's and three peers from npm (`make bench-deps`).

Each peer is set up as its documentation says, with the example's three categories (necessary, preferences,
statistics) and the same Swedish texts where it has categories; Osano cookieconsent has none (one accept
and one reject button). Configs are files of their own, never inline, like policygen's.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PINNED = {"vanilla-cookieconsent": "3.1.0", "cookieconsent": "3.1.1", "klaro": "0.7.22"}
"""npm packages and versions; the Makefile's bench-deps installs exactly these."""


def tools_dir() -> Path:
    """Where bench-deps installed the peers (the Makefile's BENCH_TOOLS, default .tools)."""
    return Path(os.environ.get("BENCH_TOOLS") or REPO / ".tools")


@dataclass(frozen=True)
class Banner:
    key: str
    name: str
    files: tuple[str, ...]
    """The banner's own JS and CSS (paths under node_modules, or under dist for policygen)."""
    accept: str
    reject: str
    has_categories: bool
    config: str = ""
    """A script of its own that configures the banner, loaded after `files`."""
    config_first: bool = False


TEXT = "Vi använder kakor för inställningar och statistik. Nödvändiga kakor behövs för att webbplatsen ska fungera."

VANILLA_CONFIG = """CookieConsent.run({
  hideFromBots: false,
  categories: {necessary: {enabled: true, readOnly: true}, preferences: {}, statistics: {}},
  language: {default: 'sv', translations: {sv: {
    consentModal: {title: 'Vi använder kakor (cookies)', description: '@TEXT@',
      acceptAllBtn: 'Acceptera alla', acceptNecessaryBtn: 'Avvisa alla', showPreferencesBtn: 'Anpassa'},
    preferencesModal: {title: 'Cookie-inställningar', acceptAllBtn: 'Acceptera alla',
      acceptNecessaryBtn: 'Avvisa alla', savePreferencesBtn: 'Spara val', closeIconLabel: 'Stäng',
      sections: [
        {title: 'Nödvändiga', description: 'Behövs för att webbplatsen ska fungera.', linkedCategory: 'necessary'},
        {title: 'Inställningar', description: 'Kommer ihåg dina val.', linkedCategory: 'preferences'},
        {title: 'Statistik', description: 'Hjälper oss att förbättra webbplatsen.', linkedCategory: 'statistics'}
      ]}
  }}}
});
""".replace("@TEXT@", TEXT)

OSANO_CONFIG = """document.addEventListener('DOMContentLoaded', function () {
  window.cookieconsent.initialise({
    type: 'opt-in', position: 'bottom',
    content: {message: '@TEXT@', allow: 'Acceptera alla', deny: 'Avvisa alla',
      link: 'Läs mer', href: '/integritetspolicy/'}
  });
});
""".replace("@TEXT@", TEXT)

KLARO_CONFIG = """window.klaroConfig = {
  version: 1, elementID: 'klaro', storageMethod: 'cookie', cookieName: 'klaro', lang: 'sv',
  acceptAll: true, hideDeclineAll: false, mustConsent: false, privacyPolicy: '/integritetspolicy/',
  translations: {sv: {consentNotice: {description: '@TEXT@'},
    purposes: {necessary: 'Nödvändiga', preferences: 'Inställningar', statistics: 'Statistik'}}},
  services: [
    {name: 'consent', title: 'Samtycke', purposes: ['necessary'], required: true},
    {name: 'preferences', title: 'Inställningar', purposes: ['preferences']},
    {name: 'statistics', title: 'Statistik', purposes: ['statistics']}
  ]
};
""".replace("@TEXT@", TEXT)

POLICYGEN = Banner(
    "policygen",
    "policygen",
    ("consent/consent.js", "consent/consent.css"),
    '[data-consent-action="accept-all"]',
    '[data-consent-action="reject-all"]',
    True,
)
PEERS = (
    Banner(
        "vanilla",
        "vanilla-cookieconsent 3.1.0",
        ("vanilla-cookieconsent/dist/cookieconsent.umd.js", "vanilla-cookieconsent/dist/cookieconsent.css"),
        '#cc-main .cm [data-role="all"]',
        '#cc-main .cm [data-role="necessary"]',
        True,
        VANILLA_CONFIG,
    ),
    Banner(
        "osano",
        "Osano cookieconsent 3.1.1",
        ("cookieconsent/build/cookieconsent.min.js", "cookieconsent/build/cookieconsent.min.css"),
        ".cc-window .cc-allow",
        ".cc-window .cc-deny",
        False,
        OSANO_CONFIG,
    ),
    Banner(
        "klaro",
        "Klaro 0.7.22",
        ("klaro/dist/klaro.js",),
        ".cookie-notice .cm-btn-success",
        ".cookie-notice .cn-decline",
        True,
        KLARO_CONFIG,
        config_first=True,
    ),
)
BARE = Banner("bare", "no banner", (), "", "", False)
"""The same page without a banner: the baseline of the heap figure."""
# vanilla-cookieconsent hides itself from headless browsers (`hideFromBots`); the bench turns that off, as a
# visitor's browser would not trigger it.

PAGE = """<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
{head}
</head>
<body>
<main>
<h1>{title}</h1>
{paragraphs}
<p><a href="{next}">Nästa sida</a></p>
</main>
</body>
</html>
"""
PARAGRAPH = (
    "<p>Välkommen till vår butik. Här hittar du kläder, skor och accessoarer för hela familjen. "
    "Vi skickar inom två arbetsdagar och du har alltid 30 dagars öppet köp.</p>"
)


def missing_peers() -> list[str]:
    """The peer files bench-deps has not installed (empty when all are there)."""
    modules = tools_dir() / "node_modules"
    return [f"{modules / name}" for peer in PEERS for name in peer.files if not (modules / name).is_file()]


def banner_files(banner: Banner, dist: Path) -> list[Path]:
    """The banner's own JS and CSS as the visitor downloads them."""
    root = dist if banner is POLICYGEN else tools_dir() / "node_modules"
    return [root / name for name in banner.files]


def write_site(root: Path, dist: Path) -> list[Banner]:
    """One folder per banner with two pages (a first and a repeat view), served from `root`; policygen's
    build at its publish path, as on a real site. Returns the banners set up, the baseline first."""
    from generator.project import bundled_example
    from generator.sources.loading import load_policy

    publish = load_policy(bundled_example()).policy.site.publish_path.strip("/")
    shutil.copytree(dist, root / publish, dirs_exist_ok=True)
    snippet = (dist / "snippet.html").read_text(encoding="utf-8")
    banners = [BARE, POLICYGEN, *PEERS]
    for banner in banners:
        folder = root / banner.key
        folder.mkdir(parents=True, exist_ok=True)
        head = snippet.strip() if banner is POLICYGEN else _peer_head(banner, folder)
        for number, (name, following) in enumerate((("index.html", "sida-2.html"), ("sida-2.html", "index.html"))):
            title = f"Sida {number + 1}"
            (folder / name).write_text(
                PAGE.format(title=title, head=head, paragraphs=PARAGRAPH * 6, next=following), encoding="utf-8"
            )
    return banners


def _peer_head(banner: Banner, folder: Path) -> str:
    tags = []
    for path in banner_files(banner, Path()):
        shutil.copyfile(path, folder / path.name)
        if path.suffix == ".css":
            tags.append(f'<link rel="stylesheet" href="{path.name}">')
        else:
            tags.append(f'<script src="{path.name}" defer></script>')
    if banner.config:
        (folder / "config.js").write_text(banner.config, encoding="utf-8")
        config_tag = '<script src="config.js" defer></script>'
        tags.insert(0, config_tag) if banner.config_first else tags.append(config_tag)
    return "\n".join(tags)
