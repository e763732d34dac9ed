// Finding a browser on a contributor's machine: no browser download, so the tests look where
// Chrome, Chromium or Edge installs on each system. Needs no browser and no build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chromePath } from './harness.mjs';

const only = (...present) => (path) => present.includes(path);

test('CHROME_PATH wins over any installed browser', () => {
  assert.equal(chromePath({ env: { CHROME_PATH: '/opt/mine/chrome' }, platform: 'linux', exists: only('/opt/mine/chrome', '/usr/bin/chromium') }), '/opt/mine/chrome');
});

test('Linux: Debian\'s chromium, then Google Chrome', () => {
  assert.equal(chromePath({ env: {}, platform: 'linux', exists: only('/usr/bin/chromium', '/usr/bin/google-chrome') }), '/usr/bin/chromium');
  assert.equal(chromePath({ env: {}, platform: 'linux', exists: only('/usr/bin/google-chrome') }), '/usr/bin/google-chrome');
});

test('macOS: Google Chrome or Chromium in /Applications or ~/Applications', () => {
  const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
  assert.equal(chromePath({ env: { HOME: '/Users/ada' }, platform: 'darwin', exists: only(chrome) }), chrome);
  const userChromium = '/Users/ada/Applications/Chromium.app/Contents/MacOS/Chromium';
  assert.equal(chromePath({ env: { HOME: '/Users/ada' }, platform: 'darwin', exists: only(userChromium) }), userChromium);
});

test('Windows: Chrome under Program Files or the user\'s AppData, else Edge', () => {
  const env = { PROGRAMFILES: 'C:\\Program Files', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)', LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' };
  const chrome = 'C:\\Users\\ada\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe';
  const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
  assert.equal(chromePath({ env, platform: 'win32', exists: only(chrome, edge) }), chrome);
  assert.equal(chromePath({ env, platform: 'win32', exists: only(edge) }), edge);
});

test('nothing installed: null, so that npm test skips the browser tests with a note', () => {
  assert.equal(chromePath({ env: {}, platform: 'darwin', exists: () => false }), null);
});
