import { describe, expect, it } from 'vitest';
import { olderFirst } from '../../../../electron/engine/access-log/rotation-order';

const ordered = (names: string[]): string[] => [...names].sort(olderFirst);

describe('the order of a rotated log’s parts', () => {
  it('reads Bitbucket’s day parts by their number (.2 before .10), days in order, the current file last', () => {
    const parts = [
      'atlassian-bitbucket-access-2024-05-01.0.log.bz2',
      'atlassian-bitbucket-access-2024-05-01.1.log.bz2',
      'atlassian-bitbucket-access-2024-05-01.2.log.bz2',
      'atlassian-bitbucket-access-2024-05-01.10.log.bz2',
      'atlassian-bitbucket-access-2024-05-01.11.log.gz',
      'atlassian-bitbucket-access-2024-05-02.0.log',
      'atlassian-bitbucket-access.log',
    ];
    expect(ordered([...parts].reverse())).toEqual(parts);
    expect(ordered([parts[3]!, parts[2]!, parts[6]!, parts[0]!])).toEqual([parts[0], parts[2], parts[3], parts[6]]);
  });

  it('reads logrotate’s parts from the highest number down to the current file', () => {
    expect(ordered(['access.log', 'access.log.1', 'access.log.10.gz', 'access.log.2.bz2'])).toEqual([
      'access.log.10.gz',
      'access.log.2.bz2',
      'access.log.1',
      'access.log',
    ]);
  });

  it('keeps folders and other names in order, numbers by value and leading zeros aside', () => {
    expect(ordered(['node10', 'node2', 'node1', 'Node3'])).toEqual(['Node3', 'node1', 'node2', 'node10']);
    expect(olderFirst('part-007', 'part-7')).toBe(0);
    expect(olderFirst('a', 'a')).toBe(0);
    expect(olderFirst('a.log', 'a.log.gz')).toBe(0);
  });
});
