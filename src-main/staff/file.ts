import { staffRefusals, type StaffRule } from '../../shared/staff/refusals';
import { addDays } from '../../shared/appointments/rules';
import { clinicDate } from '../../shared/time';
import { adminRoles } from '../../shared/reference/schemas';
import type { StaffFileView } from '../../shared/staff/schemas';
import { cellWindow, judgeDay, OFF } from '../../shared/staff/rules';
import type { CorrectionDoc, InspectionDoc, PenaltyDoc, ResultDoc, StarDoc } from '../../shared/inspection/schemas';
import { effectiveMark } from '../inspection/repo';
import type { ComplaintDoc, ComplaintEventDoc } from '../complaints/storage';
import type { OperatorContext } from '../api/context';
import type { Db } from '../store/pouch';
import { getStaff, requireClinic } from '../reference/repo';
import { approvedSpans, finesBetween, getSettings, leavesOver, rotaBetween, signsBetween } from './repo';
import { recordsOf } from './records';

/**
 * 员工档案 (staffFile.get): what the app already knows about one person, read from the other
 * domains' documents by their id ranges (`<type>:<CODE>:<date>…`); nothing is written and the
 * inspection and complaint domains are only read.
 */

function refuse(field: string, rule: StaffRule, message: string, code: 'invalid_input' | 'not_found' | 'forbidden' = 'invalid_input'): never {
  throw staffRefusals.refuse(code, field, rule, {}, `${field}: ${message}`);
}

async function between<T>(db: Db, type: string, clinic: string, from: string, to: string): Promise<T[]> {
  const res = await db.allDocs<T & object>({ include_docs: true, startkey: `${type}:${clinic}:${from}`, endkey: `${type}:${clinic}:${to}\ufff0` });
  return res.rows.flatMap((r) => (r.doc && (r.doc as { type?: string }).type === type ? [r.doc as T] : []));
}

type PenaltyPerson = { staffId: string | null; name: string; level: string; fines?: { person?: number } };

