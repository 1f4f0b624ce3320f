import type { complaintContract } from '../../shared/complaints/contract';
import { complaintsRefusals } from '../../shared/complaints/refusals';
import { newIdTail } from '../../shared/ids';
import { canReadAll, claimsInForce, complaintNumber, everyNumber, nextSerial, numberProblems, parseComplaintNumber, TAKEOVER_GAP, takeoverMonths, type IssuedNumber } from '../../shared/complaints/rules';
import { MAX_VIDEO_BYTES, REVIEW_MONTHS, type ComplaintHome, type ComplaintView, type videoMimes } from '../../shared/complaints/schemas';
import { staffRoleNames, type StaffDoc } from '../../shared/reference/schemas';
import type { Handlers } from '../api/types';
import type { OperatorContext } from '../api/context';
import type { Db } from '../store/pouch';
import { newMeta, upserted } from '../store/meta';
import { serialised } from '../store/serial';
import { requireClinic } from '../reference/repo';
import { clinicNumbers, eventsOf, getComplaint, getSettings } from './repo';
import { claimNumber, issuePendingNumbers } from './numbering';
import { resolveConflict } from '../sync/conflicts';
import { clinicDbName } from '../../shared/sync/rules';
import { clinicDate } from '../../shared/time';
import { caseView, mayRead, toSummary, type ViewContext } from './view';
import { complaintIds, type ComplaintEventDoc, type ComplaintSettingsDoc } from './storage';
import { complaintNumberDocs } from '../../shared/complaints/docs';
import { monthlyStatistics, monthlyWorkbook } from './stats';
import { finishedMonths, monthReview, reviewDocsOf } from './reviews';
import { getOrNull } from '../store/get';
import { clinicCases, limitsView, recordComplaint, recordStepOf, viewContextFor, type StepAuthor } from './cases';

const no = complaintsRefusals.refuse;
export type { StepAuthor };

type Ops = keyof typeof complaintContract;




async function viewContext(ctx: OperatorContext, clinic: string): Promise<ViewContext> {
  return viewContextFor(ctx.db, clinic, ctx.operator, ctx.now());
}



/** The case: it exists, is this clinic's, and the operator may read it. */
async function readableCase(ctx: OperatorContext, id: string, field = 'id') {
  const clinic = await requireClinic(ctx.db);
  const doc = await getComplaint(ctx.db, id);
  if (!doc || doc.clinic !== clinic.code) throw no('not_found', field, 'noSuchComplaint', {}, `${field}: no such complaint`);
  if (!mayRead(ctx.operator, doc)) throw no('forbidden', field, 'notForYou', {}, `${field}: complaint details are for customer service, the dean, the medical director and head office`);
  return { clinic, doc };
}

async function loadCase(ctx: OperatorContext, id: string, field = 'id'): Promise<ComplaintView> {
  const { clinic, doc } = await readableCase(ctx, id, field);
  const [events, v] = await Promise.all([eventsOf(ctx.db, id), viewContext(ctx, clinic.code)]);
  return caseView({ doc, events }, v);
}

/** Every readable case of the clinic received in `datePrefix`, as full views (summaries are cut from them). */
async function loadCases(ctx: OperatorContext, datePrefix = ''): Promise<ComplaintView[]> {
  const clinic = await requireClinic(ctx.db);
  return clinicCases(ctx.db, clinic.code, datePrefix, await viewContext(ctx, clinic.code));
}

/** The GM office's reviews of the last finished months as head office wrote them into this clinic's database (they arrive by sync). */
async function reviews(ctx: OperatorContext, clinic: { code: string; name: string }, cases: ComplaintView[]) {
  const docs = await reviewDocsOf(ctx.db, clinic.code);
  // Last month's is always listed (due by this month's 10th); an earlier one when reviewed or when it closed cases.
  return finishedMonths(ctx.now(), REVIEW_MONTHS)
    .map((m) => monthReview(clinic, m, cases, docs.get(m) ?? null, new Map(), ctx.now()))
    .filter((r, i) => i === 0 || r.reviewedAt !== null || r.closedCases > 0);
}

