/**
 * Loader for two Docusaurus client files that sort with `String.prototype.localeCompare`: it
 * gives each sort a comparison that needs no collator. See no-collator.ts for why.
 * Plain CommonJS: the bundler loads it as it is, without the site's TypeScript.
 */

/**
 * The sorts replaced, by the file's path within node_modules. Each `from` must be found exactly
 * once; `to` gives the order its caller needs without a collator.
 */
const PATCHES = {
  // getActivePlugin: the first docs plugin whose path is a prefix of the page's path wins (matching
  // ignores case), so the sort must put a more specific path before the paths it extends:
  // '/android/foo' before '/android'. Docusaurus sorts descending by collation; longest first says
  // the same thing without a language. Two matching paths are prefixes of one another, so the
  // longer is the more specific. (They can differ in case, '/docs' and '/Docs/api': collation put
  // the longer first, as length does, and code units would not.)
  '@docusaurus/plugin-content-docs/lib/client/docsClientUtils.js': {
    from: '.sort((a, b) => b[1].path.localeCompare(a[1].path))',
    to: '.sort((a, b) => b[1].path.length - a[1].path.length)',
  },
  // useShallowMemoObject: keys sorted only so that the memo's dependencies keep one order.
  '@docusaurus/theme-common/lib/utils/reactUtils.js': {
    from: 'deps.sort((a, b) => a[0].localeCompare(b[0]));',
    to: 'deps.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));',
  },
};

/** The PATCHES key for a file's path, or undefined. */
function patchFor(file) {
  const normal = file.split('\\').join('/');
  const key = Object.keys(PATCHES).find((name) => normal.endsWith(`/node_modules/${name}`));
  return key && { key, ...PATCHES[key] };
}

function noCollator(source, file) {
  const patch = patchFor(file);
  if (!patch) throw new Error(`${file}: src/plugins/no-collator-loader.js has no patch for this file.`);
  const at = source.indexOf(patch.from);
  if (at < 0 || source.indexOf(patch.from, at + 1) >= 0) {
    throw new Error(
      `${file}: src/plugins/no-collator-loader.js no longer finds the sort it replaces (${patch.from}) ` +
        `exactly once. Docusaurus changed ${patch.key}: update PATCHES in no-collator-loader.js to its new ` +
        "code, or remove './src/plugins/no-collator.ts' from docusaurus.config.ts.",
    );
  }
  return source.slice(0, at) + patch.to + source.slice(at + patch.from.length);
}

module.exports = function noCollatorLoader(source) {
  return noCollator(source, this.resourcePath);
};
module.exports.noCollator = noCollator;
module.exports.PATCHES = PATCHES;
