import { describe, expect, it } from 'vitest';
import { dropEdit, hashText, loadEdit, saveEdit } from './savedEdits';

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

  it('says when an edit could not be saved: storage full (QuotaExceededError) or turned off', () => {
    const full = memoryStorage();
    full.setItem = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    expect(saveEdit('ch/x', 'original', 'edited', full)).toBe(false);
    expect(saveEdit('ch/x', 'original', 'edited', undefined)).toBe(false);
    expect(saveEdit('ch/x', 'original', 'edited', memoryStorage())).toBe(true);
  });

  it('with storage turned off, the original needs no saving: nothing is lost, and no edit is left to come back', () => {
    // No localStorage here (Node): as in a browser where the site's storage is turned off.
    expect(saveEdit('ch/x', 'original', 'original', undefined)).toBe(true);
    expect(loadEdit('ch/x', 'original', undefined)).toEqual({ state: 'none' });
  });

  it('hashes differently for different text', () => {
    expect(hashText('a')).not.toBe(hashText('b'));
    expect(hashText('same')).toBe(hashText('same'));
  });
});