async function home(ctx: OperatorContext): Promise<ComplaintHome> {
  const clinic = await requireClinic(ctx.db);
  const settings = await getSettings(ctx.db, clinic.code);
  const readAll = canReadAll(ctx.operator.role);
  const cases = readAll ? await loadCases(ctx) : [];
  const open = cases.filter((c) => c.current <= 11);
  const byDue = (a: ComplaintView, b: ComplaintView) => (a.nextDeadline?.dueAt ?? '').localeCompare(b.nextDeadline?.dueAt ?? '');
  return {
    numberingDesk: settings ? { deskId: settings.numberingDeskId, thisDesk: settings.numberingDeskId === ctx.deskId } : null,
    inbox: open.filter((c) => c.current === 2).map(toSummary),
    overdue: open.filter((c) => c.overdue.length > 0).sort(byDue).map(toSummary),
    dueSoon: open.filter((c) => c.overdue.length === 0 && c.dueSoon.length > 0).sort(byDue).map(toSummary),
    pendingNumbers: open.filter((c) => c.numberPending).length,
    numberProblems: readAll ? numberProblems(await clinicNumbers(ctx.db, clinic.code)) : [],
    missingCalendarYears: [...new Set(open.flatMap((c) => c.missingCalendarYears))].sort((a, b) => a - b),
    reviews: readAll ? await reviews(ctx, clinic, cases) : [],
    canReadAll: readAll,
  };
}



/** Video sniffing: MP4/QuickTime have `ftyp` at byte 4; WebM (Matroska) starts 1A 45 DF A3. */
const VIDEO_MAGIC: Record<(typeof videoMimes)[number], (b: Buffer) => boolean> = {
  'video/mp4': (b) => b.subarray(4, 8).toString('latin1') === 'ftyp',
  'video/quicktime': (b) => b.subarray(4, 8).toString('latin1') === 'ftyp' || b.subarray(4, 8).toString('latin1') === 'moov',
  'video/webm': (b) => b.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3])),
};

/**
 * Video pieces in memory until attached (per desk and upload; dropped after 15 idle minutes).
 * Nothing reaches the store before `complaint.attachVideo` has the whole file and has checked it.
 */
const uploads = new Map<string, { by: string; chunks: Uint8Array[]; bytes: number; touched: number }>();
const UPLOAD_IDLE_MS = 15 * 60_000;
function sweepUploads(now: number) {
  for (const [key, u] of uploads) if (now - u.touched > UPLOAD_IDLE_MS) uploads.delete(key);
}

