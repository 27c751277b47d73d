import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseShellArgs } from '../../../electron/main/shell-args';

describe('shell arguments', () => {
  it('reads --config in both spellings, resolved against the working folder', () => {
    expect(parseShellArgs(['/usr/bin/electron', 'dist-electron/main.cjs', '--config', 'fleet.yaml'])).toEqual({
      configPath: resolve('fleet.yaml'),
      demo: false,
      acceptWeakVault: false,
    });
    expect(parseShellArgs(['fleetscope', '--config=/etc/fleet.yaml'])).toEqual({ configPath: '/etc/fleet.yaml', demo: false, acceptWeakVault: false });
  });

  it('reads --demo, and ignores what is not ours', () => {
    expect(parseShellArgs(['fleetscope', '--no-sandbox', '--demo'])).toEqual({ demo: true, acceptWeakVault: false });
    expect(parseShellArgs(['fleetscope', '--accept-weak-vault'])).toEqual({ demo: false, acceptWeakVault: true });
    expect(parseShellArgs(['fleetscope'])).toEqual({ demo: false, acceptWeakVault: false });
  });

  it('reads --data-dir in both spellings, resolved', () => {
    expect(parseShellArgs(['fleetscope', '--data-dir', 'data'])).toEqual({ dataDir: resolve('data'), demo: false, acceptWeakVault: false });
    expect(parseShellArgs(['fleetscope', '--data-dir=/var/fs', '--no-sandbox'])).toEqual({ dataDir: '/var/fs', demo: false, acceptWeakVault: false });
  });

  it('does not take a missing value or the next flag as a config path', () => {
    expect(parseShellArgs(['fleetscope', '--config'])).toEqual({ demo: false, acceptWeakVault: false });
    expect(parseShellArgs(['fleetscope', '--config', '--demo'])).toEqual({ demo: true, acceptWeakVault: false });
    expect(parseShellArgs(['fleetscope', '--config='])).toEqual({ demo: false, acceptWeakVault: false });
  });
});
