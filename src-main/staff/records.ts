import { shiftRolloutDocs, staffAwayDocs, staffMeetingDocs, trainingDocs } from '../../shared/staff/docs';
import type { recordEdits } from '../../shared/staff/docSchemas';
import type { DocMeta } from '../../shared/doc';
import { newIdTail } from '../../shared/ids';
import { addDays, clinicDate } from '../../shared/time';
import { AWAY_LIMIT_MINUTES, awayCountsAsAbsence, shiftTypeProblems } from '../../shared/staff/rules';
import { staffRefusals } from '../../shared/staff/refusals';
import type { AwayView, MeetingsView, TrainingView } from '../../shared/staff/schemas';
import { adminRoles, type ClinicDoc, type StaffDoc } from '../../shared/reference/schemas';
import type { Handlers } from '../api/types';
import type { OperatorContext } from '../api/context';
import type { Db } from '../store/pouch';
import { serialised } from '../store/serial';
import { newMeta, touched } from '../store/meta';
import { listStaff, requireClinic } from '../reference/repo';
import { inClinicDb, pulledClinic, requirePulledClinic } from '../headoffice/online';
import { changesBetween, finesBetween, getSettings, settingsView, type ShiftRolloutDoc, type StaffFineDoc } from './repo';
import type { z } from 'zod';
import type * as docs from '../../shared/staff/docSchemas';

/**
 * The second round of issue 15: head office's roll-out of shift types, 人员调班 for the handover
 * log, the away-from-post log (离岗), meetings (每周例会, 服务质量分析会) and training (培训与考核).
 */
type Ops = 'rota.rollOutShiftTypes' | 'rota.clinicShiftTypes' | 'rota.changes' | 'away.log' | 'away.list' | 'meeting.save' | 'meeting.edit' | 'meeting.list' | 'training.save' | 'training.edit' | 'training.list';

export type AwayDoc = z.infer<typeof docs.awayDoc>;
export type MeetingDoc = z.infer<typeof docs.meetingDoc>;
export type TrainingDoc = z.infer<typeof docs.trainingDoc>;
/** One correction of a record by a lead: each changed field's old and new value. */
export type RecordEdit = z.infer<typeof recordEdits>[number];
type Json = RecordEdit['changes'][number]['from'];

export const recordIds = {
  away: staffAwayDocs.id,
  meeting: staffMeetingDocs.id,
  training: trainingDocs.id,
};


async function prefixed<T>(db: Db, prefix: string, from = '', to = '\ufff0'): Promise<T[]> {
  const res = await db.allDocs<T & object>({ include_docs: true, startkey: `${prefix}${from}`, endkey: `${prefix}${to}\ufff0` });
  return res.rows.flatMap((r) => (r.doc ? [r.doc as T] : []));
}
export const awayBetween = (db: Db, clinic: string, from: string, to: string) => prefixed<AwayDoc>(db, `staff-away:${clinic}:`, from, to);
export const trainingsBetween = (db: Db, clinic: string, from: string, to: string) => prefixed<TrainingDoc>(db, `training:${clinic}:`, from, to);
export const meetingsOf = (db: Db, clinic: string, kind: string) => prefixed<MeetingDoc>(db, `staff-meeting:${clinic}:${kind}:`);
export const meetingsBetween = async (db: Db, clinic: string, from: string, to: string) =>
  (await prefixed<MeetingDoc>(db, `staff-meeting:${clinic}:`)).filter((m) => m.date >= from && m.date <= to);

function checkSpan(input: { from: string; to: string }) {
  if (input.to < input.from) throw staffRefusals.refuse('invalid_input', 'to', 'spanReversed');
  if (Date.parse(input.to) - Date.parse(input.from) > 366 * 86_400_000) throw staffRefusals.refuse('invalid_input', 'to', 'spanTooLong');
}

/** The clinic's active people, by id; `field` names the input that named someone else. */
async function activePeople(ctx: OperatorContext, clinic: ClinicDoc): Promise<Map<string, StaffDoc>> {
  return new Map((await listStaff(ctx.db, clinic.code)).filter((s) => s.active).map((s) => [s._id, s]));
}
function requirePerson(people: Map<string, StaffDoc>, id: string, field: string): StaffDoc {
  const s = people.get(id);
  if (!s) throw staffRefusals.refuse('not_found', field, 'noSuchStaff');
  return s;
}
function once(ids: string[], field: string) {
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i) throw staffRefusals.refuse('invalid_input', `${field}.${i}`, 'listedTwice');
  });
}
const nameOf = (names: Map<string, string>, id: string) => names.get(id) ?? id;
const allNames = async (ctx: OperatorContext, clinic: string) => new Map((await listStaff(ctx.db, clinic)).map((s) => [s._id, s.name]));