export const complaintHandlers: Pick<Handlers, Ops> = {
  async 'complaint.record'(ctx, input) {
    const doc = await recordComplaint(ctx.db, await requireClinic(ctx.db), ctx.operator._id, ctx.now(), input);
    return loadCase(ctx, doc._id);
  },

  async 'complaint.get'(ctx, input) {
    return loadCase(ctx, input.id);
  },

  async 'complaint.list'(ctx, input) {
    if (input.scope === 'month' && input.month === null) throw no('invalid_input', 'month', 'monthRequired', {}, 'month: required for the month scope');
    const cases = await loadCases(ctx, input.scope === 'month' ? input.month! : '');
    return cases.filter((c) => input.scope !== 'open' || c.current <= 11).map(toSummary);
  },

  async 'complaint.step'(ctx, input) {
    const { clinic, doc: before } = await readableCase(ctx, input.id);
    // The case and its events are read once, inside recordStep's serialised section, and its state
    // worked out there once for the checks; the answer is the view of what that section wrote.
    const { doc, events, event } = await recordStepOf(ctx.db, { operator: ctx.operator, deskId: ctx.deskId, now: ctx.now() }, input, before.createdBy);
    // On the numbering desk an acceptance is numbered at once; elsewhere the case is 待编号 until it syncs there.
    if (event.kind === 'accept') await issuePendingNumbers(ctx.db, ctx.deskId, ctx.now());
    // Calendars, staff, numbers and limits: read once, after the numbering, so the answer shows the new number.
    return caseView({ doc, events }, await viewContext(ctx, clinic.code));
  },

  async 'complaint.home'(ctx) {
    return home(ctx);
  },

  async 'complaint.setNumberingDesk'(ctx) {
    if (!['csDirector', 'dean', 'hoCsDirector'].includes(ctx.operator.role))
      throw no('forbidden', '', 'numberingDeskRole', {}, 'the numbering desk is chosen by the CS director, the dean or head office');
    const clinic = await requireClinic(ctx.db);
    await takeNumberingDesk(ctx, clinic.code);
    await issuePendingNumbers(ctx.db, ctx.deskId, ctx.now());
    return home(ctx);
  },

  async 'complaint.resolveNumber'(ctx, input) {
    if (!['csDirector', 'hoCsDirector'].includes(ctx.operator.role))
      throw no('forbidden', 'keepId', 'resolveRole', { name: ctx.operator.name, role: ctx.operator.role }, `keepId: the CS director decides which case keeps a number; ${ctx.operator.name} is ${staffRoleNames[ctx.operator.role]}`);
    const clinic = await requireClinic(ctx.db);
    const docId = complaintIds.number(clinic.code, input.number);
    const kept = await serialised(ctx.db, async () => {
      const claims = await clinicNumbers(ctx.db, clinic.code);
      const holders = [...new Set(claimsInForce(claims).filter((c) => c.number === input.number).map((c) => c.complaintId))];
      if (holders.length < 2) throw no('conflict', 'number', 'notDuplicate', { number: input.number }, `number: ${input.number} is not on two cases (resolved already?)`);
      if (!holders.includes(input.keepId)) throw no('invalid_input', 'keepId', 'notAHolder', { number: input.number }, `keepId: not one of the cases holding ${input.number}`);
      const parsed = parseComplaintNumber(input.number)!;
      const settings = await getSettings(ctx.db, clinic.code);
      const known = everyNumber(claims);
      const now = ctx.now();
      const withdrawal = { number: input.number, keptBy: input.keepId, by: ctx.operator._id, at: now.toISOString(), reason: input.reason };
      for (const other of holders.filter((h) => h !== input.keepId)) {
        const was = claims.find((c) => c.complaintId === other && c.number === input.number);
        for (;;) {
          const serial = nextSerial(known, clinic.code, parsed.month, settings?.reserved?.[parsed.month] ?? 0);
          const number = complaintNumber(clinic.code, parsed.month, serial);
          known.push(number);
          const written = await claimNumber(ctx.db, {
            ...newMeta('complaint-number', complaintIds.number(clinic.code, number), clinic.code, ctx.operator._id, now),
            type: 'complaint-number',
            complaintId: other,
            number,
            month: parsed.month,
            serial,
            deskId: ctx.deskId,
            acceptEventId: was?.acceptEventId ?? '',
            replaces: withdrawal,
          });
          if (written) break;
        }
      }
      return claims.find((c) => c.docId === docId && c.complaintId === input.keepId && c.rev);
    });
    // Both claims are revisions of one document here: the withdrawn ones are archived and removed,
    // so the sync conflict list and head office agree with the resolution.
    if (kept?.rev) await resolveConflict(ctx.db, { id: docId, keepRev: kept.rev }, ctx.operator, ctx.now(), clinic.code).catch(() => undefined);
    return home(ctx);
  },

  async 'complaint.evidence'(ctx, input) {
    const complaintId = input.id.startsWith('complaint-event:') ? ((await getOrNull<ComplaintEventDoc>(ctx.db, input.id))?.complaintId ?? '') : input.id;
    const view = await loadCase(ctx, complaintId);
    const listed = input.id === complaintId ? view.evidence : (view.events.find((e) => e.id === input.id)?.attachments ?? []);
    const file = listed.find((f) => f.name === input.name);
    if (!file) throw no('not_found', 'name', 'noSuchEvidence', {}, 'name: no such evidence file');
    const blob = (await ctx.db.getAttachment(input.id, input.name)) as Buffer;
    return { name: file.name, mime: file.mime, data: Buffer.from(blob).toString('base64') };
  },

  async 'complaint.uploadChunk'(ctx, input) {
    const now = ctx.now().getTime();
    sweepUploads(now);
    const key = `${ctx.deskId}:${input.uploadId}`;
    const upload = uploads.get(key) ?? { by: ctx.operator._id, chunks: [], bytes: 0, touched: now };
    if (upload.by !== ctx.operator._id) throw no('forbidden', 'uploadId', 'uploadNotYours', {}, 'uploadId: another person is uploading under this id');
    if (input.index !== upload.chunks.length) throw no('conflict', 'index', 'pieceOrder', { expected: upload.chunks.length, got: input.index }, `index: expected piece ${upload.chunks.length}, got ${input.index}`);
    const piece = new Uint8Array(Buffer.from(input.data, 'base64'));
    if (upload.bytes + piece.length > MAX_VIDEO_BYTES) {
      uploads.delete(key);
      throw no('too_large', 'data', 'videoTooLarge', { mb: MAX_VIDEO_BYTES / 1024 / 1024 }, `data: a video may be at most ${MAX_VIDEO_BYTES / 1024 / 1024} MB`);
    }
    upload.chunks.push(piece);
    upload.bytes += piece.length;
    upload.touched = now;
    uploads.set(key, upload);
    return { uploadId: input.uploadId, bytes: upload.bytes };
  },

  async 'complaint.attachVideo'(ctx, input) {
    const key = `${ctx.deskId}:${input.uploadId}`;
    const upload = uploads.get(key);
    if (!upload || upload.by !== ctx.operator._id) throw no('not_found', 'uploadId', 'noSuchUpload', {}, 'uploadId: no such upload (pieces are kept 15 minutes)');
    const view = await loadCase(ctx, input.id);
    if (view.limited && view.recordedBy !== ctx.operator._id) throw no('forbidden', 'id', 'notYourComplaint', {}, 'id: not your complaint');
    const bytes = Buffer.concat(upload.chunks);
    if (!VIDEO_MAGIC[input.mime](bytes)) throw no('invalid_input', 'mime', 'notThatFile', { mime: input.mime }, `mime: the file is not ${input.mime}`);
    const now = ctx.now();
    const name = `1-${input.name.replace(/[/\\:]/g, '_')}`;
    await serialised(ctx.db, async () => {
      const events = await eventsOf(ctx.db, input.id);
      const event: ComplaintEventDoc = {
        ...newMeta('complaint-event', complaintIds.event(input.id, newIdTail(now)), view.id.split(':')[1]!, ctx.operator._id, now),
        type: 'complaint-event',
        complaintId: input.id,
        kind: 'evidence',
        at: now.toISOString(),
        seq: events.length,
        byRole: ctx.operator.role,
        data: { name },
        attachments: [{ name, mime: input.mime, size: bytes.length }],
        _attachments: { [name]: { content_type: input.mime, data: bytes.toString('base64') } },
      };
      await ctx.db.put(event);
    });
    uploads.delete(key);
    return loadCase(ctx, input.id);
  },

  async 'complaint.monthlyStats'(ctx, input) {
    requireReader(ctx.operator);
    const clinic = await requireClinic(ctx.db);
    return monthlyStatistics(clinic.code, input.month, await loadCases(ctx, input.month), ctx.now());
  },

  async 'complaint.limits'(ctx) {
    // Customer service and the clinic's leadership read which limits their cases use.
    requireReader(ctx.operator);
    const clinic = await requireClinic(ctx.db);
    return limitsView(ctx.db, clinic.code);
  },

  async 'complaint.monthlyXlsx'(ctx, input) {
    requireReader(ctx.operator);
    const clinic = await requireClinic(ctx.db);
    const stats = monthlyStatistics(clinic.code, input.month, await loadCases(ctx, input.month), ctx.now());
    const data = await monthlyWorkbook(stats, clinic.name, ctx.operator._id, ctx.now());
    return { fileName: `患者投诉案件统计表-${clinic.code}-${input.month}.xlsx`, data: data.toString('base64') };
  },
};




