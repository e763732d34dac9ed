/**
 * Run one example in Node, exactly as the Playground runs it in the browser:
 * import the module, call its default export, wait for it.
 *
 *   npm run example -- examples/00-introduction/first-simulation.ts
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const USAGE = 'Usage: npm run example -- examples/<chapter>/<example>.ts';

function fail(message: string): never {
  console.error(`run-example: ${message}`);
  process.exit(1);
}

async function main(): Promise<void> {
  const argument = process.argv[2];
  if (!argument) fail(`no example given.\n${USAGE}`);
  const path = resolve(process.cwd(), argument);
  if (!existsSync(path) || !statSync(path).isFile()) fail(`no such file: ${argument}\n${USAGE}`);
  if (!/\.(ts|tsx|js|mjs)$/.test(path)) fail(`an example is a .ts module (got ${argument})`);
  if (/\.test\.ts$/.test(path)) fail(`${argument} is a test; run it with npx vitest run ${argument}`);

  const module = await import(pathToFileURL(path).href);
  // tsx may load a TypeScript file as CommonJS, which wraps the module once more.
  const entry = typeof module.default === 'function' ? module.default : module.default?.default;
  if (typeof entry !== 'function') {
    fail(`${argument} has no default export function. An example must end with: export default function main() { ... }`);
  }
  await entry();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
