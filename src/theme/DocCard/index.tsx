/**
 * Docusaurus's DocCard (theme-classic 3.10): the same cards, markup and fallback icons, with a
 * label's leading emoji found by ./leadingEmoji.ts. Docusaurus's own finder made one task of
 * about 330 ms on a phone, on /docs/reference/ (see there). The card itself is still Docusaurus's
 * (@theme/DocCard/Layout). tests/content/swizzled.test.ts fails when Docusaurus's DocCard
 * changes, so that this copy is compared with it again.
 */
import React, { type ReactNode } from 'react';
import { findFirstSidebarItemLink, useDocById } from '@docusaurus/plugin-content-docs/client';
import type { PropSidebarItem, PropSidebarItemCategory, PropSidebarItemLink } from '@docusaurus/plugin-content-docs';
import { useDocCardDescriptionCategoryItemsPlural } from '@docusaurus/theme-common/internal';
import isInternalUrl from '@docusaurus/isInternalUrl';
import Layout from '@theme/DocCard/Layout';
import type { Props } from '@theme/DocCard';
import { leadingEmoji } from './leadingEmoji';

function fallbackIcon(item: PropSidebarItem): string {
  if (item.type === 'category') return '🗃';
  return item.type === 'link' && isInternalUrl(item.href) ? '📄️' : '🔗';
}

function iconAndTitle(item: PropSidebarItemCategory | PropSidebarItemLink): { icon: string; title: string } {
  const { emoji, rest } = leadingEmoji(item.label);
  return { icon: emoji ?? fallbackIcon(item), title: rest.trim() };
}

function CardCategory({ item }: { item: PropSidebarItemCategory }): ReactNode {
  const href = findFirstSidebarItemLink(item);
  const categoryItemsPlural = useDocCardDescriptionCategoryItemsPlural();
  // Docusaurus leaves out categories without a link before it gets here.
  if (!href) return null;
  return (
    <Layout
      item={item}
      className={item.className}
      href={href}
      description={item.description ?? categoryItemsPlural(item.items.length)}
      {...iconAndTitle(item)}
    />
  );
}

function CardLink({ item }: { item: PropSidebarItemLink }): ReactNode {
  const doc = useDocById(item.docId ?? undefined);
  return <Layout item={item} className={item.className} href={item.href} description={item.description ?? doc?.description} {...iconAndTitle(item)} />;
}

export default function DocCard({ item }: Props): ReactNode {
  switch (item.type) {
    case 'link':
      return <CardLink item={item} />;
    case 'category':
      return <CardCategory item={item} />;
    default:
      throw new Error(`unknown item type ${JSON.stringify(item)}`);
  }
}
