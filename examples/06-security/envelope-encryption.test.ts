import { describe, it, expect } from 'vitest';
import { captureShown } from '../sim';
import main, {
  simulate, facts, createStore, rotateByRewrapping, readAll, reencryptionBytes, newDataKey, encryptRecord, decryptRecord, plaintextOf,
  CUSTOMERS, RECORDS_PER_CUSTOMER, RECORD_BYTES,
} from './envelope-encryption';

describe('envelope encryption and key rotation', async () => {
  const results = await simulate();

  it('rotates by re-wrapping: two KMS calls per data key, 40 bytes written per customer, every record still decrypts', () => {
    expect(results.records).toBe(CUSTOMERS * RECORDS_PER_CUSTOMER);
    expect(results.rewrap.kmsCalls).toBe(2 * CUSTOMERS);
    expect(results.rewrap.bytesWritten).toBe(CUSTOMERS * 40); // RFC 3394 key wrap: 32-byte key + 8
    expect(results.afterRotation).toEqual({ readable: results.records, unreadable: 0 });
    expect(results.oldKekRetired).toBe(true);
  });

  it('writes a small fraction of what re-encrypting every record would', () => {
    expect(results.reencryptBytes).toBe(results.records * (RECORD_BYTES + 12 + 16));
    expect(results.rewrap.bytesWritten / results.reencryptBytes).toBeLessThan(0.01);
  });

  it('detects a flipped bit and a record moved to another row (GCM tag over the ciphertext and the row id)', () => {
    expect(results.recordOverheadBytes).toBe(28);
    expect(results.tamperedDetected).toBe(true);
    expect(results.movedDetected).toBe(true);
  });

  it('erases one customer by deleting one data key, and only that customer', () => {
    expect(results.afterErasure).toEqual({ unreadable: RECORDS_PER_CUSTOMER, readable: results.records - RECORDS_PER_CUSTOMER });
  });

  it('needs the KEK that wrapped a key: without rotation\'s re-wrap, retiring the old KEK loses everything', async () => {
    const store = await createStore(3, 2);
    const old = store.kms.current;
    await store.kms.rotate();
    store.kms.retire(old); // rotated the KEK, forgot to re-wrap
    expect(await readAll(store)).toEqual({ readable: 0, unreadable: 6 });
  });

  it('re-wrapping leaves the ciphertexts exactly as they were', async () => {
    const store = await createStore(2, 3);
    const before = store.records.map((r) => r.ciphertext.slice());
    await rotateByRewrapping(store);
    expect(reencryptionBytes(store)).toBe(6 * (RECORD_BYTES + 28));
    store.records.forEach((r, i) => expect(r.ciphertext).toEqual(before[i]));
  });

  it('a different data key cannot read a record', async () => {
    const record = await encryptRecord(await newDataKey(), 'order-1', 1, plaintextOf('order-1'));
    expect(await decryptRecord(await newDataKey(), record)).toBeUndefined();
  });

  it('states every claim the page makes', async () => {
    const f = await facts();
    expect(f.allReadableAfterRotation).toBe(true);
    expect(f.tamperedDetected).toBe(true);
    expect(f.movedDetected).toBe(true);
    expect(f.onlyErasedUnreadable).toBe(true);
  });

  it('shows a table of checks and a chart of bytes written', async () => {
    const shown = await captureShown(main);
    expect(shown.map((v) => v.kind)).toEqual(['table', 'chart']);
  });
});
