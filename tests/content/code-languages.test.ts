/**
 * Every fenced code block's language is one the site highlights. Prism loads only the languages
 * in src/plugins/slim-prism.ts (PRISM_LANGUAGES), so a fence in any other would quietly show as
 * plain text.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { PLAIN_LANGUAGES, PRISM_LANGUAGES } from '../../src/plugins/slim-prism';
import { slimPrism } from '../../src/plugins/slim-prism-loader.js';
import { readFileSync } from 'node:fs';
import { lineOf, markdownFiles, nodesOf } from './markdown-files';

const require = createRequire(import.meta.url);

/** The languages Prism knows once PRISM_LANGUAGES are loaded, aliases (ts, sh, yml...) included. */
function highlightedLanguages(): Set<string> {
  const globals = globalThis as { Prism?: { languages: Record<string, unknown> } };
  const before = globals.Prism;
  const Prism = require('prismjs/components/prism-core.js');
  globals.Prism = Prism;
  try {
    for (const language of PRISM_LANGUAGES) require(`prismjs/components/prism-${language}.js`);
  } finally {
    globals.Prism = before;
  }
  return new Set(Object.keys(Prism.languages).filter((name) => typeof Prism.languages[name] === 'object'));
}

describe('code block languages', () => {
  it('every fence is in a language the site highlights, or plain', () => {
    const known = highlightedLanguages();
    const problems: string[] = [];
    for (const file of markdownFiles()) {
      for (const node of nodesOf(file, 'code')) {
        const lang = (node as { lang?: string | null }).lang;
        if (!lang || PLAIN_LANGUAGES.includes(lang) || known.has(lang)) continue;
        problems.push(
          `${file.path}:${lineOf(node)}: a \`\`\`${lang} block would show as plain text: add the Prism component that defines '${lang}' (node_modules/prismjs/components/prism-<name>.js: 'typescript' for ts) to PRISM_LANGUAGES in src/plugins/slim-prism.ts, or write \`\`\`text`,
        );
      }
    }
    expect(problems).toEqual([]);
  });

  it('loads TypeScript, bash and JSON, the languages the book uses today', () => {
    const known = highlightedLanguages();
    for (const lang of ['ts', 'typescript', 'bash', 'sh', 'json']) expect(known.has(lang), lang).toBe(true);
  });

  it("trims prism-react-renderer's languages and keeps its Prism core", () => {
    for (const file of ['index.mjs', 'index.js']) {
      const source = readFileSync(require.resolve(`prism-react-renderer/dist/${file}`), 'utf8');
      const slim = slimPrism(source, file);
      expect(slim.length).toBeLessThan(source.length - 50_000);
      expect(slim).toContain('var Prism = __toESM(require_prism());');
      expect(slim).not.toContain('languages.swift');
      expect(slim).toContain('var Highlight = ');
    }
  });

  it('says which file and what to do when the bundle changes shape', () => {
    expect(() => slimPrism('export const x = 1;', 'node_modules/prism-react-renderer/dist/index.mjs')).toThrow(
      /dist\/index\.mjs: src\/plugins\/slim-prism-loader\.js no longer finds .* remove '\.\/src\/plugins\/slim-prism\.ts'/,
    );
  });
});
