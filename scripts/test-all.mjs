#!/usr/bin/env node
// `npm test`: every check, in the order that fails fastest. Stops at the first failure.
import { spawnSync } from 'node:child_process';
import { chromePath } from '../tests/browser/harness.mjs';

const inCI = process.env.CI === 'true' || process.env.CI === '1';

const steps = [
  { name: 'Type check', cmd: 'npx', args: ['tsc', '--noEmit'] },
  { name: 'Unit, example and content tests (Vitest)', cmd: 'npx', args: ['vitest', 'run'] },
  { name: 'Build (broken links, anchors and Markdown links are errors)', cmd: 'npx', args: ['docusaurus', 'build'] },
  {
    name: 'Browser tests of the built site (system Chromium)',
    cmd: 'node',
    // Two test files at a time, and site.test.mjs runs two pages at a time (PAGE_CONCURRENCY):
    // the browser does the work, in processes of its own, so both cores stay busy.
    args: ['--test', '--test-concurrency=2', '--test-reporter=spec', 'tests/browser/'],
    needsBrowser: true,
  },
];

const results = [];
for (const step of steps) {
  if (step.needsBrowser && !chromePath()) {
    const how = 'Install one with `sudo apt-get install chromium` (Debian/Ubuntu) or point CHROME_PATH at a Chrome or Chromium binary.';
    if (inCI) {
      console.error(`\n✖ ${step.name}: no Chromium found, and CI must run the browser tests. ${how}`);
      process.exit(1);
    }
    console.warn(`\n⚠ Skipping: ${step.name}. No Chromium found at CHROME_PATH, /usr/bin/chromium or /usr/lib/chromium/chromium.\n  ${how}`);
    results.push(`skipped  ${step.name}`);
    continue;
  }
  console.log(`\n▶ ${step.name}\n`);
  const started = Date.now();
  const run = spawnSync(step.cmd, step.args, { stdio: 'inherit', env: process.env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (run.status !== 0) {
    console.error(`\n✖ ${step.name} failed after ${seconds} s (exit ${run.status ?? run.signal}).`);
    process.exit(run.status || 1);
  }
  results.push(`passed   ${step.name} (${seconds} s)`);
}
console.log(`\n${results.join('\n')}`);
