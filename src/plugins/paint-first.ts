/**
 * A page paints before its JavaScript runs.
 *
 * Docusaurus loads its bundle (runtime~main.js and main.js, about 440 KB before compression) with
 * `<script defer>`. In Chromium a deferred script that has already arrived runs in the task that
 * ends parsing, with no frame between. Whether a chapter's first screen was painted before
 * main.js ran therefore depended on whether the parser had happened to yield to a frame after
 * reaching it. When it had not, the first paint waited for main.js's evaluation and the page's
 * first layout (about 110 ms on this machine, 450 ms at Lighthouse's 4x phone CPU).
 * Lighthouse showed this as a Largest Contentful Paint of 2.3-3.1 s instead of 1.25 s in 6 of 16
 * runs of /docs/single-node/ on a phone (two builds, alternating); with this change, 1.25-1.36 s in
 * 8 of 8.
 *
 * Here the bundle is fetched as before (a preload at low priority, as Chromium fetches a deferred
 * script), and PAINT_FIRST_SCRIPT runs it once the parsed page has been painted: after
 * DOMContentLoaded, once the browser reports the first contentful paint as shown, then after two
 * more animation frames (a frame is shown some time after the main thread has drawn it: in
 * headless Chromium the first paint was reported 50 ms after two frames had passed), then a task.
 * It runs in order, as `defer` does, and hydrates what was painted. The reader gets the page's
 * text before the bundle's evaluation instead of, at times, after it; React takes over a few
 * frames later than before.
 *
 * - A page that is hidden (a tab opened in the background) or prerendered at DOMContentLoaded can
 *   paint nothing first: its bundle runs at once, as before. If the paint is never reported (a tab
 *   hidden later, a browser without paint timing that also gives no frames), a timer runs the
 *   bundle RUN_ANYWAY_MS after DOMContentLoaded. Paint timing missing or throwing means frames
 *   alone are waited for. Which way it went is left as a performance mark (`paint-first:paint`,
 *   `:hidden` or `:timeout`).
 * - Nothing else waits on the order: no code of the site or of Docusaurus runs on
 *   DOMContentLoaded, apart from Docusaurus's base-URL banner, which checks at that moment whether
 *   main.js has run; docusaurus.config.ts turns it off (`baseUrlIssueBanner`).
 * - The `load` event now usually comes before main.js has run (it waits for the preloads, not for
 *   the scripts). A test that needs the page running waits for `hydrated()`
 *   (tests/browser/harness.mjs), as the tests here did already.
 * - A reader without JavaScript is not affected, except that the browser may fetch the two
 *   preloaded files anyway.
 *
 * The template is Docusaurus's own (SSG_TEMPLATE), with its one `<script defer>` line replaced:
 * `paintFirstTemplate` throws, naming what to do, if an upgrade of Docusaurus changes that line.
 */
import docusaurusTemplate from '@docusaurus/core/lib/ssg/ssgTemplate.html.js';

/** Docusaurus's HTML template for built pages (@docusaurus/core/lib/ssg/ssgTemplate.html.js). */
export const SSG_TEMPLATE: string = docusaurusTemplate;

/** The line of Docusaurus's template that loads each script of the bundle. */
export const DEFER_LINE = '<script src="<%= it.baseUrl %><%= script %>" defer></script>';

/** The attribute that marks the bundle's preloads, for PAINT_FIRST_SCRIPT to find them. */
export const BUNDLE_ATTRIBUTE = 'data-paint-first';

/** What DEFER_LINE becomes: the script fetched as a deferred one is, and not run. */
export const PRELOAD_LINE = `<link rel="preload" as="script" fetchpriority="low" href="<%= it.baseUrl %><%= script %>" ${BUNDLE_ATTRIBUTE}>`;

/** The end of the template's loop over it.scripts. */
const LOOP_END = '<% }); %>';

/** If nothing is painted (a background tab), the bundle runs this long after DOMContentLoaded. */
export const RUN_ANYWAY_MS = 3000;

/**
 * The inline script (in every page's <head>, after the preloads) that runs the bundle after the
 * first paint. ES5, for every browser Docusaurus supports. The HTML minifier rewrites it, and the
 * page's CSP allows it by the hash of what is in the built page, computed after the build
 * (src/plugins/content-security-policy.ts): never hash this source by hand.
 */
export const PAINT_FIRST_SCRIPT = [
  '(function(){var d=document,w=window,started=false;',
  // How the bundle came to run, for the browser tests and for anyone looking at a trace.
  "function mark(how){try{performance.mark('paint-first:'+how)}catch(e){}}",
  'function run(how){if(started)return;started=true;mark(how);',
  `var links=d.head.querySelectorAll('link[rel=preload][as=script][${BUNDLE_ATTRIBUTE}]');`,
  "for(var i=0;i<links.length;i++){var s=d.createElement('script');s.src=links[i].href;s.async=false;d.head.appendChild(s)}}",
  // Calls `then` once the first contentful paint has been shown (its entry comes only then); at
  // once where paint timing is missing or fails.
  'function painted(then){var P=w.PerformanceObserver,o;',
  "try{if(performance.getEntriesByName('first-contentful-paint').length)return then();",
  "if(!P||!P.supportedEntryTypes||P.supportedEntryTypes.indexOf('paint')<0)return then();",
  "o=new P(function(list){if(list.getEntriesByName('first-contentful-paint').length){o.disconnect();then()}});o.observe({type:'paint',buffered:true})}",
  'catch(e){if(o)try{o.disconnect()}catch(e2){}then()}}',
  'function afterPaint(){',
  `setTimeout(function(){run('timeout')},${RUN_ANYWAY_MS});`,
  // A prerendered or hidden page cannot paint first: nothing to wait for.
  "if(d.prerendering||d.visibilityState==='hidden')return run('hidden');",
  "painted(function(){requestAnimationFrame(function(){requestAnimationFrame(function(){setTimeout(function(){run('paint')},0)})})})}",
  "if(d.readyState==='loading')d.addEventListener('DOMContentLoaded',afterPaint);else afterPaint()})();",
].join('');

/** Docusaurus's template, with the bundle preloaded and run by PAINT_FIRST_SCRIPT instead of `defer`. */
export function paintFirstTemplate(template: string = SSG_TEMPLATE): string {
  const at = template.indexOf(DEFER_LINE);
  if (at < 0 || template.indexOf(DEFER_LINE, at + 1) >= 0) {
    throw new Error(
      `src/plugins/paint-first.ts no longer finds the line that loads the bundle (${DEFER_LINE}) exactly once in ` +
        "Docusaurus's page template (@docusaurus/core/lib/ssg/ssgTemplate.html.js). Docusaurus changed it: " +
        'update DEFER_LINE and the replacement in paint-first.ts, or remove `ssrTemplate` from docusaurus.config.ts.',
    );
  }
  const loopEnd = template.indexOf(LOOP_END, at);
  if (loopEnd < 0) throw new Error("src/plugins/paint-first.ts: no end to the template's loop over it.scripts after the bundle's line");
  const afterLoop = loopEnd + LOOP_END.length;
  return `${template.slice(0, at)}${PRELOAD_LINE}${template.slice(at + DEFER_LINE.length, afterLoop)}\n    <script>${PAINT_FIRST_SCRIPT}</script>${template.slice(afterLoop)}`;
}
