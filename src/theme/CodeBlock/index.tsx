/**
 * The theme's CodeBlock without its remount after hydration (swizzled by ejecting: the change is
 * the missing `key`).
 *
 * The theme keys each code block on "is this the browser yet", so every code block on the page is
 * thrown away and built again right after hydration: Prism tokenises it a second time and React
 * makes every token's element anew, in a render the reader cannot interrupt. (On the pages
 * measured, with five short blocks or fewer, Lighthouse could not tell the difference from its
 * noise; the work grows with the code on the page.) The remount was there for readers in dark mode,
 * from when the colour mode was read from the page during hydration: React leaves an attribute
 * the server rendered differently as it is, so tokens kept the light theme's colours.
 *
 * Docusaurus 3.10 hydrates in the default colour mode and switches in an effect afterwards
 * (theme-common's useColorModeState), so hydration matches the server's HTML and the switch is an
 * ordinary update: React patches the colours of the tokens in place. A reader in the default mode
 * pays nothing. tests/browser/code-blocks.test.mjs holds both: the light page keeps the server's
 * elements, the dark page gets the dark theme's colours (if an upgrade of Docusaurus brings back
 * the colour mode read during hydration, that test fails).
 */
import React, { isValidElement, type ReactNode } from 'react';
import type { Props } from '@theme/CodeBlock';
import ElementContent from '@theme/CodeBlock/Content/Element';
import StringContent from '@theme/CodeBlock/Content/String';

/** The children as one string when they are only strings (so that the copy button has text), else as they are. */
function maybeStringifyChildren(children: ReactNode): ReactNode {
  if (React.Children.toArray(children).some((child) => isValidElement(child))) return children;
  return Array.isArray(children) ? children.join('') : children;
}

export default function CodeBlock({ children: rawChildren, ...props }: Props): React.ReactElement {
  const children = maybeStringifyChildren(rawChildren);
  return typeof children === 'string' ? <StringContent {...props}>{children}</StringContent> : <ElementContent {...props}>{children}</ElementContent>;
}
