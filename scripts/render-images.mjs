#!/usr/bin/env node
// Renders the site's PNG images from their SVG sources in static/img/ with the system Chromium:
// the social card (1200x630, for link previews), a 32 px PNG favicon and the 180 px
// apple-touch icon. Run it after changing social-card.svg or favicon.svg:
//   node scripts/render-images.mjs
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, ROOT } from '../tests/browser/harness.mjs';

const IMG = join(ROOT, 'static', 'img');
const svg = (name) => `data:image/svg+xml;base64,${readFileSync(join(IMG, name)).toString('base64')}`;
const BRAND = '#1b6b73';

const images = [
  { out: 'social-card.png', source: 'social-card.svg', width: 1200, height: 630 },
  { out: 'favicon-32.png', source: 'favicon.svg', width: 32, height: 32, transparent: true },
  // iOS draws its own rounded corners on a square icon, and turns transparency black: fill it.
  { out: 'apple-touch-icon.png', source: 'favicon.svg', width: 180, height: 180, background: BRAND },
];

const browser = await launchBrowser();
try {
  for (const image of images) {
    const page = await browser.newPage({ viewport: { width: image.width, height: image.height }, deviceScaleFactor: 1 });
    await page.setContent(
      `<html><body style="margin:0;background:${image.background ?? 'transparent'}"><img src="${svg(image.source)}" width="${image.width}" height="${image.height}" style="display:block"></body></html>`,
    );
    await page.waitForFunction(() => document.images[0].complete);
    await page.screenshot({ path: join(IMG, image.out), omitBackground: Boolean(image.transparent) });
    await page.close();
    console.log(`static/img/${image.out}: ${image.width}x${image.height} from static/img/${image.source}`);
  }
} finally {
  await browser.close();
}
