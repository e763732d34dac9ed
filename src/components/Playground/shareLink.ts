/**
 * A link that carries the reader's code: `#pg=<example>:<encoding><base64url>`, where the
 * encoding is `z` (deflate-raw, when the browser has CompressionStream) or `p` (plain UTF-8).
 * Nothing leaves the browser: the code travels in the fragment, which is never sent to a server.
 */
const MARK = '#pg=';

export async function encodeShare(example: string, code: string): Promise<string> {
  const bytes = new TextEncoder().encode(code);
  if (typeof CompressionStream === 'function') {
    const compressed = await transform(bytes, new CompressionStream('deflate-raw'));
    return `${MARK}${example}:z${toBase64Url(compressed)}`;
  }
  return `${MARK}${example}:p${toBase64Url(bytes)}`;
}

/** The example and code in a `#pg=` fragment, or undefined when the fragment is not one (or is damaged). */
export async function decodeShare(hash: string): Promise<{ example: string; code: string } | undefined> {
  if (!hash.startsWith(MARK)) return undefined;
  const body = hash.slice(MARK.length);
  const colon = body.lastIndexOf(':');
  if (colon <= 0) return undefined;
  const example = decodeURIComponent(body.slice(0, colon));
  const encoding = body[colon + 1];
  try {
    let bytes = fromBase64Url(body.slice(colon + 2));
    if (encoding === 'z') bytes = await transform(bytes, new DecompressionStream('deflate-raw'));
    else if (encoding !== 'p') return undefined;
    return { example, code: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return undefined;
  }
}

export function shareTarget(hash: string): string | undefined {
  if (!hash.startsWith(MARK)) return undefined;
  const body = hash.slice(MARK.length);
  const colon = body.lastIndexOf(':');
  return colon > 0 ? decodeURIComponent(body.slice(0, colon)) : undefined;
}

async function transform(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const output = new Blob([bytes as BlobPart]).stream().pipeThrough(stream as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
  return new Uint8Array(await new Response(output).arrayBuffer());
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
