/**
 * Scaffold an example: examples/<chapter>/<name>.ts and its test, and a Playground for it in
 * the chapter's page, all passing `npm test` as created.
 *
 *   npm run new:example -- 02-cluster sticky-sessions
 */
import { ScaffoldError, newExample } from './scaffold';

console.log('new:example: writing the example, then running it to measure the numbers its test asserts (a few seconds)...');
newExample(process.cwd(), process.argv.slice(2)).then(
  ({ created, playground }) => {
    const example = created[0];
    console.log(`Created:\n${created.map((path) => `  ${path}`).join('\n')}\nand a Playground for it at ${playground}.`);
    console.log(`
Next:
  npm run example -- ${example}     # run it in Node
  npx vitest run ${example.replace(/\.ts$/, '')}  # its test
Replace the simulation with yours, assert in the test every number the page quotes,
and move the Playground where the prose needs it.`);
  },
  (error: unknown) => {
    if (!(error instanceof ScaffoldError)) throw error;
    console.error(`new:example: ${error.message}`);
    process.exit(1);
  },
);
