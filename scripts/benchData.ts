/**
 * A year of ten clinics, as head office's consolidated copy holds it, for `npm run bench`'s
 * dashboard section: visits with their customers and events, tea events, complaints with their events and
 * numbers, weekly inspections with their results, penalty decisions, corrections and 服务之星, and
 * the clinics and staff they refer to. Every document is shaped as the domain's handler writes it
 * (src-main/<domain>/handlers.ts), written straight into the store with bulkDocs, one batch per
 * day. Random but reproducible (a seeded generator), and the generator keeps the figures the
 * dashboard should show, so the bench can check what it times.
 */
import { customerDocs, visitDocs } from '../shared/desk/docs';
import { clinicDocs, staffDocs } from '../shared/reference/docs';
import { clinicDate } from '../shared/time';
import { defaultDepartments, type ClinicDoc, type StaffDoc, type StaffRole } from '../shared/reference/schemas';
import { defaultTeaChecklist } from '../shared/tea/rules';
import type { TeaEventDoc } from '../shared/tea/schemas';
import type { VisitEventDoc } from '../shared/visits/schemas';
import type { VisitOutcome } from '../shared/visits/rules';
import type { DocMeta } from '../shared/doc';
import { headOfficeRoles } from '../shared/headoffice/schemas';
import { approverRoles, complaintNumber, escalationPaths, penaltyFines, type Category, type Channel, type EventKind, type PenaltyLevel } from '../shared/complaints/rules';
import type { ComplaintDoc, ComplaintEventDoc, ComplaintNumberDoc } from '../src-main/complaints/storage';
import { defaultTemplates, itemsFor } from '../shared/inspection/templates';
import { defaultPenaltySettings, proposePenalty, weekOf } from '../shared/inspection/rules';
import type { CorrectionDoc, InspectionDoc, PenaltyDoc, ResultDoc, StarDoc } from '../shared/inspection/schemas';
import { inspectionCorrectionDocs, inspectionDocs, inspectionPenaltyDocs, inspectionResultDocs, serviceStarDocs } from '../shared/inspection/docs';
import { complaintDocs, complaintEventDocs, complaintNumberDocs } from '../shared/complaints/docs';
import { visitEventDocs } from '../shared/visits/docs';
import { teaEventDocs, teaTemplateDocs } from '../shared/tea/docs';
import { newMeta } from '../src-main/store/meta';
import type { Db } from '../src-main/store/pouch';
import { seededRandom } from './random';

export const BENCH_CLINICS = ['BJ', 'SH', 'GZ', 'SZ', 'CD', 'HZ', 'WH', 'XA', 'NJ', 'TJ'] as const;
const CITY_NAMES: Record<string, string> = { BJ: '北京', SH: '上海', GZ: '广州', SZ: '深圳', CD: '成都', HZ: '杭州', WH: '武汉', XA: '西安', NJ: '南京', TJ: '天津' };


const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
let counter = 0;
/** An id tail as newIdTail makes them (10 digits of time, 8 more), unique by a counter, not by the clock. */
function tail(at: Date | number): string {
  let head = '';
  for (let i = 0, t = typeof at === 'number' ? at : at.getTime(); i < 10; i++) {
    head = ALPHABET[t % 32] + head;
    t = Math.floor(t / 32);
  }
  let rest = '';
  for (let i = 0, c = counter++; i < 8; i++) {
    rest = ALPHABET[c % 32] + rest;
    c = Math.floor(c / 32);
  }
  return head + rest;
}

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** What the dashboard should show for the year, counted while the documents were made. */
export interface Expected {
  visits: number;
  /** Visitors handed to a consultant (their wait ended), and of those who left, by outcome. */
  waits: number;
  outcomes: Record<string, number>;
  tea: { served: number; declined: number; refills: number; exceptions: number };
  complaints: { total: number; closed: number; refundCases: number; refundYuan: number; levels: Record<string, number> };
  inspections: { signed: number; weeksDue: number; weeksDone: number; pass: number; fail: number; penalties: number; stars: number };
}

