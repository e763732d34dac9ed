/**
 * A tamper-evident audit log: a SHA-256 hash chain, with WebCrypto.
 *
 * Every entry stores the hash of the entry before it, and its own hash covers
 * both: hash[n] = SHA-256(hash[n-1] + entry[n]). Edit or delete an entry and
 * every later hash stops matching, so a verifier walking the chain finds the
 * first bad link.
 *
 * A chain alone has two blind spots, both shown below. Someone who can write
 * the log can cut entries off its end, and the shorter chain is still a valid
 * chain. And someone who edits an entry can recompute every hash after it.
 * Both are caught only by comparing with a copy they cannot write: here, the
 * head hash is "anchored" every ANCHOR_EVERY entries (sent to write-once
 * storage, another account, or a public transparency log). Entries after the
 * last anchor remain unprotected: that is the price of anchoring less often.
 *
 * Change ENTRIES, ANCHOR_EVERY or the attacks' positions and run again.
 */
import { Random, show, table } from '../sim';

export const ENTRIES = 280;
/** Publish the head hash after every this many entries. */
export const ANCHOR_EVERY = 50;
/** Where the attacks strike (entry numbers, from 0). */
export const EDITED_ENTRY = 100;
export const DELETED_ENTRY = 200;
/** Entries cut from the end: fewer than since the last anchor, then more. */
export const SHORT_CUT = 20;
export const LONG_CUT = 40;
export const SEED = 6;
/** The exercise: anchor this often instead, and try the short cut again. */
export const DENSER_ANCHOR_EVERY = 10;

export interface Entry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  target: string;
}

export interface LinkedEntry {
  entry: Entry;
  previousHash: string;
  hash: string;
}

/** Anchors: entry number -> the head hash as it was then, kept where the log's writers cannot write. */
export type Anchors = Map<number, string>;

export const GENESIS = '0'.repeat(64);
const encoder = new TextEncoder();

async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', encoder.encode(text)));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** One fixed serialisation: the same entry must always hash the same, on any machine. */
function canonical(entry: Entry): string {
  return JSON.stringify([entry.seq, entry.at, entry.actor, entry.action, entry.target]);
}

export async function link(entry: Entry, previousHash: string): Promise<LinkedEntry> {
  return { entry, previousHash, hash: await sha256Hex(previousHash + canonical(entry)) };
}

export async function buildChain(entries: Entry[]): Promise<LinkedEntry[]> {
  const chain: LinkedEntry[] = [];
  let previous = GENESIS;
  for (const entry of entries) {
    const linked = await link(entry, previous);
    chain.push(linked);
    previous = linked.hash;
  }
  return chain;
}

export function anchorsOf(chain: LinkedEntry[], every = ANCHOR_EVERY): Anchors {
  const anchors: Anchors = new Map();
  for (let n = every - 1; n < chain.length; n += every) anchors.set(n, chain[n].hash);
  return anchors;
}

export type Finding = { ok: true } | { ok: false; at: number; problem: string };

/** Walks the chain: each entry must point at the previous hash and hash to what it says. */
export async function verifyChain(chain: LinkedEntry[]): Promise<Finding> {
  // Each entry's hash can be checked on its own, so ask WebCrypto for all of them at once.
  const recomputed = await Promise.all(chain.map(({ entry, previousHash }) => sha256Hex(previousHash + canonical(entry))));
  for (let n = 0; n < chain.length; n++) {
    const { previousHash, hash } = chain[n];
    if (previousHash !== (n === 0 ? GENESIS : chain[n - 1].hash)) return { ok: false, at: n, problem: 'does not follow the entry before it' };
    if (recomputed[n] !== hash) return { ok: false, at: n, problem: 'content does not match its hash' };
  }
  return { ok: true };
}

/** The chain, then every anchor: the log must still reach each published head, unchanged. */
export async function verifyWithAnchors(chain: LinkedEntry[], anchors: Anchors): Promise<Finding> {
  const walk = await verifyChain(chain);
  if (!walk.ok) return walk;
  for (const [n, hash] of anchors) {
    if (n >= chain.length) return { ok: false, at: chain.length, problem: `log ends before anchored entry ${n}` };
    if (chain[n].hash !== hash) return { ok: false, at: n, problem: 'differs from the anchored head' };
  }
  return { ok: true };
}

const ACTORS = ['alice (support)', 'bob (support)', 'carol (finance)', 'deploy-bot', 'dave (on-call)'];
const ACTIONS = ['read customer record', 'export report', 'refund order', 'change role', 'read payment token'];

/** A day's entries, made up but deterministic: who did what to which record, and when. */
export function sampleEntries(count = ENTRIES, seed = SEED): Entry[] {
  const random = new Random(seed);
  const start = Date.UTC(2026, 0, 5, 8, 0, 0);
  let time = start;
  return Array.from({ length: count }, (_, seq) => {
    time += Math.round(random.exponential(30_000));
    return { seq, at: new Date(time).toISOString(), actor: random.pick(ACTORS), action: random.pick(ACTIONS), target: `customer-${random.integer(1, 50_000)}` };
  });
}