/**
 * Makes this desk the clinic's numbering desk. With head office configured, only while head office
 * confirms it: the settings are written to head office's copy first (with its revision, so two
 * desks asking at once cannot both win), and a take-over from another desk reserves TAKEOVER_GAP
 * serials past the last number head office has seen in this month and the one before. A desk
 * that never had head office (one PC) may take the role only while no other desk holds it.
 */
async function takeNumberingDesk(ctx: OperatorContext, clinic: string): Promise<void> {
  const now = ctx.now();
  const local = await getSettings(ctx.db, clinic);
  const remote = ctx.sync.configured ? ctx.sync.remote(clinicDbName(clinic)) : null;
  if (!remote) {
    if (local && local.numberingDeskId !== ctx.deskId)
      throw no('conflict', '', 'numberingDeskTaken', {}, 'another desk is the numbering desk: taking over needs head office to confirm it (set up sync with head office)');
    const doc = upserted<ComplaintSettingsDoc, 'numberingDeskId'>(local, { numberingDeskId: ctx.deskId }, () => ({ ...newMeta('complaint-settings', complaintIds.settings(clinic), clinic, ctx.operator._id, now), type: 'complaint-settings', reserved: {} }), ctx.operator, now);
    await serialised(ctx.db, () => ctx.db.put(doc));
    return;
  }
  const unreachable = (err: unknown) =>
    no('conflict', '', 'numberingUnreachable', {}, `head office must confirm the numbering desk and cannot be reached now (${err instanceof Error ? err.message : JSON.stringify(err)}); try again when sync is back`);
  let atHo: ComplaintSettingsDoc | null;
  let hoNumbers: IssuedNumber[];
  try {
    atHo = await remote.get<ComplaintSettingsDoc>(complaintIds.settings(clinic)).catch((err: { status?: number }) => {
      if (err.status === 404) return null;
      throw err;
    });
    const rows = await remote.allDocs<{ number?: string; complaintId?: string; replaces?: IssuedNumber['replaces'] }>({ include_docs: true, ...complaintNumberDocs.range(clinic) });
    hoNumbers = rows.rows.flatMap((r) => (r.doc?.number ? [{ number: r.doc.number, complaintId: r.doc.complaintId ?? '', docId: r.id, replaces: r.doc.replaces ?? null }] : []));
  } catch (err) {
    throw unreachable(err);
  }
  const reserved = { ...(atHo?.reserved ?? {}) };
  if (atHo && atHo.numberingDeskId !== ctx.deskId) {
    const known = everyNumber([...hoNumbers, ...(await clinicNumbers(ctx.db, clinic))]);
    for (const month of takeoverMonths(clinicDate(now).slice(0, 7))) reserved[month] = Math.max(reserved[month] ?? 0, nextSerial(known, clinic, month, reserved[month] ?? 0) - 1 + TAKEOVER_GAP);
  }
  // The one settings upsert: head office's copy (else this desk's) with its creation kept and the
  // update stamped; written against head office's revision, or as a new document there.
  const { _rev: _localRev, ...merged } = upserted<ComplaintSettingsDoc, 'numberingDeskId' | 'reserved'>(
    atHo ?? local,
    { numberingDeskId: ctx.deskId, reserved },
    () => ({ ...newMeta('complaint-settings', complaintIds.settings(clinic), clinic, ctx.operator._id, now), type: 'complaint-settings' }),
    ctx.operator,
    now,
  );
  const doc: ComplaintSettingsDoc = atHo?._rev ? { ...merged, _rev: atHo._rev } : merged;
  try {
    await remote.put(doc);
  } catch (err) {
    if ((err as { status?: number }).status === 409) throw no('conflict', '', 'numberingDeskChanged', {}, 'another desk changed the numbering desk at head office just now; look again');
    throw unreachable(err);
  }
  // The revision head office holds, with its history, so the desk's copy is the same document and no conflict.
  const confirmed = await remote.get(complaintIds.settings(clinic), { revs: true }).catch((err: unknown) => {
    throw unreachable(err);
  });
  await serialised(ctx.db, () => ctx.db.bulkDocs([confirmed], { new_edits: false }));
}


function requireReader(operator: StaffDoc): void {
  if (!canReadAll(operator.role)) throw no('forbidden', 'month', 'statsRole', {}, 'month: complaint statistics are for customer service, the dean, the medical director and head office');
}

export type { Db };