/** A 离岗 with its judgement and its day's `away` fine (`fines`: the decisions of its day). */
function awayView(d: AwayDoc, names: Map<string, string>, fines: StaffFineDoc[]): AwayView {
  const halfDayAbsence = awayCountsAsAbsence(d);
  const date = clinicDate(d.from);
  const decided = fines.find((f) => f.kind === 'away' && f.staffId === d.staffId && f.date === date);
  return {
    id: d._id,
    staffId: d.staffId,
    name: nameOf(names, d.staffId),
    from: d.from,
    to: d.to,
    minutes: Math.round((Date.parse(d.to) - Date.parse(d.from)) / 60_000),
    reason: d.reason,
    loggedBy: nameOf(names, d.createdBy),
    at: d.createdAt,
    agreedBy: d.agreedBy ? nameOf(names, d.agreedBy) : null,
    agreedAt: d.agreedAt ?? null,
    halfDayAbsence,
    fine: decided ? { status: decided.status, amountYuan: decided.amountYuan, decidedBy: nameOf(names, decided.createdBy) } : halfDayAbsence ? { status: 'proposed', amountYuan: null, decidedBy: null } : null,
  };
}

/**
 * The head's agreement to a 离岗 checked (seed 003: 須向部門負責人請示,同意前方可離崗): both who and
 * when, by a lead who is not the person herself, given before she left, and recorded by a lead.
 */
function checkAgreement(ctx: OperatorContext, people: Map<string, StaffDoc>, input: { staffId: string; from: string; agreedBy?: string | null | undefined; agreedAt?: string | null | undefined }) {
  const by = input.agreedBy ?? null;
  const at = input.agreedAt ?? null;
  if (by === null && at === null) return null;
  if (by === null) throw staffRefusals.refuse('invalid_input', 'agreedBy', 'agreeIncomplete');
  if (at === null) throw staffRefusals.refuse('invalid_input', 'agreedAt', 'agreeIncomplete');
  if (!adminRoles.includes(ctx.operator.role)) throw staffRefusals.refuse('forbidden', 'agreedBy', 'agreeByLeadOnly');
  const lead = requirePerson(people, by, 'agreedBy');
  if (lead._id === input.staffId) throw staffRefusals.refuse('invalid_input', 'agreedBy', 'agreeOwn');
  if (!adminRoles.includes(lead.role)) throw staffRefusals.refuse('invalid_input', 'agreedBy', 'agreeNotLead', { name: lead.name });
  if (Date.parse(at) > Date.parse(input.from)) throw staffRefusals.refuse('invalid_input', 'agreedAt', 'agreeAfterLeaving');
  return { agreedBy: lead._id, agreedAt: new Date(at).toISOString() };
}

/** The fields of `next` that differ from `current`, with the old value kept. */
function diffFields<T extends object>(current: T, next: T, fields: (keyof T & string)[]) {
  return fields.filter((f) => JSON.stringify(current[f]) !== JSON.stringify(next[f])).map((f) => ({ field: f, from: current[f] as Json, to: next[f] as Json }));
}

/**
 * Writes a lead's correction of a record read at `rev`: refused when another edit came first
 * (`rev`, conflict) or nothing differs (`id`); the record and its history are one document, so
 * both change together or not at all.
 */
export async function writeEdit<T extends DocMeta & { edits?: RecordEdit[] }>(ctx: OperatorContext, current: T, rev: string, next: T, fields: (keyof T & string)[], now: Date): Promise<T> {
  if (current._rev !== rev) throw staffRefusals.refuse('conflict', 'rev', 'staleVersion');
  const changes = diffFields(current, next, fields);
  if (!changes.length) throw staffRefusals.refuse('invalid_input', 'id', 'nothingChanged');
  const doc: T = { ...touched(next, ctx.operator, now), _rev: current._rev, edits: [...(current.edits ?? []), { by: ctx.operator._id, at: now.toISOString(), changes }] };
  try {
    const res = await ctx.db.put(doc);
    return { ...doc, _rev: res.rev };
  } catch (err) {
    if ((err as { status?: number }).status === 409) throw staffRefusals.refuse('conflict', 'rev', 'staleVersion');
    throw err;
  }
}

