// The Playground's allowlisted packages in Chromium (src/components/Playground/packages.ts):
// PGlite, real PostgreSQL in WebAssembly, served from the site itself. The chapter's SQL
// Playground runs as in Node; its files are fetched once per page and only from the site;
// a reader's own SQL works and its errors read as PostgreSQL's; an import off the list, or a
// package file the site cannot serve, ends in a clear message and the page goes on.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, useSite, watchPage } from './harness.mjs';
import { openEditor, replaceCode, run } from './playground-helpers.mjs';

const CHAPTER = '/docs/security/';
const EXAMPLE = '06-security/sql-injection';
const BENCH = '/dogfooding/playground/';
const HELLO = 'dogfooding/hello';
const PACKAGE_FILES = /\/playground-packages\/pglite-[\d.]+\/(module\.js|pglite\.wasm|initdb\.wasm|pglite\.data|pgdata\.tar\.gz)$/;

const site = useSite();

/** A page whose document records Content-Security-Policy violations and every status text the output showed. */
async function openPage(path) {
  const context = await site.browser.newContext();
  await context.addInitScript(() => {
    window.__policyViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => window.__policyViolations.push(`${event.violatedDirective} blocked ${event.blockedURI}`));
    window.__statuses = new Set();
    new MutationObserver(() => {
      for (const frame of document.querySelectorAll('[data-output-frame]')) {
        const text = frame.querySelector('[data-output-status]')?.textContent ?? frame.getAttribute('aria-label') ?? '';
        if (text) window.__statuses.add(text);
      }
    }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  const page = await context.newPage();
  const watcher = watchPage(page, site.url);
  await page.goto(site.url + path, { waitUntil: 'networkidle' });
  return { context, page, watcher };
}

const outputText = (section) => section.locator('[data-output-frame]').innerText();

describe(`${CHAPTER}: the SQL injection Playground in real PostgreSQL`, () => {
  let context;
  let page;
  let watcher;
  let section;
  before(async () => {
    ({ context, page, watcher } = await openPage(CHAPTER));
    section = page.locator(`[data-playground="${EXAMPLE}"]`);
    await openEditor(section);
  });
  after(() => context?.close());

  test('the first run loads PostgreSQL from the site, says so while it waits, and prints what Node prints', async () => {
    assert.equal(await run(section, 1), 'done', await outputText(section));
    const statuses = await page.evaluate(() => [...window.__statuses].join(' | '));
    assert.match(statuses, /Loading PostgreSQL \(PGlite [\d.]+\) from this site/);
    const rows = await section.locator('[data-output="table"] tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((cell) => cell.textContent.trim())));
    assert.deepEqual(rows.map((row) => row[2]), [
      '3 rows, tenants: acme, globex, initech',
      '9 rows, tenants: acme, globex, initech',
      'no rows',
      '3 rows, tenants: acme',
      '1 row, tenants: acme',
    ]);
    assert.match(await outputText(section), /customer = '' OR '1'='1' ORDER BY id/);
  });

  test("a reader's edit reruns on a fresh database, without fetching anything again", async () => {
    const before = watcher.requested().filter((url) => PACKAGE_FILES.test(url));
    assert.equal(before.length, 5, `each package file once: ${before.join(', ')}`);
    // The search now runs as tenant globex: the injected query reads globex's rows only.
    const code = readFileSync(join(ROOT, 'examples', `${EXAMPLE}.ts`), 'utf8').replace(
      "export const SESSION_TENANT = 'acme';",
      "export const SESSION_TENANT = 'globex';",
    );
    assert.match(code, /SESSION_TENANT = 'globex'/);
    await replaceCode(page, section, code);
    assert.equal(await run(section, 2), 'done', await outputText(section));
    assert.match(await outputText(section), /pasted, with row-level security \(tenant globex\)\s+' OR '1'='1\s+3 rows, tenants: globex/);
    // The table was created again: the first run's rows are not there twice.
    assert.match(await outputText(section), /9 orders of 3 tenants/);
    assert.deepEqual(watcher.requested().filter((url) => PACKAGE_FILES.test(url)), before);
  });

  test('every file came from the site; no policy violation, no console error', async () => {
    assert.deepEqual(watcher.problems(), []);
    assert.deepEqual(await page.evaluate(() => window.__policyViolations), []);
  });
});

describe(`${BENCH}: a reader's own code with PGlite`, () => {
  let context;
  let page;
  let watcher;
  let section;
  let runs = 0;
  before(async () => {
    ({ context, page, watcher } = await openPage(BENCH));
    section = page.locator(`[data-playground="${HELLO}"]`);
    await openEditor(section);
  });
  after(() => context?.close());

  test('a package file the site cannot serve ends the run with a message; the next run tries again', async () => {
    await page.route(/pgdata\.tar\.gz$/, (route) => route.fulfill({ status: 404, body: 'gone' }));
    await replaceCode(page, section, "import { PGlite } from '@electric-sql/pglite';\nexport default async function main() {\n  const db = new PGlite();\n  console.log((await db.query('select 6 * 7 as answer')).rows[0].answer);\n}\n");
    assert.equal(await run(section, ++runs), 'error');
    assert.match(await section.locator('[role="alert"]').textContent(), /PostgreSQL \(PGlite [\d.]+\) could not be loaded: .*pgdata\.tar\.gz answered 404.*Run again to retry/);
    await page.unroute(/pgdata\.tar\.gz$/);
    assert.equal(await run(section, ++runs), 'done', await outputText(section));
    assert.match(await outputText(section), /^42$/m);
    watcher.clear();
  });

  test("PostgreSQL's own error reaches the reader as the run's error, and the next run is clean", async () => {
    await replaceCode(page, section, "import { PGlite } from '@electric-sql/pglite';\nexport default async function main() {\n  const db = new PGlite();\n  await db.query('SELEC 1');\n}\n");
    assert.equal(await run(section, ++runs), 'error');
    const alert = await section.locator('[role="alert"]').textContent();
    assert.match(alert, /syntax error at or near "SELEC"/);
    await replaceCode(page, section, "import { PGlite } from '@electric-sql/pglite';\nexport default async function main() {\n  const db = new PGlite();\n  console.log((await db.query(\"select count(*)::int as n from pg_tables where schemaname = 'public'\")).rows[0].n, 'tables');\n}\n");
    assert.equal(await run(section, ++runs), 'done', await outputText(section));
    assert.match(await outputText(section), /^0 tables$/m);
  });

  test('an import off the allowlist is refused before anything runs, naming what may be imported', async () => {
    await replaceCode(page, section, "import { Client } from 'pg';\nexport default () => new Client();\n");
    assert.equal(await run(section, ++runs), 'error');
    assert.match(await section.locator('[role="alert"]').textContent(), /Cannot import 'pg' in .*the Playground runs the kit \('\.\.\/sim'\) and these packages only: '@electric-sql\/pglite'/);
  });

  test('nothing left the site, nothing broke the policy', async () => {
    assert.deepEqual(watcher.problems(), []);
    assert.deepEqual(await page.evaluate(() => window.__policyViolations), []);
  });
});