export interface YearData {
  counts: Record<string, number>;
  expected: Expected;
  written: number;
}

interface Person {
  doc: StaffDoc;
  /** Fails a grooming item more often than the others (the repeat offenders). */
  sloppy: boolean;
}

const roster: [StaffRole, number][] = [
  ['csDirector', 1],
  ['dean', 1],
  ['medicalDirector', 1],
  ['inspector', 1],
  ['guideLead', 1],
  ['guide', 4],
  ['consultant', 5],
  ['doctor', 5],
  ['doctorAssistant', 5],
];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐';
const GIVEN = ['丽', '敏', '静', '婷', '芳', '娜', '晶', '雪', '琳', '洁', '伟', '强', '磊', '军', '勇'];

function staffOf(code: string, at: Date, rnd: () => number): Person[] {
  const people: Person[] = [];
  let n = 0;
  for (const [role, count] of roster) {
    for (let k = 0; k < count; k++, n++) {
      const sex = rnd() < 0.8 ? 'F' : 'M';
      const department = ['consultant', 'doctor', 'doctorAssistant'].includes(role) ? defaultDepartments[n % defaultDepartments.length]!.id : null;
      const id = staffDocs.id(code, tail(at.getTime() + n));
      people.push({
        sloppy: role !== 'inspector' && rnd() < 0.12,
        doc: {
          ...newMeta('staff', id, code, 'bench', at),
          type: 'staff',
          name: `${SURNAMES[(n * 7 + code.charCodeAt(0)) % SURNAMES.length]}${GIVEN[(n * 3 + code.charCodeAt(1)) % GIVEN.length]}${n}`,
          sex,
          role,
          departmentId: department,
          active: true,
          pinHash: null,
          staffNumber: `${code}${String(n + 1).padStart(3, '0')}`,
          supervisorId: null,
          deptHeadId: null,
        },
      });
    }
  }
  const lead = people.find((p) => p.doc.role === 'guideLead')!.doc._id;
  const dean = people.find((p) => p.doc.role === 'dean')!.doc._id;
  for (const p of people) if (!['dean', 'csDirector', 'medicalDirector'].includes(p.doc.role)) Object.assign(p.doc, { supervisorId: lead, deptHeadId: dean });
  return people;
}

const CHANNELS: [Channel, number][] = [
  ['inPerson', 0.3],
  ['phone', 0.25],
  ['wechat', 0.15],
  ['followUp', 0.1],
  ['onlineChat', 0.08],
  ['suggestionBox', 0.05],
  ['email', 0.03],
  ['website', 0.02],
  ['other', 0.02],
];
function pick<T>(rnd: () => number, weighted: [T, number][]): T {
  let r = rnd();
  for (const [v, w] of weighted) {
    r -= w;
    if (r < 0) return v;
  }
  return weighted[weighted.length - 1]![0];
}

interface ComplaintTally {
  counts: Record<string, number>;
  serials: Map<string, number>;
  expected: Expected['complaints'];
}

/**
 * One complaint and the events recorded on it up to `now`: most cases are taken through all eleven
 * steps (some late), some stop part-way (never accepted, left after the investigation, not yet
 * penalised), a few go round once more after the patient disagreed; some settle with a refund or
 * compensation, some end in a penalty.
 */