/** A stored value as text for the history: names for staff ids, one line per list entry. */
function shownValue(field: string, v: unknown, names: Map<string, string>, whatOf: (id: string) => string): string {
  if (!Array.isArray(v)) return v === null || v === undefined ? '—' : String(v);
  const items = v as unknown[];
  const line = (x: unknown): string => {
    if (typeof x === 'string') return field === 'attendees' ? nameOf(names, x) : x;
    const o = x as Record<string, unknown>;
    if (field === 'actions') return `${String(o.what)} · ${nameOf(names, String(o.ownerId))} · ${String(o.due)}`;
    if (field === 'followUps') return `${whatOf(String(o.actionId))} · ${o.done ? '✓' : '…'}${o.note ? ` · ${String(o.note)}` : ''}`;
    if (field === 'attendees' && typeof o.staffId === 'string') return `${nameOf(names, o.staffId)} ${o.score === null ? '—' : String(o.score)}`;
    if (field === 'items') return `${whatOf(String(o.areaId))} · ${o.done ? '✓' : '✗'}${o.note ? ` · ${String(o.note)}` : ''}`;
    return JSON.stringify(o);
  };
  return items.length ? items.map(line).join('\n') : '—';
}
export function editsView(edits: RecordEdit[] | undefined, names: Map<string, string>, whatOf: (id: string) => string = (x) => x) {
  return (edits ?? []).map((e) => ({
    by: nameOf(names, e.by),
    at: e.at,
    changes: e.changes.map((c) => ({ field: c.field, from: shownValue(c.field, c.from, names, whatOf), to: shownValue(c.field, c.to, names, whatOf) })),
    ...(e.notKept ? { notKept: true as const } : {}),
  }));
}

const actionId = (meetingId: string, i: number) => `${meetingId}#${i}`;

type Minutes = { kind: 'weekly' | 'quality'; date: string; attendees: string[]; actions: { ownerId: string; due: string }[]; followUps: { actionId: string }[] };
/** The minutes' people, due dates and follow-ups (of actions open in `earlier`, meetings of the same kind before this one). */
async function checkMinutes(ctx: OperatorContext, clinic: ClinicDoc, input: Minutes, earlier: MeetingDoc[], names: Map<string, string>) {
  const people = await activePeople(ctx, clinic);
  input.attendees.forEach((id, i) => requirePerson(people, id, `attendees.${i}`));
  once(input.attendees, 'attendees');
  input.actions.forEach((a, i) => {
    requirePerson(people, a.ownerId, `actions.${i}.ownerId`);
    if (a.due < input.date) throw staffRefusals.refuse('invalid_input', `actions.${i}.due`, 'dueBeforeMeeting');
  });
  const open = new Set(meetingsView(earlier, names).open.map((a) => a.id));
  input.followUps.forEach((f, i) => {
    if (!open.has(f.actionId)) throw staffRefusals.refuse('invalid_input', `followUps.${i}.actionId`, 'notOpenAction');
  });
  once(
    input.followUps.map((f) => f.actionId),
    'followUps',
  );
}

