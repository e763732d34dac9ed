// The flags every browser here gets (scripts/chromium.mjs): Chrome applies only the last
// `--disable-features` it is given, so ours must carry playwright-core's list as well as the
// features turned off here, and must follow it when a playwright-core upgrade changes it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { MORE_DISABLED_FEATURES, PLAYWRIGHT_DISABLED_FEATURES } from '../../scripts/chromium.mjs';
import { chromePath, launchBrowser, useSite } from './harness.mjs';

const site = useSite();

const PREFIX = '--disable-features=';
const canReadProcesses = process.platform === 'linux';

/** The command line of the browser process launched with `marker` among its arguments (Linux). */
function commandLineWith(marker) {
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let args;
    try {
      args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // gone meanwhile
    }
    if (args.includes(marker) && !args.some((arg) => arg.startsWith('--type='))) return args;
  }
  throw new Error(`no browser process with ${marker}`);
}

/** The features of the last `--disable-features`: the one Chrome applies. */
const disabledBy = (args) => args.filter((arg) => arg.startsWith(PREFIX)).at(-1)?.slice(PREFIX.length).split(',') ?? [];

test("playwright-core's own list is the one scripts/chromium.mjs carries", { skip: !canReadProcesses && 'reads /proc' }, async () => {
  const marker = `--architecture-evolution-marker=${process.pid}-plain`;
  const browser = await chromium.launch({ executablePath: chromePath(), args: ['--headless', '--no-sandbox', marker] });
  try {
    const theirs = disabledBy(commandLineWith(marker));
    const missing = theirs.filter((feature) => !PLAYWRIGHT_DISABLED_FEATURES.includes(feature));
    const gone = PLAYWRIGHT_DISABLED_FEATURES.filter((feature) => !theirs.includes(feature));
    assert.deepEqual({ missing, gone }, { missing: [], gone: [] }, 'update PLAYWRIGHT_DISABLED_FEATURES in scripts/chromium.mjs to playwright-core\'s list');
  } finally {
    await browser.close();
  }
});

test('the --disable-features Chrome applies keeps playwright-core\'s list and adds ours', { skip: !canReadProcesses && 'reads /proc' }, async () => {
  const marker = `--architecture-evolution-marker=${process.pid}-ours`;
  const browser = await launchBrowser({ extraArgs: [marker, `${PREFIX}Translate`] });
  try {
    const applied = disabledBy(commandLineWith(marker));
    for (const feature of [...PLAYWRIGHT_DISABLED_FEATURES, ...MORE_DISABLED_FEATURES, 'Translate']) assert.ok(applied.includes(feature), `${feature} is not disabled: ${applied.join(',')}`);
  } finally {
    await browser.close();
  }
});

test("a window here loads no address bar popup (chrome://omnibox-popup.top-chrome/), which costs a renderer's work per window", async () => {
  const context = await site.browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${site.url}/`);
    const cdp = await site.browser.newBrowserCDPSession();
    const { targetInfos } = await cdp.send('Target.getTargets');
    await cdp.detach();
    const urls = targetInfos.map((target) => target.url);
    assert.ok(urls.some((url) => url.startsWith(site.url)), `the page is among the targets: ${urls.join(', ')}`);
    assert.deepEqual(urls.filter((url) => url.startsWith('chrome://omnibox')), []);
  } finally {
    await context.close();
  }
});
