/**
 * Loader for prism-react-renderer's bundle (dist/index.mjs and dist/index.js): drops the ~40
 * languages it registers when it loads, keeping Prism's core. See slim-prism.ts for why; the
 * languages the site highlights come back through `prism.additionalLanguages`.
 * Plain CommonJS: the bundler loads it as it is, without the site's TypeScript.
 */
const START = '// src/prism-langs.ts';
const END = '// src/themes/index.ts';
const CORE = /^var Prism = __toESM\(require_prism\(\)\);$/m;

function slimPrism(source, file = 'prism-react-renderer') {
  const start = source.indexOf(START);
  const end = source.indexOf(END, start);
  const core = start >= 0 && end > start ? CORE.exec(source.slice(start, end)) : null;
  if (!core) {
    throw new Error(
      `${file}: src/plugins/slim-prism-loader.js no longer finds the languages section it trims ` +
        `(the lines "${START}", "var Prism = __toESM(require_prism());" and "${END}"). ` +
        'prism-react-renderer changed its bundle: update the markers in slim-prism-loader.js, or remove ' +
        "'./src/plugins/slim-prism.ts' from docusaurus.config.ts to load every language again.",
    );
  }
  return `${source.slice(0, start)}${START} (languages trimmed by src/plugins/slim-prism-loader.js)\n${core[0]}\n\n${source.slice(end)}`;
}

module.exports = function slimPrismLoader(source) {
  return slimPrism(source, this.resourcePath);
};
module.exports.slimPrism = slimPrism;
