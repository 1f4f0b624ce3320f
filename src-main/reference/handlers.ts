import { withDetail, type ApiError } from '../../shared/errors';
import { referenceRefusals } from '../../shared/reference/refusals';
import { newIdTail } from '../../shared/ids';
import { staffDocs } from '../../shared/reference/docs';
import type { ClinicDoc, Department, StaffDoc } from '../../shared/reference/schemas';
import { defaultDepartments, HEAD_OFFICE_CODE } from '../../shared/reference/schemas';
import type { Handlers } from '../api/types';
import type { HandlerContext, OperatorContext } from '../api/context';
import { staffChangeRefusal, type StaffChange } from '../../shared/reference/grants';
import { newMeta, touched } from '../store/meta';
import { serialised } from '../store/serial';
import type { Db } from '../store/pouch';
import { hashPin, verifyPin } from './pin';
import { afterRightPin, afterWrongPin, countAttempt, lockedUntil, onePinCheckAtATime, PIN_LOCK_MS } from './pinGuard';
import { refuseIfSetUp } from './join';
import { getClinic, getStaff, listStaff, requireClinic, setDeskClinicCode, toClinicView, toStaffView } from './repo';
import { getOrNull } from '../store/get';
import { checkDepartmentsKept, setUpDocs, status } from './clinic';
import { goLiveOf, withGoLive } from './goLive';

type ReferenceOps = 'app.status' | 'clinic.setup' | 'clinic.join' | 'clinic.cancelJoin' | 'clinic.update' | 'clinic.goLive' | 'clinic.setGoLive' | 'staff.list' | 'staff.add' | 'staff.update' | 'operator.signIn' | 'operator.signOut';

/** Sign-in waits this long after a wrong PIN, so guessing is slow even before the lock-out. */
const WRONG_PIN_DELAY_MS = 300;

/** The last resets of a person's PIN kept on her record (older ones stay in CouchDB's history). */
const MAX_PIN_RESETS_KEPT = 20;

/** Refuses a roster change the grant rule (shared/reference/grants.ts) does not allow. */
export function checkGrant(ctx: OperatorContext, clinic: ClinicDoc, change: StaffChange) {
  const refusal = staffChangeRefusal({ id: ctx.operator._id, role: ctx.operator.role, headOffice: clinic.code === HEAD_OFFICE_CODE }, change);
  if (refusal) throw referenceRefusals.refuse('forbidden', refusal.field, refusal.rule, refusal.params, refusal.message);
}

/** Resets of her PIN she has not been told of: named for the notice, then marked as told. */
async function pinResetNotice(ctx: HandlerContext, signedIn: StaffDoc): Promise<{ byName: string; at: string }[]> {
  if (!(signedIn.pinResets ?? []).some((r) => r.seenAt === null)) return [];
  return serialised(ctx.db, async () => {
    const staff = (await getStaff(ctx.db, signedIn._id)) ?? signedIn;
    const unseen = (staff.pinResets ?? []).filter((r) => r.seenAt === null);
    const now = ctx.now().toISOString();
    await ctx.db.put<StaffDoc>({ ...touched(staff, staff, ctx.now()), pinResets: (staff.pinResets ?? []).map((r) => (r.seenAt === null ? { ...r, seenAt: now } : r)) });
    return Promise.all(unseen.map(async (r) => ({ byName: (await getStaff(ctx.db, r.by))?.name ?? r.by, at: r.at })));
  });
}

function lockedError(until: Date | null): ApiError {
  const refusal = referenceRefusals.refuse('locked', 'pin', 'pinLocked', { minutes: PIN_LOCK_MS / 60_000 }, 'pin: too many wrong PINs; try again later');
  return until ? withDetail(refusal, { until: until.toISOString() }) : refusal;
}

/** Department ids are stable across renames; known defaults keep their readable ids. */
function departmentsFromNames(names: string[]): Department[] {
  return names.map((name, i) => ({ id: defaultDepartments.find((d) => d.name === name)?.id ?? `dept-${i + 1}`, name, active: true }));
}

function checkDepartment(clinic: ClinicDoc, departmentId: string | null, field: string) {
  if (departmentId !== null && !clinic.departments.some((d) => d.id === departmentId)) {
    throw referenceRefusals.refuse('invalid_input', field, 'noSuchDepartment', { clinic: clinic.code }, `${field}: no such department in ${clinic.code}`);
  }
}

