import { ApiError, withDetail, type RefusalParams } from '../../shared/errors';
import { newIdTail } from '../../shared/ids';
import { clinicDate } from '../../shared/time';
import { addDays } from '../../shared/appointments/rules';
import type { staffContract } from '../../shared/staff/contract';
import type { AttendanceDay, LeaveView, WeekView } from '../../shared/staff/schemas';
import { awayCountsAsAbsence, cellWindow, fineProposal, rotaWarnings, workMinutes, judgeDay, leaveProblem, OFF, shiftTypeProblems, specialCodes, weekDates, weekProblems, weekStartOf, type FineKind, type PersonRota } from '../../shared/staff/rules';
import { adminRoles, type ClinicDoc, type StaffDoc } from '../../shared/reference/schemas';
import type { Handlers } from '../api/types';
import type { OperatorContext } from '../api/context';
import { serialised } from '../store/serial';
import { newMeta, touched } from '../store/meta';
import { getStaff, listStaff, requireClinic } from '../reference/repo';
import { verifyPin } from '../reference/pin';
import { afterRightPin, afterWrongPin, countAttempt, lockedUntil, onePinCheckAtATime } from '../reference/pinGuard';
import {
  approvedSpans,
  cellsBetween,
  changesBetween,
  finesBetween,
  getSettings,
  leavesOver,
  MAX_LEAVE_DAYS,
  rotaBetween,
  settingsView,
  signsBetween,
  staffIds,
  type AttendanceDoc,
  type LeaveDoc,
  type RotaChangeDoc,
  type RotaDoc,
  type RotaWeekDoc,
  type StaffFineDoc,
  type StaffSettingsDoc,
} from './repo';
import { staffFile } from './file';
import { staffFileXlsx } from './fileXlsx';
import { staffFigures, staffFiguresXlsx } from './figures';
import { staffRefusals, type StaffRule } from '../../shared/staff/refusals';
import { awayBetween, recordHandlers } from './records';
import { cleaningHandlers } from './cleaning';
import { dutyHandlers } from './duty';
import { getOrNull } from '../store/get';

/** A refusal keyed by its rule (`staff.<rule>`, texts in src-renderer/staff/i18n.ts); `message` stays English, for logs. */
function refuse(field: string, rule: StaffRule, params: RefusalParams, message: string, code: 'invalid_input' | 'not_found' | 'conflict' | 'forbidden' = 'invalid_input'): never {
  throw staffRefusals.refuse(code, field, rule, params, `${field}: ${message}`);
}

const problemWords = {
  noRestDay: 'has no rest day this week (每周轮休一天)',
  overlap: 'has a shift that overlaps the one of the day before',
  unknownShift: 'has a shift code the clinic does not have',
} as const;


/** Active staff of the clinic, leads and guides first (the order of the roles), then by name. */
async function people(ctx: OperatorContext, clinic: string): Promise<StaffDoc[]> {
  return (await listStaff(ctx.db, clinic)).filter((s) => s.active).sort((a, b) => a.role.localeCompare(b.role) || a.name.localeCompare(b.name, 'zh-CN'));
}

async function activeStaff(ctx: OperatorContext, clinic: ClinicDoc, id: string): Promise<StaffDoc> {
  const s = await getStaff(ctx.db, id);
  if (!s || s.clinic !== clinic.code || !s.active) refuse('staffId', 'noSuchStaff', {}, 'no active staff member of this clinic', 'not_found');
  return s;
}

