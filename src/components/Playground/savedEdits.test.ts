import { describe, expect, it } from 'vitest';
import { dropEdit, hashText, loadEdit, saveEdit } from './savedEdits';
import { decodeShare, encodeShare, shareTarget } from './shareLink';
import { formatNumber, isChart, isTable } from './displayValues';

function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
    clear: () => map.clear(),
    key: (index) => [...map.keys()][index] ?? null,
    get length() {
      return map.size;
    },
  };
}

describe('saved edits', () => {
  it('restores an edit of the same original, and offers (does not apply) an edit of an older one', () => {
    const storage = memoryStorage();
    saveEdit('ch/x', 'original', 'edited', storage);
    expect(loadEdit('ch/x', 'original', storage)).toEqual({ state: 'same', code: 'edited' });
    expect(loadEdit('ch/x', 'original v2', storage)).toEqual({ state: 'outdated', code: 'edited' });
    expect(loadEdit('ch/other', 'original', storage)).toEqual({ state: 'none' });
  });

  it('forgets an edit that returns to the original, and on drop', () => {
    const storage = memoryStorage();
    saveEdit('ch/x', 'original', 'edited', storage);
    saveEdit('ch/x', 'original', 'original', storage);
    expect(loadEdit('ch/x', 'original', storage).state).toBe('none');
    saveEdit('ch/x', 'original', 'edited', storage);
    dropEdit('ch/x', storage);
    expect(storage.length).toBe(0);
  });

  it('hashes differently for different text', () => {
    expect(hashText('a')).not.toBe(hashText('b'));
    expect(hashText('same')).toBe(hashText('same'));
  });
});

describe('share links', () => {
  it('round-trips code, compressed, including non-ASCII text', async () => {
    const code = "export default () => console.log('p99 ≤ 20 ms — ✓');\n".repeat(40);
    const hash = await encodeShare('00-introduction/first-simulation', code);
    expect(hash).toMatch(/^#pg=00-introduction\/first-simulation:z[\w-]+$/);
    expect(hash.length).toBeLessThan(code.length / 4);
    expect(shareTarget(hash)).toBe('00-introduction/first-simulation');
    expect(await decodeShare(hash)).toEqual({ example: '00-introduction/first-simulation', code });
  });

  it('ignores other fragments and damaged links', async () => {
    expect(await decodeShare('#section')).toBeUndefined();
    expect(await decodeShare('#pg=ch/x:z!!!')).toBeUndefined();
    expect(await decodeShare('#pg=ch/x:qabc')).toBeUndefined();
  });
});

describe('display values', () => {
  it('accepts the kit contract and rejects malformed values', () => {
    expect(isTable({ kind: 'table', columns: ['a'], rows: [[1, 'x']] })).toBe(true);
    expect(isTable({ kind: 'table', columns: ['a'], rows: [[{}]] })).toBe(false);
    const chart = { kind: 'chart', type: 'line', title: 't', x: { label: 'x' }, y: { label: 'y' }, series: [{ name: 's', points: [[0, 1]] }] };
    expect(isChart(chart)).toBe(true);
    expect(isChart({ ...chart, type: 'pie' })).toBe(false);
    expect(isChart({ ...chart, series: [{ name: 's', points: [[0, Number.NaN]] }] })).toBe(false);
  });

  it('formats numbers without float noise', () => {
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(12345)).toBe('12,345');
    expect(formatNumber(123.456)).toBe('123.5');
  });
});
