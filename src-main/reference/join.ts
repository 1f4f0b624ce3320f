import { referenceRefusals } from '../../shared/reference/refusals';
import type { HandlerContext } from '../api/context';
import { deskClinicCode, getClinic } from './repo';

/**
 * A second desk (or an inspector's laptop) of a clinic that head office already knows does not
 * create the clinic again: it joins. It stores the desk account, names its clinic, and pulls the
 * clinic's settings and roster from head office; set-up is done when `clinic:<CODE>` arrives.
 */
export async function refuseIfSetUp(ctx: HandlerContext) {
  if (await getClinic(ctx.db)) throw referenceRefusals.refuse('conflict', undefined, 'alreadySetUp', {}, 'this desk is already set up');
}

/**
 * What the set-up screen shows while a join is under way (null when no join is). Takes the clinic
 * document the caller already read, so "set up" and "joining" never disagree mid-sync.
 */
export async function joinProgress(ctx: HandlerContext, clinicDoc: unknown) {
  if (clinicDoc) return null;
  const clinic = await deskClinicCode(ctx.db);
  if (!clinic) return null;
  const sync = await ctx.sync.status();
  return { clinic, state: sync.state, error: sync.lastError, server: sync.server, username: sync.username, pull: sync.pull };
}

