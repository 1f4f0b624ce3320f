import { syncRefusals } from '../../shared/sync/refusals';
import type { Handlers } from '../api/types';
import { getClinic, requireClinic } from '../reference/repo';
import { isWrittenOnce, listConflicts, resolveConflict } from './conflicts';
import { HEAD_OFFICE_CODE } from '../../shared/reference/schemas';
import { ALL_CLINICS } from '../../shared/reference/calendar';
import { getOrNull } from '../store/get';
import { inClinicDb } from '../headoffice/online';
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
    const local = await getOrNull<{ type?: unknown; clinic?: unknown }>(ctx.db, input.id);
    const owner = typeof local?.clinic === 'string' ? local.clinic : null;
    if (clinic.code === HEAD_OFFICE_CODE && owner && owner !== HEAD_OFFICE_CODE && owner !== ALL_CLINICS) {
      // Head office's copy comes from `headoffice`; the record lives in its clinic's database: the
      // branches are removed there, online (and come back through the consolidated copy).
      await inClinicDb(ctx, owner, (remote) => resolveConflict(remote, input, ctx.operator, ctx.now(), owner));
      return ctx.sync.status();
    }
    if (clinic.code !== HEAD_OFFICE_CODE && isWrittenOnce(local?.type))
      throw syncRefusals.refuse('forbidden', 'id', 'writtenOnceAtHeadOffice', {}, 'id: a record written once is settled by head office (its validation refuses a desk removing a branch)');
    await resolveConflict(ctx.db, input, ctx.operator, ctx.now(), clinic.code);
    return ctx.sync.status();
  },
};
