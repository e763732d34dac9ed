// The bundler's cache of compiled pages and the drawings they name (src/plugins/diagram-drawings.ts):
// the cache is kept as drawings are made; a build that finds a named drawing gone compiles every
// page afresh (and lists the drawings anew) instead of failing on the missing drawing.
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { diagramCacheDir, drawingFile, readUsedKeys, recordUsedKey, usedKeysFile } from '../../src/diagrams/cache';
import { drawingsVersion, missingDrawings, mustRecompile } from '../../src/plugins/diagram-drawings';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function site(): string {
  const dir = mkdtempSync(join(tmpdir(), 'drawings-version-'));
  dirs.push(dir);
  mkdirSync(diagramCacheDir(dir), { recursive: true });
  return dir;
}

const draw = (dir: string, key: string): void => writeFileSync(drawingFile(diagramCacheDir(dir), key), '{}');
const [K1, K2, K3] = ['1', '2', '3'].map((digit) => digit.repeat(64));

describe('compiled pages and the drawings they name', () => {
  it('lists the named drawings that are gone: none as drawings are made, each one deleted', () => {
    const dir = site();
    draw(dir, K1);
    recordUsedKey(dir, K1);
    draw(dir, K2);
    recordUsedKey(dir, K2);
    draw(dir, K3); // drawn, named by no page
    expect(readUsedKeys(dir)).toEqual([K1, K2]);
    expect(missingDrawings(dir)).toEqual([]);
    unlinkSync(drawingFile(diagramCacheDir(dir), K3));
    expect(missingDrawings(dir)).toEqual([]);
    unlinkSync(drawingFile(diagramCacheDir(dir), K2));
    expect(missingDrawings(dir)).toEqual([K2]);
    rmSync(diagramCacheDir(dir), { recursive: true });
    expect(missingDrawings(dir)).toEqual([K1, K2]);
  });

  it('has a build that finds one gone compile afresh, once decided for both compilers, and list its drawings anew', () => {
    const fine = site();
    draw(fine, K1);
    recordUsedKey(fine, K1);
    expect(mustRecompile(fine)).toBe(false);

    const cleared = site();
    recordUsedKey(cleared, K1);
    recordUsedKey(cleared, K2);
    expect(mustRecompile(cleared)).toBe(true);
    // The list starts again, for this build's pages to fill in; the server compiler, asking second, gets the same answer.
    expect(readUsedKeys(cleared)).toEqual([]);
    expect(mustRecompile(cleared)).toBe(true);
    recordUsedKey(cleared, K3);
    expect(readUsedKeys(cleared)).toEqual([K3]);
  });

  it('keeps one cache version as drawings come and go; another without a browser', () => {
    expect(drawingsVersion(true)).toBe(drawingsVersion(true));
    expect(drawingsVersion(true)).not.toBe(drawingsVersion(false));
  });

  it('reads a damaged list of keys as none, and keeps only keys', () => {
    const dir = site();
    writeFileSync(usedKeysFile(dir), '[not json');
    expect(readUsedKeys(dir)).toEqual([]);
    writeFileSync(usedKeysFile(dir), JSON.stringify(['../../etc/passwd', K1, 7]));
    expect(readUsedKeys(dir)).toEqual([K1]);
  });
});