function complaintCase(code: string, inCity: boolean, receivedMs: number, staff: Person[], director: string, deskId: string, now: number, rnd: () => number, tally: ComplaintTally): object[] {
  const by = (role: StaffRole) => staff.find((p) => p.doc.role === role)!.doc;
  const cs = by('csDirector');
  const departments = defaultDepartments;
  const dept = rnd() < 0.85 ? departments[Math.floor(rnd() * departments.length)]! : null;
  const patient = `${SURNAMES[Math.floor(rnd() * SURNAMES.length)]}${rnd() < 0.7 ? '女士' : '先生'}`;
  const received = new Date(receivedMs);
  const date = clinicDate(received);
  const id = complaintDocs.id(code, date, tail(received));
  const doc: ComplaintDoc = {
    ...newMeta('complaint', id, code, by('guide')._id, received),
    type: 'complaint',
    receivedAt: received.toISOString(),
    channel: pick(rnd, CHANNELS),
    customerId: null,
    patientName: patient,
    patientPhone: `139${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`,
    what: '术后复诊等候超过一小时，无人解释',
    wants: '道歉，下次预约优先',
    staffInvolved: '前台',
    departmentId: dept?.id ?? null,
    departmentName: dept?.name ?? null,
    inHeadOfficeCity: inCity,
    evidence: [],
  };
  const docs: object[] = [doc];
  tally.counts.complaint = (tally.counts.complaint ?? 0) + 1;
  tally.expected.total += 1;

  const events: ComplaintEventDoc[] = [];
  let t = receivedMs;
  let stopped = false;
  const add = (kind: EventKind, afterMs: number, who: StaffDoc | { _id: string; role: StaffRole }, data: Record<string, unknown>) => {
    if (stopped) return false;
    t += afterMs;
    if (t > now) {
      stopped = true;
      return false;
    }
    const at = new Date(t);
    events.push({
      ...newMeta('complaint-event', complaintEventDocs.id(id, tail(at)), code, who._id, at),
      type: 'complaint-event',
      complaintId: id,
      kind,
      at: at.toISOString(),
      seq: events.length,
      byRole: who.role,
      data,
      attachments: [],
    });
    return true;
  };
  const hours = (lo: number, hi: number) => (lo + rnd() * (hi - lo)) * HOUR;
  const hoDirector = { _id: director, role: 'hoCsDirector' as StaffRole };
  const fate = rnd();
  // 4% never accepted; 8% left after the investigation; 6% filed, not yet penalised; 6% go round twice.
  if (fate >= 0.04 && add('accept', rnd() < 0.06 ? hours(13, 20) : hours(0.5, 4), cs, { note: '' })) {
    const accept = events[events.length - 1]!;
    // The number's month is the acceptance's clinic month (numbering.ts).
    const month = clinicDate(accept.at).slice(0, 7);
    const key = `${code}${month}`;
    const serial = (tally.serials.get(key) ?? 0) + 1;
    tally.serials.set(key, serial);
    const issued = complaintNumber(code, month, serial);
    // One document per number, as numbering.ts writes it (head office refuses any other id).
    const number: ComplaintNumberDoc = {
      ...newMeta('complaint-number', complaintNumberDocs.id(code, issued), code, accept.createdBy, new Date(accept.at)),
      type: 'complaint-number',
      complaintId: id,
      number: issued,
      month,
      serial,
      deskId,
      acceptEventId: accept._id,
    };
    docs.push(number);
    tally.counts['complaint-number'] = (tally.counts['complaint-number'] ?? 0) + 1;

    add('investigate', rnd() < 0.06 ? hours(80, 120) : hours(18, 60), cs, { staffTalkedTo: '前台', patientDemands: '道歉', findings: '排班不足', note: '' });
    if (fate < 0.12) stopped = true;
    const category: Category = rnd() < 0.35 ? 'quality' : 'nonQuality';
    add('classify', hours(1, 6), cs, { category, subcategory: category === 'quality' ? 'medicalResult' : 'service', note: '' });
    let refund = 0;
    let compensation = 0;
    let level = 0;
    const propose = () => {
      const money = rnd();
      refund = money < 0.2 ? Math.round(200 + rnd() * 2800) : 0;
      compensation = money > 0.9 ? Math.round(100 + rnd() * 900) : 0;
      add('propose', hours(1, 5), cs, { solution: refund ? '退部分费用' : '当面道歉，赠送护理一次', refund, compensation, note: '' });
      const roles = approverRoles(category, refund + compensation);
      // Head office's roles (副总经理 and 总经理 approve from ¥1,000 up) are not on a clinic's roster.
      const approver = headOfficeRoles.includes(roles[0]!) ? { _id: director, role: roles[0]! } : by(roles[0]!);
      add('approve', hours(1, 20), approver, { approved: true, note: '', amount: refund + compensation, approverRoles: [...roles] });
    };
    propose();
    if (fate > 0.94) {
      add('negotiate', hours(10, 30), cs, { agreed: false, note: '' });
      add('escalate', hours(2, 10), cs, { reason: '患者不同意方案', from: escalationPaths[category][level] });
      level += 1;
      propose();
    }
    const agreed = add('negotiate', hours(10, 40), cs, { agreed: true, note: '' });
    if (agreed && refund > 0) {
      tally.expected.refundCases += 1;
      tally.expected.refundYuan += refund;
    }
    add('paperwork', hours(2, 30), cs, { payment: refund + compensation > 0 ? 'cash' : 'none', oaStarted: refund + compensation > 0, crmNoted: true, medicalRecordNoted: true, notedBy: '前台小李', note: '' });
    const satisfaction = pick(rnd, [
      ['verySatisfied', 0.35],
      ['satisfied', 0.45],
      ['neutral', 0.15],
      ['poor', 0.05],
    ] as [string, number][]);
    // Mostly within the 7 (京内) or 14 days of the acceptance; a tenth late.
    const closeAt = new Date(accept.at).getTime() + (rnd() < 0.1 ? (inCity ? 8 : 15) * 24 * HOUR + hours(1, 40) : hours(24, inCity ? 140 : 300));
    if (add('close', Math.max(HOUR, closeAt - t), cs, { patientConfirmed: true, handedToLegal: false, satisfaction, note: '' })) tally.expected.closed += 1;
    add('file', hours(1, 20), cs, { copiesSent: true, note: '' });
    if (fate >= 0.12 && fate < 0.18) stopped = true;
    const persons: { staffId: string | null; name: string; level: PenaltyLevel; fines: (typeof penaltyFines)[PenaltyLevel] }[] = [];
    if (rnd() < 0.3) {
      const person = staff[5 + Math.floor(rnd() * (staff.length - 5))]!.doc;
      const lvl = pick(rnd, [
        ['I', 0.6],
        ['II', 0.3],
        ['III', 0.1],
      ] as [PenaltyLevel, number][]);
      persons.push({ staffId: person._id, name: person.name, level: lvl, fines: penaltyFines[lvl] });
    }
    if (add('penalty', hours(4, 40), hoDirector, { deanAgreed: true, persons, note: '' })) for (const p of persons) tally.expected.levels[p.level] = (tally.expected.levels[p.level] ?? 0) + 1;
    add('prevention', hours(10, 120), cs, { plan: '周末加排前台' });
  }
  tally.counts['complaint-event'] = (tally.counts['complaint-event'] ?? 0) + events.length;
  return [...docs, ...events];
}