/** Every meeting of a kind, newest first, and the actions still open (not followed up as done by a later meeting). */
function meetingsView(docs: MeetingDoc[], names: Map<string, string>): MeetingsView {
  const sorted = [...docs].sort((a, b) => a.date.localeCompare(b.date) || a.createdAt.localeCompare(b.createdAt));
  const actions = new Map<string, { what: string; ownerId: string; due: string; meetingDate: string; notes: string[]; done: boolean }>();
  for (const m of sorted) {
    for (const f of m.followUps) {
      const a = actions.get(f.actionId);
      if (!a) continue;
      if (f.note) a.notes.push(`${m.date}：${f.note}`);
      if (f.done) a.done = true;
    }
    m.actions.forEach((a, i) => actions.set(actionId(m._id, i), { ...a, meetingDate: m.date, notes: [], done: false }));
  }
  const whatOf = (id: string) => actions.get(id)?.what ?? id;
  return {
    meetings: sorted.reverse().map((m) => ({
      id: m._id,
      kind: m.kind,
      date: m.date,
      attendees: m.attendees.map((staffId) => ({ staffId, name: nameOf(names, staffId) })),
      issues: m.issues,
      actions: m.actions.map((a, i) => ({ id: actionId(m._id, i), what: a.what, ownerId: a.ownerId, ownerName: nameOf(names, a.ownerId), due: a.due })),
      followUps: m.followUps.map((f) => ({ ...f, what: whatOf(f.actionId) })),
      by: nameOf(names, m.createdBy),
      at: m.createdAt,
      rev: m._rev ?? '',
      edits: editsView(m.edits, names, whatOf),
    })),
    open: [...actions]
      .filter(([, a]) => !a.done)
      .map(([id, a]) => ({ id, what: a.what, ownerId: a.ownerId, ownerName: nameOf(names, a.ownerId), due: a.due, meetingDate: a.meetingDate, notes: a.notes }))
      .sort((a, b) => a.due.localeCompare(b.due)),
  };
}

function trainingView(d: TrainingDoc, names: Map<string, string>): TrainingView {
  return {
    id: d._id,
    date: d.date,
    topic: d.topic,
    trainer: d.trainer,
    passMark: d.passMark,
    attendees: d.attendees.map((a) => ({ staffId: a.staffId, name: nameOf(names, a.staffId), score: a.score, passed: a.score === null || d.passMark === null ? null : a.score >= d.passMark })),
    by: nameOf(names, d.createdBy),
    at: d.createdAt,
    rev: d._rev ?? '',
    edits: editsView(d.edits, names),
  };
}

