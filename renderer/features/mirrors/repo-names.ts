import type { MirrorRepoRow } from '../../../shared/model';
import { formatAge } from '../../../shared/logic/units';

/** PROJECT/slug when the primary told them, else what is known. */
export const repoName = (r: MirrorRepoRow): string => (r.projectKey && r.slug ? `${r.projectKey}/${r.slug}` : (r.slug ?? `repository ${r.repoId}`));

/** "3 min ago", or an em dash for never. */
export const age = (at: number | null, now: number): string => (at === null ? '—' : formatAge(at, now));
