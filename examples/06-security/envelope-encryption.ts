/**
 * Envelope encryption and key rotation with WebCrypto.
 *
 * Each customer's records are encrypted with AES-256-GCM under that
 * customer's own data key. The data key is stored beside the records only
 * wrapped (encrypted) by a key-encryption key that never leaves the key
 * management service (KMS): the database holds ciphertext and wrapped keys,
 * and neither is any use without a call to the KMS, which is authorised and
 * logged.
 *
 * Rotating the key-encryption key re-wraps the small data keys; the records,
 * which are most of the bytes, are not touched, and every old record still
 * decrypts. The table counts the bytes each way. Then three things the
 * envelope buys besides: a changed byte is detected (GCM's tag), a record
 * moved to another row is detected (the row id is authenticated data), and
 * deleting one customer's data key makes all of that customer's records, in
 * every backup, unreadable ("crypto-shredding").
 *
 * Change CUSTOMERS, RECORDS_PER_CUSTOMER or RECORD_BYTES and run again. Keys
 * and nonces are random (WebCrypto makes them); the counts do not change.
 */
import { show, table, barChart } from '../sim';

export const CUSTOMERS = 20;
export const RECORDS_PER_CUSTOMER = 10;
/** Size of one record's plaintext, bytes (an order with its address, say). */
export const RECORD_BYTES = 2_048;
/** Customer whose data the erasure request deletes. */
export const ERASED_CUSTOMER = 7;

const subtle = globalThis.crypto.subtle;
const AES_GCM_NONCE_BYTES = 12; // 96 bits, the size GCM is designed for
const encoder = new TextEncoder();
/** Bytes in a plain ArrayBuffer: what WebCrypto takes. */
type Bytes = Uint8Array<ArrayBuffer>;

/** What the database stores for one record: nothing here is secret. */
export interface StoredRecord {
  id: string;
  customer: number;
  nonce: Bytes;
  ciphertext: Bytes; // plaintext + 16-byte authentication tag
}

/** What the database stores for one customer's data key. */
export interface StoredKey {
  customer: number;
  kekVersion: number;
  wrapped: Bytes; // AES key wrap of a 32-byte key: 40 bytes
}

/**
 * The key management service, in miniature: it holds the key-encryption keys (KEKs) by version,
 * never hands them out, and wraps and unwraps data keys on request. It counts its calls, which in
 * a real KMS are billed, rate-limited and logged.
 */
export class KeyManagementService {
  private readonly keks = new Map<number, CryptoKey>();
  current = 0;
  calls = 0;

  async rotate(): Promise<number> {
    // Not extractable: no one, not even this process, can read the key's bytes.
    this.keks.set(++this.current, await subtle.generateKey({ name: 'AES-KW', length: 256 }, false, ['wrapKey', 'unwrapKey']));
    return this.current;
  }

  /** Deletes an old version. Only safe once nothing is wrapped under it. */
  retire(version: number): void {
    this.keks.delete(version);
  }

  async wrap(dataKey: CryptoKey): Promise<{ wrapped: Bytes; kekVersion: number }> {
    this.calls++;
    const wrapped = await subtle.wrapKey('raw', dataKey, this.kek(this.current), 'AES-KW');
    return { wrapped: new Uint8Array(wrapped), kekVersion: this.current };
  }

  async unwrap(stored: StoredKey): Promise<CryptoKey> {
    this.calls++;
    // Extractable, so that rotation can wrap it again under the new KEK.
    return subtle.unwrapKey('raw', stored.wrapped, this.kek(stored.kekVersion), 'AES-KW', 'AES-GCM', true, ['encrypt', 'decrypt']);
  }

  private kek(version: number): CryptoKey {
    const kek = this.keks.get(version);
    if (!kek) throw new Error(`KEK version ${version} has been retired`);
    return kek;
  }
}

export async function newDataKey(): Promise<CryptoKey> {
  return subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
}

export async function encryptRecord(dataKey: CryptoKey, id: string, customer: number, plaintext: Bytes): Promise<StoredRecord> {
  const nonce = globalThis.crypto.getRandomValues(new Uint8Array(AES_GCM_NONCE_BYTES));
  // The record's id is authenticated but not encrypted: a ciphertext copied into another row fails.
  const ciphertext = await subtle.encrypt({ name: 'AES-GCM', iv: nonce, additionalData: encoder.encode(id) }, dataKey, plaintext);
  return { id, customer, nonce, ciphertext: new Uint8Array(ciphertext) };
}

