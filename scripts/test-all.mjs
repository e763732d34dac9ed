#!/usr/bin/env node
// `npm test`: every check, in the order that fails fastest. Stops at the first failure.
import { spawn } from 'node:child_process';
import { chromeCandidates, chromePath } from '../tests/browser/harness.mjs';

const inCI = process.env.CI === 'true' || process.env.CI === '1';
/** A step that prints nothing while it works says it is still going, this often. */
const HEARTBEAT_MS = 10_000;

const steps = [
  {
    name: 'Type check',
    cmd: 'npx',
    args: ['tsc', '--noEmit'],
    // tsc prints only errors, and only at the end: half a minute of silence without this.
    quiet: 'tsc --noEmit checks every .ts and .tsx file; it prints nothing unless it finds an error',
  },
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

/** Runs one step with its output shown as it comes; resolves to its exit code. */
function run(step) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(step.cmd, step.args, { stdio: 'inherit', env: process.env, shell: process.platform === 'win32' });
    const heartbeat = step.quiet
      ? setInterval(() => console.log(`  … ${step.name.toLowerCase()} still running (${Math.round((Date.now() - started) / 1000)} s)`), HEARTBEAT_MS)
      : undefined;
    child.on('close', (code, signal) => {
      clearInterval(heartbeat);
      resolve(code ?? signal);
    });
  });
}

const results = [];
for (const step of steps) {
  if (step.needsBrowser && !chromePath()) {
    const how = 'Install Chrome or Chromium (Debian/Ubuntu: `sudo apt-get install chromium`), or point CHROME_PATH at a Chrome, Chromium or Edge binary.';
    if (inCI) {
      console.error(`\n✖ ${step.name}: no Chromium found, and CI must run the browser tests. ${how}`);
      process.exit(1);
    }
    console.warn(`\n⚠ Skipping: ${step.name}. No browser found; looked in:\n${chromeCandidates().map((path) => `    ${path}`).join('\n')}\n  ${how}`);
    results.push(`skipped  ${step.name}`);
    continue;
  }
  console.log(`\n▶ ${step.name}${step.quiet ? ` (${step.quiet})` : ''}\n`);
  const started = Date.now();
  const status = await run(step);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (status !== 0) {
    console.error(`\n✖ ${step.name} failed after ${seconds} s (exit ${status}).`);
    process.exit(typeof status === 'number' && status > 0 ? status : 1);
  }
  results.push(`passed   ${step.name} (${seconds} s)`);
}
console.log(`\n${results.join('\n')}`);
