import { ApiError } from '../../shared/errors';
import type { ClinicDoc } from '../../shared/reference/schemas';
import { clinicDbName } from '../../shared/sync/rules';
import type { OperatorContext } from '../api/context';
import type { Db } from '../store/pouch';
import { listClinics } from './repo';
import { headofficeRefusals } from '../../shared/headoffice/refusals';

const no = headofficeRefusals.refuse;

/** The clinic of `code` as head office has it from its pull, or null when none has reached it (a store failure is thrown). */
export async function pulledClinic(ctx: OperatorContext, code: string): Promise<ClinicDoc | null> {
  return (await listClinics(ctx.db)).find((c) => c.code === code) ?? null;
}

/**
 * An edit of a clinic's own documents, made online in the clinic's database (where its desks read
 * them) against the current revision; the consolidated copy brings it back to head office.
 */
export async function inClinicDb<T>(ctx: OperatorContext, code: string, edit: (remote: Db) => Promise<T>): Promise<T> {
  const remote = ctx.sync.remote(clinicDbName(code));
  if (!remote) throw no('conflict', undefined, 'notConfigured', {}, 'sync with head office is not configured');
  try {
    return await edit(remote);
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw remoteFailure(err, code);
  } finally {
    await remote.close().catch(() => {});
  }
}

export async function requirePulledClinic(ctx: OperatorContext, code: string): Promise<ClinicDoc> {
  const local = await pulledClinic(ctx, code);
  if (!local) throw no('not_found', 'clinic', 'noSuchClinic', { code }, `clinic: no clinic ${code} has reached head office`);
  return local;
}

/** The server's answer to an online edit, in the desk's terms. */
function remoteFailure(err: unknown, code: string): ApiError {
  const status = (err as { status?: number }).status;
  if (status === 409) return no('conflict', undefined, 'changedMeanwhile', { code }, `clinic ${code} was changed meanwhile; reload and edit again`);
  if (status === 403) return no('forbidden', undefined, 'serverRefused', {}, `head office's server refused the change: ${(err as { message?: string }).message ?? ''}`);
  if (status === 401) return no('forbidden', undefined, 'accountRefused', {}, 'the head-office account was refused; check 设置 → 与总部同步');
  return no('conflict', undefined, 'unreachable', {}, 'head office’s server cannot be reached: a clinic’s settings are changed online; nothing was saved');
}
