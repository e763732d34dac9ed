/**
 * Signed tokens with WebCrypto, the same API in your browser and in Node.
 *
 * The login service issues a token in the compact form of a JSON Web Token:
 * base64url(header) . base64url(claims) . base64url(signature). A service that
 * receives it checks the signature and the claims before it trusts a word of
 * it. Two kinds of key:
 *
 *   HS256, HMAC-SHA-256: one shared secret signs and verifies. Every service
 *     that can check a token can also mint one.
 *   ES256, ECDSA on P-256: the login service signs with a private key; the
 *     other services hold only the public key, which verifies and cannot sign.
 *
 * Each row of the table is one token presented to the orders service: a good
 * one, then the tricks attackers try (an edited claim, `alg: none`, a token
 * signed with their own secret, an expired one, one meant for another service,
 * one signed with a retired key). Every check that rejects one is a line of
 * verifyToken below: delete one and run again to see which attack gets in.
 *
 * Keys are real and random (WebCrypto makes them), so signatures differ from
 * run to run; the verdicts do not. The clock is fixed, so expiry is exact.
 */
import { show, table } from '../sim';

/** An access token is good for this long, seconds: short, because it cannot be recalled. */
export const TOKEN_LIFETIME_S = 15 * 60;
/** Clocks on different machines disagree a little; accept this much, seconds. */
export const CLOCK_SKEW_S = 30;
/** "Now", fixed so that every run agrees: 2026-01-01 00:00:00 UTC, in seconds. */
export const NOW_S = 1_767_225_600;
export const ISSUER = 'https://login.example';
/** The service that checks tokens in this example: it accepts only tokens meant for it. */
export const AUDIENCE = 'orders';

const subtle = globalThis.crypto.subtle;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export type Algorithm = 'HS256' | 'ES256';

export interface Claims {
  iss: string;
  sub: string;
  aud: string;
  iat: number;
  exp: number;
  role: string;
}

/** A key the verifier trusts, by key id (`kid`): which algorithm it is for, and the key. */
export interface TrustedKey {
  alg: Algorithm;
  key: CryptoKey;
}

export type Verdict = { ok: true; claims: Claims } | { ok: false; reason: string };

// ---- base64url: the token's alphabet (no padding, - and _ for + and /) -----------------------

export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

const encodeJson = (value: unknown) => base64url(encoder.encode(JSON.stringify(value)));
const decodeJson = (part: string) => JSON.parse(decoder.decode(fromBase64url(part)));

// ---- keys --------------------------------------------------------------------------------------

/** A 256-bit HMAC secret. In production it comes from a secret manager, never from source code. */
export async function hmacKey(): Promise<CryptoKey> {
  return subtle.generateKey({ name: 'HMAC', hash: 'SHA-256', length: 256 }, false, ['sign', 'verify']);
}

/** An ECDSA P-256 key pair: the private half signs, the public half verifies. */
export async function ecdsaKeyPair(): Promise<CryptoKeyPair> {
  return subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
}

const webCryptoAlgorithm = (alg: Algorithm) => (alg === 'HS256' ? { name: 'HMAC' } : { name: 'ECDSA', hash: 'SHA-256' });

// ---- signing and verifying ------------------------------------------------------------------

export async function signToken(claims: Claims, alg: Algorithm, kid: string, key: CryptoKey): Promise<string> {
  const signingInput = `${encodeJson({ alg, typ: 'JWT', kid })}.${encodeJson(claims)}`;
  const signature = await subtle.sign(webCryptoAlgorithm(alg), key, encoder.encode(signingInput));
  return `${signingInput}.${base64url(new Uint8Array(signature))}`;
}