interface InspectionTally {
  counts: Record<string, number>;
  expected: Expected['inspections'];
  /** Earlier failures per staff member and item (the ladder's occurrence). */
  failures: Map<string, number>;
}

const grooming = defaultTemplates.find((t) => t.key === 'grooming')!;

/** A weekly self-check of `date` (signed, unless `discard`): ~20 staff results, a few failures, decisions on most. */
function inspection(code: string, date: string, staff: Person[], rnd: () => number, tally: InspectionTally, discard: boolean): object[] {
  const inspector = staff.find((p) => p.doc.role === 'inspector')!.doc;
  const started = new Date(`${date}T08:30:00+08:00`);
  const signedAt = new Date(started.getTime() + 70 * MINUTE).toISOString();
  const header: InspectionDoc = {
    ...newMeta('inspection', inspectionDocs.id(code, date, tail(started)), code, inspector._id, started),
    type: 'inspection',
    kind: 'weekly',
    date,
    departmentId: null,
    templateKey: grooming.key,
    templateVersion: 0,
    templateName: grooming.name,
    items: grooming.items,
    inspectorName: inspector.name,
    signedAt: discard ? null : signedAt,
    signedBy: discard ? null : inspector._id,
    signedByName: discard ? null : inspector.name,
    discardedAt: discard ? new Date(started.getTime() + 20 * MINUTE).toISOString() : null,
    discardReason: discard ? '误开，重新开始' : null,
  };
  if (!discard) Object.assign(header, { updatedAt: signedAt });
  const docs: object[] = [header];
  const inspected = staff.filter((p) => !['dean', 'csDirector', 'medicalDirector', 'inspector'].includes(p.doc.role)).slice(0, discard ? 2 : undefined);
  let corrected = false;
  for (const [n, p] of inspected.entries()) {
    const s = p.doc;
    const at = new Date(started.getTime() + (n + 1) * 3 * MINUTE);
    const marks = itemsFor(grooming.items, s.sex).map((it) => ({ itemId: it.id, label: it.label, mark: rnd() < (p.sloppy ? 0.03 : 0.002) ? ('fail' as const) : ('pass' as const), note: '' }));
    const result: ResultDoc = {
      ...newMeta('inspection-result', inspectionResultDocs.id(header, s._id), code, inspector._id, at),
      type: 'inspection-result',
      inspectionId: header._id,
      kind: 'weekly',
      date,
      staffId: s._id,
      staffName: s.name,
      staffSex: s.sex,
      departmentId: s.departmentId,
      marks,
      note: '',
      photos: [],
      signedAt: discard ? null : signedAt,
    };
    if (!discard) Object.assign(result, { updatedAt: signedAt });
    docs.push(result);
    tally.counts['inspection-result'] = (tally.counts['inspection-result'] ?? 0) + 1;
    if (discard) continue;
    for (const m of marks) {
      let effective = m.mark;
      if (m.mark === 'fail') {
        const key = `${s._id}|${m.itemId}`;
        const occurrence = (tally.failures.get(key) ?? 0) + 1;
        tally.failures.set(key, occurrence);
        // Now and then the inspector corrects a failure after sign-off (the photo showed otherwise).
        if (!corrected && rnd() < 0.08) {
          corrected = true;
          effective = 'pass';
          const c = new Date(Date.parse(signedAt) + 2 * HOUR);
          const correction: CorrectionDoc = {
            ...newMeta('inspection-correction', inspectionCorrectionDocs.id(header, tail(c)), code, inspector._id, c),
            type: 'inspection-correction',
            inspectionId: header._id,
            kind: 'weekly',
            date,
            staffId: s._id,
            itemId: m.itemId,
            mark: 'pass',
            reason: '照片复核：合格',
          };
          docs.push(correction);
          tally.counts['inspection-correction'] = (tally.counts['inspection-correction'] ?? 0) + 1;
        } else if (rnd() < 0.75) {
          const proposed = proposePenalty('self', occurrence, defaultPenaltySettings);
          const d = new Date(Date.parse(signedAt) + HOUR);
          const penalty: PenaltyDoc = {
            ...newMeta('inspection-penalty', inspectionPenaltyDocs.id(header, s._id, m.itemId), code, inspector._id, d),
            type: 'inspection-penalty',
            inspectionId: header._id,
            kind: 'weekly',
            date,
            staffId: s._id,
            staffName: s.name,
            itemId: m.itemId,
            itemLabel: m.label,
            supervisorId: s.supervisorId ?? null,
            deptHeadId: s.deptHeadId ?? null,
            occurrence,
            proposed: { measure: proposed.measure, amount: proposed.amount, supervisorAmount: proposed.supervisorAmount, deptHeadAmount: proposed.deptHeadAmount },
            measure: proposed.measure,
            amount: proposed.amount,
            supervisorAmount: proposed.supervisorAmount,
            deptHeadAmount: proposed.deptHeadAmount,
            reason: '',
          };
          docs.push(penalty);
          tally.counts['inspection-penalty'] = (tally.counts['inspection-penalty'] ?? 0) + 1;
          tally.expected.penalties += 1;
        }
      }
      tally.expected[effective === 'fail' ? 'fail' : 'pass'] += 1;
    }
  }
  tally.counts.inspection = (tally.counts.inspection ?? 0) + 1;
  if (!discard) tally.expected.signed += 1;
  return docs;
}

