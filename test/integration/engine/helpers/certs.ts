import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestPki {
  caPem: string;
  /** Leaf for 127.0.0.1 / localhost, signed by the CA. */
  server: { key: string; cert: string };
  /** Leaf signed by the CA but issued for another host name only. */
  wrongHost: { key: string; cert: string };
  /** A self-signed leaf for 127.0.0.1 (no CA). */
  selfSigned: { key: string; cert: string };
  /** Leaf for 127.0.0.1 signed by the CA, expired in 2020. */
  expired: { key: string; cert: string };
}

/** Generate a throwaway CA and leaves with the openssl CLI (EC P-256: fast). */
export function makePki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'fleetscope-pki-'));
  const ssl = (...args: string[]): void => void execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const read = (f: string): string => readFileSync(join(dir, f), 'utf8');
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  try {
    ssl(
      'req',
      '-x509',
      ...ec,
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '2',
      '-subj',
      '/CN=Fleetscope Test CA',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    );
    const leaf = (name: string, san: string): void => {
      writeFileSync(join(dir, `${name}.ext`), `subjectAltName=${san}\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n`);
      ssl('req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`);
      ssl(
        'x509',
        '-req',
        '-in',
        `${name}.csr`,
        '-CA',
        'ca.pem',
        '-CAkey',
        'ca.key',
        '-CAcreateserial',
        '-out',
        `${name}.pem`,
        '-days',
        '2',
        '-extfile',
        `${name}.ext`,
      );
    };
    leaf('server', 'IP:127.0.0.1,DNS:localhost');
    leaf('wrong', 'DNS:bitbucket.other.example');
    ssl('req', '-x509', ...ec, '-keyout', 'self.key', '-out', 'self.pem', '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1');
    // OpenSSL 3.0's `x509` cannot back-date; `openssl ca` can, given a minimal CA database.
    writeFileSync(join(dir, 'index.txt'), '');
    writeFileSync(join(dir, 'serial'), '1000\n');
    writeFileSync(
      join(dir, 'ca.cnf'),
      [
        '[ca]',
        'default_ca = test',
        '[test]',
        `dir = ${dir}`,
        'database = $dir/index.txt',
        'serial = $dir/serial',
        'new_certs_dir = $dir',
        'default_md = sha256',
        'policy = any',
        'copy_extensions = none',
        '[any]',
        'commonName = supplied',
        '[ext]',
        'subjectAltName = IP:127.0.0.1',
        '',
      ].join('\n'),
    );
    ssl('req', ...ec, '-keyout', 'expired.key', '-out', 'expired.csr', '-subj', '/CN=expired');
    ssl(
      'ca',
      '-batch',
      '-config',
      'ca.cnf',
      '-cert',
      'ca.pem',
      '-keyfile',
      'ca.key',
      '-in',
      'expired.csr',
      '-out',
      'expired.pem',
      '-startdate',
      '20200101000000Z',
      '-enddate',
      '20200201000000Z',
      '-extensions',
      'ext',
      '-notext',
    );
    return {
      caPem: read('ca.pem'),
      server: { key: read('server.key'), cert: read('server.pem') },
      wrongHost: { key: read('wrong.key'), cert: read('wrong.pem') },
      selfSigned: { key: read('self.key'), cert: read('self.pem') },
      expired: { key: read('expired.key'), cert: read('expired.pem') },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
