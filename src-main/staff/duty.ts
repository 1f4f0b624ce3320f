import { triageRoles, type ClinicDoc } from '../../shared/reference/schemas';
import { clinicDate } from '../../shared/time';
import type { Handlers } from '../api/types';
import { getStaff, listStaff, requireClinic } from '../reference/repo';
import { getOrNull } from '../store/get';
import { newMeta, upserted } from '../store/meta';
import type { Db } from '../store/pouch';
import { serialised } from '../store/serial';
import { dutyId, dutyOfDay, onDuty, type DutyDoc } from './repo';
import { staffRefusals, type StaffRule } from '../../shared/staff/refusals';

type DutyOps = 'duty.day' | 'duty.set';

function refuse(field: string, rule: StaffRule, params: Record<string, string>, message: string): never {
  throw staffRefusals.refuse('invalid_input', field, rule, params, `${field}: ${message}`);
}

/** The desk's on/off list of a day (当班, `duty.*`): the older roster, merged with the rota for triage. */
export const dutyHandlers: Pick<Handlers, DutyOps> = {
  async 'duty.day'(ctx, input) {
    const clinic = await requireClinic(ctx.db);
    return dutyView(ctx.db, clinic, input.date ?? clinicDate(ctx.now()), ctx.now());
  },

  async 'duty.set'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const now = ctx.now();
      if (input.date < clinicDate(now)) refuse('date', 'pastDay', { date: input.date }, `${input.date} is a past day: its roster is kept as it was`);
      const s = await getStaff(ctx.db, input.staffId);
      if (!s || s.clinic !== clinic.code || !s.active || !triageRoles.includes(s.role)) refuse('staffId', 'notTriageStaff', {}, 'not an active consultant or doctor');
      const id = dutyId(clinic.code, input.date, s._id);
      const existing = await getOrNull<DutyDoc>(ctx.db, id);
      const doc = upserted<DutyDoc, 'onDuty'>(existing, { onDuty: input.onDuty }, () => ({ ...newMeta('duty', id, clinic.code, ctx.operator._id, now), type: 'duty', date: input.date, staffId: s._id }), ctx.operator, now);
      await ctx.db.put(doc);
      return dutyView(ctx.db, clinic, input.date, now);
    });
  },

};

/**
 * The day's on/off list. `onDuty` is the rota's word merged with this list's (src-main/staff/repo.ts):
 * for today, on shift at this moment (so triage offers only people on shift); another day, rostered.
 */
async function dutyView(db: Db, clinic: ClinicDoc, date: string, now: Date) {
  const [staff, roster, duty] = await Promise.all([listStaff(db, clinic.code), dutyOfDay(db, clinic.code, date), onDuty(db, clinic.code, date, now)]);
  return {
    date,
    rosterSet: duty.rosterSet,
    staff: staff
      .filter((s) => s.active && triageRoles.includes(s.role))
      // Consultants, then doctors, each by name: the same order on every desk.
      .sort((a, b) => triageRoles.indexOf(a.role) - triageRoles.indexOf(b.role) || a.name.localeCompare(b.name, 'zh-CN'))
      .map((s) => {
        const d = roster.get(s._id);
        return { staffId: s._id, name: s.name, role: s.role, departmentId: s.departmentId, onDuty: duty.on.has(s._id), setBy: d?.updatedBy ?? null, setAt: d?.updatedAt ?? null };
      }),
  };
}
