import fc from 'fast-check';
import ssh2 from 'ssh2';
import { describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../../../electron/demo/storage/keys';

describe('the demo SSH key pairs (node:crypto, OpenSSH format)', () => {
  it('ssh2 reads both halves back as one ed25519 key that signs and verifies, with the comment kept', () => {
    fc.assert(
      fc.property(fc.option(fc.stringMatching(/^[\w.@-]{0,40}$/), { nil: undefined }), fc.uint8Array({ minLength: 1, maxLength: 64 }), (comment, data) => {
        const pair = generateKeyPair(comment);
        const priv = ssh2.utils.parseKey(pair.private);
        const pub = ssh2.utils.parseKey(pair.public);
        if (priv instanceof Error || pub instanceof Error) throw new Error(`unreadable key: ${String(priv instanceof Error ? priv : pub)}`);
        expect(priv.type).toBe('ssh-ed25519');
        expect(priv.getPublicSSH().equals(pub.getPublicSSH())).toBe(true);
        expect(pub.verify(Buffer.from(data), priv.sign(Buffer.from(data)))).toBe(true);
        expect(priv.comment).toBe(comment ?? '');
        expect(pair.public.split(' ').slice(2).join(' ')).toBe(comment ?? '');
      }),
      { numRuns: 200 },
    );
  });
});