/** Everything a service checks before it trusts a token, in this order. */
export async function verifyToken(token: string, trusted: Map<string, TrustedKey>, nowS: number, audience = AUDIENCE): Promise<Verdict> {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'not three parts' };
  const [headerPart, claimsPart, signaturePart] = parts;
  let header: { alg?: unknown; kid?: unknown };
  let claims: Claims;
  let signature: Uint8Array<ArrayBuffer>;
  try {
    header = decodeJson(headerPart);
    claims = decodeJson(claimsPart);
    signature = fromBase64url(signaturePart);
  } catch {
    return { ok: false, reason: 'not valid base64url JSON' };
  }
  // The key decides the algorithm, never the token: a token cannot ask for `none`,
  // or for HMAC keyed with a public key that everybody has.
  const trustedKey = typeof header.kid === 'string' ? trusted.get(header.kid) : undefined;
  if (!trustedKey) return { ok: false, reason: `unknown key id ${JSON.stringify(header.kid)}` };
  if (header.alg !== trustedKey.alg) return { ok: false, reason: `algorithm ${JSON.stringify(header.alg)} not allowed for this key` };
  // subtle.verify compares in constant time: no timing leak of how much of a forged signature matched.
  const genuine = await subtle.verify(webCryptoAlgorithm(trustedKey.alg), trustedKey.key, signature, encoder.encode(`${headerPart}.${claimsPart}`));
  if (!genuine) return { ok: false, reason: 'bad signature' };
  // Only now are the claims worth reading.
  if (claims.iss !== ISSUER) return { ok: false, reason: `issuer ${claims.iss} not trusted` };
  if (claims.aud !== audience) return { ok: false, reason: `meant for ${claims.aud}, not ${audience}` };
  if (typeof claims.exp !== 'number' || nowS > claims.exp + CLOCK_SKEW_S) return { ok: false, reason: 'expired' };
  if (typeof claims.iat !== 'number' || claims.iat > nowS + CLOCK_SKEW_S) return { ok: false, reason: 'issued in the future' };
  return { ok: true, claims };
}

// ---- the attacks --------------------------------------------------------------------------------

export function claimsFor(sub: string, overrides: Partial<Claims> = {}): Claims {
  return { iss: ISSUER, sub, aud: AUDIENCE, iat: NOW_S, exp: NOW_S + TOKEN_LIFETIME_S, role: 'customer', ...overrides };
}

/** Change one claim of a signed token and keep its signature: what an attacker with a token can do. */
export function editClaims(token: string, changes: Partial<Claims>): string {
  const [header, claims, signature] = token.split('.');
  return `${header}.${encodeJson({ ...decodeJson(claims), ...changes })}.${signature}`;
}

/** The 2015 classic: say the token is unsigned and hope the verifier believes the header. */
export function unsignedToken(claims: Claims, kid: string): string {
  return `${encodeJson({ alg: 'none', typ: 'JWT', kid })}.${encodeJson(claims)}.`;
}

export interface Case {
  token: string;
  description: string;
  /** When the receiving service looks at it, seconds. */
  nowS: number;
  verdict: Verdict;
}

export interface TokenResults {
  cases: Case[];
  hs256Characters: number;
  es256Characters: number;
  hs256SignatureBytes: number;
  es256SignatureBytes: number;
  /** Whether the orders service, holding only the public key, could sign a token of its own. */
  publicKeyCanSign: boolean;
  /** The claims of a good token, read without any key: signed is not encrypted. */
  readableWithoutKey: Claims;
}

