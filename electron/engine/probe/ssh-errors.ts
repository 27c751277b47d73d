/** What ssh said, as the probe's verdict: which of key, host key or network failed, and what to do. */

export interface SshWhere {
  host: string;
  port: number;
  /** `[host]:port`, or `host` on port 22. */
  token: string;
  /** The known_hosts file (or "ssh.knownHosts of the config"). */
  knownHosts: string;
}

const lineMatching = (stderr: string, re: RegExp): string | null =>
  stderr
    .split('\n')
    .map((l) => l.trim())
    .find((l) => re.test(l)) ?? null;

/** A message for an SSH failure git reported in `stderr`, or null when ssh itself did not fail. */
export function sshProblem(stderr: string, what: string, at: SshWhere): string | null {
  if (/REMOTE HOST IDENTIFICATION HAS CHANGED/.test(stderr)) {
    return `${what}: the SSH host key of ${at.token} does not match the one in ${at.knownHosts}, so ssh refused to connect. Someone may be intercepting the connection, or the server was reinstalled: check the fingerprint with the server's admin before replacing the entry (\`ssh-keygen -R '${at.token}' -f ${at.knownHosts}\`).`;
  }
  if (/host key is known for|Host key verification failed/.test(stderr)) {
    return `${what}: the SSH host key of ${at.token} is not in ${at.knownHosts}, so ssh refused to connect (host keys are always checked, never trusted on first use). Confirm its fingerprint with the server's admin, then add it: \`ssh-keyscan -p ${at.port} ${at.host} >> ${at.knownHosts}\`${at.knownHosts.startsWith('/') ? '' : ' (paste the line into ssh.knownHosts)'}.`;
  }
  // Before "Permission denied": a key ssh cannot load is never offered, so the server refuses next.
  const badKey = lineMatching(stderr, /^Load key .*:|invalid format|bad permissions/i);
  if (badKey)
    return `${what}: ssh could not use the private key (${badKey}). Give an unencrypted OpenSSH or PEM private key in ssh.privateKey or ssh.privateKeyFile.`;
  const denied = lineMatching(stderr, /Permission denied \(/);
  if (denied) {
    return `${what}: SSH refused the key: ${denied} Add the key's public half to a Bitbucket user who can read this repository (Manage account → SSH keys) or as an access key of its project or repository. A key with a passphrase cannot be used: the probe never prompts.`;
  }
  if (/cannot run ssh/.test(stderr))
    return `${what}: there is no \`ssh\` on this machine's PATH. Install the OpenSSH client (apt-get install openssh-client) to probe over SSH.`;
  const network = lineMatching(
    stderr,
    /Connection refused|Connection timed out|Operation timed out|Could not resolve hostname|No route to host|Network is unreachable|Connection closed by|Connection reset|kex_exchange_identification/,
  );
  if (network)
    return `${what}: could not connect over SSH to ${at.token} (${network}). Is the SSH port (Bitbucket's default is 7999) open and reachable from this machine?`;
  return null;
}
