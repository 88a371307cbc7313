/*! policygen consent banner | MIT */
/*
 * The cookie-consent banner of policygen: vanilla JavaScript, no dependencies.
 *
 * Everything it knows comes from the config the generator writes from the
 * policy model to consent/config.json, next to this file (format:
 * docs/banner.md). The snippet preloads it, so the snippet never changes when
 * the policy does. This file is loaded with `defer`, so it runs once the page
 * is parsed; it starts when the config has arrived.
 *
 * What it does, in order:
 *   1. Google Consent Mode v2 (when the config asks): `default` before anything.
 *   2. Reads the visitor's stored choice; a missing, malformed or expired
 *      choice, or one whose granted categories changed revision, counts as
 *      none, and the banner asks.
 *   3. Applies the choice: `update` for Consent Mode, deletes what a refused
 *      category stored, runs the blocked scripts and iframes of granted ones.
 *
 * Safety: every text is inserted as a text node (never as HTML), nothing is
 * evaluated, no inline script or style is created, so it runs under
 * `Content-Security-Policy: default-src 'self'`.
 */
(async () => {
  "use strict";

  const doc = document;
  // A second snippet on the page does nothing. An own property: an element id="policygenConsent" cannot stop the banner.
  if (Object.hasOwn(window, "policygenConsent")) return;
  window.policygenConsent = undefined; // claimed now: a second copy stops here while this one waits for the config
  /** Run `action`, ignoring what the browser throws (storage denied, cookies off): each attempt stands alone. */
  const attempt = (action) => {
    try {
      return action();
    } catch {}
  };
  const config = await loadConfig(doc.currentScript.src).catch(() => 0);
  if (!config) return; // no config or a broken one: nothing is unblocked, nothing is shown

  const categories = config.categories;
  const requested = doc.documentElement.lang.slice(0, 2);
  const language = config.languages.includes(requested) ? requested : config.languages[0];
  const texts = config.texts[language];
  // Global Privacy Control: the visitor asks sites not to sell or share their data.
  const gpc = navigator.globalPrivacyControl === true;
  const gpcCategories = gpc ? config.gpc_categories : [];
  const cookieName = config.cookie.name;
  const BLOCKED = 'script[type="text/plain"][data-consent]';
  let releasing; // the blocked script being released
  /** Trusted Types: what becomes script is always the src or text of the blocked script being released, whatever
   * the value asked for; the same without Trusted Types. */
  const own = { createScript: () => releasing.text, createScriptURL: () => releasing.getAttribute("src") };
  const trusted = attempt(() => trustedTypes.createPolicy("policygen", own)) || own;
  /** The page's cookies as [name, value] pairs: the cookie string is parsed here only. */
  const cookies = () => attempt(() => doc.cookie.split("; ").map((pair) => pair.split(/=(.*)/))) || [];

  /** The category of an id, or undefined for an unknown one. */
  const byId = (id) => categories.find((category) => category.id === id);
  /** The revisions of the granted categories: a choice holds while they are unchanged (docs/history.md). */
  const revisionOf = (ids) => ids.map((id) => byId(id).revision).join("");
  let choice = readChoice(); // the stored choice, or null: the banner asks
  let banner; // the first layer, once built
  let dialog; // the second layer (settings), once built
  let returnFocus; // where focus goes when the settings close
  const queue = []; // blocked scripts waiting to run, in document order
  let loading; // [the released copy, its blocked original] while a script loads
  const placeholders = new WeakMap(); // blocked iframe → its placeholder (a frame the page removed is forgotten)

  // --- the stored choice -------------------------------------------------

  /** The choice in the consent cookie, if it is complete, current and of this revision. */
  function readChoice() {
    for (const [name, value] of cookies()) {
      // Garbage in the cookie: no choice.
      const stored = name === cookieName && attempt(() => JSON.parse(decodeURIComponent(value)));
      const age = Date.now() - stored?.time;
      if (
        Number.isInteger(stored?.time) &&
        age > -6e4 && // a time in the future (beyond clock skew) is not believed
        age < config.cookie.lifetime * 1e3 &&
        /^[0-9a-f]{32}$/.test(stored.id) &&
        typeof stored.policy_version === "string" &&
        Array.isArray(stored.categories) &&
        stored.categories.every(byId) &&
        stored.revision === revisionOf(stored.categories) // a granted category changed: ask again
      ) {
        return stored;
      }
    }
    return null;
  }

  /** Whether a category is always on: the one place that says so. */
  const required = (id) => byId(id)?.required;

  /** Whether a category is granted now: required ones always, others only by a choice. */
  const granted = (id) => required(id) || !!choice?.categories.includes(id);

  /** Store a new choice (`wanted(id)` says whether a category is on), apply it, send the receipt and tell the page. */
  function choose(wanted) {
    const ids = categories.map(({ id }) => id).filter((id) => required(id) || wanted(id) === true);
    choice = {
      revision: revisionOf(ids),
      policy_version: config.policy_version,
      time: Date.now(),
      // The same id across changes, so a withdrawal can be matched to its consent; else 128 random bits in hex
      // (crypto.randomUUID is missing on plain http).
      id: choice?.id || crypto.getRandomValues(new Uint8Array(16)).reduce((id, byte) => id + (byte + 256).toString(16).slice(1), ""),
      categories: ids
    };
    attempt(writeChoiceCookie); // not stored: still honoured on this page
    if (config.receipt_endpoint) attempt(() => navigator.sendBeacon(config.receipt_endpoint, JSON.stringify({ ...choice, gpc })));
    if (banner) banner.hidden = true;
    dialog?.close();
    apply();
    doc.dispatchEvent(new CustomEvent("consent:change", { detail: state() }));
  }

  function writeChoiceCookie() {
    const domain = config.cookie.domain;
    // A domain the current host does not belong to would be refused: keep the host then.
    const shared = domain && ("." + location.hostname).endsWith("." + domain.replace(/^\./, ""));
    deleteCookie(cookieName, { path: "/" }); // no stale copy on another domain or path
    doc.cookie =
      cookieName +
      "=" +
      encodeURIComponent(JSON.stringify(choice)) +
      "; path=/; samesite=lax; max-age=" +
      config.cookie.lifetime +
      (location.protocol === "https:" ? "; secure" : "") +
      (shared ? "; domain=" + domain : "");
  }

  /** What get() returns and consent:change carries. */
  const state = () =>
    choice && { ...choice, categories: Object.fromEntries(categories.map(({ id }) => [id, granted(id)])) };

  // --- enforcement ---------------------------------------------------------

  function apply() {
    consentMode("update");
    for (const category of categories) if (!granted(category.id)) clear(category); // called with a choice only
    release();
  }

  /** Run the blocked scripts and load the blocked frames of every granted category (necessary always), in `root`. */
  function release(root = doc) {
    // Refused while it loads: moved to a document without a window, the copy never runs; the original goes back.
    if (loading && !granted(loading[1].dataset.consent)) {
      loading[0].replaceWith(loading[1]);
      new Document().adoptNode(loading[0]);
      loading = 0;
    }
    for (const script of root.querySelectorAll(BLOCKED)) {
      if (granted(script.dataset.consent) && !queue.includes(script)) queue.push(script);
    }
    if (!loading) runNext();
    for (const frame of root.querySelectorAll("iframe[data-consent][data-src]")) updateFrame(frame);
  }

  /** Run queued scripts one after the other, so they keep their document order. */
  function runNext() {
    loading = 0;
    const blocked = queue.shift();
    if (!blocked) return;
    // Removed by the page meanwhile, or refused since it was queued: it stays blocked.
    if (!blocked.isConnected || !granted(blocked.dataset.consent)) return runNext();
    const script = doc.createElement("script");
    releasing = blocked;
    for (const { name, value } of blocked.attributes) {
      script.setAttribute(name, name === "src" ? trusted.createScriptURL(value) : value);
    }
    script.type = blocked.dataset.type || ""; // runnable: data-type="module", or "" for a classic script
    script.nonce = blocked.nonce; // the nonce attribute reads empty once CSP hides it
    script.text = trusted.createScript(blocked.text);
    blocked.replaceWith(script);
    if (!script.src) return runNext();
    loading = [script, blocked];
    script.onload = script.onerror = () => loading?.[0] === script && runNext();
  }

  /** Load an embed whose category is granted; otherwise show what it needs. */
  function updateFrame(frame) {
    const id = frame.dataset.consent;
    const placeholder = placeholders.get(frame);
    if (granted(id)) {
      placeholder?.remove();
      placeholders.delete(frame);
      frame.hidden = false;
      if (frame.getAttribute("src") !== frame.dataset.src) frame.src = frame.dataset.src;
    } else if (!placeholder) {
      const label = byId(id)?.label[language] ?? id;
      const box = element(
        "div",
        { class: "consent-ui consent-placeholder" },
        element("strong", {}, frame.title), // the embed's name (empty without a title)
        element("p", {}, fill(texts.blocked, label)),
        element(
          "button",
          { type: "button", class: "consent-button", "data-consent-allow": id },
          fill(texts.allow, label)
        ),
        providerLink(frame.dataset.src)
      );
      // The frame's box, so nothing moves (set through CSSOM, which a CSP allows).
      if (frame.offsetWidth) {
        Object.assign(box.style, {
          display: getComputedStyle(frame).display.replace(/^inline$/, "inline-block"),
          width: frame.offsetWidth + "px",
          height: frame.offsetHeight + "px"
        });
      }
      if (frame.hasAttribute("src")) frame.src = "about:blank"; // withdrawn: unload it
      frame.hidden = true;
      frame.before(box);
      placeholders.set(frame, box);
    }
  }

  /** A link that opens an embed on its provider's site, named by the provider the config knows for its domain, else
   * by its host; none for an address that is not http(s). An <a> resolves the address as the frame would. */
  function providerLink(src) {
    const link = element("a", { href: src, rel: "noreferrer" });
    let provider = link.hostname;
    for (const domain in config.providers) if (("." + provider).endsWith("." + domain)) provider = config.providers[domain][language];
    link.append(fill(texts.open, provider));
    return /^https?:$/.test(link.protocol) && link;
  }

  /** Delete what a refused category stored, as far as JavaScript can reach it. */
  function clear(category) {
    for (const item of category.items) attempt(() => {
      const matches = (name) => (item.pattern ? new RegExp(item.pattern).test(name) : name === item.name);
      if (item.storage === "cookie") {
        for (const name of item.pattern ? cookies().map(([name]) => name).filter(matches) : [item.name]) {
          deleteCookie(name, item);
        }
      } else if (item.storage === "indexed_db") {
        if (!item.pattern) indexedDB.deleteDatabase(item.name);
      } else if (item.storage !== "pixel") {
        const storage = item.storage === "local_storage" ? localStorage : sessionStorage;
        for (const key of Object.keys(storage)) if (matches(key)) storage.removeItem(key);
      }
    });
  }

  /** Expire a cookie on this host and each parent domain, on its declared path and this page's. */
  function deleteCookie(name, item) {
    // This host, each parent domain (a top-level one is refused by the browser) and the declared one.
    const labels = location.hostname.split(".");
    const domains = ["", ...labels.map((_, i) => "; domain=" + labels.slice(i).join(".")), "; domain=" + (item.domain || "")];
    // Each folder with and without its trailing slash (/shop and /shop/), and the page itself.
    const path = location.pathname;
    const paths = [item.path, path];
    for (let i = 0; (i = path.indexOf("/", i) + 1); ) paths.push(path.slice(0, i - 1) || "/", path.slice(0, i));
    for (const domain of domains) for (const each of paths) doc.cookie = name + "=; max-age=0; path=" + each + domain;
  }

  /** Google Consent Mode v2, basic: `default` before any tag, `update` on every choice. */
  function consentMode(command) {
    if (!config.consent_mode) return;
    window.dataLayer ||= [];
    // As Google documents it: gtag pushes its `arguments` object.
    window.gtag ||= function () {
      dataLayer.push(arguments);
    };
    const signals = {};
    for (const signal in config.consent_mode) {
      signals[signal] = config.consent_mode[signal].some(command === "default" ? required : granted) ? "granted" : "denied";
    }
    gtag("consent", command, signals);
  }


  /** A text with its {placeholder} filled; split and join, as String.replace would expand "$&" in `value`. */
  const fill = (text, value) => text.split(/\{\w+\}/).join(value);

  // --- the two layers --------------------------------------------------------

  /** A DOM element with attributes and children (falsy ones left out); strings become text nodes, never HTML. */
  function element(tag, attributes, ...children) {
    const node = doc.createElement(tag);
    for (const name in attributes) node.setAttribute(name, attributes[name]);
    node.append(...children.filter(Boolean));
    return node;
  }

  const button = (action, text) =>
    element("button", { type: "button", class: "consent-button", "data-consent-action": action }, text);

  const actionButtons = (...extra) =>
    element(
      "div",
      { class: "consent-buttons" },
      button("accept-all", texts.accept_all),
      button("reject-all", texts.reject_all),
      ...extra
    );

  const gpcNotice = () => gpcCategories.length && element("p", { class: "consent-gpc" }, texts.gpc);

  /** The first layer, shown once per page view: not modal, no close button; the page stays usable. */
  function showBanner() {
    banner = element(
      "section",
      { class: "consent-ui consent-banner", "aria-labelledby": "consent-title" },
      element("h2", { id: "consent-title" }, texts.title),
      element(
        "p",
        {},
        texts.intro + " " + texts.withdraw + " ",
        element("a", { href: config.policy_url[language] }, texts.policy_link)
      ),
      gpcNotice(),
      actionButtons(button("customize", texts.customize))
    );
    doc.body.prepend(banner); // first in tab order, shown fixed at the bottom
  }

  /** The second layer: a modal dialog with one toggle per category. */
  function openSettings() {
    if (!dialog) {
      dialog = element(
        "dialog",
        { class: "consent-ui consent-dialog", "aria-labelledby": "consent-settings-title" },
        element("h2", { id: "consent-settings-title" }, texts.settings_title),
        element("p", {}, texts.settings_intro),
        gpcNotice(),
        ...categories.map(categorySection),
        actionButtons(button("save", texts.save), button("close", texts.close))
      );
      dialog.addEventListener("close", () => returnFocus?.focus());
      dialog.addEventListener("keydown", trapFocus);
      doc.body.append(dialog);
    }
    if (dialog.open) return;
    for (const toggle of dialog.querySelectorAll("input[data-consent-category]")) {
      toggle.checked = granted(toggle.dataset.consentCategory);
    }
    returnFocus = doc.activeElement;
    dialog.showModal();
  }

  /** Tab from the last control goes to the first, Shift+Tab from the first to the last. */
  function trapFocus(event) {
    if (event.key !== "Tab") return;
    const controls = [...dialog.querySelectorAll("input:enabled,summary,button,a[href]")];
    if (!event.shiftKey) controls.reverse(); // the first is where focus wraps from, the last where it goes
    if (doc.activeElement === controls[0]) {
      controls.pop().focus();
      event.preventDefault();
    }
  }

  function categorySection(category) {
    const id = category.id;
    const described = "consent-description-" + id;
    const toggle = element("input", {
      type: "checkbox",
      "data-consent-category": id,
      "aria-describedby": described
    });
    toggle.disabled = category.required;
    // An item's description and details are positions in config.item_texts, where each text is once.
    const itemTexts = config.item_texts[language];
    const items = category.items.map((item) =>
      element(
        "li",
        {},
        element("code", {}, item.name),
        item.description + 1 && " – " + itemTexts[item.description],
        element("br"),
        itemTexts[item.details]
      )
    );
    return element(
      "div",
      { class: "consent-category" },
      element(
        "label",
        {}, // the toggle inside its label: labelled without an id
        toggle,
        " " + category.label[language] + (category.required ? " (" + texts.always_on + ")" : "")
      ),
      element("p", { id: described }, category.description[language]),
      items.length &&
        element("details", {}, element("summary", {}, fill(texts.show_items, items.length)), element("ul", {}, ...items))
    );
  }

  // --- actions -------------------------------------------------------------

  /** Everything on; categories that count as sale or sharing stay as they were under GPC. */
  const acceptAll = () => choose((id) => !gpcCategories.includes(id) || granted(id));

  const rejectAll = () => choose(() => false);

  /** Only own properties count: an inherited `statistics: true` grants nothing. */
  const set = (changes) =>
    choose((id) => (Object.hasOwn(changes, id) ? changes[id] === true : granted(id)));

  const saveToggles = () =>
    choose((id) => dialog.querySelector('[data-consent-category="' + id + '"]').checked);

  const actions = {
    "accept-all": acceptAll,
    "reject-all": rejectAll,
    customize: openSettings,
    open: openSettings,
    save: saveToggles,
    close: () => dialog?.close()
  };

  doc.addEventListener("click", (event) => {
    const target = event.target.closest?.("[data-consent-action],[data-consent-allow]");
    if (!target) return;
    const allow = target.dataset.consentAllow;
    const action = actions[target.dataset.consentAction];
    if (allow) set({ [allow]: true });
    else if (action) {
      event.preventDefault(); // an "open" link must not navigate
      action();
    }
  });

  window.policygenConsent = { get: state, open: openSettings, acceptAll, rejectAll, set, apply: release };

  // --- start ---------------------------------------------------------------

  consentMode("default");
  if (choice) apply();
  else {
    release();
    // Only ask when there is something to ask for.
    if (categories.some((category) => !category.required)) showBanner();
  }
  // Opt-in: a fixed button that reopens the settings, for sites without a control of their own.
  if (config.settings_button === "floating") {
    doc.body.append(element("div", { class: "consent-ui consent-settings-button" }, button("open", texts.settings_title)));
  }
  // Scripts and frames the page adds later (client-side navigation) get the current choice too.
  new MutationObserver(() => release()).observe(doc, { childList: true, subtree: true });

  /**
   * The config, fetched from config.json next to the script (`src`), so it works from a page at any depth.
   * The plain request is the one the snippet preloads (same mode and credentials: one request). When the answer
   * does not say it is current (no `Cache-Control: no-cache`, `no-store` or `max-age=0`, e.g. a server that sends only Last-Modified,
   * which a browser may keep for a while unasked), it is asked again with revalidation: a 304 when unchanged.
   */
  async function loadConfig(src) {
    const url = new URL("config.json", src);
    // Fetched from a microtask, so the request's initiator stack is this small function alone: a profiler
    // (DevTools, a trace) then re-reads it for source positions rather than the whole script around it.
    await 0;
    let response = await fetch(url);
    // no-cache, no-store (never kept) or max-age=0: what arrived is current.
    if (!/no-[cs]|max-age=0\b/.test(response.headers.get("cache-control"))) response = await fetch(url, { cache: "no-cache" });
    return response.json();
  }
})();