/** Per visit on average: the visit, a fifth of a customer, its events (hand-off, most leave), its tea (served or declined, refills). */
const DOCS_PER_VISIT = 1 + 0.2 + 1.9 + (0.9 + 0.05 + 0.9 * (0.3 + 2 * 0.08));
/** Complaints, inspections, staff of one clinic's year, roughly. */
const FIXED_PER_CLINIC = 2_500;

/**
 * Writes the year `from`–`to` of `clinics` (default `BENCH_CLINICS`) into `db` (≈ `total` documents), as seen at
 * `now`: complaints and inspections only up to `now`, their later steps left undone.
 */
export async function writeYear(db: Db, total: number, year: number, now: Date, director: string, clinics: readonly string[] = BENCH_CLINICS): Promise<YearData> {
  const rnd = seededRandom(20_261_127);
  const perDay = Math.max(1, Math.round((total - FIXED_PER_CLINIC * clinics.length) / (clinics.length * 365 * DOCS_PER_VISIT)));
  const counts: Record<string, number> = {};
  const count = (type: string, n = 1) => (counts[type] = (counts[type] ?? 0) + n);
  const expected: Expected = {
    visits: 0,
    waits: 0,
    outcomes: {},
    tea: { served: 0, declined: 0, refills: 0, exceptions: 0 },
    complaints: { total: 0, closed: 0, refundCases: 0, refundYuan: 0, levels: {} },
    inspections: { signed: 0, weeksDue: 0, weeksDone: 0, pass: 0, fail: 0, penalties: 0, stars: 0 },
  };
  const complaintTally: ComplaintTally = { counts, serials: new Map(), expected: expected.complaints };
  const inspectionTally: InspectionTally = { counts, expected: expected.inspections, failures: new Map() };
  const departments = defaultDepartments;
  const sources = ['web', 'phone', 'referral', 'ad', 'returning', 'other'];
  const nowMs = now.getTime();
  const today = clinicDate(now);
  const setUp = new Date(Date.UTC(year - 1, 11, 1, 2));

  const staff = new Map<string, Person[]>();
  /** Each clinic's customers so far: a returning visit is one of them. */
  const known = new Map<string, string[]>(clinics.map((c) => [c, []]));
  const deskIds = new Map<string, string>();
  const first: object[] = [];
  const inCity = new Map<string, boolean>();
  for (const [i, code] of clinics.entries()) {
    const clinic: ClinicDoc = {
      ...newMeta('clinic', clinicDocs.id(code), code, 'bench', setUp),
      type: 'clinic',
      code,
      name: `${CITY_NAMES[code]}院`,
      inHeadOfficeCity: code === 'BJ' || code === 'TJ' || i % 3 === 0,
      departments: defaultDepartments,
      waitAlertMinutes: 15,
    };
    first.push(clinic);
    inCity.set(code, clinic.inHeadOfficeCity);
    count('clinic');
    const people = staffOf(code, setUp, rnd);
    staff.set(code, people);
    first.push(...people.map((p) => p.doc));
    count('staff', people.length);
    deskIds.set(code, `desk-${tail(setUp)}`);
  }
  await db.bulkDocs(first);
  let written = first.length;

  for (let day = 0; ; day++) {
    const dayStart = Date.UTC(year, 0, 1 + day) - 8 * HOUR; // 00:00 clinic time
    const ymd = clinicDate(new Date(dayStart + HOUR));
    if (!ymd.startsWith(String(year))) break;
    const docs: object[] = [];
    const weekday = new Date(`${ymd}T00:00:00Z`).getUTCDay();
    for (const [ci, clinic] of clinics.entries()) {
      const people = staff.get(clinic)!;
      const guides = people.filter((p) => p.doc.role === 'guide' || p.doc.role === 'guideLead').map((p) => p.doc._id);
      const consultants = people.filter((p) => p.doc.role === 'consultant').map((p) => p.doc);
      for (let i = 0; i < perDay; i++) {
        const arrived = dayStart + 9 * HOUR + Math.floor((i / perDay) * 10 * HOUR) + Math.floor(rnd() * 5 * MINUTE);
        const at = new Date(arrived);
        const firstVisit = i % 5 === 0;
        const earlier = known.get(clinic)!;
        // The day's first visitor is always new (i = 0), so a returning one has someone to be.
        const customerId = firstVisit ? customerDocs.id(clinic, tail(at)) : earlier[Math.floor(rnd() * earlier.length)]!;
        if (firstVisit) earlier.push(customerId);
        const guide = guides[i % guides.length]!;
        if (firstVisit) {
          docs.push({ ...newMeta('customer', customerId, clinic, guide, at), type: 'customer', name: `客户${i}`, sex: 'F', birthDate: null, age: 30, phone: `139${String(day * 1000 + i).padStart(8, '0')}`, address: '', source: sources[(day + i) % sources.length], directed: {}, tier: null, search: [], vip: null, mergedInto: null });
          count('customer');
        }
        const consultant = consultants[i % consultants.length]!;
        const visitId = visitDocs.id(clinic, ymd, tail(at));
        docs.push({
          ...newMeta('visit', visitId, clinic, guide, at),
          type: 'visit',
          customerId, customerName: `客户${i}`, customerPhone: '13900000000', firstVisit, hasAppointment: false, intention: '咨询', concerns: '', course: '', history: '',
          departmentId: departments[(day + i) % departments.length]!.id, departmentName: departments[(day + i) % departments.length]!.name, consultantId: consultant._id, consultantName: consultant.name,
          arrivedAt: at.toISOString(), status: 'waiting', triagedBy: guide, triagedAt: at.toISOString(),
        });
        count('visit');
        expected.visits += 1;
        // The visit's way through the clinic (src-main/visits/handlers.ts eventDoc): handed to the
        // consultant after a wait, then (most) leave with an outcome.
        const visitEvent = (ms: number, fields: Omit<VisitEventDoc, keyof DocMeta | 'type' | 'visitId'>): VisitEventDoc => ({
          ...newMeta('visit-event', visitEventDocs.id(clinic, ymd, tail(ms)), clinic, guide, new Date(ms)),
          type: 'visit-event',
          visitId,
          ...fields,
        });
        const handedAt = arrived + (5 + Math.floor(rnd() * 35)) * MINUTE;
        docs.push(visitEvent(handedAt, { kind: 'handOff', status: 'withConsultant', toStaffId: consultant._id, toName: consultant.name, toRole: consultant.role, outcome: null, note: '' }));
        expected.waits += 1;
        count('visit-event');
        if (rnd() < 0.9) {
          const outcome = pick(rnd, [
            ['noPurchase', 0.5],
            ['nonSurgical', 0.35],
            ['surgical', 0.15],
          ] as [VisitOutcome, number][]);
          docs.push(visitEvent(handedAt + (40 + Math.floor(rnd() * 140)) * MINUTE, { kind: 'status', status: 'left', toStaffId: null, toName: null, toRole: null, outcome, note: '' }));
          expected.outcomes[outcome] = (expected.outcomes[outcome] ?? 0) + 1;
          count('visit-event');
        }
        // Tea (src-main/tea/handlers.ts writeEvent): most are served with the checklist, a few decline, some get refills.
        const r = rnd();
        const teaEvent = (kind: TeaEventDoc['kind'], ms: number, checks: TeaEventDoc['checks']): TeaEventDoc => ({
          ...newMeta('tea-event', teaEventDocs.id(clinic, ymd, tail(ms)), clinic, guides[(i + 1) % guides.length]!, new Date(ms)),
          type: 'tea-event',
          visitId,
          customerId,
          kind,
          drink: kind === 'declined' ? '' : i % 3 === 0 ? '绿茶' : '柠檬水',
          templateId: kind === 'served' ? teaTemplateDocs.id(clinic, 0) : null,
          checks,
        });
        if (r < 0.9) {
          const missedItem = rnd() < 0.04 ? Math.floor(rnd() * defaultTeaChecklist.length) : -1;
          const servedAt = arrived + (3 + Math.floor(rnd() * 10)) * MINUTE;
          docs.push(teaEvent('served', servedAt, defaultTeaChecklist.map((item, k) => ({ itemId: item.id, ok: k !== missedItem, note: '' }))));
          expected.tea.served += 1;
          if (missedItem >= 0) expected.tea.exceptions += 1;
          const refills = rnd() < 0.3 ? 1 : rnd() < 0.08 / 0.7 ? 2 : 0;
          for (let k = 1; k <= refills; k++) docs.push(teaEvent('refill', servedAt + k * 30 * MINUTE, []));
          expected.tea.refills += refills;
          count('tea-event', 1 + refills);
        } else if (r < 0.95) {
          docs.push(teaEvent('declined', arrived + 4 * MINUTE, []));
          expected.tea.declined += 1;
          count('tea-event');
        }
      }
      // About eight complaints a month per clinic, received during opening hours (up to now).
      if (rnd() < 8 / 30.4) {
        const received = dayStart + 9 * HOUR + Math.floor(rnd() * 10 * HOUR);
        if (received <= nowMs) docs.push(...complaintCase(clinic, inCity.get(clinic)!, received, people, director, deskIds.get(clinic)!, nowMs, rnd, complaintTally));
      }
      // The weekly self-check on Wednesday (a few weeks skipped); a set-aside false start now and then.
      if (weekday === 3 && ymd <= today) {
        const week = weekOf(ymd);
        const inYear = week.from >= `${year}-01-01`;
        if (rnd() < 0.01) docs.push(...inspection(clinic, ymd, people, rnd, inspectionTally, true));
        const done = rnd() >= 0.03;
        if (done) docs.push(...inspection(clinic, ymd, people, rnd, inspectionTally, false));
        // A week is due once its Friday has passed, or when its check is done.
        const friday = clinicDate(new Date(Date.parse(`${week.from}T12:00:00+08:00`) + 4 * 24 * HOUR));
        if (inYear && (done || friday < today)) expected.inspections.weeksDue += 1;
        if (inYear && done) expected.inspections.weeksDone += 1;
      }
      // The month's 服务之星, chosen on its last day.
      const tomorrow = clinicDate(new Date(dayStart + 25 * HOUR));
      if (tomorrow.slice(0, 7) !== ymd.slice(0, 7) && ymd <= today) {
        const star = people[5 + ((day + ci) % (people.length - 5))]!.doc;
        const at = new Date(dayStart + 17 * HOUR);
        const doc: StarDoc = { ...newMeta('service-star', serviceStarDocs.id(clinic, ymd.slice(0, 7)), clinic, people[0]!.doc._id, at), type: 'service-star', month: ymd.slice(0, 7), staffId: star._id, staffName: star.name, reason: '本月检查全部合格，顾客表扬' };
        docs.push(doc);
        count('service-star');
        expected.inspections.stars += 1;
      }
    }
    const res = await db.bulkDocs(docs);
    const failed = res.find((r) => 'error' in r && r.error);
    if (failed) throw new Error(`bench: a document was refused: ${JSON.stringify(failed)}`);
    written += docs.length;
  }
  return { counts, expected, written };
}
