// The Playground against a hostile reader (issue 13): code that posts anything to the page,
// floods it, reaches for other hosts, leaves timers running or throws late; links that are
// malformed, damaged, huge, or that would replace the reader's own edit; storage that is full.
// Each test plants the attack on the built site and checks the page holds.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD_DIR, sitemapPaths, useSite, watchPage } from './harness.mjs';
import { editorText, openEditor, replaceCode, run, runEnded } from './playground-helpers.mjs';

const BENCH = '/dogfooding/playground/';
const HELLO = 'dogfooding/hello';
const SAVED_KEY = `playground:v1:${HELLO}`;
// Edits are saved 300 ms after the last keystroke: the tests wait for the saved value itself
// (a fixed 600 ms wait once ran out on a loaded CI machine before the save happened).
const SAVE_WAIT_TIMEOUT_MS = 15_000;
// MAX_LINK_CHARS of src/components/Playground/shareLink.ts: base64 of its MAX_CODE_BYTES
// (200,000), plus 200 for the example's name. The too-large link's fragment is a little longer.
const MAX_LINK_CHARS = Math.ceil((200_000 * 4) / 3) + 200;

const site = useSite();

/** Another origin on this machine, counting what reaches it: where hostile code would send data. */
function useOtherOrigin() {
  const other = { url: '', hits: [], server: undefined };
  before(async () => {
    other.server = createServer((req, res) => {
      other.hits.push(`${req.method} ${req.url}`);
      res.writeHead(200, { 'access-control-allow-origin': '*', 'content-type': 'text/javascript' });
      res.end('self.leaked = true;');
    });
    await new Promise((resolve) => other.server.listen(0, '127.0.0.1', resolve));
    other.url = `http://127.0.0.1:${other.server.address().port}`;
  });
  after(() => new Promise((resolve) => other.server.close(resolve)));
  return other;
}