/** An insider edits an entry and, knowing the scheme, recomputes every hash after it. */
export async function rewriteFrom(chain: LinkedEntry[], at: number, change: Partial<Entry>): Promise<LinkedEntry[]> {
  const rewritten = chain.slice(0, at);
  let previous = at === 0 ? GENESIS : chain[at - 1].hash;
  for (let n = at; n < chain.length; n++) {
    const linked = await link(n === at ? { ...chain[n].entry, ...change } : chain[n].entry, previous);
    rewritten.push(linked);
    previous = linked.hash;
  }
  return rewritten;
}

export interface Attack {
  name: string;
  chainOnly: Finding;
  withAnchors: Finding;
}

export async function simulate(): Promise<Attack[]> {
  const chain = await buildChain(sampleEntries());
  const anchors = anchorsOf(chain);
  const edited = chain.map((linked, n) => (n === EDITED_ENTRY ? { ...linked, entry: { ...linked.entry, actor: 'nobody' } } : linked));
  const attacks: [string, LinkedEntry[]][] = [
    ['untouched', chain],
    [`entry ${EDITED_ENTRY} edited`, edited],
    [`entry ${DELETED_ENTRY} deleted`, chain.filter((_, n) => n !== DELETED_ENTRY)],
    [`entry ${EDITED_ENTRY} edited, later hashes recomputed`, await rewriteFrom(chain, EDITED_ENTRY, { actor: 'nobody' })],
    [`last ${SHORT_CUT} entries cut off`, chain.slice(0, -SHORT_CUT)],
    [`last ${LONG_CUT} entries cut off`, chain.slice(0, -LONG_CUT)],
  ];
  const results: Attack[] = [];
  for (const [name, attacked] of attacks) {
    results.push({ name, chainOnly: await verifyChain(attacked), withAnchors: await verifyWithAnchors(attacked, anchors) });
  }
  return results;
}

/** Entries written after the last anchor: what a cut from the end can remove unseen. */
export function unprotectedTail(entries = ENTRIES, every = ANCHOR_EVERY): number {
  return entries % every;
}

/** The figures chapter 06 shows. */
export async function facts() {
  const attacks = await simulate();
  const find = (start: string) => attacks.find((a) => a.name.startsWith(start))!;
  const edited = find(`entry ${EDITED_ENTRY} edited`);
  const deleted = find(`entry ${DELETED_ENTRY} deleted`);
  const rewritten = find(`entry ${EDITED_ENTRY} edited, later`);
  const shortCut = find(`last ${SHORT_CUT}`);
  const longCut = find(`last ${LONG_CUT}`);
  const chain = await buildChain(sampleEntries());
  const shortCutWithDenserAnchors = await verifyWithAnchors(chain.slice(0, -SHORT_CUT), anchorsOf(chain, DENSER_ANCHOR_EVERY));
  return {
    entries: ENTRIES,
    anchorEvery: ANCHOR_EVERY,
    editedEntry: EDITED_ENTRY,
    deletedEntry: DELETED_ENTRY,
    shortCut: SHORT_CUT,
    longCut: LONG_CUT,
    unprotectedTail: unprotectedTail(),
    chainCatchesEditAtEntry: !edited.chainOnly.ok && edited.chainOnly.at === EDITED_ENTRY,
    chainCatchesDeletionAtEntry: !deleted.chainOnly.ok && deleted.chainOnly.at === DELETED_ENTRY,
    chainMissesRewrite: rewritten.chainOnly.ok,
    anchorsCatchRewrite: !rewritten.withAnchors.ok,
    chainMissesTruncation: shortCut.chainOnly.ok && longCut.chainOnly.ok,
    anchorsMissShortCut: shortCut.withAnchors.ok,
    anchorsCatchLongCut: !longCut.withAnchors.ok,
    denserAnchorEvery: DENSER_ANCHOR_EVERY,
    denserUnprotectedTail: unprotectedTail(ENTRIES, DENSER_ANCHOR_EVERY),
    denserAnchorsCatchShortCut: !shortCutWithDenserAnchors.ok,
  };
}

const describe = (finding: Finding) => (finding.ok ? 'valid' : `broken at entry ${finding.at}: ${finding.problem}`);

export default async function main(): Promise<void> {
  const attacks = await simulate();
  show(
    table(
      ['the log', 'hash chain alone', 'chain + anchored heads'],
      attacks.map((a) => [a.name, describe(a.chainOnly), describe(a.withAnchors)]),
      `${ENTRIES} entries, SHA-256 chain, head anchored every ${ANCHOR_EVERY} entries`,
    ),
  );
  const chain = await buildChain(sampleEntries(3));
  console.log('The first entries, each pointing at the hash of the one before:');
  for (const { entry, previousHash, hash } of chain) {
    console.log(`  #${entry.seq} ${entry.at} ${entry.actor}: ${entry.action} ${entry.target}`);
    console.log(`     previous ${previousHash.slice(0, 16)}…  hash ${hash.slice(0, 16)}…`);
  }
}
