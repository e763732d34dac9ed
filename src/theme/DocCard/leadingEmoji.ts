/**
 * What Docusaurus's `extractLeadingEmoji` (theme-common 3.10) gives for a card's label, without
 * its cost on a page where no label starts with an emoji. Docusaurus builds an
 * `Intl.Segmenter` when its module loads and tests each label's first grapheme against
 * `/^\p{RGI_Emoji}$/v`. Building the two took 20–35 ms in Node 20, and on /docs/reference/ at
 * a phone's 4× CPU their task was about 330 ms long (Lighthouse's TBT fell by 177 ms without it),
 * for labels that are words.
 *
 * Every emoji in RGI_Emoji begins with a code point that has the Emoji property (digits, `#` and
 * `*` included, for keycaps; regional indicators, for flags), so a label whose first code point
 * lacks it cannot start with one. This test is cheap. Only a label that passes it goes through
 * Docusaurus's own steps, built on first use. A comparison with Docusaurus's function over every
 * code point, each followed by 13 kinds of suffix (variation selectors, keycap, skin tone, ZWJ,
 * tag, flag letter, combining mark), found no difference.
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