export async function staffFile(ctx: OperatorContext, input: { staffId: string; from?: string | undefined; to?: string | undefined }): Promise<StaffFileView> {
  const clinic = await requireClinic(ctx.db);
  // Leads and head office (adminRoles) read anyone's file; a person reads her own; a colleague is refused.
  if (!adminRoles.includes(ctx.operator.role) && input.staffId !== ctx.operator._id) refuse('staffId', 'colleagueFile', "a colleague's staff file is for leads and head office", 'forbidden');
  const today = clinicDate(ctx.now());
  const to = input.to ?? today;
  const from = input.from ?? addDays(to, -364);
  if (to < from) refuse('to', 'spanReversed', 'before from');
  if (Date.parse(to) - Date.parse(from) > 366 * 86_400_000) refuse('to', 'spanTooLong', 'at most a year at a time');
  const s = await getStaff(ctx.db, input.staffId);
  if (!s || s.clinic !== clinic.code) refuse('staffId', 'noSuchStaff', 'no staff member of this clinic', 'not_found');
  const code = clinic.code;
  const [inspections, results, penalties, corrections, stars, complaints, events, rota, signs, leaves, fines, settings] = await Promise.all([
    between<InspectionDoc>(ctx.db, 'inspection', code, from, to),
    between<ResultDoc>(ctx.db, 'inspection-result', code, from, to),
    between<PenaltyDoc>(ctx.db, 'inspection-penalty', code, from, to),
    between<CorrectionDoc>(ctx.db, 'inspection-correction', code, from, to),
    between<StarDoc>(ctx.db, 'service-star', code, from.slice(0, 7), to.slice(0, 7)),
    between<ComplaintDoc>(ctx.db, 'complaint', code, from, to),
    between<ComplaintEventDoc>(ctx.db, 'complaint-event', code, from, to),
    rotaBetween(ctx.db, code, from, to),
    signsBetween(ctx.db, code, from, addDays(to, 1)),
    leavesOver(ctx.db, code, from, to),
    finesBetween(ctx.db, code, from, to),
    getSettings(ctx.db, code),
  ]);

  // Inspections: her results in inspections not set aside, the failed items after corrections.
  const byId = new Map(inspections.map((i) => [i._id, i]));
  const mine = results.filter((r) => r.staffId === s._id && byId.has(r.inspectionId) && !byId.get(r.inspectionId)!.discardedAt);
  const inspectionRows = mine
    .map((r) => {
      const fixes = corrections.filter((c) => c.inspectionId === r.inspectionId && c.staffId === s._id);
      const marks = r.marks.map((m) => ({ label: m.label, mark: effectiveMark(r, m.itemId, m.mark, fixes) }));
      return { inspectionId: r.inspectionId, date: r.date, kind: r.kind, signed: !!byId.get(r.inspectionId)!.signedAt, passed: marks.filter((m) => m.mark === 'pass').length, failed: marks.filter((m) => m.mark === 'fail').map((m) => m.label) };
    })
    .sort((a, b) => a.date.localeCompare(b.date));

  // Complaints: named in 涉及人员 (free text) or in the case's latest step-10 penalty proposal.
  const eventsOf = new Map<string, ComplaintEventDoc[]>();
  for (const e of events) eventsOf.set(e.complaintId, [...(eventsOf.get(e.complaintId) ?? []), e]);
  const penaltyRows: StaffFileView['penalties'] = penalties
    .filter((p) => p.staffId === s._id)
    .map((p) => ({ source: 'inspection' as const, date: p.date, ref: p.inspectionId, what: p.itemLabel, measure: p.measure, amountYuan: p.amount }));
  const complaintRows: StaffFileView['complaints'] = [];
  for (const c of complaints) {
    const last = (eventsOf.get(c._id) ?? []).filter((e) => e.kind === 'penalty').sort((a, b) => a.at.localeCompare(b.at) || a.seq - b.seq).at(-1);
    const person = ((last?.data.persons ?? []) as PenaltyPerson[]).find((p) => p.staffId === s._id);
    if (person && last) penaltyRows.push({ source: 'complaint', date: clinicDate(last.at), ref: c._id, what: c.what.slice(0, 80), measure: person.level, amountYuan: person.fines?.person ?? null });
    if (person || (s.name && c.staffInvolved.includes(s.name)))
      complaintRows.push({ complaintId: c._id, receivedAt: c.receivedAt, what: c.what, staffInvolved: c.staffInvolved, penalised: !!person });
  }
  penaltyRows.sort((a, b) => a.date.localeCompare(b.date));
  complaintRows.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));

  // Attendance: every clinic day up to today, judged as attendance.day does.
  const spans = approvedSpans(leaves).filter((l) => l.staffId === s._id);
  const cells = rota.get(s._id);
  const mySigns = signs.filter((x) => x.staffId === s._id);
  const now = ctx.now();
  const attendance = { rostered: 0, late: 0, lateMinutes: 0, early: 0, absent: 0 };
  for (let d = from; d <= to && d <= today; d = addDays(d, 1)) {
    const w = cellWindow(cells?.get(d) ?? OFF, d, settings.shiftTypes, settings);
    if (!w) continue;
    const onLeave = spans.some((l) => Date.parse(l.from) < Date.parse(w.end) && Date.parse(l.to) > Date.parse(w.start));
    const day = judgeDay(w, mySigns, onLeave, now, settings.graceMinutes);
    if (day.state === 'onLeave') continue;
    attendance.rostered += 1;
    if (day.lateMinutes > 0) attendance.late += 1;
    attendance.lateMinutes += day.lateMinutes;
    if (day.earlyMinutes > 0) attendance.early += 1;
    if (day.state === 'absent') attendance.absent += 1;
  }
  const myFines = fines.filter((f) => f.staffId === s._id).sort((a, b) => a.date.localeCompare(b.date));
  const records = await recordsOf(ctx.db, clinic.code, s._id, from, to);

  return {
    staffId: s._id,
    name: s.name,
    role: s.role,
    from,
    to,
    inspections: inspectionRows,
    penalties: penaltyRows,
    complaints: complaintRows,
    stars: stars.filter((x) => x.staffId === s._id).map((x) => ({ month: x.month, reason: x.reason })),
    attendance: {
      ...attendance,
      fines: myFines.map((f) => ({ date: f.date, kind: f.kind, minutes: f.minutes, status: f.status, amountYuan: f.amountYuan })),
      finedYuan: myFines.reduce((n, f) => n + (f.status === 'confirmed' ? (f.amountYuan ?? 0) : 0), 0),
    },
    leave: leaves
      .filter((l) => l.staffId === s._id && clinicDate(l.from) <= to)
      .sort((a, b) => a.from.localeCompare(b.from))
      .map((l) => ({ kind: l.kind, from: l.from, to: l.to, status: l.status })),
    training: records.trainings
      .sort((a, b) => a.date.localeCompare(b.date))
      .map((x) => {
        const score = x.attendees.find((a) => a.staffId === s._id)?.score ?? null;
        return { date: x.date, topic: x.topic, score, passed: score === null || x.passMark === null ? null : score >= x.passMark };
      }),
    meetings: records.meetings
      .sort((a, b) => a.date.localeCompare(b.date))
      .map((m) => ({ date: m.date, kind: m.kind, attended: m.attendees.includes(s._id), actions: m.actions.filter((a) => a.ownerId === s._id).map((a) => ({ what: a.what, due: a.due })) })),
    away: records.away
      .sort((a, b) => a.from.localeCompare(b.from))
      .map((a) => ({ from: a.from, to: a.to, minutes: Math.round((Date.parse(a.to) - Date.parse(a.from)) / 60_000), reason: a.reason })),
  };
}
