import { ApiError } from '../../shared/errors';
import { newIdTail } from '../../shared/ids';
import { clinicDocs, staffDocs } from '../../shared/reference/docs';
import type { ClinicDoc, Department, StaffDoc } from '../../shared/reference/schemas';
import { defaultDepartments, HEAD_OFFICE_CODE } from '../../shared/reference/schemas';
import type { Handlers } from '../api/types';
import type { HandlerContext, OperatorContext } from '../api/context';
import { staffRefusals } from '../../shared/staff/refusals';
import { staffChangeRefusal, type StaffChange } from '../../shared/reference/grants';
import { newMeta, touched } from '../store/meta';
import { serialised } from '../store/serial';
import type { Db } from '../store/pouch';
import { hashPin, verifyPin } from './pin';
import { afterRightPin, afterWrongPin, countAttempt, lockedUntil, onePinCheckAtATime } from './pinGuard';
import { joinProgress, refuseIfSetUp } from './join';
import { getClinic, getStaff, listStaff, requireClinic, setDeskClinicCode, toClinicView, toStaffView } from './repo';
import { getOrNull } from '../store/get';

type ReferenceOps = 'app.status' | 'clinic.setup' | 'clinic.join' | 'clinic.cancelJoin' | 'clinic.update' | 'staff.list' | 'staff.add' | 'staff.update' | 'operator.signIn' | 'operator.signOut';

/** Sign-in waits this long after a wrong PIN, so guessing is slow even before the lock-out. */
const WRONG_PIN_DELAY_MS = 300;

/** The last resets of a person's PIN kept on her record (older ones stay in CouchDB's history). */
const MAX_PIN_RESETS_KEPT = 20;

/** Refuses a roster change the grant rule (shared/reference/grants.ts) does not allow. */
export function checkGrant(ctx: OperatorContext, clinic: ClinicDoc, change: StaffChange) {
  const refusal = staffChangeRefusal({ id: ctx.operator._id, role: ctx.operator.role, headOffice: clinic.code === HEAD_OFFICE_CODE }, change);
  if (refusal) throw staffRefusals.refuse('forbidden', refusal.field, refusal.rule, refusal.params, refusal.message);
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
  return new ApiError({ code: 'locked', field: 'pin', message: 'pin: too many wrong PINs; try again later', ...(until ? { detail: { until: until.toISOString() } } : {}) });
}

export async function status(ctx: HandlerContext) {
  const clinic = await getClinic(ctx.db);
  return {
    setupDone: clinic !== null,
    joining: await joinProgress(ctx, clinic),
    clinic: clinic ? toClinicView(clinic) : null,
    headOffice: clinic?.code === HEAD_OFFICE_CODE,
    deskId: ctx.deskId,
    operator: ctx.operator ? toStaffView(ctx.operator) : null,
    dataSchemaVersion: ctx.schemaVersion,
  };
}

/** Department ids are stable across renames; known defaults keep their readable ids. */
function departmentsFromNames(names: string[]): Department[] {
  return names.map((name, i) => ({ id: defaultDepartments.find((d) => d.name === name)?.id ?? `dept-${i + 1}`, name, active: true }));
}

function checkDepartment(clinic: ClinicDoc, departmentId: string | null, field: string) {
  if (departmentId !== null && !clinic.departments.some((d) => d.id === departmentId)) {
    throw new ApiError({ code: 'invalid_input', field, message: `${field}: no such department in ${clinic.code}` });
  }
}

/** Departments keep their ids and are never removed: past visits name them (retire with active: false). */
export function checkDepartmentsKept(clinic: ClinicDoc, departments: Department[]) {
  const ids = departments.map((d) => d.id);
  if (new Set(ids).size !== ids.length) throw new ApiError({ code: 'invalid_input', field: 'departments', message: 'departments: ids repeat' });
  const removed = clinic.departments.filter((d) => !ids.includes(d.id));
  if (removed.length) {
    throw new ApiError({ code: 'invalid_input', field: 'departments', message: `departments: ${removed.map((d) => d.name).join(', ')} cannot be removed, only made inactive` });
  }
}

