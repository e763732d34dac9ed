/**
 * Run one example in Node, exactly as the Playground runs it in the browser:
 * compile it (no keepNames, see import-compiled.ts), import it, call its default
 * export, wait for it.
 *
 *   npm run example -- examples/00-introduction/first-simulation.ts
 *   npm run example -- 02-cluster/nines          (the Playground's id)
 *
 * Only files under examples/ run, and only once their source is seen to have a
 * default export (example-path.ts): a path typed by mistake, or a symlink out of
 * the folder, must not execute some other file's top level.
 */
import { resolveExample } from './example-path';
import { importCompiled } from './import-compiled';

async function main(): Promise<void> {
  const argument = process.argv[2];
  let path: string;
  try {
    path = resolveExample(argument);
  } catch (error) {
    console.error(`run-example: ${(error as Error).message}`);
    process.exit(1);
  }
  const entry = (await importCompiled(path)).default;
  if (typeof entry !== 'function') {
    console.error(`run-example: ${argument}: the default export is not a function. An example must end with: export default function main() { ... }`);
    process.exit(1);
  }
  await entry();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
