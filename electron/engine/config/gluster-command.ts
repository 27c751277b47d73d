import { z } from 'zod';
import { glusterCommandProblem, toArgv } from '../../../shared/logic/gluster-command';

/** The gluster command as the config file may write it: a string of words or an array, checked against the allowed shape. */
export const glusterCommandSchema = z.union([z.string().min(1).max(1000), z.array(z.string().min(1).max(1000)).min(1).max(16)]).transform((v, ctx) => {
  const argv = toArgv(v);
  const problem = glusterCommandProblem(argv);
  if (problem) {
    ctx.addIssue({ code: 'custom', message: problem });
    return z.NEVER;
  }
  return argv;
});
