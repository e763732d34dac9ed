/**
 * MDX components available on every page without an import. Wraps the theme's own map
 * (swizzle by wrapping), adding only what the book needs.
 */
import MDXComponents from '@theme-original/MDXComponents';
import Playground from '@site/src/components/Playground';

export default {
  ...MDXComponents,
  Playground,
};
