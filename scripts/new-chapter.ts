/**
 * Scaffold a chapter: docs/NN-<slug>/ (index.mdx, _category_.json) and examples/NN-<slug>/
 * with a starter example and its test, all passing `npm test` as created.
 *
 *   npm run new:chapter -- edge-computing "Edge computing"
 */
import { ScaffoldError, newChapter } from './scaffold';

newChapter(process.cwd(), process.argv.slice(2)).then(
  (created) => {
    const folder = created[0].split('/')[1];
    console.log(`Created chapter ${folder}:\n${created.map((path) => `  ${path}`).join('\n')}`);
    console.log(`
Next:
  npm start                                      # the page at http://localhost:3000/docs/${folder.replace(/^\d+-/, '')}/
  npm run example -- examples/${folder}/pressure.ts  # the starter example in Node
  npx vitest run examples/${folder} tests/content    # its test and the content lint
Then write the chapter: CONTRIBUTING.md, "Add a chapter".`);
  },
  (error: unknown) => {
    if (!(error instanceof ScaffoldError)) throw error;
    console.error(`new:chapter: ${error.message}`);
    process.exit(1);
  },
);
