#!/usr/bin/env node
// `npm test`: every check, in the order that fails fastest (the type check beside Vitest). Stops at the first failure.
import { spawn } from 'node:child_process';
import { chromeCandidates, chromePath } from '../tests/browser/harness.mjs';

const inCI = process.env.CI === 'true' || process.env.CI === '1';

const steps = [
  {
    name: 'Type check',
    cmd: 'npx',
    args: ['tsc', '--noEmit', '--pretty'],
    // tsc works alone on one core for about 12 s: it runs beside Vitest, which leaves a core idle
    // for much of its run (11 s saved on this 2-core machine), and its output (errors only) is
    // printed when it ends. The build waits for both.
    beside: 'tsc --noEmit checks every .ts and .tsx file beside Vitest; its errors, if any, are printed when it ends',
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

/**
 * Runs one step; resolves to its exit code. Its output is shown as it comes, or, for a step run
 * beside another (`captured`), kept and resolved with the code.
 */
function run(step, { captured = false } = {}) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(step.cmd, step.args, { stdio: captured ? ['ignore', 'pipe', 'pipe'] : 'inherit', env: process.env, shell: process.platform === 'win32' });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.on('close', (code, signal) => {
      resolve({ status: code ?? signal, output, seconds: ((Date.now() - started) / 1000).toFixed(1) });
    });
  });
}

function fail(name, seconds, status) {
  console.error(`\n✖ ${name} failed after ${seconds} s (exit ${status}).`);
  process.exit(typeof status === 'number' && status > 0 ? status : 1);
}

const results = [];
/** A step running beside the current one (the type check beside Vitest), awaited before the next. */
let besideStep = null;
async function finishBeside() {
  if (!besideStep) return;
  const { step, running } = besideStep;
  besideStep = null;
  const { status, output, seconds } = await running;
  if (output.trim()) console.log(`\n▶ ${step.name}: output\n\n${output}`);
  if (status !== 0) fail(step.name, seconds, status);
  results.push(`passed   ${step.name} (${seconds} s, beside the next step)`);
}

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
  if (step.beside) {
    console.log(`\n▶ ${step.name} (${step.beside})`);
    besideStep = { step, running: run(step, { captured: true }) };
    continue;
  }
  console.log(`\n▶ ${step.name}\n`);
  const { status, seconds } = await run(step);
  if (status !== 0) {
    console.error(`\n✖ ${step.name} failed after ${seconds} s (exit ${status}).`);
    if (besideStep) {
      // Its errors too, so that one run shows every failure of the two.
      const beside = await besideStep.running;
      if (beside.status !== 0) console.error(`\n✖ ${besideStep.step.name} failed after ${beside.seconds} s (exit ${beside.status}):\n\n${beside.output}`);
    }
    process.exit(typeof status === 'number' && status > 0 ? status : 1);
  }
  results.push(`passed   ${step.name} (${seconds} s)`);
  await finishBeside();
}
await finishBeside();
console.log(`\n${results.join('\n')}`);