/** The plaintext, or undefined if the record was changed, moved, or its key is gone. */
export async function decryptRecord(dataKey: CryptoKey, record: StoredRecord): Promise<Bytes | undefined> {
  try {
    const plaintext = await subtle.decrypt({ name: 'AES-GCM', iv: record.nonce, additionalData: encoder.encode(record.id) }, dataKey, record.ciphertext);
    return new Uint8Array(plaintext);
  } catch {
    return undefined; // OperationError: the tag did not match
  }
}

/** Deterministic, recognisable plaintext for a record, so a test can compare what comes back. */
export function plaintextOf(id: string): Bytes {
  const text = `${id}:`.padEnd(RECORD_BYTES, '.');
  return encoder.encode(text);
}

export interface Store {
  kms: KeyManagementService;
  keys: Map<number, StoredKey>;
  records: StoredRecord[];
}

export async function createStore(customers = CUSTOMERS, recordsPerCustomer = RECORDS_PER_CUSTOMER): Promise<Store> {
  const kms = new KeyManagementService();
  await kms.rotate();
  const keys = new Map<number, StoredKey>();
  const records: StoredRecord[] = [];
  for (let customer = 0; customer < customers; customer++) {
    const dataKey = await newDataKey();
    keys.set(customer, { customer, ...(await kms.wrap(dataKey)) });
    const ids = Array.from({ length: recordsPerCustomer }, (_, n) => `order-${customer}-${n}`);
    // WebCrypto calls are asynchronous: start a customer's records together, then wait for all.
    records.push(...(await Promise.all(ids.map((id) => encryptRecord(dataKey, id, customer, plaintextOf(id))))));
  }
  return { kms, keys, records };
}

/** Rotation by re-wrapping: each data key is unwrapped under the old KEK and wrapped under the new. */
export async function rotateByRewrapping(store: Store): Promise<{ bytesWritten: number; kmsCalls: number }> {
  const callsBefore = store.kms.calls;
  const old = store.kms.current;
  await store.kms.rotate();
  let bytesWritten = 0;
  for (const [customer, stored] of store.keys) {
    const dataKey = await store.kms.unwrap(stored);
    const rewrapped = { customer, ...(await store.kms.wrap(dataKey)) };
    store.keys.set(customer, rewrapped);
    bytesWritten += rewrapped.wrapped.length;
  }
  store.kms.retire(old);
  return { bytesWritten, kmsCalls: store.kms.calls - callsBefore };
}

/** What re-encrypting every record instead would write (new nonce and ciphertext for each). */
export function reencryptionBytes(store: Store): number {
  return store.records.reduce((sum, record) => sum + record.nonce.length + record.ciphertext.length, 0);
}

