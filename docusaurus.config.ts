import type { Config } from '@docusaurus/types';
import type * as Preset from '@docusaurus/preset-classic';
import { themes as prismThemes } from 'prism-react-renderer';

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

const config: Config = {
  title: 'Architecture Evolution',
  tagline: 'How large internet systems grow, from one machine to cloud native, with simulations you run in the page.',
  favicon: 'img/favicon.svg',
  url: SITE_URL,
  baseUrl: BASE_URL,
  trailingSlash: true,

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
          showLastUpdateTime: false,
          remarkPlugins: [require('./src/remark/playground').default],
        },
        blog: false,
        theme: { customCss: './src/css/custom.css' },
        sitemap: { changefreq: 'weekly', priority: 0.5, ignorePatterns: [] },
      } satisfies Preset.Options,
    ],
  ],

  clientModules: ['./src/clientModules/scrollableTables.ts'],

  plugins: [
    './src/plugins/raw-source.ts',
    './src/plugins/lazy-chunks.ts',
    // A Content-Security-Policy meta tag on every built page (the Playground runs untrusted code).
    './src/plugins/content-security-policy.ts',
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
        remarkPlugins: [require('./src/remark/playground').default],
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
        explicitSearchResultPath: true,
      },
    ],
  ],

  themeConfig: {
    colorMode: { respectPrefersColorScheme: true },
    mermaid: { theme: { light: 'default', dark: 'dark' } },
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
      additionalLanguages: ['bash', 'json'],
    },
  } satisfies Preset.ThemeConfig,
};

export default config;
