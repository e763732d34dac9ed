/**
 * Scaffold a chapter: docs/NN-<slug>/ (index.mdx, _category_.json) and examples/NN-<slug>/
 * with a starter example and its test, all passing `npm test` as created.
 *
 *   npm run new:chapter -- edge-computing "Edge computing"
 */
import { ScaffoldError, newChapter } from './scaffold';

// Writing the files is instant; running the starter simulation (to quote its numbers in the page
// and the test) takes a few seconds, so say so rather than sit silent.
console.log('new:chapter: writing the chapter, then running its starter example to measure the numbers the page quotes (a few seconds)...');
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
