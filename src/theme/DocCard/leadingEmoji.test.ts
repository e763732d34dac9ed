import { describe, expect, it } from 'vitest';
// Docusaurus's own function, from its file: the package exports it only with the whole theme
// (`@docusaurus/theme-common/internal`), which needs the site's client to load.
import { extractLeadingEmoji } from '../../../node_modules/@docusaurus/theme-common/lib/utils/emojiUtils.js';
import { leadingEmoji } from './leadingEmoji';

describe('leadingEmoji', () => {
  it("gives what Docusaurus's extractLeadingEmoji gives, for words, emoji of every kind and look-alikes", () => {
    const labels = [
      '',
      'Simulation kit',
      'How to contribute',
      '00 Introduction',
      '07 Evolution in practice',
      '# heading',
      '* star',
      ' leading space',
      '⚠️ Warning',
      '⚠ Warning without the variation selector',
      '🗃 Category',
      '📄️ Page',
      '1️⃣ Keycap',
      '#️⃣ Hash keycap',
      '🇫🇷 Flag',
      '👍🏽 Skin tone',
      '👨‍👩‍👧 Family',
      '🏴󠁧󠁢󠁳󠁣󠁴󠁿 Scotland',
      '©️ Copyright',
      '© Copyright without the variation selector',
      '🙂',
      'é accented',
      '中文',
      '→ arrow',
    ];
    for (const label of labels) expect(leadingEmoji(label), label).toEqual(extractLeadingEmoji(label));
  });

  it('finds the emoji where there is one, and leaves words alone', () => {
    expect(leadingEmoji('🇫🇷 Flag')).toEqual({ emoji: '🇫🇷', rest: ' Flag' });
    expect(leadingEmoji('Glossary')).toEqual({ emoji: null, rest: 'Glossary' });
  });
});
