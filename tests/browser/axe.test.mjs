// The browser tests' axe (tests/browser/axe.mjs) still finds what it is there to find: a
// contrast failure, an image without a text alternative, and the same in a same-origin frame,
// each with the element named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { axeBuilder } from './axe.mjs';
import { hydrated, useSite } from './harness.mjs';

const site = useSite();

test('axe reports planted violations, in the page and in a same-origin frame', async () => {
  const context = await site.browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${site.url}/docs/reference/`, { waitUntil: 'networkidle' });
    // Planted before hydration, React would take it out again.
    await hydrated(page);
    const planted = `
      <p id="faint" style="color:#999;background:#aaa">Grey on grey, 1.2:1</p>
      <img id="mute" src="/img/favicon-32.png" width="16" height="16">`;
    await page.evaluate(async (html) => {
      const box = document.createElement('div');
      box.innerHTML = html;
      const content = document.querySelector('main .container');
      content.prepend(box);
      const frame = document.createElement('iframe');
      frame.title = 'planted';
      frame.srcdoc = `<!doctype html><html lang="en"><title>f</title><body>${html}</body></html>`;
      content.prepend(frame);
      await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      // Laid out and painted before axe looks: on a busy machine, axe once found the frame's text
      // before its colours could be told and left it out (an "incomplete", not a violation).
      await frame.contentDocument.fonts.ready;
      await new Promise((resolve) => frame.contentWindow.requestAnimationFrame(() => frame.contentWindow.requestAnimationFrame(resolve)));
    }, planted);
    // And known to Playwright, whose list of frames axe is injected into: under load its word of
    // a new frame can come after the frame's own load event.
    await page.frameLocator('iframe[title="planted"]').locator('#faint').waitFor();
    assert.equal(page.frames().length, 2, 'Playwright does not know the planted frame');
    const dirty = await axeBuilder(page).include('main').analyze();
    const found = (id) => dirty.violations.find((v) => v.id === id)?.nodes.map((n) => n.target.join(' >>> ')) ?? [];
    assert.deepEqual(found('color-contrast').sort(), ['#faint', 'iframe >>> #faint'].sort());
    assert.deepEqual(found('image-alt').sort(), ['#mute', 'iframe >>> #mute'].sort());
  } finally {
    await context.close();
  }
});
