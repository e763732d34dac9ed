import { join } from 'node:path';
import type { Config, Plugin } from '@docusaurus/types';
import type * as Preset from '@docusaurus/preset-classic';
import { themes as prismThemes } from 'prism-react-renderer';
import { WORD_SEPARATOR } from './src/theme/SearchSpellings/tokenize';
import { PRISM_LANGUAGES } from './src/plugins/slim-prism';
import { paintFirstTemplate } from './src/plugins/paint-first';
import { earlyShortcutScript, SEARCH_SHORTCUT } from './src/theme/SearchBar/shortcut';

// Where the site is published. GitHub Pages serves a project site under /<repo>/,
// so both can be set by the deploy workflow; locally the site lives at the root.
const SITE_URL = process.env.SITE_URL ?? 'https://architecture-evolution.github.io';
const BASE_URL = process.env.BASE_URL ?? '/';
const REPO_URL = 'https://github.com/architecture-evolution/architecture-evolution';

// VS Code's themes pass WCAG AA contrast for every token but one: dark punctuation
// (#808080 on #1E1E1E is 4.2:1). Lighten it to 6:1 instead of living with it.
const codeThemeDark = {
  ...prismThemes.vsDark,
  styles: prismThemes.vsDark.styles.map((rule) =>
    rule.style.color === '#808080' ? { ...rule, style: { ...rule.style, color: '#a6a6a6' } } : rule,
  ),
};

// Search (local, offline, @easyops-cn/docusaurus-search-local). Its index splits words on white
// space and hyphens only, so "Little's" was one word that "Little" did not find: split on
// apostrophes too, in the lunr that builds the index (the plugin's own copy) and in the query
// tokenizer below, which also turns American spellings into the book's British ones.
require(require.resolve('lunr', { paths: [require.resolve('@easyops-cn/docusaurus-search-local')] })).tokenizer.separator = WORD_SEPARATOR;

/** Swaps the search worker's query tokenizer for src/theme/SearchSpellings/tokenize.ts. */
function searchQueryTokenizer(): Plugin {
  return {
    name: 'search-query-tokenizer',
    configureWebpack(_config, isServer, { currentBundler }) {
      if (isServer) return {};
      const tokenizer = join(__dirname, 'src/theme/SearchSpellings/tokenize.ts');
      return {
        plugins: [
          new currentBundler.instance.NormalModuleReplacementPlugin(/^\.\.\/utils\/tokenize$/, (resource: { context?: string; request?: string }) => {
            if (/docusaurus-search-local[\\/]dist[\\/]client/.test(resource.context ?? '')) resource.request = tokenizer;
          }),
        ],
      };
    },
  };
}

// Mermaid's themes for the light and dark colour modes: the reader's browser and the build's
// drawings (src/remark/diagrams.ts draws every diagram at build time) use the same.
const MERMAID_THEMES = { light: 'default', dark: 'dark' };

// Every MDX page: Playgrounds get their example's source, figures their example's value,
// diagrams their drawings.
const REMARK_PLUGINS = [
  require('./src/remark/playground').default,
  require('./src/remark/figures').default,
  // (Options reach the browser's bundle with the site's config: no paths here.)
  [require('./src/remark/diagrams').default, { themes: MERMAID_THEMES }],
];

