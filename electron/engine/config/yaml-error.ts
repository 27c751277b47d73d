/**
 * What went wrong in a YAML text, without quoting it: the parser's message ends with an excerpt
 * of the offending line (which may hold a secret written inline), and some messages name a piece
 * of the text after a colon. Only the kind of problem and its position are kept.
 */
export function yamlProblem(err: unknown): string {
  const first = (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
  const positioned = /^(.*? at line \d+, column \d+):?\s*$/.exec(first);
  if (positioned) return positioned[1]!;
  const cut = first.indexOf(': ');
  return (cut >= 0 ? first.slice(0, cut) : first).replace(/:$/, '').slice(0, 200);
}
