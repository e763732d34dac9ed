import type { Plugin } from '@docusaurus/types';

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
 * prefix wins, the other orders an object's keys so that a memo's dependencies keep one order.
 * no-collator-loader.js gives both a comparison by code unit, in the same direction;
 * tests/content/no-collator.test.ts checks that the docs plugin chosen for a path is the same.
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
              test: /[\\/]node_modules[\\/]@docusaurus[\\/](plugin-content-docs[\\/]lib[\\/]client[\\/]docsClientUtils|theme-common[\\/]lib[\\/]utils[\\/]reactUtils)\.js$/,
              use: [{ loader: require.resolve('./no-collator-loader.js') }],
            },
          ],
        },
      };
    },
  };
}
