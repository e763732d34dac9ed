import { describe, expect, it } from 'vitest';
import { MAX_CODE_BYTES, MAX_LINK_CHARS, decodeShare, encodeShare, shareTarget, toBase64Url } from './shareLink';

async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('deflate-raw') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

describe('share links', () => {
  it('round-trips code, compressed, including non-ASCII text', async () => {
    const code = "export default () => console.log('p99 ≤ 20 ms — ✓');\n".repeat(40);
    const hash = (await encodeShare('00-introduction/first-simulation', code)) ?? '';
    expect(hash).toMatch(/^#pg=00-introduction\/first-simulation:z[\w-]+$/);
    expect(hash.length).toBeLessThan(code.length / 4);
    expect(shareTarget(hash)).toBe('00-introduction/first-simulation');
    expect(await decodeShare(hash)).toEqual({ state: 'ok', example: '00-introduction/first-simulation', code });
  });

  it("gives a link's code with the editor's line ends (CR LF and CR become LF)", async () => {
    const hash = `#pg=ch/x:p${toBase64Url(new TextEncoder().encode('a();\r\nb();\rc();\n'))}`;
    expect(await decodeShare(hash)).toEqual({ state: 'ok', example: 'ch/x', code: 'a();\nb();\nc();\n' });
  });

  it('is not a Playground link: other fragments', async () => {
    expect(shareTarget('#section')).toBeUndefined();
    expect(await decodeShare('#section')).toBeUndefined();
  });

  it('never throws on a malformed escape in the example name (it crashed every Playground page)', async () => {
    expect(() => shareTarget('#pg=%E0:pAAAA')).not.toThrow();
    expect(shareTarget('#pg=%E0:pAAAA')).toBeUndefined();
    await expect(decodeShare('#pg=%E0:pAAAA')).resolves.toBeUndefined();
  });

  it.each([
    ['#pg=ch/x:z!!!', /not base64url/],
    ['#pg=ch/x:qabc', /unknown encoding/],
    ['#pg=ch/x:zAAAA', /does not decompress/],
    [`#pg=ch/x:p${toBase64Url(new Uint8Array([0xff, 0xfe, 0x00]))}`, /not UTF-8/],
  ])('tells the reader that %s is damaged', async (hash, why) => {
    const result = await decodeShare(hash);
    expect(result).toMatchObject({ state: 'damaged', example: 'ch/x' });
    expect(result?.state !== 'ok' && result?.reason).toMatch(why);
  });

  it('refuses a fragment longer than any code a link may carry, without decoding it', async () => {
    const hash = `#pg=ch/x:p${'A'.repeat(MAX_LINK_CHARS)}`;
    expect(await decodeShare(hash)).toMatchObject({ state: 'too-large', example: 'ch/x' });
  });

  it('stops unpacking at the limit: a small link that unpacks to 50 times the limit is refused, not unpacked', async () => {
    const bomb = await deflate(new Uint8Array(50 * MAX_CODE_BYTES).fill(32));
    const hash = `#pg=ch/x:z${toBase64Url(bomb)}`;
    expect(hash.length).toBeLessThan(MAX_LINK_CHARS);
    const result = await decodeShare(hash);
    expect(result).toMatchObject({ state: 'too-large', example: 'ch/x' });
    expect(result?.state !== 'ok' && result?.reason).toMatch(/larger than 200 KB/);
  });

  it('accepts code up to the limit, and makes no link for more', async () => {
    const most = 'x'.repeat(MAX_CODE_BYTES);
    const hash = (await encodeShare('ch/x', most)) ?? '';
    expect(await decodeShare(hash)).toEqual({ state: 'ok', example: 'ch/x', code: most });
    expect(await encodeShare('ch/x', `${most}x`)).toBeUndefined();
  });
});
