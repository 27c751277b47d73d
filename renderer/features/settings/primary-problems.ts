import { USERINFO_REFUSED } from '../../../shared/logic/url-userinfo';
import { primaryInputSchema, type PrimaryInput } from '../../../shared/model';

/** The form's fields that can hold a problem; a credential's secret is one field whatever its source. */
export type PrimaryField =
  'id' | 'name' | 'baseUrl' | 'nodes' | 'read.username' | 'read.secret' | 'admin.username' | 'admin.secret' | 'caFile' | 'proxy' | 'timeoutSeconds';

export type PrimaryProblems = Partial<Record<PrimaryField, string>>;

const URL_WORDS = 'a full URL starting with https:// or http://, for example https://bitbucket.example.com';

/** What the person should type, for a secret given as `mode`. */
function secretWords(role: 'read' | 'admin', input: PrimaryInput): string {
  const c = input[role];
  const what = c.kind === 'basic' ? 'password' : 'token';
  const secret = c.kind === 'token' ? c.token : c.kind === 'basic' ? c.password : undefined;
  if (secret && 'env' in secret)
    return secret.env === ''
      ? `Give the name of the environment variable that holds the ${what}, for example BB_${role.toUpperCase()}_${what.toUpperCase()}.`
      : `A variable name has only letters, digits and underscores, and does not start with a digit (for example BB_${role.toUpperCase()}_${what.toUpperCase()}).`;
  return `Type the ${what}.`;
}

/**
 * Checks the primary as entered against the contract's own schema and says each problem in words,
 * at the field it belongs to, instead of the validator's text ("primary.name: Too small…").
 */
export function primaryProblems(input: PrimaryInput): PrimaryProblems {
  const parsed = primaryInputSchema.safeParse(input);
  if (parsed.success) return {};
  const out: PrimaryProblems = {};
  for (const issue of parsed.error.issues) {
    const [head, next] = issue.path;
    let field: PrimaryField;
    let words: string;
    switch (head) {
      case 'id':
        field = 'id';
        words = input.id === '' ? 'Give an id, for example prod.' : 'An id has letters, digits, dots, dashes or underscores only (at most 63).';
        break;
      case 'name':
        field = 'name';
        words = input.name === '' ? 'Give a name, as Fleetscope should show it, for example Production.' : 'A name has at most 200 characters.';
        break;
      case 'baseUrl':
        field = 'baseUrl';
        words = issue.message === USERINFO_REFUSED ? `The URL ${USERINFO_REFUSED}` : `Give the base URL: ${URL_WORDS}.`;
        break;
      case 'nodes':
        field = 'nodes';
        words = `Each line is a node name, a space, then its URL (${URL_WORDS.replace('bitbucket', 'bb-node-1')}).`;
        break;
      case 'read':
      case 'admin':
        if (next === 'username') {
          field = `${head}.username`;
          words = 'Give the user name.';
        } else {
          field = `${head}.secret`;
          words = secretWords(head, input);
        }
        break;
      case 'proxy':
        field = 'proxy';
        words = `The proxy URL ${USERINFO_REFUSED}`;
        break;
      case 'timeoutSeconds':
        field = 'timeoutSeconds';
        words = 'A number of seconds above 0 and at most 120, or empty for 10.';
        break;
      default:
        field = 'caFile';
        words = 'A file path of at most 4,096 characters.';
    }
    out[field] ??= words;
  }
  return out;
}