const config: Config = {
  title: 'Architecture Evolution',
  tagline: 'How large internet systems grow, from one machine to cloud native, with simulations you run in the page.',
  favicon: 'img/favicon.svg',
  // Beside the SVG favicon: a PNG for browsers and tools that take no SVG, and the icon iOS
  // shows on a home screen (both rendered from favicon.svg by scripts/render-images.mjs).
  headTags: [
    { tagName: 'link', attributes: { rel: 'icon', type: 'image/png', sizes: '32x32', href: `${BASE_URL}img/favicon-32.png` } },
    { tagName: 'link', attributes: { rel: 'apple-touch-icon', sizes: '180x180', href: `${BASE_URL}img/apple-touch-icon.png` } },
    // The search shortcut before the page hydrates (under 500 bytes): src/theme/SearchBar/shortcut.ts.
    { tagName: 'script', attributes: {}, innerHTML: earlyShortcutScript(SEARCH_SHORTCUT) },
  ],
  url: SITE_URL,
  baseUrl: BASE_URL,
  trailingSlash: true,
  // Pages paint before the bundle runs (src/plugins/paint-first.ts). Docusaurus's base-URL banner
  // checks at DOMContentLoaded whether the bundle has run, which it now never has by then, so it
  // is off. What it caught, a copy of the site served under another path than BASE_URL (a fork's
  // Pages), now shows as a page that does not hydrate, with the bundle's 404s in the console.
  ssrTemplate: paintFirstTemplate(),
  baseUrlIssueBanner: false,

  future: { v4: true, faster: true },

  onBrokenLinks: 'throw',
  onBrokenAnchors: 'throw',
  onDuplicateRoutes: 'throw',

  markdown: {
    mermaid: true,
    hooks: { onBrokenMarkdownLinks: 'throw', onBrokenMarkdownImages: 'throw' },
  },

  i18n: { defaultLocale: 'en', locales: ['en'] },

  presets: [
    [
      'classic',
      {
        docs: {
          path: 'docs',
          routeBasePath: 'docs',
          sidebarPath: './sidebars.ts',
          editUrl: `${REPO_URL}/edit/main/`,
          // From git: the deploy and CI check out the whole history (fetch-depth: 0).
          showLastUpdateTime: true,
          remarkPlugins: REMARK_PLUGINS,
        },
        blog: false,
        theme: { customCss: './src/css/custom.css' },
        // The test bench and the search page are for the browser tests and for readers, not
        // for search engines: out of the sitemap, and marked noindex (src/theme/).
        sitemap: { changefreq: 'weekly', priority: 0.5, ignorePatterns: [`${BASE_URL}dogfooding/**`, `${BASE_URL}search/**`] },
      } satisfies Preset.Options,
    ],
  ],

  clientModules: ['./src/clientModules/scrollableTables.ts', './src/clientModules/idlePrefetch.ts'],
  // The second is written by src/plugins/playground-packages.ts at each build and start.
  staticDirectories: ['static', 'node_modules/.cache/playground-packages'],

  plugins: [
    searchQueryTokenizer,
    './src/plugins/raw-source.ts',
    './src/plugins/lazy-chunks.ts',
    // Prism with the site's languages only (PRISM_LANGUAGES), not the ~40 it registers on load.
    './src/plugins/slim-prism.ts',
    // No ICU collator set up while a docs page hydrates (two sorts by code unit instead).
    './src/plugins/no-collator.ts',
    // Pages show their examples' code and figures: a changed example evicts the build cache.
    './src/plugins/examples-build-cache.ts',
    // A Content-Security-Policy meta tag on every built page (the Playground runs untrusted code).
    './src/plugins/content-security-policy.ts',
    // The real packages Playgrounds may import (PGlite), served from this site.
    './src/plugins/playground-packages.ts',
    // Diagrams drawn at build time go into the pages' HTML, not their JavaScript.
    './src/plugins/diagram-drawings.ts',
    [
      // The test bench: every tricky case (diagrams in tabs, long diagrams, each diagram
      // type, Playground edge cases) on pages outside the book's sidebar, so that the
      // browser tests see them on every run.
      '@docusaurus/plugin-content-docs',
      {
        id: 'dogfooding',
        path: 'dogfooding',
        routeBasePath: 'dogfooding',
        sidebarPath: false,
        remarkPlugins: REMARK_PLUGINS,
      },
    ],
  ],

  themes: [
    '@docusaurus/theme-mermaid',
    [
      '@easyops-cn/docusaurus-search-local',
      {
        hashed: true,
        indexBlog: false,
        indexPages: false,
        docsRouteBasePath: 'docs',
        docsDir: 'docs',
        highlightSearchTermsOnTargetPage: true,
        // The navbar's box is a stand-in until a reader reaches for it (src/theme/SearchBar), and
        // listens for the same keys.
        searchBarShortcutKeymap: SEARCH_SHORTCUT,
        explicitSearchResultPath: true,
        // A Playground's code is for running, not for finding: "p99" found a line of an
        // example before the prose that explains it. Index the prose and ordinary code blocks.
        // Diagrams, drawn into the HTML at build time: their labels run
        // together without spaces in the index, and the prose around a diagram says what it shows.
        ignoreCssSelectors: ['[data-playground]', '[data-diagram]'],
      },
    ],
  ],

  themeConfig: {
    // The link preview (og:image, twitter:image) of every page: static/img/social-card.svg
    // rendered to PNG by scripts/render-images.mjs.
    image: 'img/social-card.png',
    colorMode: { respectPrefersColorScheme: true },
    mermaid: { theme: MERMAID_THEMES },
    navbar: {
      title: 'Architecture Evolution',
      logo: { alt: 'Architecture Evolution logo', src: 'img/logo.svg' },
      items: [
        { type: 'docSidebar', sidebarId: 'book', position: 'left', label: 'The book' },
        { to: '/docs/reference/simulation-kit/', label: 'Simulation kit', position: 'left' },
        { href: REPO_URL, label: 'GitHub', position: 'right' },
      ],
    },
    footer: {
      style: 'dark',
      links: [
        {
          title: 'Read',
          items: [
            { label: 'Introduction', to: '/docs/introduction/' },
            { label: 'Single node', to: '/docs/single-node/' },
            { label: 'Cluster', to: '/docs/cluster/' },
          ],
        },
        {
          title: 'Contribute',
          items: [
            { label: 'How to contribute', to: '/docs/reference/contributing/' },
            { label: 'Source on GitHub', href: REPO_URL },
          ],
        },
      ],
      copyright: `Text CC BY 4.0, code MIT. Built with Docusaurus.`,
    },
    prism: {
      theme: prismThemes.vsLight,
      darkTheme: codeThemeDark,
      additionalLanguages: PRISM_LANGUAGES,
    },
  } satisfies Preset.ThemeConfig,
};

export default config;
