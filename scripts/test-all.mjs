#!/usr/bin/env node
// `npm test`: every check, in the order that fails fastest (the type check beside Vitest). Stops at the first failure.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
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
    // A file with a failed test runs once more, alone with the others that failed. A test that
    // passes then still shows, by name, under "passed on the second try" at the end: a test that
    // depends on timing is a bug to fix, in the test or in the site, not to forget.
    secondTry: true,
  },
];

/**
 * Runs one step; resolves to its exit code. Its output is shown as it comes, or, for a step run
 * beside another (`captured`), kept and resolved with the code.
 */
function run(step, { captured = false, args = step.args } = {}) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(step.cmd, args, { stdio: captured ? ['ignore', 'pipe', 'pipe'] : 'inherit', env: process.env, shell: process.platform === 'win32' });
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
/** Tests that failed, then passed when their file ran again: listed at the end of the run. */
const passedSecondTime = [];

/** The tests a run of node --test with failed-tests-reporter.mjs wrote down as failed. */
function failedTests(file) {
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
  } catch {
    return [];
  }
}

/**
 * Runs a node --test step; if tests failed, runs their files once more. Resolves to the first
 * run's result when it passed or nothing can be retried, else to the second run's.
 */
async function runTwiceIfNeeded(step) {
  const folder = mkdtempSync(join(tmpdir(), 'test-all-'));
  const reporter = (name) => ['--test-reporter=./scripts/failed-tests-reporter.mjs', `--test-reporter-destination=${join(folder, name)}`];
  const [runner, ...rest] = step.args;
  // The spec reporter still writes to the terminal; the second reporter writes failures down.
  const withReporter = (name, args) => [runner, ...args.slice(0, -1), '--test-reporter-destination=stdout', ...reporter(name), args.at(-1)];
  try {
    const first = await run(step, { args: withReporter('first.jsonl', rest) });
    if (first.status === 0) return first;
    const failed = failedTests(join(folder, 'first.jsonl'));
    const files = [...new Set(failed.map((test) => test.file).filter(Boolean))].map((file) => relative(process.cwd(), file));
    // Nothing named (the runner itself failed): nothing to run again.
    if (files.length === 0) return first;
    console.log(`\n▶ ${step.name}: running again the ${files.length === 1 ? 'file' : `${files.length} files`} with a failed test (${files.join(', ')})\n`);
    const optionsOnly = rest.slice(0, -1);
    const second = await run(step, { args: [runner, ...optionsOnly, '--test-reporter-destination=stdout', ...reporter('second.jsonl'), ...files] });
    if (second.status !== 0) return { ...second, seconds: `${first.seconds} + ${second.seconds}` };
    // Only the tests themselves, not the suites and files that failed because of them.
    for (const test of failed.filter((test) => !test.becauseOfSubtests)) passedSecondTime.push(`${relative(process.cwd(), test.file ?? '')}: ${test.name}`);
    return { status: 0, seconds: `${first.seconds} + ${second.seconds}` };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
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
  const { status, seconds } = step.secondTry ? await runTwiceIfNeeded(step) : await run(step);
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
if (passedSecondTime.length > 0) {
  console.warn(`\n⚠ Passed on the second try (failed once: timing-dependent, worth a look):\n${passedSecondTime.map((test) => `    ${test}`).join('\n')}`);
}