async function weekView(ctx: OperatorContext, clinic: ClinicDoc, monday: string): Promise<WeekView> {
  const dates = weekDates(monday);
  const sunday = dates[6]!;
  // The whole months the week touches: their rest days are taken within the month (假期當月輪休完畢).
  const monthEnd = addDays(`${addDays(`${sunday.slice(0, 7)}-28`, 4).slice(0, 7)}-01`, -1);
  const [staff, rota, settings, leaves, published, changes] = await Promise.all([
    people(ctx, clinic.code),
    rotaBetween(ctx.db, clinic.code, addDays(`${monday.slice(0, 7)}-01`, -1), monthEnd),
    getSettings(ctx.db, clinic.code),
    leavesOver(ctx.db, clinic.code, monday, sunday),
    getOrNull<RotaWeekDoc>(ctx.db, staffIds.week(clinic.code, monday)),
    changesBetween(ctx.db, clinic.code, monday, sunday),
  ]);
  const names = new Map(staff.map((s) => [s._id, s.name]));
  const approved = leaves.filter((l) => l.status === 'approved');
  const awayOn = (staffId: string, date: string) =>
    approved.find((l) => l.staffId === staffId && clinicDate(l.from) <= date && clinicDate(new Date(Date.parse(l.to) - 1)) >= date)?.kind ?? null;
  const onRota = new Map([...rota].filter(([id]) => names.has(id)));
  return {
    weekStart: monday,
    dates,
    published: published ? { at: published.createdAt, by: names.get(published.createdBy) ?? published.createdBy } : null,
    staff: staff.map((s) => ({
      staffId: s._id,
      name: s.name,
      role: s.role,
      cells: dates.map((date) => ({ date, code: rota.get(s._id)?.get(date) ?? OFF, leave: awayOn(s._id, date) })),
      minutes: dates.reduce((m, date) => m + workMinutes(rota.get(s._id)?.get(date) ?? OFF, date, settings.shiftTypes, settings), 0),
    })),
    problems: weekProblems(monday, onRota, settings.shiftTypes, settings).map((p) => ({ staffId: p.staffId, date: 'date' in p ? p.date : null, problem: p.problem })),
    warnings: rotaWarnings(monday, onRota, settings.shiftTypes, settings),
    changes: changes
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map((c) => ({ date: c.date, staffId: c.staffId, name: names.get(c.staffId) ?? c.staffId, fromCode: c.fromCode, toCode: c.toCode, reason: c.reason, by: names.get(c.createdBy) ?? c.createdBy, at: c.createdAt })),
  };
}

/** Writes a rota cell (new or changed); none when it holds that code already. */
async function putCell(ctx: OperatorContext, clinic: string, date: string, staffId: string, code: string, now: Date): Promise<RotaDoc | null> {
  const id = staffIds.cell(clinic, date, staffId);
  const existing = await getOrNull<RotaDoc>(ctx.db, id);
  if (existing?.code === code) return null;
  const doc: RotaDoc = existing ? { ...touched(existing, ctx.operator, now), code } : { ...newMeta('rota', id, clinic, ctx.operator._id, now), type: 'rota', date, staffId, code };
  await ctx.db.put(doc);
  return doc;
}

function leaveView(l: LeaveDoc, names: Map<string, string>): LeaveView {
  return {
    id: l._id,
    staffId: l.staffId,
    name: names.get(l.staffId) ?? l.staffId,
    kind: l.kind,
    from: l.from,
    to: l.to,
    reason: l.reason,
    emergency: l.emergency,
    status: l.status,
    requestedBy: names.get(l.createdBy) ?? l.createdBy,
    requestedAt: l.createdAt,
    decidedBy: l.decidedBy ? (names.get(l.decidedBy) ?? l.decidedBy) : null,
    decidedAt: l.decidedAt,
    note: l.note,
  };
}

const staffNames = async (ctx: OperatorContext, clinic: string) => new Map((await listStaff(ctx.db, clinic)).map((s) => [s._id, s.name]));

/**
 * The person's own PIN, checked like the operator's sign-in (one check at a time, counted, 5
 * wrong ones lock her out): a sign-in (签到) is never made by someone else (seed 003: 嚴禁他人代簽).
 */
async function checkOwnPin(ctx: OperatorContext, s: StaffDoc, pin: string): Promise<void> {
  if (s.pinHash === null) refuse('staffId', 'noPin', { name: s.name }, `${s.name} has no PIN: a lead sets one first`);
  const ok = await onePinCheckAtATime(s._id, async () => {
    const until = await lockedUntil(ctx.db, s._id, ctx.now());
    if (until) throw new ApiError({ code: 'locked', field: 'pin', message: 'pin: too many wrong PINs; try again later', detail: { until: until.toISOString() } });
    await countAttempt(ctx.db, s._id, ctx.now());
    if (await verifyPin(pin, s.pinHash)) {
      await afterRightPin(ctx.db, s._id);
      return true;
    }
    if (await afterWrongPin(ctx.db, s._id, ctx.now())) ctx.sessions.closeAllOf(s._id);
    return false;
  });
  if (!ok) refuse('pin', 'notOwnPin', { name: s.name }, `not ${s.name}'s PIN (签到 only with one's own PIN)`);
}

