import ssh2 from 'ssh2';

/**
 * An ed25519 key pair in OpenSSH format that ssh2 itself can read back. ssh2's generator now and
 * then writes a private key its own parser calls malformed (about 1 in 150 here), so draw again.
 */
export function generateKeyPair(comment?: string): { private: string; public: string } {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const pair = ssh2.utils.generateKeyPairSync('ed25519', comment === undefined ? undefined : { comment });
    if (!(ssh2.utils.parseKey(pair.private) instanceof Error) && !(ssh2.utils.parseKey(pair.public) instanceof Error)) return pair;
  }
  throw new Error('Could not generate a usable ed25519 key pair for the demo SSH server.');
}