/** A context whose pages record every Content-Security-Policy violation their document sees. */
async function contextRecordingViolations(options = {}) {
  const context = await site.browser.newContext(options);
  await context.addInitScript(() => {
    window.__policyViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__policyViolations.push(`${event.violatedDirective} blocked ${event.blockedURI} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  return context;
}

const policyViolations = (page) => page.evaluate(() => window.__policyViolations ?? []);

const outputText = (section) => section.locator('[data-output-frame]').innerText();

const crashed = (page) => page.getByText('This page crashed').count();

const base64Url = (text) => Buffer.from(text, 'utf8').toString('base64url');

describe("a hostile reader's code on the test bench", () => {
  const other = useOtherOrigin();
  let context;
  let page;
  let section;
  let watcher;
  let runs = 0;
  before(async () => {
    context = await contextRecordingViolations();
    page = await context.newPage();
    watcher = watchPage(page, site.url);
    await page.goto(site.url + BENCH, { waitUntil: 'networkidle' });
    section = page.locator(`[data-playground="${HELLO}"]`);
    await openEditor(section);
  });
  after(() => context?.close());

  test('fetch, a no-cors POST, a WebSocket and importScripts to another origin are blocked', async () => {
    const attempts = [
      `await fetch('${other.url}/read').then((r) => r.text())`,
      `await fetch('${other.url}/post', { method: 'POST', mode: 'no-cors', body: 'secret' })`,
      `await new Promise((ok, no) => { const ws = new WebSocket('${other.url.replace('http', 'ws')}/ws'); ws.onopen = ok; ws.onerror = () => no(new Error('closed')); })`,
      `(self as any).importScripts('${other.url}/script.js')`,
    ];
    const code = [
      'export default async function main() {',
      ...attempts.map((attempt, i) => `  try { ${attempt}; console.log('${i}: reached'); } catch (error) { console.log('${i}: blocked'); }`),
      '}',
    ].join('\n');
    await replaceCode(page, section, code);
    assert.equal(await run(section, ++runs), 'done');
    assert.equal(await outputText(section).then((text) => text.match(/\d: (reached|blocked)/g).join(', ')), '0: blocked, 1: blocked, 2: blocked, 3: blocked');
    assert.deepEqual(other.hits, [], 'nothing reached the other origin');
  });

  test("the site's IndexedDB and CacheStorage are out of the code's reach", async () => {
    const code = [
      'export default async function main() {',
      '  const g = self as any;',
      "  console.log('indexedDB: ' + typeof g.indexedDB + ', caches: ' + typeof g.caches);",
      "  try { g.indexedDB.open('planted'); console.log('opened'); } catch { console.log('no database'); }",
      '}',
    ].join('\n');
    await replaceCode(page, section, code);
    assert.equal(await run(section, ++runs), 'done');
    const text = await outputText(section);
    assert.match(text, /indexedDB: undefined, caches: undefined/);
    assert.match(text, /no database/);
  });

  test("the run's worker ends with the run: an interval's requests stop at Finished", async () => {
    // Playwright does not see a dedicated worker's requests, so each tick also says so on a
    // BroadcastChannel, which the page counts.
    await page.evaluate(() => {
      window.__ticks = 0;
      new BroadcastChannel('ticks').onmessage = () => window.__ticks++;
    });
    const code = [
      'export default function main() {',
      "  const channel = new BroadcastChannel('ticks');",
      '  let n = 0;',
      "  setInterval(() => { fetch('/sitemap.xml?tick=' + n++); channel.postMessage(n); }, 20);",
      "  console.log('ticking');",
      '}',
    ].join('\n');
    await replaceCode(page, section, code);
    assert.equal(await run(section, ++runs), 'done');
    await page.waitForTimeout(200);
    const atFinish = await page.evaluate(() => window.__ticks);
    await page.waitForTimeout(800);
    const later = await page.evaluate(() => window.__ticks);
    assert.equal(later, atFinish, `the interval ticked ${later - atFinish} more times after the run said Finished`);
  });

  test('a throw in a timer after main returns is reported, not lost behind Finished', async () => {
    await replaceCode(page, section, "export default function main() {\n  setTimeout(() => {\n    throw new RangeError('thrown later');\n  }, 50);\n}\n");
    assert.equal(await run(section, ++runs), 'error');
    const alert = section.locator('[data-error-location]');
    assert.match(await alert.textContent(), /RangeError.*thrown later/);
    assert.equal(await alert.getAttribute('data-error-location'), 'dogfooding/hello.ts:3:11');
  });

  test('a promise rejected in a timer, that nobody handles, is reported', async () => {
    await replaceCode(page, section, "export default function main() {\n  setTimeout(() => { Promise.reject(new Error('nobody caught me')); }, 20);\n}\n");
    assert.equal(await run(section, ++runs), 'error');
    assert.match(await section.locator('[data-error-location]').textContent(), /nobody caught me/);
  });

  test('an error whose message getter throws is reported as an error, not stopped as an endless loop', async () => {
    await replaceCode(page, section, "export default function main() {\n  const error = new Error('x');\n  Object.defineProperty(error, 'message', { get() { throw new Error('no'); } });\n  throw error;\n}\n");
    assert.equal(await run(section, ++runs), 'error');
    assert.match(await section.locator('[role="alert"]').textContent(), /message could not be read/);
  });

  test('show() of a circular object and a BigInt prints them as text', async () => {
    await replaceCode(page, section, "import { show } from '../sim';\nexport default function main() {\n  const node: any = { id: 1n };\n  node.self = node;\n  show(node, 2n ** 70n);\n}\n");
    assert.equal(await run(section, ++runs), 'done');
    assert.match(await outputText(section), /\{ id: 1n, self: \[Circular \*\] \}\s+1180591620717411303424n/);
  });

  test('whatever the code posts to the page itself is checked and converted before it is drawn', async () => {
    const code = `export default function main() {
  const post = (message: unknown) => (self as any).postMessage(message);
  post(null);
  post({ type: { toString: 1 } });
  post({ type: 'cut', count: 'all of it' });
  post({ type: 'line', level: { loud: true }, text: { toString: 'not a function' } });
  post({ type: 'show', value: { kind: 'table', title: 7n, columns: [{ c: 1 }], rows: [[1n], 'not a row'] } });
  post({ type: 'show', value: { kind: 'chart', type: 'line', title: { t: 1 }, x: null, y: 5, summary: [1], series: [{ name: 9n, points: Array.from({ length: 130000 }, (_, i) => [i, i % 10]) }] } });
  post({ type: 'show', value: { kind: 'chart', type: 'bar', title: 'bars', x: {}, y: { label: 1 }, categories: [{ c: 1 }], series: [{ name: 's', points: [[0, 1], ['a', 2]] }] } });
  post({ type: 'error', name: { n: 1 }, message: ['m'], stack: 5 });
}
`;
    await replaceCode(page, section, code);
    assert.equal(await run(section, ++runs), 'error');
    const text = await outputText(section);
    assert.match(text, /\{ toString: 'not a function' \}/);
    assert.equal(await section.locator('[data-output="table"] caption').textContent(), '7n');
    assert.equal(await section.locator('[data-output="chart"]').count(), 2);
    assert.match(text, /series “9n”: 5,000 of 130,000 points drawn, evenly spaced/);
    assert.match(text, /1 points that were not two finite numbers left out/);
    assert.match(await section.locator('[role="alert"]').textContent(), /\{ n: 1 \}.*\[ 'm' \]/);
    assert.equal(await crashed(page), 0);
  });

  // 300 lines (6 MB), 15 times what the page draws. (3,000 lines, 60 MB, once took longer than the
  // 3 s time limit on a loaded CI machine, so the run ended 'stopped' before the cut was checked.)
  test('300 posted lines of 20,000 characters are cut in the page, and the reader is told', async () => {
    await replaceCode(page, section, "export default function main() {\n  for (let i = 0; i < 300; i++) (self as any).postMessage({ type: 'line', level: 'log', text: 'y'.repeat(20000) });\n}\n");
    assert.equal(await run(section, ++runs), 'done');
    const drawn = await section.locator('[data-output="lines"]').evaluateAll((blocks) => blocks.reduce((sum, block) => sum + block.textContent.length, 0));
    assert.ok(drawn <= 201_000, `${drawn.toLocaleString()} characters drawn; the page holds a run to 200,000`);
    assert.match(await outputText(section), /280 more lines were cut: output stops at 200,000 characters/);
  });

  // 5 million characters: 500 times the cap. (50 million once took longer than the 3 s time limit
  // on a loaded CI machine, so the run ended 'stopped' before the cut could be checked.)
  test("show('x'.repeat(5e6)) is cut to one line of 10,000 characters, and says how much was cut", async () => {
    await replaceCode(page, section, "import { show } from '../sim';\nexport default function main() {\n  show('x'.repeat(5e6));\n}\n");
    assert.equal(await run(section, ++runs), 'done');
    const line = await section.locator('[data-output="lines"] [data-level]').first().textContent();
    assert.ok(line.length < 10_100, `a line of ${line.length.toLocaleString()} characters`);
    assert.match(line, /4,990,000 more characters cut: a line shows at most 10,000/);
  });

  test('none of it crashed the page, broke the policy or reached another host', async () => {
    assert.equal(await crashed(page), 0);
    assert.deepEqual(await policyViolations(page), []);
    assert.deepEqual(watcher.problems(), []);
  });
});

describe('a failure to draw stays inside its Playground', () => {
  test('the output shows the failure; Reset and the next run still work', async () => {
    const context = await site.browser.newContext();
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      await page.goto(site.url + BENCH, { waitUntil: 'networkidle' });
      const section = page.locator(`[data-playground="${HELLO}"]`);
      await openEditor(section);
      // Planted: drawing any number of a table throws, as an unforeseen value might.
      await page.evaluate(() => {
        window.__toLocaleString = Number.prototype.toLocaleString;
        Number.prototype.toLocaleString = function () {
          throw new Error('planted failure to draw a number');
        };
      });
      await section.locator('[data-control="run"]').click();
      await section.locator('[data-output-failed]').waitFor({ timeout: 30_000 });
      assert.match(await section.locator('[data-output-failed]').textContent(), /could not be drawn.*planted failure/);
      assert.equal(await crashed(page), 0, 'the page must not crash');
      assert.ok(await page.locator('[data-playground="dogfooding/charts"]').first().isVisible(), 'the other Playgrounds stay');
      await page.evaluate(() => {
        Number.prototype.toLocaleString = window.__toLocaleString;
      });
      await replaceCode(page, section, "export default () => console.log('edited');\n");
      await section.locator('[data-control="reset"]').click();
      assert.match(await editorText(section), /Hello from the simulation kit/);
      assert.equal(await run(section, 2), 'done');
      assert.equal(await section.locator('[data-output="table"]').count(), 1);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});

describe('links and saved edits', () => {
  test('a malformed share link (#pg=%E0:pAAAA) does not crash a chapter', async () => {
    const context = await contextRecordingViolations();
    const page = await context.newPage();
    const watcher = watchPage(page, site.url);
    try {
      await page.goto(`${site.url}/docs/cluster/#pg=%E0:pAAAA`, { waitUntil: 'networkidle' });
      // The Playgrounds read the link once React has taken over the page.
      await page.waitForFunction(() => document.documentElement.dataset.hasHydrated === 'true' || document.body.innerText.includes('This page crashed'));
      await page.waitForTimeout(500);
      assert.equal(await crashed(page), 0);
      assert.ok(await page.locator('[data-playground]').count() > 0);
      assert.deepEqual(watcher.problems(), []);
      assert.deepEqual(await policyViolations(page), []);
    } finally {
      await context.close();
    }
  });

  test("a share link never replaces the reader's saved edit: it asks, and saves only what they keep or edit", async () => {
    const context = await site.browser.newContext();
    // Every write to the saved edit, from every page of the test, so that a failure says which
    // page wrote what, and when (this test once found the edit gone in CI and never here).
    const writes = [];
    await context.exposeBinding('__recordStorageWrite', ({ frame }, write) => {
      writes.push(`${write} on ${new URL(frame.url()).pathname}${new URL(frame.url()).hash.slice(0, 24)}`);
    });
    await context.addInitScript((key) => {
      const { setItem, removeItem } = Storage.prototype;
      const started = performance.now();
      const record = (what) => window.__recordStorageWrite?.(`${(performance.now() - started).toFixed(0)} ms: ${what}`);
      Storage.prototype.setItem = function (name, value) {
        if (name === key) record(`saved ${JSON.stringify(String(JSON.parse(value).code).slice(0, 48))}`);
        return setItem.call(this, name, value);
      };
      Storage.prototype.removeItem = function (name) {
        if (name === key) record('removed');
        return removeItem.call(this, name);
      };
    }, SAVED_KEY);
    const page = await context.newPage();
    const watcher = watchPage(page, site.url);
    const section = page.locator(`[data-playground="${HELLO}"]`);
    let lastRead = '';
    const saved = async () => {
      const code = await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '{}').code, SAVED_KEY);
      lastRead = `read ${JSON.stringify(code)} (${await editorText(section).catch(() => 'no editor')} in the editor)`;
      return code;
    };
    const openLink = async (code) => {
      await page.goto('about:blank');
      await page.goto(`${site.url}${BENCH}#pg=${HELLO}:p${base64Url(code)}`, { waitUntil: 'networkidle' });
      await page.waitForFunction((text) => document.querySelector('[data-playground="dogfooding/hello"] .cm-content')?.textContent.includes(text), code.slice(24, 40));
    };
    try {
      await page.goto(site.url + BENCH, { waitUntil: 'networkidle' });
      await openEditor(section);
      const own = "export default () => console.log('my own edit');\n";
      await replaceCode(page, section, own);
      await page.waitForFunction(({ key, code }) => JSON.parse(localStorage.getItem(key) ?? '{}').code === code, { key: SAVED_KEY, code: own }, { timeout: SAVE_WAIT_TIMEOUT_MS });

      const linked = "export default () => console.log('code from a link');\n";
      await openLink(linked);
      const banner = section.locator('[data-notice="link"]');
      assert.match(await banner.textContent(), /code from a link, not saved/);
      assert.equal(await editorText(section), linked);
      assert.equal(await saved(), own, 'opening the link must not touch the saved edit');
      await section.locator('[data-control="back-to-own"]').click();
      assert.equal(await editorText(section), own);
      assert.equal(await banner.count(), 0);
      assert.equal(await page.evaluate(() => location.hash), '');

      await openLink(linked);
      await section.locator('[data-control="keep-link"]').click();
      assert.equal(await saved(), linked);
      await page.goto(site.url + BENCH, { waitUntil: 'networkidle' });
      await openEditor(section);
      await page.waitForFunction(() => document.querySelector('[data-playground="dogfooding/hello"] .cm-content')?.textContent.includes('code from a link'));
      assert.equal(await section.locator('[data-notice="link"]').count(), 0, 'kept code is the reader\'s own now');

      const another = "export default () => console.log('another link');\n";
      await openLink(another);
      assert.equal(await saved(), linked);
      await section.locator('.cm-content').click();
      await page.keyboard.press('ControlOrMeta+End');
      await page.keyboard.insertText('// mine now\n');
      await page.waitForFunction((key) => /mine now/.test(JSON.parse(localStorage.getItem(key) ?? '{}').code ?? ''), SAVED_KEY, { timeout: SAVE_WAIT_TIMEOUT_MS });
      assert.match(await saved(), /another link[\s\S]*mine now/, 'an edit of the link\'s code is saved');
      // The notice changes in a render after the save, not with it: wait for it, not only the save.
      await banner.filter({ hasText: 'saved as your edit' }).waitFor({ timeout: SAVE_WAIT_TIMEOUT_MS });
      await section.locator('[data-control="back-to-own"]').click();
      assert.equal(await saved(), linked, 'and the reader can still go back to their own');
      assert.deepEqual(watcher.problems(), []);
    } catch (error) {
      // Printed with the error (node:test prints its stack, written when it was thrown).
      error.stack += `\nThe saved edit's writes, page by page:\n  ${writes.join('\n  ') || 'none'}\nLast ${lastRead}`;
      throw error;
    } finally {
      await context.close();
    }
  });

  test('a damaged link and a too-large link tell the reader so', async () => {
    const context = await site.browser.newContext();
    const page = await context.newPage();
    const section = page.locator(`[data-playground="${HELLO}"]`);
    try {
      await page.goto(`${site.url}${BENCH}#pg=${HELLO}:zAAAA`, { waitUntil: 'networkidle' });
      const problem = section.locator('[data-notice="link-problem"]');
      await problem.waitFor({ timeout: 30_000 });
      assert.match(await problem.textContent(), /could not be opened: the link is damaged/);
      assert.match(await editorText(section), /Hello from the simulation kit/, 'the example stays');

      await page.goto('about:blank');
      // A fragment just over MAX_LINK_CHARS (src/components/Playground/shareLink.ts): decodeShare
      // answers 'too large' on the fragment's length alone, before reading a byte of it, so this
      // is the same path a 1.3 MB link takes. A 1.3 MB link was used before and cost most of a
      // minute, nearly all of it Chromium's handling of the address. (shareLink.test.ts checks the
      // same refusal without a browser, and the limit on the unpacked size.)
      const fragment = `#pg=${HELLO}:p${'A'.repeat(MAX_LINK_CHARS)}`;
      // A failure here must not print the whole address (Playwright's message quotes it whole).
      await page
        .goto(`${site.url}${BENCH}${fragment}`, { waitUntil: 'domcontentloaded', timeout: 90_000 })
        .catch((error) => {
          throw new Error(`opening a ${Math.round(fragment.length / 1000)} KB link failed: ${String(error?.message ?? error).slice(0, 300)}`);
        });
      await problem.waitFor({ timeout: 30_000 });
      assert.match(await problem.textContent(), /larger than 200 KB/);
    } finally {
      await context.close();
    }
  });

  test('a full localStorage tells the reader that their edit could not be saved', async () => {
    const context = await site.browser.newContext();
    await context.addInitScript(() => {
      Storage.prototype.setItem = function () {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      };
    });
    const page = await context.newPage();
    try {
      await page.goto(site.url + BENCH, { waitUntil: 'networkidle' });
      const section = page.locator(`[data-playground="${HELLO}"]`);
      await openEditor(section);
      await replaceCode(page, section, "export default () => console.log('unsaved');\n");
      const notice = section.locator('[data-notice="unsaved"]');
      await notice.waitFor({ timeout: SAVE_WAIT_TIMEOUT_MS });
      assert.match(await notice.textContent(), /could not be saved/);
    } finally {
      await context.close();
    }
  });
});

describe('the Content-Security-Policy', () => {
  test('every built page carries it before its first script, with the hash of each inline script', () => {
    const hash = (script) => `'sha256-${createHash('sha256').update(script).digest('base64')}'`;
    for (const path of sitemapPaths()) {
      const html = readFileSync(join(BUILD_DIR, path, 'index.html'), 'utf8');
      const meta = html.indexOf('<meta http-equiv="Content-Security-Policy"');
      assert.ok(meta > 0, `${path} has no Content-Security-Policy meta tag (src/plugins/content-security-policy.ts)`);
      assert.ok(meta < html.indexOf('<script'), `${path}: the policy must come before the first script`);
      const policy = /content="([^"]+)"/.exec(html.slice(meta))[1];
      assert.match(policy, /connect-src 'self';/);
      // Inline scripts a browser runs: no src, no data type (application/ld+json).
      for (const [, body] of html.matchAll(/<script(?![^>]*\ssrc=)(?![^>]*type=application\/ld\+json)[^>]*>([\s\S]*?)<\/script>/g)) {
        assert.ok(policy.includes(hash(body)), `${path}: the policy does not allow the inline script ${body.slice(0, 60)}…`);
      }
    }
  });
});
