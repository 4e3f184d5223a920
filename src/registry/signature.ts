// Signed registry indexes: an ed25519 signature (node:crypto) over the index's canonical JSON, kept
// next to the index as `<index>.sig`. Canonical JSON (sorted keys, fixed layout) makes the signature
// independent of formatting, so re-indenting an index does not break it but changing a byte of
// meaning does.
import { createHash, createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { canonicalJson } from '../util/canonical-json.js';
import { parseJsonStrict } from '../util/parse-json-strict.js';

/** The public key studio ships; index signatures by it are trusted without asking. */
export const SHIPPED_KEY_PATH = fileURLToPath(
  new URL('../../registry/keys/studio-index.pub.pem', import.meta.url),
);

/** `<index>.sig`. */
export function signaturePath(indexPath: string): string {
  return `${indexPath}.sig`;
}

/** What a `.sig` file holds. */
export interface IndexSignature {
  algorithm: 'ed25519';
  /** First 16 hex digits of sha256 over the public key (SPKI DER). */
  key_id: string;
  /** base64 ed25519 signature over the canonical JSON of the index. */
  signature: string;
}

/** A public key and what to call it. */
export interface NamedKey {
  id: string;
  label: string;
  key: KeyObject;
}

/** The key id of a public key. */
export function keyId(key: KeyObject): string {
  return createHash('sha256')
    .update(key.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

/** A public key (PEM) with its id; throws on a key that is not ed25519. */
export function namedKey(pem: string, label: string): NamedKey {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${label} is not an ed25519 public key`);
  return { id: keyId(key), label, key };
}

let shipped: NamedKey | null | undefined;

/** The key shipped with studio (null if the file is missing from this installation). */
export function shippedKey(): NamedKey | null {
  if (shipped === undefined) {
    shipped = existsSync(SHIPPED_KEY_PATH)
      ? namedKey(readFileSync(SHIPPED_KEY_PATH, 'utf8'), 'the studio project key')
      : null;
  }
  return shipped;
}

/** The bytes that are signed: the index parsed strictly and re-serialized canonically. */
export function signedBytes(indexText: string): Buffer {
  return Buffer.from(canonicalJson(parseJsonStrict(indexText, 'index')), 'utf8');
}

/** Sign an index text with an ed25519 private key (PEM). */
export function signIndex(indexText: string, privateKeyPem: string): IndexSignature {
  const privateKey = createPrivateKey(privateKeyPem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the key is not an ed25519 private key');
  return {
    algorithm: 'ed25519',
    key_id: keyId(createPublicKey(privateKey)),
    signature: sign(null, signedBytes(indexText), privateKey).toString('base64'),
  };
}

/** The verdict on an index's signature. */
export type SignatureStatus =
  | { state: 'signed'; key: NamedKey }
  | { state: 'unsigned' }
  | { state: 'unknown-key'; keyId: string }
  | { state: 'invalid'; reason: string };

/** Check `indexText` against its signature text (null = no .sig file) and the keys the user trusts. */
export function checkSignature(
  indexText: string,
  signatureText: string | null,
  keys: NamedKey[],
): SignatureStatus {
  if (signatureText === null) return { state: 'unsigned' };
  let sig: IndexSignature;
  try {
    sig = parseJsonStrict(signatureText, 'signature') as IndexSignature;
  } catch (error) {
    return { state: 'invalid', reason: `the signature file is not JSON: ${(error as Error).message}` };
  }
  if (sig?.algorithm !== 'ed25519' || typeof sig.key_id !== 'string' || typeof sig.signature !== 'string') {
    return {
      state: 'invalid',
      reason: 'the signature file must hold {algorithm: "ed25519", key_id, signature}',
    };
  }
  const key = keys.find((k) => k.id === sig.key_id);
  if (!key) return { state: 'unknown-key', keyId: sig.key_id };
  let bytes: Buffer;
  try {
    bytes = signedBytes(indexText);
  } catch (error) {
    return { state: 'invalid', reason: (error as Error).message };
  }
  const ok = verify(null, bytes, key.key, Buffer.from(sig.signature, 'base64'));
  return ok
    ? { state: 'signed', key }
    : { state: 'invalid', reason: `the signature by ${key.label} does not match the index` };
}

/** Human wording of a status. */
export function describeSignature(status: SignatureStatus): string {
  switch (status.state) {
    case 'signed':
      return `signed by ${status.key.label} (key ${status.key.id})`;
    case 'unsigned':
      return 'unsigned';
    case 'unknown-key':
      return `signed by key ${status.keyId}, which you have not trusted`;
    case 'invalid':
      return `signature INVALID: ${status.reason}`;
  }
}