/** Supervisor and department head must be staff of this clinic, and not the person themself. */
async function checkSuperiors(ctx: { db: Db }, clinic: ClinicDoc, selfId: string | null, input: { supervisorId?: string | null | undefined; deptHeadId?: string | null | undefined }) {
  for (const field of ['supervisorId', 'deptHeadId'] as const) {
    const id = input[field];
    if (id === undefined || id === null) continue;
    const boss = await getStaff(ctx.db, id);
    if (!boss || boss.clinic !== clinic.code) throw referenceRefusals.refuse('invalid_input', field, 'noSuchStaff', {}, `${field}: no such staff member`);
    if (id === selfId) throw referenceRefusals.refuse('invalid_input', field, 'notThemself', {}, `${field}: cannot be the person themself`);
  }
}

/** 工号 as typed; an empty one is none. */
function staffNumberOf(value: string | null | undefined): string | null {
  return value ? value : null;
}

export const referenceHandlers: Pick<Handlers, ReferenceOps> = {
  'app.status': status,

  async 'clinic.setup'(ctx, input) {
    // One at a time: two submits at once must not both pass the check below and both write.
    return serialised(ctx.db, async () => {
      if (await getClinic(ctx.db)) throw referenceRefusals.refuse('conflict', undefined, 'alreadySetUp', {}, 'this desk is already set up');
      const code = input.clinic.code;
      const [clinic, lead] = await setUpDocs(code, { ...input.clinic, departments: departmentsFromNames(input.clinic.departments) }, input.lead, ctx.now());
      const existing = await getOrNull<ClinicDoc>(ctx.db, clinic._id);
      if (existing) throw referenceRefusals.refuse('conflict', 'clinic.code', 'clinicExists', { code }, `clinic ${code} already exists in this store`);
      // The desk's clinic first, the documents second: a crash in between leaves the desk "not
      // set up" (its clinic document is missing), so set-up simply runs again.
      await setDeskClinicCode(ctx.db, code);
      await ctx.db.bulkDocs([clinic, lead]);
      return status(ctx);
    });
  },

  async 'clinic.join'(ctx, input) {
    await refuseIfSetUp(ctx);
    await setDeskClinicCode(ctx.db, input.clinicCode);
    const { clinicCode: _, ...credentials } = input;
    await ctx.sync.configure(credentials);
    return status(ctx);
  },

  async 'clinic.cancelJoin'(ctx) {
    await refuseIfSetUp(ctx);
    await ctx.sync.disconnect();
    await setDeskClinicCode(ctx.db, null);
    return status(ctx);
  },

  async 'clinic.update'(ctx, input) {
    const clinic = await requireClinic(ctx.db);
    checkDepartmentsKept(clinic, input.departments);
    const next: ClinicDoc = { ...touched(clinic, ctx.operator, ctx.now()), ...input };
    await ctx.db.put(next);
    return toClinicView(next);
  },

  async 'clinic.goLive'(ctx) {
    return goLiveOf(await requireClinic(ctx.db));
  },

  /** 上线日期: written on the version read (a stale edit is refused), never before the set-up day. */
  async 'clinic.setGoLive'(ctx, input) {
    return serialised(ctx.db, async () => {
      const next = withGoLive(await requireClinic(ctx.db), input, ctx.operator, ctx.now());
      await ctx.db.put(next);
      return goLiveOf(next);
    });
  },

  async 'staff.list'(ctx, input) {
    const clinic = await getClinic(ctx.db);
    if (!clinic) return [];
    const staff = await listStaff(ctx.db, clinic.code);
    return staff.filter((s) => input.includeInactive || s.active).map(toStaffView);
  },

  async 'staff.add'(ctx, input) {
    const clinic = await requireClinic(ctx.db);
    checkGrant(ctx, clinic, { kind: 'add', role: input.role });
    checkDepartment(clinic, input.departmentId, 'departmentId');
    await checkSuperiors(ctx, clinic, null, input);
    const now = ctx.now();
    const staff: StaffDoc = {
      ...newMeta('staff', staffDocs.id(clinic.code, newIdTail(now)), clinic.code, ctx.operator._id, now),
      type: 'staff',
      name: input.name,
      sex: input.sex,
      role: input.role,
      departmentId: input.departmentId,
      active: true,
      pinHash: input.pin === null ? null : await hashPin(input.pin),
      staffNumber: staffNumberOf(input.staffNumber),
      supervisorId: input.supervisorId ?? null,
      deptHeadId: input.deptHeadId ?? null,
    };
    await ctx.db.put(staff);
    return toStaffView(staff);
  },

  async 'staff.update'(ctx, input) {
    const clinic = await requireClinic(ctx.db);
    const staff = await getStaff(ctx.db, input.id);
    if (!staff || staff.clinic !== clinic.code) throw referenceRefusals.refuse('not_found', 'id', 'noSuchStaff', {}, 'id: no such staff member');
    checkGrant(ctx, clinic, { kind: 'update', target: { id: staff._id, role: staff.role }, role: input.role, pin: input.pin !== null });
    checkDepartment(clinic, input.departmentId, 'departmentId');
    await checkSuperiors(ctx, clinic, staff._id, input);
    if (staff._id === ctx.operator._id && !input.active) {
      throw referenceRefusals.refuse('invalid_input', 'active', 'deactivateSelf', {}, 'active: you cannot deactivate yourself while signed in');
    }
    const now = ctx.now();
    // Someone else setting her PIN is recorded on her record and told to her at her next sign-in.
    const pinResets = input.pin !== null && staff._id !== ctx.operator._id ? [...(staff.pinResets ?? []), { by: ctx.operator._id, at: now.toISOString(), seenAt: null }].slice(-MAX_PIN_RESETS_KEPT) : staff.pinResets;
    const next: StaffDoc = {
      ...touched(staff, ctx.operator, now),
      ...(pinResets ? { pinResets } : {}),
      name: input.name,
      sex: input.sex,
      role: input.role,
      departmentId: input.departmentId,
      active: input.active,
      pinHash: input.pin === null ? staff.pinHash : await hashPin(input.pin),
      staffNumber: input.staffNumber === undefined ? (staff.staffNumber ?? null) : staffNumberOf(input.staffNumber),
      supervisorId: input.supervisorId === undefined ? (staff.supervisorId ?? null) : input.supervisorId,
      deptHeadId: input.deptHeadId === undefined ? (staff.deptHeadId ?? null) : input.deptHeadId,
    };
    await ctx.db.put(next);
    return toStaffView(next);
  },

  async 'operator.signIn'(ctx, input) {
    const staff = await getStaff(ctx.db, input.staffId);
    if (!staff || !staff.active || staff.pinHash === null) {
      throw referenceRefusals.refuse('not_found', 'staffId', 'noPinStaff', {}, 'staffId: no active staff member with a PIN');
    }
    // One check at a time per person, each counted before it runs (src-main/reference/pinGuard.ts):
    // guesses sent in parallel wait their turn, and those after the fifth wrong one meet the lock.
    const signedIn = await onePinCheckAtATime(staff._id, async () => {
      const until = await lockedUntil(ctx.db, staff._id, ctx.now());
      if (until) throw lockedError(until);
      await countAttempt(ctx.db, staff._id, ctx.now());
      if (await verifyPin(input.pin, staff.pinHash)) {
        await afterRightPin(ctx.db, staff._id);
        return true;
      }
      const locked = await afterWrongPin(ctx.db, staff._id, ctx.now());
      // A lock-out ends the person's sessions: whoever was guessing may have been at her window.
      if (locked) ctx.sessions.closeAllOf(staff._id);
      await new Promise((r) => setTimeout(r, WRONG_PIN_DELAY_MS));
      if (locked) throw lockedError(await lockedUntil(ctx.db, staff._id, ctx.now()));
      return false;
    });
    if (!signedIn) throw referenceRefusals.refuse('invalid_input', 'pin', 'wrongPin', {}, 'pin: wrong PIN');
    ctx.sessions.close(ctx.session);
    return { session: ctx.sessions.open(staff._id), operator: toStaffView(staff), pinResets: await pinResetNotice(ctx, staff) };
  },

  async 'operator.signOut'(ctx) {
    ctx.sessions.close(ctx.session);
    return { ok: true as const };
  },
};
