import { describe, expect, it } from 'vitest';
import { sshProblem } from '../../../../electron/engine/probe/ssh-errors';

const at = { host: 'bb.example.com', port: 7999, token: '[bb.example.com]:7999', knownHosts: '/home/me/.ssh/known_hosts' };

// What git 2.39 with OpenSSH 9.2 prints to stderr in each case.
const DENIED =
  'git@bb.example.com: Permission denied (publickey).\r\nfatal: Could not read from remote repository.\n\nPlease make sure you have the correct access rights\nand the repository exists.\n';
const UNKNOWN =
  'No ED25519 host key is known for [bb.example.com]:7999 and you have requested strict checking.\r\nHost key verification failed.\r\nfatal: Could not read from remote repository.\n';
const CHANGED =
  '@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\r\n@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\r\nHost key verification failed.\r\n';
const REFUSED = 'ssh: connect to host bb.example.com port 7999: Connection refused\r\nfatal: Could not read from remote repository.\n';

describe('SSH failures as verdicts', () => {
  it('names the failing part and what to do: the key, an unknown or changed host key, the network', () => {
    expect(sshProblem(DENIED, 'git ls-remote', at)).toBe(
      "git ls-remote: SSH refused the key: git@bb.example.com: Permission denied (publickey). Add the key's public half to a Bitbucket user who can read this repository (Manage account → SSH keys) or as an access key of its project or repository. A key with a passphrase cannot be used: the probe never prompts.",
    );
    expect(sshProblem(UNKNOWN, 'git ls-remote', at)).toMatch(
      /^git ls-remote: the SSH host key of \[bb\.example\.com\]:7999 is not in \/home\/me\/\.ssh\/known_hosts, so ssh refused to connect .* `ssh-keyscan -p 7999 bb\.example\.com >> \/home\/me\/\.ssh\/known_hosts`\.$/,
    );
    expect(sshProblem(UNKNOWN, 'git clone', { ...at, knownHosts: 'ssh.knownHosts of the config' })).toMatch(/\(paste the line into ssh\.knownHosts\)\.$/);
    expect(sshProblem(CHANGED, 'git clone', at)).toMatch(/does not match the one in .*known_hosts.*ssh-keygen -R '\[bb\.example\.com\]:7999'/);
    expect(sshProblem(REFUSED, 'git clone', at)).toMatch(
      /could not connect over SSH to \[bb\.example\.com\]:7999 \(ssh: connect to host .* Connection refused\)/,
    );
    expect(sshProblem('Load key "/tmp/x/ssh/key": invalid format\r\ngit@bb: Permission denied (publickey).', 'git clone', at)).toMatch(
      /could not use the private key \(Load key .*invalid format\)/,
    );
    expect(sshProblem('error: cannot run ssh: No such file or directory\n', 'git clone', at)).toMatch(/no `ssh` on this machine's PATH/);
  });

  it("leaves what is not ssh's doing (a repository that does not exist) to the general message", () => {
    expect(
      sshProblem(
        'fatal: remote error: Repository not found\nThe requested repository does not exist, or you do not have permission to access it.\n',
        'git clone',
        at,
      ),
    ).toBeNull();
  });
});
