import type { Plugin } from '@docusaurus/types';

/**
 * Code highlighting without the cost of languages the site never shows.
 *
 * prism-react-renderer registers about 40 languages (JSX, Swift, Kotlin, C++, GraphQL...) the
 * moment it loads, and every page loads it first thing (Docusaurus's prism-include-languages
 * client module). Registering is not free: `extend` deep-clones a grammar and `insertBefore`
 * walks every registered grammar, so the cost grows with the count. Measured in Chromium at 4x
 * CPU throttling, it was about 400 ms of one long task on every page, code blocks or not: the
 * largest single item of the home page's Total Blocking Time.
 *
 * This keeps Prism's core and registers only PRISM_LANGUAGES (docusaurus.config.ts passes them
 * as `prism.additionalLanguages`; Prism's own components, in dependency order). A fence in a
 * language not listed would show as plain text, so tests/content/code-languages.test.ts fails
 * on any fence whose language is missing here: add it to the list.
 */
export const PRISM_LANGUAGES = ['markup', 'clike', 'javascript', 'typescript', 'bash', 'json', 'yaml', 'sql', 'python', 'diff'];

/** Fence languages that Prism does not highlight: plain text, and diagrams. */
export const PLAIN_LANGUAGES = ['text', 'txt', 'plain', 'plaintext', 'mermaid'];

export default function slimPrismPlugin(): Plugin {
  return {
    name: 'slim-prism',
    // Server and client alike: the server's HTML and the client's hydration must highlight the same.
    configureWebpack() {
      return {
        module: {
          rules: [{ test: /[\\/]prism-react-renderer[\\/]dist[\\/]index\.m?js$/, use: [{ loader: require.resolve('./slim-prism-loader.js') }] }],
        },
      };
    },
  };
}
