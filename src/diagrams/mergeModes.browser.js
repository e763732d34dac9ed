// @ts-check
/**
 * One drawing of a diagram for both colour modes, made from Mermaid's two (src/diagrams/prerender.ts
 * loads this file into the browser that draws, and calls `mergeColourModes`; also `ownIds` and
 * `topLevelRules`, below, on each drawing).
 *
 * Mermaid's light and dark themes draw the same shapes at the same places; they differ in colours,
 * written in two places: the drawing's `<style>` (rules under `#id`), and attributes of some of its
 * elements (a filter's `flood-color`, a quadrant's `fill`...). A page that carried both drawings
 * parsed every diagram twice and showed one. Here:
 *
 * - the two trees are walked side by side. They must have the same elements, attributes and text,
 *   but for colours (which become CSS custom properties, `--dm0`...) and the counters in ids
 *   (Mermaid numbers some elements across drawings: the light tree's ids are kept, and so are its
 *   references to them, `url(#...)` included);
 * - only a colour attribute (`fill`, `stroke`, `stop-color`...) or `style` may differ. A colour
 *   attribute that decides the element's colour is moved into the element's `style`, as
 *   `fill: var(--dm0)`: custom properties in a presentation attribute are not read alike by every
 *   browser, in a `style` they are. Inline style outranks the drawing's own rules, which an
 *   attribute does not: it is moved only where no rule overrides it in either mode (checked by
 *   setting it to a colour of no theme and reading it back), and left as the light one where a
 *   rule overrides it in both;
 * - each mode's `<style>` is kept, its selectors scoped by the page's colour mode
 *   (`html[data-theme='dark'] #id .node rect`), and the variables are set on the drawing for each
 *   mode.
 *
 * Then the one drawing is checked against the two: for each element, definitions included, in each
 * mode (and with no mode set, as without JavaScript), the computed colours, strokes, fonts,
 * visibility and geometry must be those of that mode's own drawing. Anything that does not hold
 * returns a reason, and the caller keeps both drawings. Limits: the check runs in the build's
 * Chromium, without the site's CSS (whose rules on diagrams are `!important`, or set a size), and
 * does not look at ::before and ::after (Mermaid's rules write none).
 */
