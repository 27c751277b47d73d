import { generateKeyPairSync, randomBytes } from 'node:crypto';

const ED25519_BYTES = 32;

const u32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
/** An SSH wire-format string: its length, then its bytes. */
const sshString = (value: Buffer | string): Buffer => {
  const bytes = typeof value === 'string' ? Buffer.from(value) : value;
  return Buffer.concat([u32(bytes.length), bytes]);
};

/**
 * An ed25519 key pair in OpenSSH format (`openssh-key-v1`, unencrypted; the public key as one
 * `authorized_keys` line), made with Node's own crypto: ssh2 is loaded only when the demo's SSH
 * server takes its first connection, not while the fleet starts (issue 13 item 7). ssh2's
 * generator also wrote now and then a private key its own parser called malformed.
 */
export function generateKeyPair(comment?: string): { private: string; public: string } {
  // DER from the generator itself, not `KeyObject.export({ format: 'jwk' })`: Node 20's JWK export
  // allocates under the key's lock, and a collection then ending the generator's job takes the
  // same lock: the thread waits on itself for ever (about once in 10,000 keys here; docs/start-up.md).
  const { publicKey, privateKey } = generateKeyPairSync('ed25519', {
    publicKeyEncoding: { type: 'spki', format: 'der' },
    privateKeyEncoding: { type: 'pkcs8', format: 'der' },
  });
  // Both encodings of an ed25519 key end with its 32 bytes: the public key, the private seed.
  const pub = publicKey.subarray(-ED25519_BYTES);
  const seed = privateKey.subarray(-ED25519_BYTES);
  const publicBlob = Buffer.concat([sshString('ssh-ed25519'), sshString(pub)]);
  const check = randomBytes(4);
  const parts = [check, check, sshString('ssh-ed25519'), sshString(pub), sshString(Buffer.concat([seed, pub])), sshString(comment ?? '')];
  const unpadded = Buffer.concat(parts);
  // The private section is padded to the cipher's block size (8 for "none") with 1, 2, 3, …
  const padding = Buffer.from(Array.from({ length: (8 - (unpadded.length % 8)) % 8 }, (_, i) => i + 1));
  const body = Buffer.concat([
    Buffer.from('openssh-key-v1\0'),
    sshString('none'),
    sshString('none'),
    sshString(''),
    u32(1),
    sshString(publicBlob),
    sshString(Buffer.concat([unpadded, padding])),
  ]);
  const lines = body.toString('base64').match(/.{1,70}/g) ?? [];
  return {
    private: `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines.join('\n')}\n-----END OPENSSH PRIVATE KEY-----\n`,
    public: `ssh-ed25519 ${publicBlob.toString('base64')}${comment === undefined ? '' : ` ${comment}`}`,
  };
}