/** Reads every record back; counts those that decrypt to exactly what was written. */
export async function readAll(store: Store): Promise<{ readable: number; unreadable: number }> {
  const dataKeys = new Map<number, Promise<CryptoKey | undefined>>();
  const dataKeyOf = (customer: number) => {
    if (!dataKeys.has(customer)) {
      const stored = store.keys.get(customer); // one KMS call per customer, not per record
      dataKeys.set(customer, stored ? store.kms.unwrap(stored).catch(() => undefined) : Promise.resolve(undefined));
    }
    return dataKeys.get(customer)!;
  };
  const verdicts = await Promise.all(
    store.records.map(async (record) => {
      const dataKey = await dataKeyOf(record.customer);
      const plaintext = dataKey && (await decryptRecord(dataKey, record));
      return plaintext !== undefined && equalBytes(plaintext, plaintextOf(record.id));
    }),
  );
  const readable = verdicts.filter(Boolean).length;
  return { readable, unreadable: verdicts.length - readable };
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

export interface EnvelopeResults {
  records: number;
  dataKeyBytes: number;
  wrappedKeyBytes: number;
  recordOverheadBytes: number;
  rewrap: { bytesWritten: number; kmsCalls: number };
  reencryptBytes: number;
  afterRotation: { readable: number; unreadable: number };
  oldKekRetired: boolean;
  tamperedDetected: boolean;
  movedDetected: boolean;
  afterErasure: { readable: number; unreadable: number };
}

export async function simulate(customers = CUSTOMERS, recordsPerCustomer = RECORDS_PER_CUSTOMER): Promise<EnvelopeResults> {
  const store = await createStore(customers, recordsPerCustomer);
  const first = store.records[0];
  const rewrap = await rotateByRewrapping(store);
  const afterRotation = await readAll(store);
  const oldKekRetired = await store.kms.unwrap({ ...store.keys.get(0)!, kekVersion: 1 }).then(() => false, () => true);

  const dataKey0 = await store.kms.unwrap(store.keys.get(0)!);
  const tampered = { ...first, ciphertext: first.ciphertext.slice() };
  tampered.ciphertext[100] ^= 1; // one bit of one byte
  const moved = { ...store.records[1], id: first.id }; // record 1's ciphertext copied into record 0's row
  const tamperedDetected = (await decryptRecord(dataKey0, tampered)) === undefined;
  const movedDetected = (await decryptRecord(dataKey0, moved)) === undefined;

  // An erasure request: delete the customer's data key; the ciphertext may stay in backups for years.
  store.keys.delete(ERASED_CUSTOMER);
  const afterErasure = await readAll(store);

  return {
    records: store.records.length,
    dataKeyBytes: (await subtle.exportKey('raw', dataKey0)).byteLength,
    wrappedKeyBytes: store.keys.get(0)!.wrapped.length,
    recordOverheadBytes: first.nonce.length + first.ciphertext.length - RECORD_BYTES,
    rewrap,
    reencryptBytes: reencryptionBytes(store),
    afterRotation,
    oldKekRetired,
    tamperedDetected,
    movedDetected,
    afterErasure,
  };
}

const kilobytes = (bytes: number) => (bytes < 1024 ? `${bytes} bytes` : `${Math.round(bytes / 1024).toLocaleString('en-US')} KiB`);

/** The figures chapter 06 shows. */
export async function facts() {
  const r = await simulate();
  return {
    customers: CUSTOMERS,
    records: r.records,
    recordSize: kilobytes(RECORD_BYTES),
    wrappedKeyBytes: `${r.wrappedKeyBytes} bytes`,
    recordOverheadBytes: `${r.recordOverheadBytes} bytes`,
    rewrapWritten: kilobytes(r.rewrap.bytesWritten),
    reencryptWritten: kilobytes(r.reencryptBytes),
    rewrapShare: `${((r.rewrap.bytesWritten / r.reencryptBytes) * 100).toFixed(1)}%`,
    rotationKmsCalls: r.rewrap.kmsCalls,
    allReadableAfterRotation: r.afterRotation.unreadable === 0 && r.oldKekRetired,
    tamperedDetected: r.tamperedDetected,
    movedDetected: r.movedDetected,
    erasedRecords: r.afterErasure.unreadable,
    onlyErasedUnreadable: r.afterErasure.unreadable === RECORDS_PER_CUSTOMER && r.afterErasure.readable === r.records - RECORDS_PER_CUSTOMER,
  };
}

export default async function main(): Promise<void> {
  const r = await simulate();
  show(
    table(
      ['check', 'result'],
      [
        ['records encrypted', r.records],
        ['data key / wrapped data key, bytes', `${r.dataKeyBytes} / ${r.wrappedKeyBytes}`],
        ['added to each record (nonce + tag), bytes', r.recordOverheadBytes],
        ['rotation: KMS calls (unwrap + wrap)', r.rewrap.kmsCalls],
        ['after rotation, records that decrypt', `${r.afterRotation.readable} of ${r.records}`],
        ['old key-encryption key usable', r.oldKekRetired ? 'no: retired' : 'yes'],
        ['one flipped bit in a ciphertext', r.tamperedDetected ? 'detected: decryption fails' : 'NOT detected'],
        ["a record copied into another record's row", r.movedDetected ? 'detected: decryption fails' : 'NOT detected'],
        [`customer ${ERASED_CUSTOMER}'s data key deleted`, `${r.afterErasure.unreadable} records unreadable, ${r.afterErasure.readable} still readable`],
      ],
      `${CUSTOMERS} customers × ${RECORDS_PER_CUSTOMER} records of ${RECORD_BYTES} bytes, AES-256-GCM under per-customer data keys`,
    ),
    barChart(
      'Bytes written to rotate the key-encryption key',
      ['re-wrap the data keys', 're-encrypt every record'],
      { written: [r.rewrap.bytesWritten / 1024, r.reencryptBytes / 1024] },
      { label: 'written', unit: 'KiB', scale: 'log' }, // the two differ by hundreds of times
      `Re-wrapping rewrites ${kilobytes(r.rewrap.bytesWritten)} of wrapped keys; re-encrypting would rewrite ${kilobytes(r.reencryptBytes)} of records.`,
    ),
  );
}