export async function simulate(): Promise<TokenResults> {
  const secret = await hmacKey();
  const attackerSecret = await hmacKey();
  const pair = await ecdsaKeyPair();
  // What the orders service trusts: the shared secret, and the login service's public key.
  // Key 'hs-2025' was retired at the last rotation: its tokens must no longer pass.
  const trusted = new Map<string, TrustedKey>([
    ['hs-2026', { alg: 'HS256', key: secret }],
    ['es-2026', { alg: 'ES256', key: pair.publicKey }],
  ]);
  const alice = claimsFor('alice');
  const good = await signToken(alice, 'HS256', 'hs-2026', secret);
  const goodEs = await signToken(alice, 'ES256', 'es-2026', pair.privateKey);
  const presented: [string, string, number][] = [
    [good, 'HS256, fresh', NOW_S],
    [goodEs, 'ES256, fresh', NOW_S],
    [editClaims(good, { role: 'admin' }), 'role edited to admin', NOW_S],
    [editClaims(goodEs, { sub: 'bob' }), 'ES256, subject edited to bob', NOW_S],
    [unsignedToken({ ...alice, role: 'admin' }, 'hs-2026'), 'alg: none, no signature', NOW_S],
    [await signToken({ ...alice, role: 'admin' }, 'HS256', 'hs-2026', attackerSecret), "signed with the attacker's secret", NOW_S],
    [good, `presented ${TOKEN_LIFETIME_S + CLOCK_SKEW_S + 1} s after issue`, NOW_S + TOKEN_LIFETIME_S + CLOCK_SKEW_S + 1],
    [good, `presented ${TOKEN_LIFETIME_S} s after issue (within skew)`, NOW_S + TOKEN_LIFETIME_S],
    [await signToken(claimsFor('alice', { aud: 'payments' }), 'HS256', 'hs-2026', secret), 'meant for payments', NOW_S],
    [await signToken(alice, 'HS256', 'hs-2025', secret), 'signed with retired key hs-2025', NOW_S],
  ];
  const cases: Case[] = [];
  for (const [token, description, nowS] of presented) {
    cases.push({ token, description, nowS, verdict: await verifyToken(token, trusted, nowS) });
  }
  const publicKeyCanSign = await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, pair.publicKey, encoder.encode('x')).then(
    () => true,
    () => false, // InvalidAccessError: a public key has no 'sign' usage
  );
  return {
    cases,
    hs256Characters: good.length,
    es256Characters: goodEs.length,
    hs256SignatureBytes: fromBase64url(good.split('.')[2]).length,
    es256SignatureBytes: fromBase64url(goodEs.split('.')[2]).length,
    publicKeyCanSign,
    readableWithoutKey: decodeJson(good.split('.')[1]),
  };
}

/** The figures chapter 06 shows. */
export async function facts() {
  const r = await simulate();
  const verdict = (description: string) => r.cases.find((c) => c.description.startsWith(description))!.verdict;
  const accepted = r.cases.filter((c) => c.verdict.ok).map((c) => c.description);
  return {
    lifetime: `${TOKEN_LIFETIME_S / 60} minutes`,
    skew: `${CLOCK_SKEW_S} seconds`,
    hs256Characters: r.hs256Characters,
    es256Characters: r.es256Characters,
    hs256SignatureBytes: `${r.hs256SignatureBytes} bytes`,
    es256SignatureBytes: `${r.es256SignatureBytes} bytes`,
    casesTried: r.cases.length,
    onlyGenuineAccepted: accepted.length === 3 && accepted.every((d) => /fresh|within skew/.test(d)),
    editedRejected: !verdict('role edited').ok && !verdict('ES256, subject edited').ok,
    noneRejected: !verdict('alg: none').ok,
    expiredRejected: !verdict(`presented ${TOKEN_LIFETIME_S + CLOCK_SKEW_S + 1} s`).ok,
    publicKeyCannotSign: !r.publicKeyCanSign,
    payloadReadable: r.readableWithoutKey.role === 'customer',
  };
}

export default async function main(): Promise<void> {
  const r = await simulate();
  show(
    table(
      ['token presented to orders', 'verdict', 'why'],
      r.cases.map((c) => [c.description, c.verdict.ok ? 'accepted' : 'rejected', c.verdict.ok ? `sub ${c.verdict.claims.sub}, role ${c.verdict.claims.role}` : c.verdict.reason]),
      `Ten tokens, one verifier; lifetime ${TOKEN_LIFETIME_S / 60} min, clock skew ${CLOCK_SKEW_S} s`,
    ),
    table(
      ['', 'HS256 (HMAC-SHA-256)', 'ES256 (ECDSA P-256)'],
      [
        ['token length, characters', r.hs256Characters, r.es256Characters],
        ['signature, bytes', r.hs256SignatureBytes, r.es256SignatureBytes],
        ['a verifier can also sign', 'yes: same secret', r.publicKeyCanSign ? 'yes' : 'no: public key only'],
      ],
      'The two kinds of key',
    ),
  );
  const [header, claims] = r.cases[0].token.split('.');
  console.log('A token is signed, not encrypted. Anyone holding it can read the claims:');
  console.log(`  header ${decoder.decode(fromBase64url(header))}`);
  console.log(`  claims ${decoder.decode(fromBase64url(claims))}`);
}
