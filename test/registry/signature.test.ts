import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkSignature, describeSignature, namedKey, signIndex } from '../../src/registry/signature.js';

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

const INDEX = JSON.stringify({ index_version: 1, packages: [{ name: 'a', description: 'x', versions: [] }] });

describe('index signatures', () => {
  it('verifies over canonical JSON: formatting may change, content may not', () => {
    const k = keyPair();
    const sig = JSON.stringify(signIndex(INDEX, k.privatePem));
    const trusted = [namedKey(k.publicPem, 'maintainer')];
    expect(checkSignature(INDEX, sig, trusted).state).toBe('signed');
    const reformatted = JSON.stringify(JSON.parse(INDEX), null, 4);
    expect(checkSignature(reformatted, sig, trusted).state).toBe('signed');
    const changed = INDEX.replace('"x"', '"y"');
    const verdict = checkSignature(changed, sig, trusted);
    expect(verdict.state).toBe('invalid');
    expect(describeSignature(verdict)).toMatch(
      /signature INVALID: the signature by maintainer does not match/,
    );
  });

  it('tells unsigned, unknown-key and malformed signatures apart', () => {
    const k = keyPair();
    const other = keyPair();
    const sig = JSON.stringify(signIndex(INDEX, k.privatePem));
    expect(checkSignature(INDEX, null, []).state).toBe('unsigned');
    const unknown = checkSignature(INDEX, sig, [namedKey(other.publicPem, 'someone else')]);
    expect(unknown).toMatchObject({ state: 'unknown-key' });
    expect(describeSignature(unknown)).toMatch(/which you have not trusted/);
    expect(checkSignature(INDEX, '{"algorithm":"rsa"}', []).state).toBe('invalid');
  });

  it('refuses keys that are not ed25519', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(() => signIndex(INDEX, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString())).toThrow(
      /ed25519/,
    );
    expect(() => namedKey(publicKey.export({ type: 'spki', format: 'pem' }).toString(), 'ec')).toThrow(
      /ed25519/,
    );
  });
});
