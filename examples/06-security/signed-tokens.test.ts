import { describe, it, expect } from 'vitest';
import { captureShown } from '../sim';
import main, {
  simulate, facts, signToken, verifyToken, hmacKey, ecdsaKeyPair, claimsFor, editClaims, unsignedToken,
  base64url, fromBase64url, NOW_S, TOKEN_LIFETIME_S, CLOCK_SKEW_S, type TrustedKey,
} from './signed-tokens';

describe('signed tokens with WebCrypto', async () => {
  const results = await simulate();
  const verdictOf = (start: string) => results.cases.find((c) => c.description.startsWith(start))!.verdict;

  it('accepts only the genuine tokens, and says why it rejects each of the others', () => {
    const accepted = results.cases.filter((c) => c.verdict.ok).map((c) => c.description);
    expect(accepted).toEqual(['HS256, fresh', 'ES256, fresh', `presented ${TOKEN_LIFETIME_S} s after issue (within skew)`]);
    expect(verdictOf('role edited')).toEqual({ ok: false, reason: 'bad signature' });
    expect(verdictOf('alg: none')).toEqual({ ok: false, reason: 'algorithm "none" not allowed for this key' });
    expect(verdictOf("signed with the attacker's")).toEqual({ ok: false, reason: 'bad signature' });
    expect(verdictOf(`presented ${TOKEN_LIFETIME_S + CLOCK_SKEW_S + 1} s`)).toEqual({ ok: false, reason: 'expired' });
    expect(verdictOf('meant for payments')).toEqual({ ok: false, reason: 'meant for payments, not orders' });
    expect(verdictOf('signed with retired key')).toEqual({ ok: false, reason: 'unknown key id "hs-2025"' });
  });

  it('rejects a token with any one character of its signature changed', async () => {
    const key = await hmacKey();
    const trusted = new Map<string, TrustedKey>([['k', { alg: 'HS256', key }]]);
    const token = await signToken(claimsFor('alice'), 'HS256', 'k', key);
    const signatureStart = token.lastIndexOf('.') + 1;
    // The last character carries only 4 of its 6 bits (32 bytes = 42 2/3 characters): change
    // it to one with different high bits, or base64url decodes both to the same bytes.
    for (let i = signatureStart; i < token.length; i++) {
      const replacement = token[i] === 'A' ? 'w' : 'A';
      const forged = token.slice(0, i) + replacement + token.slice(i + 1);
      expect((await verifyToken(forged, trusted, NOW_S)).ok).toBe(false);
    }
  });

  it('does not let the token choose the algorithm (an ES256 key refuses an HS256 token)', async () => {
    const pair = await ecdsaKeyPair();
    const hmac = await hmacKey();
    const trusted = new Map<string, TrustedKey>([['es', { alg: 'ES256', key: pair.publicKey }]]);
    const token = await signToken(claimsFor('alice'), 'HS256', 'es', hmac);
    expect(await verifyToken(token, trusted, NOW_S)).toEqual({ ok: false, reason: 'algorithm "HS256" not allowed for this key' });
    expect((await verifyToken(unsignedToken(claimsFor('alice'), 'es'), trusted, NOW_S)).ok).toBe(false);
  });

  it('answers the exercise: without the algorithm check, alg none still fails, at the signature', async () => {
    const key = await hmacKey();
    const empty = new Uint8Array(0);
    expect(await globalThis.crypto.subtle.verify('HMAC', key, empty, new TextEncoder().encode('anything'))).toBe(false);
  });

  it('accepts up to the clock skew past expiry, and not a second more; refuses a token from the future', async () => {
    const key = await hmacKey();
    const trusted = new Map<string, TrustedKey>([['k', { alg: 'HS256', key }]]);
    const token = await signToken(claimsFor('alice'), 'HS256', 'k', key);
    const expiry = NOW_S + TOKEN_LIFETIME_S;
    expect((await verifyToken(token, trusted, expiry + CLOCK_SKEW_S)).ok).toBe(true);
    expect((await verifyToken(token, trusted, expiry + CLOCK_SKEW_S + 1)).ok).toBe(false);
    const future = await signToken(claimsFor('alice', { iat: NOW_S + 3600, exp: NOW_S + 7200 }), 'HS256', 'k', key);
    expect(await verifyToken(future, trusted, NOW_S)).toEqual({ ok: false, reason: 'issued in the future' });
  });

  it('keeps the signature but not the edit: an edited token decodes to the new claims and fails', async () => {
    const key = await hmacKey();
    const token = await signToken(claimsFor('alice'), 'HS256', 'k', key);
    const edited = editClaims(token, { role: 'admin' });
    expect(edited.split('.')[2]).toBe(token.split('.')[2]);
    expect(JSON.parse(new TextDecoder().decode(fromBase64url(edited.split('.')[1]))).role).toBe('admin');
  });

  it('sizes: 32-byte HMAC and 64-byte ECDSA signatures; a public key cannot sign', () => {
    expect(results.hs256SignatureBytes).toBe(32);
    expect(results.es256SignatureBytes).toBe(64);
    expect(results.es256Characters - results.hs256Characters).toBe(43); // 86 - 43 base64url characters
    expect(results.publicKeyCanSign).toBe(false);
    expect(results.readableWithoutKey.sub).toBe('alice');
  });

  it('round-trips base64url and refuses other alphabets', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(fromBase64url(base64url(bytes))).toEqual(bytes);
    expect(base64url(bytes)).not.toMatch(/[+/=]/);
    expect(() => fromBase64url('a+b/')).toThrow();
  });

  it('states every claim the page makes', async () => {
    const f = await facts();
    for (const claim of ['onlyGenuineAccepted', 'editedRejected', 'noneRejected', 'expiredRejected', 'publicKeyCannotSign', 'payloadReadable'] as const) {
      expect(f[claim], claim).toBe(true);
    }
  });

  it('shows a verdict table and a key table', async () => {
    const shown = await captureShown(main);
    expect(shown.map((v) => v.kind)).toEqual(['table', 'table']);
    expect(shown[0].rows).toHaveLength(results.cases.length);
  });
});