(() => {
  /** Tokens a value is cut into: hex colours, colour functions, words (named colours). */
  const TOKEN = /(#[0-9a-fA-F]{3,8}\b|(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\([^)]*\)|\b[a-zA-Z]+\b)/;
  const SVG = 'http://www.w3.org/2000/svg';
  const DEFINITIONS = new Set(['defs', 'linearGradient', 'radialGradient', 'pattern', 'filter', 'marker', 'clipPath', 'mask', 'symbol']);
  /** A reference to an element of the drawing, in a property's value. */
  const URL_REF = /url\(\s*["']?#[^)]*\)/g;
  /** Presentation attributes whose values are colours or paints. */
  const PAINTS = new Set(['fill', 'stroke', 'color', 'stop-color', 'flood-color', 'lighting-color']);
  /** A colour of no theme, to tell whether an attribute decides its property. */
  const SENTINEL = 'rgb(1, 2, 3)';
  /** What a reader sees of an element, compared between the one drawing and each mode's own. */
  const SEEN = [
    'fill', 'fill-opacity', 'stroke', 'stroke-opacity', 'stroke-width', 'stroke-dasharray', 'opacity',
    'color', 'background-color', 'border-top-color', 'border-bottom-color', 'border-left-color', 'border-right-color',
    'outline-color', 'text-decoration-color', 'stop-color', 'stop-opacity', 'flood-color', 'flood-opacity', 'lighting-color',
    'font-family', 'font-size', 'font-weight', 'font-style', 'display', 'visibility', 'filter', 'marker-start', 'marker-mid', 'marker-end',
    'stroke-linecap', 'stroke-linejoin', 'stroke-dashoffset', 'stroke-miterlimit', 'paint-order', 'clip-path', 'mask',
    'text-anchor', 'dominant-baseline', 'letter-spacing', 'background-image', 'text-decoration-line',
    // and where it is: SVG's geometry properties, and a label's box
    'x', 'y', 'cx', 'cy', 'r', 'rx', 'ry', 'width', 'height', 'd', 'transform',
  ];

  /**
   * @param {SVGSVGElement} light Mermaid's drawing in the light theme, in the document, its id `${token}-light`
   * @param {SVGSVGElement} dark the same diagram in the dark theme, in the document, its id `${token}-dark`
   * @param {{ token: string, lightScope: string, darkScope: string }} options the id the one drawing
   *   gets, and the selector that holds in the page's light mode (also with no mode set), and in its dark mode
   * @returns {{ svg: string } | { reason: string }}
   */
  function mergeColourModes(light, dark, { token, lightScope, darkScope }) {
    const L = `${token}-light`;
    const D = `${token}-dark`;
    /** The dark drawing's text as if it had the light one's id. */
    const asLight = (/** @type {string} */ text) => text.replaceAll(D, L);
    /** @type {Map<string, { name: string, light: string, dark: string }>} by its light and dark colour, joined by a NUL */
    const variables = new Map();
    const variable = (/** @type {string} */ l, /** @type {string} */ d) => {
      const key = `${l}\u0000${d}`;
      if (!variables.has(key)) variables.set(key, { name: `--dm${variables.size}`, light: l, dark: d });
      return `var(${variables.get(key)?.name})`;
    };
    const isColour = (/** @type {string} */ text) => CSS.supports('color', text);
    /** The light value with each colour that differs in the dark one made a variable; null if they differ otherwise. */
    const blend = (/** @type {string} */ l, /** @type {string} */ d) => {
      const a = l.split(TOKEN);
      const b = d.split(TOKEN);
      if (a.length !== b.length) return null;
      let out = '';
      for (let i = 0; i < a.length; i++) {
        if (a[i] === b[i]) out += a[i];
        else if (i % 2 === 1 && isColour(a[i]) && isColour(b[i])) out += variable(a[i], b[i]);
        else return null;
      }
      return out;
    };
    /** @type {Array<{ merged: Element, light: string, dark: string }>} */
    const sheets = [];
    const where = (/** @type {Element} */ element) => {
      const path = [];
      for (let e = /** @type {Element | null} */ (element); e && e !== light.parentElement; e = e.parentElement) {
        path.unshift(e.tagName.toLowerCase() + (e.getAttribute('class') ? `.${String(e.getAttribute('class')).trim().split(/\s+/)[0]}` : ''));
      }
      return path.join(' > ');
    };

    /** Whether `name`, set to `value` on `element`, decides its computed value (no rule overrides it). */
    const decides = (/** @type {Element} */ element, /** @type {string} */ name, /** @type {string} */ value) => {
      element.setAttribute(name, SENTINEL);
      const decided = getComputedStyle(element).getPropertyValue(name) === SENTINEL;
      element.setAttribute(name, value);
      return decided;
    };
    /** Elements that draw nothing where they are, only where they are referenced. */
    const isDefinition = (/** @type {Node} */ node) => node.nodeType === Node.ELEMENT_NODE && DEFINITIONS.has(node.nodeName);
    const merged = /** @type {SVGSVGElement} */ (light.cloneNode(true));
    /**
     * @param {Node} l @param {Node} d @param {Node} m
     * @returns {string | null} why they cannot be one drawing
     */
    const walk = (l, d, m) => {
      if (l.nodeType !== d.nodeType) return `a node of a different kind (under ${where(/** @type {Element} */ (l.parentElement))})`;
      if (l.nodeType === Node.TEXT_NODE || l.nodeType === Node.CDATA_SECTION_NODE) {
        if (l.parentElement?.tagName.toLowerCase() === 'style') return null;
        return l.nodeValue === asLight(d.nodeValue ?? '') ? null : `different text in ${where(/** @type {Element} */ (l.parentElement))}`;
      }
      if (l.nodeType !== Node.ELEMENT_NODE) return null;
      const le = /** @type {Element} */ (l);
      const de = /** @type {Element} */ (d);
      const me = /** @type {Element} */ (m);
      if (le.tagName !== de.tagName) return `<${le.tagName}> against <${de.tagName}> at ${where(le)}`;
      const names = le.getAttributeNames();
      if (names.length !== de.getAttributeNames().length || names.some((name) => !de.hasAttribute(name))) return `different attributes on ${where(le)}`;
      /** Colours moved out of presentation attributes, written into `style` after it is blended. */
      const moved = [];
      for (const name of names) {
        const lv = le.getAttribute(name) ?? '';
        let dv = asLight(de.getAttribute(name) ?? '');
        if (lv === dv) continue;
        // An id, or a reference to one, that differs only in Mermaid's counters: the light one's.
        if (name === 'id' || name === 'href' || name === 'xlink:href') {
          if (lv.replace(/\d+/g, 'N') === dv.replace(/\d+/g, 'N')) continue;
          return `${name}="${lv}" against "${dv}" on ${where(le)}`;
        }
        const lrefs = lv.match(URL_REF) ?? [];
        const drefs = dv.match(URL_REF) ?? [];
        if (lrefs.length !== drefs.length || lrefs.some((ref, k) => ref.replace(/\d+/g, 'N') !== drefs[k].replace(/\d+/g, 'N'))) {
          return `${name}="${lv}" against "${dv}" on ${where(le)}`;
        }
        let k = 0;
        dv = dv.replace(URL_REF, () => lrefs[k++]);
        if (lv === dv) continue;
        if (name !== 'style' && !PAINTS.has(name)) return `${name}="${lv}" against "${dv}" on ${where(le)}`;
        if (name !== 'style') {
          // A value invalid in both modes (Mermaid writes `hsl(240, 100%, NaN%)` for some points)
          // is ignored by the browser in both: the light one stands.
          if (!CSS.supports(name, lv) && !CSS.supports(name, dv)) continue;
          // Does the attribute decide its property, or does a rule of the drawing override it? In
          // each mode's own drawing; where a rule overrides it in both, it is never seen.
          const decidesLight = decides(le, name, lv);
          const decidesDark = decides(de, name, de.getAttribute(name) ?? '');
          if (decidesLight !== decidesDark) return `${name} on ${where(le)} is overridden by a rule in one mode only`;
          if (!decidesLight) continue;
        }
        const value = blend(lv, dv);
        if (value === null) return `${name}="${lv}" against "${dv}" on ${where(le)}`;
        if (name === 'style') me.setAttribute('style', value);
        else {
          me.removeAttribute(name);
          moved.push([name, value]);
        }
      }
      for (const [name, value] of moved) /** @type {HTMLElement} */ (/** @type {unknown} */ (me)).style.setProperty(name, value);
      if (le.tagName.toLowerCase() === 'style') {
        sheets.push({ merged: me, light: le.textContent ?? '', dark: asLight(de.textContent ?? '') });
        return null;
      }
      // Children side by side. A definition that only one mode has (the dark theme adds a gradient
      // it does not use) draws nothing by itself: the one drawing keeps it, its id its own.
      const ls = Array.from(l.childNodes);
      const ds = Array.from(d.childNodes);
      let i = 0;
      let j = 0;
      let added = 0;
      while (i < ls.length || j < ds.length) {
        const a = ls[i];
        const b = ds[j];
        if (a && b && a.nodeType === b.nodeType && (a.nodeType !== Node.ELEMENT_NODE || a.nodeName === b.nodeName)) {
          const problem = walk(a, b, m.childNodes[i + added]);
          if (problem) return problem;
          i++;
          j++;
        } else if (b && isDefinition(b) && !(a && isDefinition(a) && a.nodeName === b.nodeName)) {
          const id = /** @type {Element} */ (b).getAttribute('id');
          if (id && light.ownerDocument.getElementById(asLight(id))) return `the dark drawing's ${b.nodeName} #${id} has the light one's id`;
          const copy = document.createElementNS(SVG, 'svg');
          copy.innerHTML = asLight(/** @type {Element} */ (b).outerHTML);
          me.insertBefore(/** @type {Element} */ (copy.firstElementChild), m.childNodes[i + added] ?? null);
          added++;
          j++;
        } else if (a && isDefinition(a)) {
          i++;
        } else {
          return `different children in ${where(le)}`;
        }
      }
      return null;
    };
    const problem = walk(light, dark, merged);
    if (problem) return { reason: problem };

    // Each mode's rules, scoped by the page's mode. Only rules under the drawing's id, and
    // @keyframes the two modes write alike, are understood; anything else keeps both drawings.
    const own = `#${L}`;
    /** @returns {{ rules: string, atRules: string[] } | { reason: string }} */
    const scope = (/** @type {string} */ css, /** @type {string} */ prefix) => {
      let rules = '';
      const atRules = [];
      const { found, rest } = topLevelRules(css);
      if (rest.trim()) return { reason: `CSS that is not a rule: ${rest.trim().slice(0, 60)}` };
      for (const { selector, block } of found) {
        if (selector.startsWith('@keyframes ') || selector.startsWith('@-webkit-keyframes ')) {
          atRules.push(selector + block);
          continue;
        }
        const parts = selector.split(',').map((part) => part.trim());
        const foreign = parts.find((part) => !part.startsWith(own) || /[\w-]/.test(part.charAt(own.length)));
        if (foreign !== undefined) return { reason: `a rule not under the drawing's id: ${foreign.slice(0, 60)}` };
        rules += parts.map((part) => `${prefix} ${part}`).join(',') + block;
      }
      return { rules, atRules };
    };
    for (const [index, sheet] of sheets.entries()) {
      let text = '';
      /** @type {Map<string, string>} */
      const atRules = new Map();
      for (const [css, prefix] of [[sheet.light, lightScope], [sheet.dark, darkScope]]) {
        const scoped = scope(css, prefix);
        if ('reason' in scoped) return scoped;
        text += scoped.rules;
        for (const rule of scoped.atRules) {
          const name = rule.slice(0, rule.indexOf('{')).trim();
          if (atRules.has(name) && atRules.get(name) !== rule) return { reason: `${name} differs between the modes` };
          atRules.set(name, rule);
        }
      }
      if (index === 0 && variables.size > 0) {
        const declarations = (/** @type {'light' | 'dark'} */ mode) => [...variables.values()].map((v) => `${v.name}:${v[mode]};`).join('');
        text += `${lightScope} ${own}{${declarations('light')}}${darkScope} ${own}{${declarations('dark')}}`;
      }
      sheet.merged.textContent = [...atRules.values()].join('') + text;
    }
    if (variables.size > 0 && sheets.length === 0) return { reason: 'colours in attributes and no <style> to set them in' };

    const svg = merged.outerHTML.replaceAll(L, token);
    const checked = check(svg, light, dark, token);
    return checked ? { reason: checked } : { svg };
  }

  /**
   * Whether the one drawing looks, in each mode, like that mode's own: null if it does, else
   * the first difference.
   * @param {string} svg @param {SVGSVGElement} light @param {SVGSVGElement} dark @param {string} token
   */
  function check(svg, light, dark, token) {
    const root = document.documentElement;
    const before = root.getAttribute('data-theme');
    const holder = document.createElement('div');
    holder.innerHTML = svg;
    (light.parentElement ?? document.body).after(holder);
    const one = /** @type {Element} */ (holder.firstElementChild);
    const normal = (/** @type {string} */ value) => value.replaceAll(`${token}-light`, token).replaceAll(`${token}-dark`, token);
    try {
      for (const [mode, own] of /** @type {const} */ ([[null, light], ['light', light], ['dark', dark]])) {
        if (mode === null) root.removeAttribute('data-theme');
        else root.setAttribute('data-theme', mode);
        const mine = drawn(one, own, token, own.id);
        const theirs = drawn(own, one, own.id, token);
        if (mine.length !== theirs.length) return `a different number of elements (${mode ?? 'no'} mode)`;
        for (let i = 0; i < mine.length; i++) {
          const a = getComputedStyle(mine[i]);
          const b = getComputedStyle(theirs[i]);
          for (const property of SEEN) {
            const x = normal(a.getPropertyValue(property));
            const y = normal(b.getPropertyValue(property));
            if (!alike(x, y)) return `${property} of <${mine[i].tagName.toLowerCase()} class="${mine[i].getAttribute('class') ?? ''}"> is ${x}, not ${y} (${mode ?? 'no'} mode)`;
          }
        }
      }
      return null;
    } finally {
      holder.remove();
      if (before === null) root.removeAttribute('data-theme');
      else root.setAttribute('data-theme', before);
    }
  }

  /**
   * A style sheet's top-level rules, each its selector (or at-rule prelude) and its block, braces
   * included; and what follows the last one. Rules are kept as written: this Chromium would drop
   * what it does not know if the sheet were parsed and written out again.
   * @param {string} css
   * @returns {{ found: Array<{ selector: string, block: string }>, rest: string }}
   */
  function topLevelRules(css) {
    const found = [];
    let at = 0;
    let depth = 0;
    let open = -1;
    for (let i = 0; i < css.length; i++) {
      const c = css[i];
      if (c === '/' && css[i + 1] === '*') {
        const end = css.indexOf('*/', i + 2);
        i = end < 0 ? css.length : end + 1;
      } else if (c === '"' || c === "'") {
        for (i++; i < css.length && css[i] !== c && css[i] !== '\n'; i++) if (css[i] === '\\') i++;
      } else if (c === '\\') {
        i++;
      } else if (c === '{') {
        if (depth++ === 0) open = i;
      } else if (c === '}' && depth > 0 && --depth === 0) {
        found.push({ selector: css.slice(at, open).trim(), block: css.slice(open, i + 1) });
        at = i + 1;
      }
    }
    return { found, rest: css.slice(at) };
  }

  /**
   * Two computed values alike: the same but for numbers within 1/20 px (layout rounds a width to
   * 1/64 px, and two boxes in different places of the page can round apart).
   */
  function alike(/** @type {string} */ x, /** @type {string} */ y) {
    if (x === y) return true;
    const NUMBER = /(-?\d*\.?\d+(?:e-?\d+)?)/;
    const a = x.split(NUMBER);
    const b = y.split(NUMBER);
    return a.length === b.length && a.every((part, i) => (i % 2 === 0 ? part === b[i] : Math.abs(Number(part) - Number(b[i])) < 0.05));
  }

  /**
   * The elements of a drawing to compare with another's, in order: all but the definitions
   * (gradients, markers, filters...) that the other has no counterpart of (by id, `from` in this
   * one's ids being `to` in the other's), and what is inside them. A definition without an id is
   * never used, and is left out.
   * @param {Element} root @param {Element} other @param {string} from @param {string} to
   */
  function drawn(root, other, from, to) {
    const counterpart = (/** @type {Element} */ definition) => {
      const id = definition.getAttribute('id');
      const found = id && document.getElementById(id.replaceAll(from, to));
      return Boolean(found && other.contains(found) && found.nodeName === definition.nodeName);
    };
    return [root, ...Array.from(root.querySelectorAll('*'))].filter((element) => {
      for (let e = /** @type {Element | null} */ (element); e && e !== root; e = e.parentElement) {
        if (e.nodeName !== 'defs' && DEFINITIONS.has(e.nodeName) && !counterpart(e)) return false;
      }
      return true;
    });
  }

  /**
   * Gives the ids Mermaid numbers across drawings (a sequence diagram's `actor47`, `root-21`: their
   * numbers depend on how many diagrams the same page drew before) ids of the drawing's own,
   * numbered in the drawing's order (`${root.id}-n0`...), and updates what refers to them. A
   * diagram's drawing then does not depend on the order the build drew in, and its ids cannot meet
   * another diagram's on a page.
   * @param {Element} root
   */
  function ownIds(root) {
    /** @type {Map<string, string>} */
    const renamed = new Map();
    for (const element of Array.from(root.querySelectorAll('[id]'))) {
      const id = element.id;
      if (id.includes(root.id) || !/\d$/.test(id) || renamed.has(id)) continue;
      renamed.set(id, `${root.id}-n${renamed.size}`);
    }
    if (renamed.size === 0) return;
    const escape = (/** @type {string} */ text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // `#id` in a reference (url(#id), href="#id", a rule), or the whole of an id list's entry.
    const reference = new RegExp(`#(${[...renamed.keys()].map(escape).join('|')})(?![\\w-])`, 'g');
    const rename = (/** @type {string} */ text) => text.replace(reference, (_, id) => `#${renamed.get(id)}`);
    for (const element of [root, ...Array.from(root.querySelectorAll('*'))]) {
      for (const name of element.getAttributeNames()) {
        const value = element.getAttribute(name) ?? '';
        let next = name === 'id' ? renamed.get(value) ?? value : rename(value);
        if (/^aria-(labelledby|describedby|owns|controls)$/.test(name) || name === 'for') {
          next = next.split(/\s+/).map((token) => renamed.get(token) ?? token).join(' ');
        }
        if (next !== value) element.setAttribute(name, next);
      }
      if (element.tagName.toLowerCase() === 'style') element.textContent = rename(element.textContent ?? '');
    }
  }

  /** @type {any} */ (globalThis).mergeColourModes = mergeColourModes;
  /** @type {any} */ (globalThis).ownIds = ownIds;
  /** @type {any} */ (globalThis).topLevelRules = topLevelRules;
})();
