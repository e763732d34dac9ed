/**
 * Replaces @easyops-cn/docusaurus-search-local's query tokenizer (its utils/tokenize.js, used by
 * the search worker only; docusaurus.config.ts swaps it in). Same words as the original for
 * English, with two changes so that queries meet the index the way the book is written:
 * - American spellings become British ones (spellings.ts);
 * - apostrophes split words ("Little's" is "little" + "s"), as the index splits them
 *   (lunr.tokenizer.separator, set in docusaurus.config.ts), so "Little" finds Little's law.
 */
import { britishSpelling } from './spellings';

/** What separates words in the index and in a query: white space, hyphens, apostrophes. */
export const WORD_SEPARATOR = /[\s\-'’]+/;

export function tokenize(text: string, _language?: string[]): string[] {
  return text
    .toLowerCase()
    .split(WORD_SEPARATOR)
    .filter((word) => word !== '')
    .map(britishSpelling);
}
