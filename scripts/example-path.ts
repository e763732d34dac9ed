/**
 * Which file `npm run example -- <argument>` may run: a path or a Playground id
 * (`02-cluster/nines`) that resolves, symlinks followed, to a module under
 * examples/ (not the kit, not a test) whose source has a default export. Pure
 * checks that throw with a message saying what to do, so they can be tested.
 */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const USAGE = 'Usage: npm run example -- examples/<chapter>/<example>.ts   (or the Playground id: <chapter>/<example>)';
const HERE = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
export const EXAMPLES_DIR = realpathSync(resolve(HERE, '..', 'examples'));

/** The real path of the example `argument` names, or an Error saying why it is not one. */
export function resolveExample(argument: string | undefined, cwd = process.cwd(), examples = EXAMPLES_DIR): string {
  if (!argument) throw new Error(`no example given.\n${USAGE}`);
  const candidates = [resolve(cwd, argument), resolve(examples, argument)];
  if (!/\.[cm]?[jt]sx?$/.test(argument)) candidates.push(...candidates.map((path) => `${path}.ts`));
  const found = candidates.find((path) => existsSync(path) && statSync(path).isFile());
  if (!found) throw new Error(`no such example: ${argument}\n${USAGE}`);
  // The real path, symlinks followed: a link inside examples/ to a file elsewhere is elsewhere.
  const real = realpathSync(found);
  const inside = relative(examples, real);
  if (inside === '' || inside.split(sep)[0] === '..' || isAbsolute(inside)) {
    throw new Error(`${argument} is not under examples/ (it is ${real}); only the book's examples run here.\n${USAGE}`);
  }
  if (!/\.(ts|tsx|js|mjs)$/.test(real)) throw new Error(`an example is a .ts module (got ${argument})`);
  if (/\.test\.[cm]?[jt]sx?$/.test(real)) throw new Error(`${argument} is a test; run it with npx vitest run ${relative(cwd, real)}`);
  if (inside.split(sep)[0] === 'sim') throw new Error(`${argument} is part of the simulation kit, not an example; examples import it`);
  // Look before running: a module without a default export is not an example, and its top level must not run.
  if (!/\bexport\s+default\b/.test(readFileSync(real, 'utf8'))) {
    throw new Error(`${argument} has no default export. An example must end with: export default function main() { ... }`);
  }
  return real;
}
