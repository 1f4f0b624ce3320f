import { syncRefusals } from '../../shared/sync/refusals';
import type { Handlers } from '../api/types';
import { getClinic, requireClinic } from '../reference/repo';
import { listConflicts, resolveConflict } from './conflicts';
import { SecretStoreUnavailableError } from './secrets';

type SyncOps = 'sync.status' | 'sync.configure' | 'sync.disconnect' | 'sync.retry' | 'sync.conflicts' | 'sync.resolveConflict';

export const syncHandlers: Pick<Handlers, SyncOps> = {
  'sync.status': (ctx) => ctx.sync.status(),

  // Stores the credentials and starts at once; whether the server takes them shows in the status
  // (a wrong password is state `error`, kind `auth`), as it would after any later change there.
  async 'sync.configure'(ctx, input) {
    // The desk replicates its clinic's database: it must know its clinic first.
    if (!(await getClinic(ctx.db))) throw syncRefusals.refuse('conflict', undefined, 'setUpFirst', {}, 'set up the clinic first');
    try {
      await ctx.sync.configure(input);
    } catch (err) {
      if (err instanceof SecretStoreUnavailableError) throw syncRefusals.refuse('conflict', undefined, 'noSecretStore', {}, err.message);
      throw err;
    }
    return ctx.sync.status();
  },

  async 'sync.disconnect'(ctx) {
    await ctx.sync.disconnect();
    return ctx.sync.status();
  },

  async 'sync.retry'(ctx) {
    await ctx.sync.retry();
    return ctx.sync.status();
  },

  'sync.conflicts': (ctx) => listConflicts(ctx.db),

  async 'sync.resolveConflict'(ctx, input) {
    const clinic = await requireClinic(ctx.db);
    await resolveConflict(ctx.db, input, ctx.operator, ctx.now(), clinic.code);
    return ctx.sync.status();
  },
};