/** Each person's judged day: her cell, sign-ins, the fines proposed and decided. */
async function attendanceDay(ctx: OperatorContext, clinic: ClinicDoc, date: string): Promise<AttendanceDay> {
  const monthStart = `${date.slice(0, 8)}01`;
  const [staff, rota, settings, leaves, signs, fines, aways] = await Promise.all([
    people(ctx, clinic.code),
    rotaBetween(ctx.db, clinic.code, monthStart, date),
    getSettings(ctx.db, clinic.code),
    leavesOver(ctx.db, clinic.code, monthStart, date),
    signsBetween(ctx.db, clinic.code, monthStart, addDays(date, 1)),
    finesBetween(ctx.db, clinic.code, date, date),
    awayBetween(ctx.db, clinic.code, monthStart, date),
  ]);
  const names = new Map(staff.map((s) => [s._id, s.name]));
  const now = ctx.now();
  const spans = approvedSpans(leaves);
  const judge = (staffId: string, cells: PersonRota | undefined, d: string) => {
    const code = cells?.get(d) ?? OFF;
    const w = cellWindow(code, d, settings.shiftTypes, settings);
    const onLeave = !!w && spans.some((l) => l.staffId === staffId && Date.parse(l.from) < Date.parse(w.end) && Date.parse(l.to) > Date.parse(w.start));
    const mine = signs.filter((x) => x.staffId === staffId);
    return { code, w, mine, ...judgeDay(w, mine, onLeave, now, settings.graceMinutes) };
  };
  const rows = staff.flatMap((s) => {
    const cells = rota.get(s._id);
    const day = judge(s._id, cells, date);
    const signsOfDay = day.mine.filter((x) => clinicDate(x.at) === date || (day.w && x.at >= day.w.start && x.at <= day.w.end));
    // 离岗 (seed 003: 不得私自脫崗、10分鐘,須向部門負責人請示,同意前方可離崗,否則視為曠工,按曠工半日處理).
    const myAways = aways.filter((a) => a.staffId === s._id).sort((a, b) => a.from.localeCompare(b.from));
    const awayToday = myAways.filter((a) => clinicDate(a.from) === date);
    if (!day.w && !signsOfDay.length && !awayToday.length) return [];
    // Latenesses earlier this month (按月計算,跨月不累計) decide the amount of today's.
    // Their dates go on the lateness's 员工过失处罚单 (issue 19).
    const lateDays: string[] = [];
    for (let d = monthStart; d < date; d = addDays(d, 1)) if (judge(s._id, cells, d).lateMinutes > 0) lateDays.push(d);
    const earlier = lateDays.length;
    const proposed: { kind: FineKind; minutes: number }[] = [];
    if (day.state === 'present' && day.lateMinutes > 0) proposed.push({ kind: 'late', minutes: day.lateMinutes });
    if (day.state === 'present' && day.earlyMinutes > 0) proposed.push({ kind: 'early', minutes: day.earlyMinutes });
    if (day.state === 'absent') proposed.push({ kind: 'absent', minutes: 0 });
    // One `away` fine a day: the minutes of the day's unagreed times away; the how-manieth day of this month.
    const unagreed = awayToday.filter((a) => awayCountsAsAbsence(a));
    const awayDays = [...new Set(myAways.filter((a) => awayCountsAsAbsence(a)).map((a) => clinicDate(a.from)))].filter((d) => d < date);
    if (unagreed.length) proposed.push({ kind: 'away', minutes: unagreed.reduce((m, a) => m + Math.round((Date.parse(a.to) - Date.parse(a.from)) / 60_000), 0) });
    const decided = fines.filter((f) => f.staffId === s._id);
    const fineRows = [
      ...proposed.map((p) => {
        const f = decided.find((x) => x.kind === p.kind);
        const proposedYuan = fineProposal(p.kind, p.kind === 'late' ? earlier : 0, settings);
        const before = p.kind === 'late' ? lateDays : p.kind === 'away' ? awayDays : [];
        return { kind: p.kind, minutes: p.minutes, occurrence: p.kind === 'late' || p.kind === 'away' ? before.length + 1 : 1, earlier: before, proposedYuan, status: f ? f.status : ('proposed' as const), amountYuan: f ? f.amountYuan : null, decidedBy: f?.createdBy ?? null, note: f?.note ?? '' };
      }),
      // A decision stays in view even if a later sign-in changed the day's facts.
      ...decided.filter((f) => !proposed.some((p) => p.kind === f.kind)).map((f) => ({ kind: f.kind, minutes: f.minutes, occurrence: 1, earlier: [], proposedYuan: null, status: f.status, amountYuan: f.amountYuan, decidedBy: f.createdBy, note: f.note })),
    ];
    return [
      {
        staffId: s._id,
        name: s.name,
        role: s.role,
        code: day.code,
        start: day.w?.start ?? null,
        end: day.w?.end ?? null,
        state: day.state,
        lateMinutes: day.lateMinutes,
        earlyMinutes: day.earlyMinutes,
        signs: signsOfDay.map((x) => ({ kind: x.kind, at: x.at, deskId: x.deskId })),
        away: awayToday.map((a) => ({ id: a._id, from: a.from, to: a.to, minutes: Math.round((Date.parse(a.to) - Date.parse(a.from)) / 60_000), reason: a.reason, agreedBy: a.agreedBy ? (names.get(a.agreedBy) ?? a.agreedBy) : null, halfDayAbsence: awayCountsAsAbsence(a) })),
        fines: fineRows,
      },
    ];
  });
  for (const r of rows) for (const f of r.fines) if (f.decidedBy) f.decidedBy = names.get(f.decidedBy) ?? f.decidedBy;
  return { date, rows };
}