export const recordHandlers: Pick<Handlers, Ops> = {
  /**
   * Head office's shift types, written online into each target clinic's settings as a new version
   * (the clinic's other settings stay); the desks receive them with the clinic's database. A
   * clinic not reached is reported for that clinic, the others go on.
   */
  async 'rota.rollOutShiftTypes'(ctx, input) {
    const p = shiftTypeProblems(input.shiftTypes)[0];
    if (p) throw staffRefusals.refuse('invalid_input', p.field, 'shiftTypeBad', { problem: p.problem }, `${p.field}: ${p.problem}`);
    for (const [i, code] of input.targets.entries()) {
      if (!(await pulledClinic(ctx, code))) throw staffRefusals.refuse('not_found', `targets.${i}`, 'clinicNotReached', { clinic: code });
    }
    const now = ctx.now();
    const results = [];
    for (const code of input.targets) {
      try {
        const version = await inClinicDb(ctx, code, async (remote) => {
          const next = (await getSettings(remote, code)).shiftTypesVersion + 1;
          // Its own document, never the clinic's staff-settings: a desk's unsynced save of those cannot conflict with it.
          const doc: ShiftRolloutDoc = { ...newMeta('shift-rollout', shiftRolloutDocs.id(code, next), code, ctx.operator._id, now), type: 'shift-rollout', version: next, shiftTypes: input.shiftTypes };
          await remote.put(doc);
          return next;
        });
        results.push({ clinic: code, ok: true, version, field: null, message: null, code: null, rule: null, params: null });
      } catch (err) {
        if (input.targets.length === 1) throw err;
        const e = err as { field?: string; message?: string; code?: string; rule?: string; params?: Record<string, string | number> };
        results.push({ clinic: code, ok: false, version: null, field: e.field ?? null, message: e.message ?? String(err), code: e.code ?? null, rule: e.rule ?? null, params: e.params ?? null });
      }
    }
    return { results };
  },

  async 'rota.clinicShiftTypes'(ctx, input) {
    await requirePulledClinic(ctx, input.clinic).catch(() => {
      throw staffRefusals.refuse('not_found', 'clinic', 'clinicNotReached', { clinic: input.clinic });
    });
    return settingsView(await getSettings(ctx.db, input.clinic));
  },

  /** 人员调班 of the days `from`..`to`, oldest first: what the shift handover log offers. */
  async 'rota.changes'(ctx, input) {
    checkSpan(input);
    const clinic = await requireClinic(ctx.db);
    const [changes, names] = await Promise.all([changesBetween(ctx.db, clinic.code, input.from, input.to), allNames(ctx, clinic.code)]);
    return changes
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map((c) => ({ date: c.date, staffId: c.staffId, name: nameOf(names, c.staffId), fromCode: c.fromCode, toCode: c.toCode, reason: c.reason, by: nameOf(names, c.createdBy), at: c.createdAt }));
  },

  async 'away.log'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const people = await activePeople(ctx, clinic);
      const s = requirePerson(people, input.staffId, 'staffId');
      if (s._id !== ctx.operator._id && !adminRoles.includes(ctx.operator.role)) throw staffRefusals.refuse('forbidden', 'staffId', 'notLeadOrSelf');
      const from = Date.parse(input.from);
      const to = Date.parse(input.to);
      const now = ctx.now();
      if (to <= from) throw staffRefusals.refuse('invalid_input', 'to', 'awayNotAfter');
      const minutes = Math.round((to - from) / 60_000);
      if (minutes <= AWAY_LIMIT_MINUTES) throw staffRefusals.refuse('invalid_input', 'to', 'awayShort', { minutes });
      if (to > now.getTime()) throw staffRefusals.refuse('invalid_input', 'to', 'inFuture');
      const agreement = checkAgreement(ctx, people, input);
      const doc: AwayDoc = {
        ...newMeta('staff-away', recordIds.away(clinic.code, clinicDate(input.from), newIdTail(now)), clinic.code, ctx.operator._id, now),
        type: 'staff-away',
        staffId: s._id,
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
        reason: input.reason,
        agreedBy: agreement?.agreedBy ?? null,
        agreedAt: agreement?.agreedAt ?? null,
      };
      await ctx.db.put(doc);
      const date = clinicDate(doc.from);
      return awayView(doc, await allNames(ctx, clinic.code), await finesBetween(ctx.db, clinic.code, date, date));
    });
  },

  async 'away.list'(ctx, input) {
    checkSpan(input);
    const clinic = await requireClinic(ctx.db);
    const [docs, names, fines] = await Promise.all([awayBetween(ctx.db, clinic.code, input.from, input.to), allNames(ctx, clinic.code), finesBetween(ctx.db, clinic.code, input.from, input.to)]);
    // Leads see everyone's; a colleague only her own (it is the basis of a half day's absence).
    const mine = adminRoles.includes(ctx.operator.role) ? docs : docs.filter((d) => d.staffId === ctx.operator._id);
    return mine.sort((a, b) => a.from.localeCompare(b.from)).map((d) => awayView(d, names, fines));
  },

  async 'meeting.save'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const now = ctx.now();
      if (input.date > clinicDate(now)) throw staffRefusals.refuse('invalid_input', 'date', 'inFuture');
      const all = await meetingsOf(ctx.db, clinic.code, input.kind);
      const earlier = all.filter((m) => m.date <= input.date);
      const names = await allNames(ctx, clinic.code);
      await checkMinutes(ctx, clinic, input, earlier, names);
      const doc: MeetingDoc = { ...newMeta('staff-meeting', recordIds.meeting(clinic.code, input.kind, input.date, newIdTail(now)), clinic.code, ctx.operator._id, now), type: 'staff-meeting', ...input };
      const res = await ctx.db.put(doc);
      return meetingsView([...all, { ...doc, _rev: res.rev }], names);
    });
  },

  /** A lead corrects saved minutes (kind and date stay): checked as a new meeting is, the old values kept in its history. */
  async 'meeting.edit'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const now = ctx.now();
      const current = (await ctx.db.get<MeetingDoc>(input.id).catch(() => null)) as MeetingDoc | null;
      if (!current || current.type !== 'staff-meeting' || current.clinic !== clinic.code) throw staffRefusals.refuse('not_found', 'id', 'noSuchRecord');
      if (current._rev !== input.rev) throw staffRefusals.refuse('conflict', 'rev', 'staleVersion');
      const all = await meetingsOf(ctx.db, clinic.code, current.kind);
      const others = all.filter((m) => m._id !== current._id);
      const before = (m: MeetingDoc) => m.date < current.date || (m.date === current.date && m.createdAt < current.createdAt);
      const names = await allNames(ctx, clinic.code);
      const minutes = { kind: current.kind, date: current.date, attendees: input.attendees, issues: input.issues, actions: input.actions, followUps: input.followUps };
      await checkMinutes(ctx, clinic, minutes, others.filter(before), names);
      // An action a later meeting followed up keeps its place (its id is `<meeting>#<index>`).
      const followed = new Set(others.filter((m) => !before(m)).flatMap((m) => m.followUps.map((f) => f.actionId)));
      current.actions.forEach((_, i) => {
        if (i >= input.actions.length && followed.has(actionId(current._id, i))) throw staffRefusals.refuse('invalid_input', 'actions', 'actionFollowedUp', { what: current.actions[i]!.what });
      });
      const next: MeetingDoc = { ...current, attendees: input.attendees, issues: input.issues, actions: input.actions, followUps: input.followUps };
      const saved = await writeEdit(ctx, current, input.rev, next, ['attendees', 'issues', 'actions', 'followUps'], now);
      return meetingsView([...others, saved], names);
    });
  },

  async 'meeting.list'(ctx, input) {
    const clinic = await requireClinic(ctx.db);
    const [docs, names] = await Promise.all([meetingsOf(ctx.db, clinic.code, input.kind), allNames(ctx, clinic.code)]);
    return meetingsView(docs, names);
  },

  async 'training.save'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const now = ctx.now();
      if (input.date > clinicDate(now)) throw staffRefusals.refuse('invalid_input', 'date', 'inFuture');
      const people = await activePeople(ctx, clinic);
      input.attendees.forEach((a, i) => requirePerson(people, a.staffId, `attendees.${i}.staffId`));
      once(
        input.attendees.map((a) => a.staffId),
        'attendees',
      );
      const doc: TrainingDoc = { ...newMeta('training', recordIds.training(clinic.code, input.date, newIdTail(now)), clinic.code, ctx.operator._id, now), type: 'training', ...input };
      const res = await ctx.db.put(doc);
      return trainingView({ ...doc, _rev: res.rev }, await allNames(ctx, clinic.code));
    });
  },

  /** A lead corrects a saved session (the date stays): checked as a new one is, the old values kept in its history. */
  async 'training.edit'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const now = ctx.now();
      const current = (await ctx.db.get<TrainingDoc>(input.id).catch(() => null)) as TrainingDoc | null;
      if (!current || current.type !== 'training' || current.clinic !== clinic.code) throw staffRefusals.refuse('not_found', 'id', 'noSuchRecord');
      if (current._rev !== input.rev) throw staffRefusals.refuse('conflict', 'rev', 'staleVersion');
      // Who came then stays listable after leaving the clinic (her score is part of the record); anyone added is active.
      const people = await activePeople(ctx, clinic);
      const came = new Set(current.attendees.map((a) => a.staffId));
      input.attendees.forEach((a, i) => {
        if (!came.has(a.staffId)) requirePerson(people, a.staffId, `attendees.${i}.staffId`);
      });
      once(
        input.attendees.map((a) => a.staffId),
        'attendees',
      );
      const next: TrainingDoc = { ...current, topic: input.topic, trainer: input.trainer, passMark: input.passMark, attendees: input.attendees };
      const saved = await writeEdit(ctx, current, input.rev, next, ['topic', 'trainer', 'passMark', 'attendees'], now);
      return trainingView(saved, await allNames(ctx, clinic.code));
    });
  },

  async 'training.list'(ctx, input) {
    checkSpan(input);
    const clinic = await requireClinic(ctx.db);
    const [docs, names] = await Promise.all([trainingsBetween(ctx.db, clinic.code, input.from, input.to), allNames(ctx, clinic.code)]);
    return docs.sort((a, b) => b.date.localeCompare(a.date)).map((d) => trainingView(d, names));
  },
};

/** Kept for the staff file: a person's trainings and meetings (read by id range). */
export async function recordsOf(db: Db, clinic: string, staffId: string, from: string, to: string) {
  const [trainings, meetings, away] = await Promise.all([trainingsBetween(db, clinic, from, to), meetingsBetween(db, clinic, from, to), awayBetween(db, clinic, from, addDays(to, 1))]);
  return {
    trainings: trainings.filter((t) => t.attendees.some((a) => a.staffId === staffId)),
    meetings: meetings.filter((m) => m.attendees.includes(staffId) || m.actions.some((a) => a.ownerId === staffId)),
    away: away.filter((a) => a.staffId === staffId && clinicDate(a.from) <= to),
  };
}
