import { describe, it, expect } from 'vitest';
import { captureShown } from '../sim';
import main, {
  simulate, facts, buildChain, verifyChain, verifyWithAnchors, anchorsOf, rewriteFrom, sampleEntries, unprotectedTail,
  ENTRIES, ANCHOR_EVERY, EDITED_ENTRY, DELETED_ENTRY, SHORT_CUT, LONG_CUT, GENESIS,
} from './audit-log';

describe('a hash-chained audit log', async () => {
  const attacks = await simulate();
  const find = (start: string) => attacks.find((a) => a.name.startsWith(start))!;

  it('accepts the untouched log, with and without anchors', () => {
    expect(find('untouched')).toMatchObject({ chainOnly: { ok: true }, withAnchors: { ok: true } });
  });

  it('finds an edited entry and a deleted entry at the exact position', () => {
    expect(find(`entry ${EDITED_ENTRY} edited`).chainOnly).toEqual({ ok: false, at: EDITED_ENTRY, problem: 'content does not match its hash' });
    expect(find(`entry ${DELETED_ENTRY} deleted`).chainOnly).toEqual({ ok: false, at: DELETED_ENTRY, problem: 'does not follow the entry before it' });
  });

  it('misses a rewrite with recomputed hashes unless a head was anchored after the edit', () => {
    const rewrite = find(`entry ${EDITED_ENTRY} edited, later`);
    expect(rewrite.chainOnly.ok).toBe(true);
    const firstAnchorAfter = Math.ceil((EDITED_ENTRY + 1) / ANCHOR_EVERY) * ANCHOR_EVERY - 1;
    expect(rewrite.withAnchors).toEqual({ ok: false, at: firstAnchorAfter, problem: 'differs from the anchored head' });
  });

  it('misses a cut from the end unless it reaches back past an anchor', () => {
    expect(SHORT_CUT).toBeLessThanOrEqual(unprotectedTail());
    expect(LONG_CUT).toBeGreaterThan(unprotectedTail());
    expect(find(`last ${SHORT_CUT}`)).toMatchObject({ chainOnly: { ok: true }, withAnchors: { ok: true } });
    expect(find(`last ${LONG_CUT}`)).toMatchObject({ chainOnly: { ok: true }, withAnchors: { ok: false, at: ENTRIES - LONG_CUT } });
    expect(unprotectedTail()).toBe(ENTRIES % ANCHOR_EVERY);
  });

  it('catches a change anywhere, and swapping two entries', async () => {
    const chain = await buildChain(sampleEntries(30));
    for (const n of [0, 1, 15, 29]) {
      const edited = chain.map((l, i) => (i === n ? { ...l, entry: { ...l.entry, target: 'customer-0' } } : l));
      expect(await verifyChain(edited)).toMatchObject({ ok: false, at: n });
    }
    const swapped = [...chain];
    [swapped[10], swapped[11]] = [swapped[11], swapped[10]];
    expect(await verifyChain(swapped)).toMatchObject({ ok: false, at: 10 });
  });

  it('starts from the genesis hash, and a rewrite from the first entry passes the chain but not an anchor', async () => {
    const chain = await buildChain(sampleEntries(10));
    expect(chain[0].previousHash).toBe(GENESIS);
    const rewritten = await rewriteFrom(chain, 0, { actor: 'nobody' });
    expect(await verifyChain(rewritten)).toEqual({ ok: true });
    expect((await verifyWithAnchors(rewritten, anchorsOf(chain, 5))).ok).toBe(false);
  });

  it('states every claim the page makes', async () => {
    const f = await facts();
    for (const claim of ['chainCatchesEditAtEntry', 'chainCatchesDeletionAtEntry', 'chainMissesRewrite', 'anchorsCatchRewrite', 'chainMissesTruncation', 'anchorsMissShortCut', 'anchorsCatchLongCut'] as const) {
      expect(f[claim], claim).toBe(true);
    }
  });

  it('answers the exercise: anchoring every 10 entries leaves no unanchored tail here, so the short cut is caught', async () => {
    const f = await facts();
    expect(f.denserUnprotectedTail).toBeLessThan(f.shortCut);
    expect(f.denserAnchorsCatchShortCut).toBe(true);
  });

  it('shows one table', async () => {
    const shown = await captureShown(main);
    expect(shown.map((v) => v.kind)).toEqual(['table']);
    expect(shown[0].rows).toHaveLength(attacks.length);
  });
});
