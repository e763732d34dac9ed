/**
 * What Docusaurus's `extractLeadingEmoji` (theme-common 3.10) gives for a card's label, without
 * its cost on a page where no label starts with an emoji. Docusaurus builds an
 * `Intl.Segmenter` when its module loads and tests each label's first grapheme against
 * `/^\p{RGI_Emoji}$/v`. The first of each costs about 15 ms in Node, and together about 330 ms of
 * one task on /docs/reference/ at a phone's 4× CPU (Lighthouse), for labels that are words.
 *
 * Every emoji in RGI_Emoji holds at least one code point with the Emoji property (digits, `#` and
 * `*` included, for keycaps), so a label whose first code point lacks it cannot start with one.
 * This test is cheap. Only a label that passes it goes through Docusaurus's own steps, built on
 * first use.
 */
const MAY_START_WITH_EMOJI = /^\p{Emoji}/u;

let segmenter: Intl.Segmenter | undefined;
let rgiEmoji: RegExp | undefined;

export function leadingEmoji(label: string): { emoji: string | null; rest: string } {
  if (!MAY_START_WITH_EMOJI.test(label)) return { emoji: null, rest: label };
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  // Built here, not as a literal: the `v` flag is ES2024, beyond the type checker's target.
  rgiEmoji ??= new RegExp('^\\p{RGI_Emoji}$', 'v');
  const grapheme = segmenter.segment(label)[Symbol.iterator]().next().value?.segment;
  if (!grapheme || !rgiEmoji.test(grapheme)) return { emoji: null, rest: label };
  return { emoji: grapheme, rest: label.slice(grapheme.length) };
}
