/**
 * A link that carries the reader's code: `#pg=<example>:<encoding><base64url>`, where the
 * encoding is `z` (deflate-raw, when the browser has CompressionStream) or `p` (plain UTF-8).
 * Nothing leaves the browser: the code travels in the fragment, which is never sent to a server.
 *
 * A link is untrusted input, typed or crafted by anyone: nothing here throws on it, and its
 * size is bounded twice, before decoding (the fragment's length) and while decompressing (the
 * unpacked size, read as a stream and abandoned at the limit), so a 100 KB link cannot unpack
 * to 100 MB and freeze the page.
 */
const MARK = '#pg=';

/** The longest code a link carries, in UTF-8 bytes: ten times the longest example. */
export const MAX_CODE_BYTES = 200_000;
/** The longest fragment read: base64 of MAX_CODE_BYTES, plain, and the example's name. */
export const MAX_LINK_CHARS = Math.ceil((MAX_CODE_BYTES * 4) / 3) + 200;

export type SharedCode =
  | { state: 'ok'; example: string; code: string }
  | { state: 'damaged' | 'too-large'; example: string; reason: string };

const kB = (bytes: number) => `${Math.round(bytes / 1000).toLocaleString('en-US')} KB`;

/** The link for `code`, or undefined when the code is too large for one. */
export async function encodeShare(example: string, code: string): Promise<string | undefined> {
  const bytes = new TextEncoder().encode(code);
  if (bytes.length > MAX_CODE_BYTES) return undefined;
  const name = encodeURIComponent(example).replace(/%2F/g, '/');
  if (typeof CompressionStream === 'function') {
    const compressed = new Uint8Array(await new Response(through(bytes, new CompressionStream('deflate-raw'))).arrayBuffer());
    return `${MARK}${name}:z${toBase64Url(compressed)}`;
  }
  return `${MARK}${name}:p${toBase64Url(bytes)}`;
}

/** Takes a share link to `example` out of the address (no navigation), so a reload does not open it again. */
export function dropShareFragment(example: string): void {
  if (shareTarget(window.location.hash) === example) {
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  }
}

/** The example a `#pg=` fragment is for (never throws), or undefined when it is not one. */
export function shareTarget(hash: string): string | undefined {
  if (!hash.startsWith(MARK)) return undefined;
  const body = hash.slice(MARK.length);
  const colon = body.indexOf(':');
  if (colon <= 0) return undefined;
  try {
    return decodeURIComponent(body.slice(0, colon));
  } catch {
    return undefined; // a malformed escape (%E0): a link to no Playground
  }
}

/**
 * The code in a `#pg=` fragment, or why there is none: undefined when the fragment is not a
 * Playground link, `damaged` or `too-large` with a sentence for the reader otherwise.
 */
export async function decodeShare(hash: string): Promise<SharedCode | undefined> {
  const example = shareTarget(hash);
  if (example === undefined) return undefined;
  const body = hash.slice(MARK.length);
  const payload = body.slice(body.indexOf(':') + 1);
  const encoding = payload[0];
  const damaged = (why: string): SharedCode => ({ state: 'damaged', example, reason: `the link is damaged (${why}); was it copied in full?` });
  const tooLarge: SharedCode = { state: 'too-large', example, reason: `the code in the link is larger than ${kB(MAX_CODE_BYTES)}, the most a link may carry` };
  if (hash.length > MAX_LINK_CHARS) return tooLarge;
  if (encoding !== 'z' && encoding !== 'p') return damaged('unknown encoding');
  let bytes: Uint8Array;
  try {
    bytes = fromBase64Url(payload.slice(1));
  } catch {
    return damaged('not base64url');
  }
  if (encoding === 'z') {
    if (typeof DecompressionStream !== 'function') return damaged('this browser cannot decompress it');
    try {
      const unpacked = await readAtMost(through(bytes, new DecompressionStream('deflate-raw')), MAX_CODE_BYTES);
      if (!unpacked) return tooLarge;
      bytes = unpacked;
    } catch {
      return damaged('it does not decompress');
    }
  } else if (bytes.length > MAX_CODE_BYTES) {
    return tooLarge;
  }
  try {
    // Line ends as the editor keeps them (it turns CR LF into LF, which would count as an edit).
    const code = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/\r\n?/g, '\n');
    return { state: 'ok', example, code };
  } catch {
    return damaged('not UTF-8 text');
  }
}

function through(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): ReadableStream<Uint8Array> {
  return new Blob([bytes as BlobPart]).stream().pipeThrough(stream as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
}

/** The stream's bytes, or undefined as soon as there are more than `limit` (the rest is never unpacked). */
async function readAtMost(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array | undefined> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