export const staffHandlers: Pick<Handlers, keyof typeof staffContract> = {
  ...dutyHandlers,

  async 'rota.settings'(ctx) {
    const clinic = await requireClinic(ctx.db);
    return settingsView(await getSettings(ctx.db, clinic.code));
  },

  async 'rota.saveSettings'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const p = shiftTypeProblems(input.shiftTypes)[0];
      if (p) throw staffRefusals.refuse('invalid_input', p.field, 'shiftTypeBad', { problem: p.problem }, `${p.field}: ${p.problem}`);
      const current = await getSettings(ctx.db, clinic.code);
      const now = ctx.now();
      // Other shift types than the current ones are a new version, the clinic's own.
      const changed = JSON.stringify(current.shiftTypes) !== JSON.stringify(input.shiftTypes);
      // `shiftTypesAt`: when these shift types were written (a roll-out of the same version written later wins; repo.ts).
      const version = changed
        ? { shiftTypesVersion: current.shiftTypesVersion + 1, shiftTypesBy: 'clinic' as const, shiftTypesAt: now.toISOString() }
        : { shiftTypesVersion: current.shiftTypesVersion, shiftTypesBy: current.shiftTypesByHeadOffice && current.doc ? ('headoffice' as const) : ('clinic' as const), shiftTypesAt: current.rollout?.createdAt ?? current.doc?.shiftTypesAt ?? current.doc?.updatedAt ?? now.toISOString() };
      const doc: StaffSettingsDoc = current.doc
        ? { ...touched(current.doc, ctx.operator, now), ...input, weeklyHoursLimit: input.weeklyHoursLimit === undefined ? current.weeklyHoursLimit : input.weeklyHoursLimit, ...version }
        : { ...newMeta('staff-settings', staffIds.settings(clinic.code), clinic.code, ctx.operator._id, now), type: 'staff-settings', ...input, weeklyHoursLimit: input.weeklyHoursLimit ?? null, ...version };
      await ctx.db.put(doc);
      return settingsView(await getSettings(ctx.db, clinic.code));
    });
  },

  async 'rota.week'(ctx, input) {
    const clinic = await requireClinic(ctx.db);
    return weekView(ctx, clinic, input.weekStart);
  },

  async 'rota.set'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const now = ctx.now();
      if (input.date < clinicDate(now)) refuse('date', 'pastDay', { date: input.date }, `${input.date} is a past day: its rota is kept as it was`);
      const s = await activeStaff(ctx, clinic, input.staffId);
      const settings = await getSettings(ctx.db, clinic.code);
      if (!(specialCodes as readonly string[]).includes(input.code) && !settings.shiftTypes.some((t) => t.code === input.code)) refuse('code', 'unknownShift', { code: input.code }, `${input.code} is not one of the clinic's shift types`);
      const rota = await rotaBetween(ctx.db, clinic.code, addDays(input.date, -1), addDays(input.date, 1));
      const cells = new Map(rota.get(s._id) ?? []);
      const before = cells.get(input.date) ?? OFF;
      cells.set(input.date, input.code);
      const win = (d: string) => cellWindow(cells.get(d) ?? OFF, d, settings.shiftTypes, settings);
      for (const [a, b] of [[addDays(input.date, -1), input.date], [input.date, addDays(input.date, 1)]] as const) {
        const wa = win(a);
        const wb = win(b);
        if (wa && wb && Date.parse(wa.end) > Date.parse(wb.start)) refuse('code', 'shiftOverlap', { name: s.name, date: a === input.date ? b : a }, `${s.name}'s shift would overlap the one of ${a === input.date ? b : a}`);
      }
      const monday = weekStartOf(input.date);
      const published = await getOrNull(ctx.db, staffIds.week(clinic.code, monday));
      if (before !== input.code) {
        if (published) {
          // 人员调班: a change to a published rota is kept as its own record.
          const change: RotaChangeDoc = {
            ...newMeta('rota-change', staffIds.change(clinic.code, input.date, newIdTail(now)), clinic.code, ctx.operator._id, now),
            type: 'rota-change',
            date: input.date,
            staffId: s._id,
            fromCode: before,
            toCode: input.code,
            reason: input.reason ?? '',
          };
          const cellId = staffIds.cell(clinic.code, input.date, s._id);
          const existing = await getOrNull<RotaDoc>(ctx.db, cellId);
          const cell: RotaDoc = existing ? { ...touched(existing, ctx.operator, now), code: input.code } : { ...newMeta('rota', cellId, clinic.code, ctx.operator._id, now), type: 'rota', date: input.date, staffId: s._id, code: input.code };
          await ctx.db.bulkDocs([cell, change]);
        } else await putCell(ctx, clinic.code, input.date, s._id, input.code, now);
      }
      return weekView(ctx, clinic, monday);
    });
  },

  async 'rota.copyWeek'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const now = ctx.now();
      if (input.to === input.from) refuse('to', 'sameWeek', {}, 'the same week');
      if (addDays(input.to, 6) < clinicDate(now)) refuse('to', 'pastWeek', {}, 'a past week: its rota is kept as it was');
      if (await getOrNull(ctx.db, staffIds.week(clinic.code, input.to))) refuse('to', 'weekPublished', {}, 'this week is published: change it cell by cell (人员调班)', 'conflict');
      const active = new Set((await people(ctx, clinic.code)).map((s) => s._id));
      const source = (await cellsBetween(ctx.db, clinic.code, input.from, addDays(input.from, 6))).filter((c) => active.has(c.staffId));
      if (!source.length) refuse('from', 'nothingToCopy', {}, 'that week has no rota to copy');
      const shift = (Date.parse(input.to) - Date.parse(input.from)) / 86_400_000;
      const today = clinicDate(now);
      const docs: RotaDoc[] = [];
      for (const c of source) {
        const date = addDays(c.date, shift);
        if (date < today) continue; // days of this week already gone stay as they were
        const id = staffIds.cell(clinic.code, date, c.staffId);
        const existing = await getOrNull<RotaDoc>(ctx.db, id);
        if (existing?.code === c.code) continue;
        docs.push(existing ? { ...touched(existing, ctx.operator, now), code: c.code } : { ...newMeta('rota', id, clinic.code, ctx.operator._id, now), type: 'rota', date, staffId: c.staffId, code: c.code });
      }
      if (docs.length) await ctx.db.bulkDocs(docs);
      return weekView(ctx, clinic, input.to);
    });
  },

  async 'rota.publish'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const id = staffIds.week(clinic.code, input.weekStart);
      if (await getOrNull(ctx.db, id)) refuse('weekStart', 'alreadyPublished', {}, 'this week is already published', 'conflict');
      const view = await weekView(ctx, clinic, input.weekStart);
      if (!view.staff.some((s) => s.cells.some((c) => c.code !== OFF))) refuse('weekStart', 'emptyWeek', {}, 'this week has no rota yet');
      const p = view.problems[0];
      if (p) {
        const name = view.staff.find((s) => s.staffId === p.staffId)?.name ?? p.staffId;
        const refused = staffRefusals.refuse('invalid_input', 'weekStart', 'weekProblem', { name, problem: p.problem, date: p.date ?? '' }, `weekStart: ${name} ${problemWords[p.problem as keyof typeof problemWords] ?? p.problem}${p.date ? ` (${p.date})` : ''}`);
        throw withDetail(refused, { problems: view.problems.map((x) => `${x.staffId} ${x.date ?? ''} ${x.problem}`).join('; ') });
      }
      const doc: RotaWeekDoc = { ...newMeta('rota-week', id, clinic.code, ctx.operator._id, ctx.now()), type: 'rota-week', weekStart: input.weekStart };
      await ctx.db.put(doc);
      return weekView(ctx, clinic, input.weekStart);
    });
  },

  async 'leave.request'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const s = await activeStaff(ctx, clinic, input.staffId);
      // A person asks for her own leave; a lead may enter it for someone (the emergency phone call).
      if (s._id !== ctx.operator._id && !adminRoles.includes(ctx.operator.role)) refuse('staffId', 'ownLeaveOnly', {}, 'one asks for one\'s own leave (a lead may enter it for someone)', 'forbidden');
      const now = ctx.now();
      const settings = await getSettings(ctx.db, clinic.code);
      const p = leaveProblem(input, now, settings);
      if (p) {
        if (p.problem === 'endsBeforeStart') refuse(p.field, 'leaveReversed', {}, 'the leave ends before it starts');
        refuse(p.field, 'leaveNotice', { hours: settings.personalLeaveNoticeHours }, `a personal leave (事假) is asked for ${settings.personalLeaveNoticeHours} h ahead, or marked an emergency`);
      }
      if (Date.parse(input.to) - Date.parse(input.from) > MAX_LEAVE_DAYS * 86_400_000) refuse('to', 'leaveTooLong', { days: MAX_LEAVE_DAYS }, `at most ${MAX_LEAVE_DAYS} days in one request`);
      const from = new Date(input.from).toISOString();
      const to = new Date(input.to).toISOString();
      const doc: LeaveDoc = {
        ...newMeta('leave', staffIds.leave(clinic.code, clinicDate(from), newIdTail(now)), clinic.code, ctx.operator._id, now),
        type: 'leave',
        staffId: s._id,
        kind: input.kind,
        from,
        to,
        reason: input.reason,
        emergency: input.emergency,
        status: 'requested',
        decidedBy: null,
        decidedAt: null,
        note: '',
      };
      await ctx.db.put(doc);
      return leaveView(doc, await staffNames(ctx, clinic.code));
    });
  },

  async 'leave.decide'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const l = await getOrNull<LeaveDoc>(ctx.db, input.leaveId);
      if (!l || l.type !== 'leave' || l.clinic !== clinic.code) refuse('leaveId', 'noSuchLeave', {}, 'no such leave request', 'not_found');
      if (l.status !== 'requested') refuse('leaveId', 'leaveDecided', {}, `already ${l.status}`, 'conflict');
      if (l.staffId === ctx.operator._id) refuse('leaveId', 'ownLeaveDecision', {}, 'one does not decide one\'s own leave', 'forbidden');
      const now = ctx.now();
      const doc: LeaveDoc = { ...touched(l, ctx.operator, now), status: input.approve ? 'approved' : 'refused', decidedBy: ctx.operator._id, decidedAt: now.toISOString(), note: input.note };
      await ctx.db.put(doc);
      return leaveView(doc, await staffNames(ctx, clinic.code));
    });
  },

  async 'leave.list'(ctx, input) {
    const clinic = await requireClinic(ctx.db);
    if (input.to < input.from) refuse('to', 'spanReversed', {}, 'before from');
    if (Date.parse(input.to) - Date.parse(input.from) > 366 * 86_400_000) refuse('to', 'spanTooLong', {}, 'at most a year at a time');
    const [leaves, names] = await Promise.all([leavesOver(ctx.db, clinic.code, input.from, input.to), staffNames(ctx, clinic.code)]);
    // A colleague sees who is away and when, not why (a sick leave's reason is the person's): leads and the person herself do.
    const mayRead = (l: LeaveDoc) => adminRoles.includes(ctx.operator.role) || l.staffId === ctx.operator._id;
    return leaves
      .filter((l) => clinicDate(l.from) <= input.to)
      .sort((a, b) => a.from.localeCompare(b.from))
      .map((l) => ({ ...leaveView(l, names), ...(mayRead(l) ? {} : { reason: '', note: '' }) }));
  },

  async 'attendance.sign'(ctx, input) {
    const clinic = await requireClinic(ctx.db);
    const s = await activeStaff(ctx, clinic, input.staffId);
    await checkOwnPin(ctx, s, input.pin);
    return serialised(ctx.db, async () => {
      const now = ctx.now();
      const date = clinicDate(now);
      const mine = (await signsBetween(ctx.db, clinic.code, addDays(date, -1), date)).filter((x) => x.staffId === s._id).sort((a, b) => a.at.localeCompare(b.at));
      const last = mine[mine.length - 1];
      if (input.kind === 'in' && last?.kind === 'in' && clinicDate(last.at) === date) refuse('kind', 'signedInAlready', { name: s.name }, `${s.name} has signed in already today`, 'conflict');
      if (input.kind === 'out' && last?.kind !== 'in') refuse('kind', 'notSignedIn', { name: s.name }, `${s.name} has not signed in`, 'conflict');
      const doc: AttendanceDoc = { ...newMeta('attendance', staffIds.sign(clinic.code, date, newIdTail(now)), clinic.code, ctx.operator._id, now), type: 'attendance', staffId: s._id, kind: input.kind, at: now.toISOString(), deskId: ctx.deskId };
      await ctx.db.put(doc);
      const day = await attendanceDay(ctx, clinic, date);
      const row = day.rows.find((r) => r.staffId === s._id);
      return { id: doc._id, staffId: s._id, name: s.name, kind: doc.kind, at: doc.at, deskId: doc.deskId, lateMinutes: input.kind === 'in' ? (row?.lateMinutes ?? 0) : 0 };
    });
  },

  async 'attendance.day'(ctx, input) {
    const clinic = await requireClinic(ctx.db);
    return attendanceDay(ctx, clinic, input.date ?? clinicDate(ctx.now()));
  },

  async 'attendance.decideFine'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const s = await activeStaff(ctx, clinic, input.staffId);
      if (s._id === ctx.operator._id) refuse('staffId', 'ownFineDecision', {}, 'one does not decide one\'s own fine', 'forbidden');
      const day = await attendanceDay(ctx, clinic, input.date);
      const fine = day.rows.find((r) => r.staffId === s._id)?.fines.find((f) => f.kind === input.kind);
      if (!fine) refuse('kind', 'noFineProposed', { name: s.name, date: input.date }, `no ${input.kind} fine is proposed for ${s.name} on ${input.date}`);
      if (fine.status !== 'proposed') refuse('kind', 'fineDecided', {}, `already ${fine.status}`, 'conflict');
      const amountYuan = input.confirm ? (input.amountYuan ?? fine.proposedYuan) : null;
      if (input.confirm && amountYuan === null) refuse('amountYuan', 'absenceAmount', {}, 'the amount of an absence (雙倍底薪) is entered by the lead');
      const doc: StaffFineDoc = {
        ...newMeta('staff-fine', staffIds.fine(clinic.code, input.date, s._id, input.kind), clinic.code, ctx.operator._id, ctx.now()),
        type: 'staff-fine',
        date: input.date,
        staffId: s._id,
        kind: input.kind,
        minutes: fine.minutes,
        status: input.confirm ? 'confirmed' : 'waived',
        amountYuan,
        note: input.note,
      };
      await ctx.db.put(doc);
      return attendanceDay(ctx, clinic, input.date);
    });
  },

  'staffFile.get'(ctx, input) {
    return staffFile(ctx, input);
  },
  async 'staffFile.xlsx'(ctx, input) {
    return staffFileXlsx(await staffFile(ctx, input), ctx.operator.name, ctx.now());
  },
  'attendance.figures'(ctx, input) {
    return staffFigures(ctx.db, input, ctx.now());
  },
  async 'attendance.figuresXlsx'(ctx, input) {
    return staffFiguresXlsx(await staffFigures(ctx.db, input, ctx.now()), input.clinic, ctx.operator.name, ctx.now());
  },
  ...recordHandlers,
  ...cleaningHandlers,
};
