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
 * Chrome features playwright-core 1.65 turns off (its own `--disable-features` list). Chrome
 * applies only the last `--disable-features` on its command line, so one that adds a feature
 * must carry these too: tests/browser/chrome-flags.test.mjs fails, naming the difference, when
 * an upgrade of playwright-core changes its list.
 */
export const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];

/**
 * Features turned off here as well. Chromium 156 loads the address bar's suggestion popups
 * (chrome://omnibox-popup.top-chrome/, two pages built with web components) into a renderer of
 * their own for every window, and every Playwright context and page opens a window: measured
 * here, ten page loads in fresh contexts took 41-48 CPU-seconds with them and 20-23 without. A
 * headless test never shows that popup.
 */
export const MORE_DISABLED_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup', 'WebUIOmniboxFullPopup'];

/**
 * `args` with every `--disable-features` among them, and `features`, merged into one at the end:
 * Chrome applies only the last one it is given.
 */
export function withDisabledFeatures(args, features) {
  const prefix = '--disable-features=';
  const all = [...args.filter((arg) => arg.startsWith(prefix)).flatMap((arg) => arg.slice(prefix.length).split(',')), ...features].filter(Boolean);
  return [...args.filter((arg) => !arg.startsWith(prefix)), prefix + [...new Set(all)].join(',')];
}

/**
 * The arguments `launchBrowser` gives Chromium: CHROMIUM_ARGS and `extraArgs`, with one
 * `--disable-features`, after playwright-core's, that carries its list as well as ours.
 */
export function launchArgs(extraArgs = []) {
  return withDisabledFeatures([...CHROMIUM_ARGS, ...extraArgs], [...PLAYWRIGHT_DISABLED_FEATURES, ...MORE_DISABLED_FEATURES]);
}

/**
 * System Chromium. playwright-core never downloads a browser, and `launch` gives every
 * run a fresh, empty profile of its own (it rejects a --user-data-dir argument).
 * `extraArgs` adds flags, e.g. the benchmarks' `--js-flags=--expose-gc`.
 */
export async function launchBrowser({ extraArgs = [] } = {}) {
  const executablePath = chromePath();
  if (!executablePath) throw new Error('No Chromium found: set CHROME_PATH or `apt-get install chromium`.');
  return chromium.launch({ executablePath, args: launchArgs(extraArgs), timeout: 60_000 });
}
