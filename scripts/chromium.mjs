// The system's Chrome or Chromium, for everything here that drives a browser: the browser tests,
// the benchmarks, the build's diagram drawing (src/diagrams/prerender.ts) and the image renders.
// playwright-core never downloads a browser: CHROME_PATH names one, or a usual install place has one.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/**
 * Where a Chrome or Chromium is, in the order tried: CHROME_PATH, then the usual install places
 * of the system (Linux packages, macOS apps, Windows installs; Edge, which is Chromium, last).
 */
export function chromeCandidates({ env = process.env, platform = process.platform } = {}) {
  const home = env.HOME ?? env.USERPROFILE ?? '';
  const app = (dir, name, binary = name) => [`/Applications/${dir}.app/Contents/MacOS/${binary}`, `${home}/Applications/${dir}.app/Contents/MacOS/${binary}`];
  const windows = (...tail) =>
    [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(Boolean).map((base) => [base, ...tail].join('\\'));
  const system = {
    linux: ['/usr/bin/chromium', '/usr/lib/chromium/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/opt/google/chrome/chrome', '/usr/bin/microsoft-edge'],
    darwin: [...app('Google Chrome', 'Google Chrome'), ...app('Chromium', 'Chromium'), ...app('Microsoft Edge', 'Microsoft Edge')],
    win32: [...windows('Google', 'Chrome', 'Application', 'chrome.exe'), ...windows('Chromium', 'Application', 'chrome.exe'), ...windows('Microsoft', 'Edge', 'Application', 'msedge.exe')],
  };
  return [env.CHROME_PATH, ...(system[platform] ?? system.linux)].filter(Boolean);
}

/** The first Chrome or Chromium of chromeCandidates() that exists; null if there is none. */
export function chromePath({ env = process.env, platform = process.platform, exists = existsSync } = {}) {
  return chromeCandidates({ env, platform }).find((path) => exists(path)) ?? null;
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * System Chromium. playwright-core never downloads a browser, and `launch` gives every
 * run a fresh, empty profile of its own (it rejects a --user-data-dir argument).
 * `extraArgs` adds flags, e.g. the benchmarks' `--js-flags=--expose-gc`.
 */
export async function launchBrowser({ extraArgs = [] } = {}) {
  const executablePath = chromePath();
  if (!executablePath) throw new Error('No Chromium found: set CHROME_PATH or `apt-get install chromium`.');
  return chromium.launch({ executablePath, args: [...CHROMIUM_ARGS, ...extraArgs], timeout: 60_000 });
}