/** Supervisor and department head must be staff of this clinic, and not the person themself. */
async function checkSuperiors(ctx: { db: Db }, clinic: ClinicDoc, selfId: string | null, input: { supervisorId?: string | null | undefined; deptHeadId?: string | null | undefined }) {
  for (const field of ['supervisorId', 'deptHeadId'] as const) {
    const id = input[field];
    if (id === undefined || id === null) continue;
    const boss = await getStaff(ctx.db, id);
    if (!boss || boss.clinic !== clinic.code) throw new ApiError({ code: 'invalid_input', field, message: `${field}: no such staff member` });
    if (id === selfId) throw new ApiError({ code: 'invalid_input', field, message: `${field}: cannot be the person themself` });
  }
}

/** 工号 as typed; an empty one is none. */
function staffNumberOf(value: string | null | undefined): string | null {
  return value ? value : null;
}

/**
 * A new desk's own clinic record and its first person (a clinic's lead, or head office's
 * director), who signs the set-up; written together, after the desk's clinic code.
 */
export async function setUpDocs(code: string, fields: Pick<ClinicDoc, 'name' | 'inHeadOfficeCity' | 'departments'>, person: Pick<StaffDoc, 'name' | 'sex' | 'role'> & { pin: string }, now: Date): Promise<[ClinicDoc, StaffDoc]> {
  const personId = staffDocs.id(code, newIdTail(now));
  const clinic: ClinicDoc = { ...newMeta('clinic', clinicDocs.id(code), code, personId, now), type: 'clinic', code, ...fields, waitAlertMinutes: 15 };
  const first: StaffDoc = {
    ...newMeta('staff', personId, code, personId, now),
    type: 'staff',
    name: person.name,
    sex: person.sex,
    role: person.role,
    departmentId: null,
    active: true,
    pinHash: await hashPin(person.pin),
    staffNumber: null,
    supervisorId: null,
    deptHeadId: null,
  };
  return [clinic, first];
}

export const referenceHandlers: Pick<Handlers, ReferenceOps> = {
  'app.status': status,

  async 'clinic.setup'(ctx, input) {
    // One at a time: two submits at once must not both pass the check below and both write.
    return serialised(ctx.db, async () => {
      if (await getClinic(ctx.db)) throw new ApiError({ code: 'conflict', message: 'this desk is already set up' });
      const code = input.clinic.code;
      const [clinic, lead] = await setUpDocs(code, { ...input.clinic, departments: departmentsFromNames(input.clinic.departments) }, input.lead, ctx.now());
      const existing = await getOrNull<ClinicDoc>(ctx.db, clinic._id);
      if (existing) throw new ApiError({ code: 'conflict', field: 'clinic.code', message: `clinic ${code} already exists in this store` });
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
    if (!staff || staff.clinic !== clinic.code) throw new ApiError({ code: 'not_found', field: 'id', message: 'id: no such staff member' });
    checkGrant(ctx, clinic, { kind: 'update', target: { id: staff._id, role: staff.role }, role: input.role, pin: input.pin !== null });
    checkDepartment(clinic, input.departmentId, 'departmentId');
    await checkSuperiors(ctx, clinic, staff._id, input);
    if (staff._id === ctx.operator._id && !input.active) {
      throw new ApiError({ code: 'invalid_input', field: 'active', message: 'active: you cannot deactivate yourself while signed in' });
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
      throw new ApiError({ code: 'not_found', field: 'staffId', message: 'staffId: no active staff member with a PIN' });
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
    if (!signedIn) throw new ApiError({ code: 'invalid_input', field: 'pin', message: 'pin: wrong PIN' });
    ctx.sessions.close(ctx.session);
    return { session: ctx.sessions.open(staff._id), operator: toStaffView(staff), pinResets: await pinResetNotice(ctx, staff) };
  },

  async 'operator.signOut'(ctx) {
    ctx.sessions.close(ctx.session);
    return { ok: true as const };
  },
};
