/**
 * The browser tests' harness (tests/browser/harness.mjs: static server, system Chromium,
 * first-view measurement), typed for the benchmarks, so that they measure what the tests
 * budget and launch Chromium the same way.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';

export interface ScriptSize {
  url: string;
  gzipBytes: number;
}

export interface Harness {
  startServer(): Promise<{ url: string; close(): Promise<void> }>;
  launchBrowser(options?: { extraArgs?: string[] }): Promise<Browser>;
  sitemapPaths(): string[];
  gzipSizeOf(url: string): number;
  firstViewJavaScript(page: Page): Promise<{ files: ScriptSize[]; gzipBytes: number; lazy: ScriptSize[]; lazyGzipBytes: number }>;
}

export async function loadHarness(): Promise<Harness> {
  return (await import(pathToFileURL(join(__dirname, '..', '..', 'tests', 'browser', 'harness.mjs')).href)) as Harness;
}
