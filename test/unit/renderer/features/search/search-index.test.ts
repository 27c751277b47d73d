import { describe, expect, it } from 'vitest';
import type { RepositoryIndex } from '../../../../../shared/model';
import uFuzzy from '@leeoniya/ufuzzy';
import { buildIndex, createSearcher, matchingRows, searchWith, withOthers } from '../../../../../renderer/features/search/search-index';

const WORDS = ['service', 'lib', 'web', 'ui', 'platform', 'api', 'core', 'data', 'infra', 'tools'];

function repositories(n: number): RepositoryIndex {
  const r: RepositoryIndex = { primaryId: [], projectKey: [], projectName: [], slug: [], name: [] };
  for (let i = 0; i < n; i++) {
    const a = WORDS[i % WORDS.length]!;
    const b = WORDS[(i * 7) % WORDS.length]!;
    r.primaryId.push(i % 2 === 0 ? 'prod' : 'dr');
    r.projectKey.push(`P${i % 13}`);
    r.projectName.push(`Project ${WORDS[(i * 3) % WORDS.length]!}`);
    r.slug.push(`${a}-${b}-${i}`);
    r.name.push(`${a} ${b} ${i}`);
  }
  return r;
}

const labels = (entries: Array<{ label: string }>): string[] => entries.map((e) => e.label);

describe('search narrowing as the user types', () => {
  const index = buildIndex(repositories(3_000), []);

  it('each keystroke that extends the needle answers as a fresh search of the whole index would', () => {
    const typing = createSearcher(index);
    for (const word of ['service-li', 'web-ui-1', 'platfrm', 'P3/core', 'core -web', 'data "lib']) {
      for (let n = 1; n <= word.length; n++) {
        const q = word.slice(0, n);
        expect(labels(typing(q)), q).toEqual(labels(createSearcher(index)(q)));
      }
    }
  });

  it('a shorter needle (Backspace) searches the whole index again', () => {
    const typing = createSearcher(index);
    typing('service-lib-1');
    expect(labels(typing('service'))).toEqual(labels(createSearcher(index)('service')));
    expect(typing('service').length).toBeGreaterThan(10);
  });

  it('finds a repository by PROJECT/slug, by name and by project name', () => {
    const search = createSearcher(index);
    const full = `${index.repositories.projectKey[100]!}/${index.repositories.slug[100]!}`;
    expect(labels(search(full))[0]).toBe(full);
    expect(labels(search(index.repositories.name[100]!))).toContain(full);
    expect(labels(search('Project infra')).some((l) => /^P\d+\//.test(l))).toBe(true);
    expect(labels(search('nothing-like-this'))).toEqual([]);
  });
});

describe('search over the letter masks', () => {
  const index = buildIndex(repositories(3_000), []);
  const plain = new uFuzzy({});

  it('matches exactly the rows uFuzzy matches over the whole list, for typos, gaps, digits, several terms and exclusions', () => {
    for (const needle of ['srv', 'platfrm', 'web ui 12', 'P3/core', 'core -web', 'data "lib', 'zzq', 'ui-7', "o'k"]) {
      expect(matchingRows(index, needle), needle).toEqual(plain.filter(index.repoHay, needle) ?? []);
    }
  });

  it('answers the palette the same across snapshots of the same repository list (a poll while typing)', () => {
    const q = 'service-l';
    const first = labels(searchWith(index, q));
    const nextSnapshot = withOthers(index, []);
    expect(labels(searchWith(nextSnapshot, q))).toEqual(first);
    expect(labels(searchWith(nextSnapshot, `${q}i`))).toEqual(labels(createSearcher(index)(`${q}i`)));
  });
});
