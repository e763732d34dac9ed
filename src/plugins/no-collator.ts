import type { Plugin } from '@docusaurus/types';

/** The files no-collator-loader.js rewrites, as the bundler's rule matches them. */
export const NO_COLLATOR_FILES = /[\\/]node_modules[\\/]@docusaurus[\\/](plugin-content-docs[\\/]lib[\\/]client[\\/]docsClientUtils|theme-common[\\/]lib[\\/]utils[\\/]reactUtils)\.js$/;

/**
 * Hydration without setting up a collator.
 *
 * The first `localeCompare` a page calls builds ICU's collator for the browser's language. Two
 * Docusaurus hooks call it while a docs page hydrates: `useActivePlugin` (the breadcrumbs ask
 * which docs plugin owns the page, and this site has two) and `useShallowMemoObject` (the phone
 * menu's sidebar). Measured in Chromium at 4x CPU throttling on /docs/single-node/, that first
 * call took about 50 ms, inside one render step React could not split, which made it a long task
 * of 84 ms on its own.
 *
 * Neither sort needs a language's collation: one orders URL paths so that the longest matching
 * prefix wins (no-collator-loader.js sorts by length), the other orders an object's keys so that a
 * memo's dependencies keep one order (by code unit). tests/content/no-collator.test.ts checks
 * that the docs plugin chosen for a path is Docusaurus's choice, that the rule below matches both
 * files, and tests/browser/site-conventions.test.mjs that the built bundle has no localeCompare.
 */
export default function noCollatorPlugin(): Plugin {
  return {
    name: 'no-collator',
    // Server and client alike, so that the HTML and the hydration agree.
    configureWebpack() {
      return {
        module: {
          rules: [
            {
              test: NO_COLLATOR_FILES,
              use: [{ loader: require.resolve('./no-collator-loader.js') }],
            },
          ],
        },
      };
    },
  };
}
