import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Theme components this site copied from Docusaurus and changed (swizzled by ejecting), with the
 * Docusaurus files each copy follows. A Docusaurus upgrade that changes one of those files
 * changes nothing in the copy, silently. So this test holds each file's SHA-256 as it was when
 * the copy was last compared with it. When it fails, read the upstream change, carry it into
 * the copy if it applies, then record the new hash here.
 */
const COPIES: { copy: string; upstream: string; sha256: string }[] = [
  {
    copy: 'src/theme/DocCard/index.tsx',
    upstream: '@docusaurus/theme-classic/lib/theme/DocCard/index.js',
    sha256: 'ed868923dd2135d3ea182c46edc2ccc7f62dfb9a737356fa37527d3db6b485ea',
  },
  {
    copy: 'src/theme/DocCard/leadingEmoji.ts',
    upstream: '@docusaurus/theme-common/lib/utils/emojiUtils.js',
    sha256: '16bc9e0dec887a1c0c2ee720860384c7a44859f0548e12ab285be4c2b67a3e13',
  },
  {
    copy: 'src/theme/LastUpdated/index.tsx',
    upstream: '@docusaurus/theme-classic/lib/theme/LastUpdated/index.js',
    sha256: '30948229c514009458316d5f6d94da1562993c6d05ca40f3f56be9079f89b35c',
  },
];

describe("the site's copies of Docusaurus components", () => {
  for (const { copy, upstream, sha256 } of COPIES) {
    it(`${copy} follows ${upstream} as it was last compared`, () => {
      // Read by path: the packages' export maps do not expose these files.
      const file = join(__dirname, '..', '..', 'node_modules', upstream);
      const hash = createHash('sha256').update(readFileSync(file)).digest('hex');
      expect(
        hash,
        `${upstream} changed since ${copy} was copied from it: compare the two, carry the change into ${copy} if it applies, then put its new hash in tests/content/swizzled.test.ts`,
      ).toBe(sha256);
    });
  }
});
