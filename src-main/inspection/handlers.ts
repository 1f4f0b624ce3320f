import type { inspectionContract } from '../../shared/inspection/contract';
import { ApiError, type RefusalParams } from '../../shared/errors';
import { inspectionRefusals, type InspectionRule } from '../../shared/inspection/refusals';
import { newIdTail } from '../../shared/ids';
import {
  decisionProblems,
  imageKind,
  kindRoles,
  occurrenceOf,
  earlierFailures,
  passCorrectionRoles,
  roleNamesOf,
  ladderFor,
  MAX_PHOTO_BYTES,
  monthVisitStatus,
  needsReason,
  proposePenalty,
  weekOf,
  weekStatus,
  yearRoundsStatus,
  type InspectionKind,
} from '../../shared/inspection/rules';
import { kindNamesZh } from '../../shared/inspection/names';
import { bytesOf, clinicExcelDate, DATE_FORMAT, DATE_TIME_FORMAT, excelDay, figureSheet, PERCENT_FORMAT, rateCell, tableSheet, workbook, xlsx, type FigureLine } from '../headoffice/xlsx';
import type { CorrectionDoc, InspectionDoc, InspectionSettingsDoc, InspectionView, MonthSummary, PenaltyCorrectionDoc, PenaltyDoc, PenaltyLine, ResultDoc, StarDoc } from '../../shared/inspection/schemas';
import { itemsFor } from '../../shared/inspection/templates';
import type { ClinicDoc, StaffDoc } from '../../shared/reference/schemas';
import { clinicDate, lastDayOf } from '../../shared/time';
import type { OperatorContext } from '../api/context';
import type { Handlers } from '../api/types';
import { newMeta, touched, upserted } from '../store/meta';
import type { Db } from '../store/pouch';
import { serialised } from '../store/serial';
import { getStaff, listStaff, requireClinic } from '../reference/repo';
import { countsFrom } from '../reference/goLive';
import {
  correctionsOf,
  effectiveMark,
  failuresOf,
  getDoc,
  inspectionsBetween,
  latestTemplates,
  penaltiesOf,
  penaltyCorrectionsOf,
  readSettings,
  resultsOf,
  saveInspectionTemplate,
  tailOf,
  templateOut,
} from './repo';
import { clinicMonthSummary } from './monthSummary';
import { inspectionCorrectionDocs, inspectionDocs, inspectionPenaltyCorrectionDocs, inspectionPenaltyDocs, inspectionResultDocs, inspectionSettingsDocs, serviceStarDocs } from '../../shared/inspection/docs';

type Ctx = OperatorContext;

function refuse(code: 'invalid_input' | 'not_found' | 'conflict', field: string, rule: InspectionRule, params: RefusalParams, message: string): never {
  throw inspectionRefusals.refuse(code, field, rule, params, `${field}: ${message}`);
}

/** A refusal of a pure rule's problem list (decisionProblems): no rule of its own yet, the English message only. */
function refuseProblem(field: string, message: string): never {
  throw new ApiError({ code: 'invalid_input', field, message: `${field}: ${message}` });
}

async function requireInspection(ctx: Ctx, clinic: ClinicDoc, id: string): Promise<InspectionDoc> {
  const doc = await getDoc<InspectionDoc>(ctx.db, id, 'inspection');
  if (!doc || doc.clinic !== clinic.code) refuse('not_found', 'inspectionId', 'noSuchInspection', {}, 'no such inspection');
  return doc;
}

/**
 * Who may do what (docs/inspection.md, "Who may do what"): each kind is run and signed by its
 * roles (shared/inspection/rules.ts `kindRoles`), and nobody inspects, signs, corrects, discards or
 * decides on a record of themselves. Refusals are `forbidden`, name the field and write nothing.
 */
function forbid(field: string, rule: InspectionRule, params: RefusalParams, message: string): never {
  throw inspectionRefusals.refuse('forbidden', field, rule, params, `${field}: ${message}`);
}

function requireKindRole(ctx: Ctx, kind: InspectionKind, field: string): void {
  if (!kindRoles[kind].includes(ctx.operator.role)) forbid(field, 'kindRole', { roles: roleNamesOf(kindRoles[kind]), kind: kindNamesZh[kind] }, `only ${roleNamesOf(kindRoles[kind])} may run or sign a ${kindNamesZh[kind]}`);
}

function refuseOwnRecord(ctx: Ctx, results: ResultDoc[], field: string, act: 'sign' | 'discard'): void {
  if (results.some((r) => r.staffId === ctx.operator._id)) forbid(field, act === 'sign' ? 'signSelf' : 'discardSelf', {}, `nobody may ${act} an inspection of themselves`);
}

function refuseIfSigned(i: InspectionDoc): void {
  if (i.discardedAt) refuse('conflict', 'inspectionId', 'setAside', { at: i.discardedAt, reason: i.discardReason ?? '' }, `set aside at ${i.discardedAt}: ${i.discardReason ?? ''}`);
  if (i.signedAt) refuse('conflict', 'inspectionId', 'signedReadOnly', { by: i.signedByName ?? '', at: i.signedAt }, `signed by ${i.signedByName ?? ''} at ${i.signedAt}: read-only; record a correction instead`);
}

async function requireStaff(ctx: Ctx, clinic: ClinicDoc, id: string, field = 'staffId'): Promise<StaffDoc> {
  const s = await getStaff(ctx.db, id);
  if (!s || s.clinic !== clinic.code) refuse('not_found', field, 'noSuchStaff', {}, 'no such staff member');
  return s;
}

async function writeAll(db: Db, docs: object[]): Promise<void> {
  const results = await db.bulkDocs(docs);
  const failed = results.find((r) => 'error' in r && r.error);
  if (failed) throw new Error(`inspection write failed: ${JSON.stringify(failed)}`);
}

function proposalOut({ ladder: _l, occurrence: _o, ...rest }: ReturnType<typeof proposePenalty>) {
  return rest;
}

/** Everything one inspection shows: its staff, results, the ladder's proposals, decisions, corrections. */
async function view(ctx: Ctx, clinic: ClinicDoc, i: InspectionDoc): Promise<InspectionView> {
  const [staff, results, penalties, penaltyCorrections, corrections, { settings }] = await Promise.all([
    listStaff(ctx.db, clinic.code),
    resultsOf(ctx.db, i),
    penaltiesOf(ctx.db, i),
    penaltyCorrectionsOf(ctx.db, i),
    correctionsOf(ctx.db, i),
    readSettings(ctx.db, clinic.code),
  ]);
  const byId = new Map(staff.map((s) => [s._id, s]));
  const name = (id: string | null | undefined) => (id ? (byId.get(id)?.name ?? id) : null);
  const inspected = new Set(results.map((r) => r.staffId));
  // The inspector is never one of the inspected.
  const scope = staff.filter((s) => inspected.has(s._id) || (s.active && s._id !== i.createdBy && (i.departmentId === null || s.departmentId === i.departmentId)));

  const lines: PenaltyLine[] = [];
  const ladder = ladderFor(i.kind, settings);
  for (const r of results) {
    for (const m of r.marks) {
      if (effectiveMark(r, m.itemId, m.mark, corrections) !== 'fail') continue;
      const all = await failuresOf(ctx.db, r.staffId, null);
      const now = { inspectionId: i._id, date: i.date, kind: i.kind, staffId: r.staffId, itemId: m.itemId };
      const occurrence = occurrenceOf(all, now, settings);
      const earlier = earlierFailures(all, now, settings.penaltyWindowMonths, true)
        .map((f) => ({ date: f.date, sameItem: f.itemId === m.itemId }))
        .sort((a, b) => a.date.localeCompare(b.date));
      const decided = penalties.find((p) => p.staffId === r.staffId && p.itemId === m.itemId);
      lines.push({
        staffId: r.staffId,
        staffName: r.staffName,
        itemId: m.itemId,
        itemLabel: m.label,
        occurrence: decided?.occurrence ?? occurrence,
        earlier,
        ladder,
        proposed: proposalOut(proposePenalty(ladder, decided?.occurrence ?? occurrence, settings)),
        decided: decided
          ? { measure: decided.measure, amount: decided.amount, supervisorAmount: decided.supervisorAmount, deptHeadAmount: decided.deptHeadAmount, reason: decided.reason, by: decided.createdBy, byName: name(decided.createdBy) ?? '', at: decided.createdAt }
          : null,
        corrections: decided
          ? penaltyCorrections
              .filter((pc) => pc.penaltyId === decided._id)
              .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a._id.localeCompare(b._id))
              .map((pc) => ({ measure: pc.measure, amount: pc.amount, supervisorAmount: pc.supervisorAmount, deptHeadAmount: pc.deptHeadAmount, reason: pc.reason, by: pc.createdBy, byName: name(pc.createdBy) ?? '', at: pc.createdAt }))
          : [],
      });
    }
  }

  return {
    id: i._id,
    kind: i.kind,
    date: i.date,
    departmentId: i.departmentId,
    templateKey: i.templateKey,
    templateVersion: i.templateVersion,
    templateName: i.templateName,
    items: i.items,
    inspectorId: i.createdBy,
    inspectorName: i.inspectorName,
    startedAt: i.createdAt,
    signedAt: i.signedAt,
    signedByName: i.signedByName,
    discardedAt: i.discardedAt ?? null,
    discardReason: i.discardReason ?? null,
    staff: scope.map((s) => ({
      id: s._id,
      name: s.name,
      sex: s.sex,
      departmentId: s.departmentId,
      staffNumber: s.staffNumber ?? null,
      supervisorName: name(s.supervisorId),
      supervisorStaffNumber: s.supervisorId ? (byId.get(s.supervisorId)?.staffNumber ?? null) : null,
      deptHeadName: name(s.deptHeadId),
      deptHeadStaffNumber: s.deptHeadId ? (byId.get(s.deptHeadId)?.staffNumber ?? null) : null,
    })),
    results: results.map((r) => ({
      id: r._id,
      staffId: r.staffId,
      staffName: r.staffName,
      staffSex: r.staffSex,
      marks: r.marks,
      note: r.note,
      photos: r.photos,
      savedAt: r.updatedAt,
      savedBy: r.updatedBy,
    })),
    penalties: lines,
    corrections: corrections.map((c) => ({ staffId: c.staffId, itemId: c.itemId, mark: c.mark, reason: c.reason, by: c.createdBy, at: c.createdAt })),
  };
}

async function monthSummary(ctx: Ctx, month: string): Promise<MonthSummary> {
  const clinic = await requireClinic(ctx.db);
  return clinicMonthSummary(ctx.db, clinic.code, month);
}

/**
 * The month as the printed summary shows it, one sheet per table: figures, departments, items,
 * the inspections (checklist and scope), repeat offenders and the 服务之星. Days and times are
 * Excel dates in clinic time, rates numbers formatted as percent, no codes (kinds and departments
 * by their Chinese names).
 */
function monthBook(ctx: Ctx, clinic: ClinicDoc, s: MonthSummary, all: InspectionDoc[]) {
  const dept = (id: string | null) => (id === null ? '全院' : (clinic.departments.find((d) => d.id === id)?.name ?? '未分科室'));
  const book = workbook(ctx.operator._id, ctx.now());
  figureSheet(book, '本月汇总', [
    ['机构', `${clinic.name}（${clinic.code}）`],
    ['月份', s.month],
    ['已签字检查', s.inspections.total],
    ...Object.entries(s.inspections.byKind).map(([kind, n]): FigureLine => [`其中 ${kindNamesZh[kind as keyof typeof kindNamesZh] ?? kind}`, n]),
    ['处罚（件）', s.penalties.count],
    ['处罚金额（元）', s.penalties.total],
    ['服务之星', s.star ? `${s.star.name}（${s.star.reason}）` : '未评选'],
  ], { label: '项目', value: '数值', widths: [24, 24] });

  tableSheet(book, '按部门', [
    { header: '部门', key: 'dept', width: 16 },
    { header: '受检人次', key: 'inspected', width: 10 },
    { header: '合格', key: 'pass', width: 8 },
    { header: '不合格', key: 'fail', width: 8 },
    { header: '合格率', key: 'rate', width: 10, numFmt: PERCENT_FORMAT },
  ], s.departments.map((d) => ({ dept: d.departmentId === null ? '未分科室' : dept(d.departmentId), inspected: d.inspected, pass: d.pass, fail: d.fail, rate: rateCell(d.pass + d.fail ? d.pass / (d.pass + d.fail) : null) })));

  tableSheet(book, '各条目合格率', [
    { header: '条目', key: 'label', width: 50 },
    { header: '合格', key: 'pass', width: 8 },
    { header: '不合格', key: 'fail', width: 8 },
    { header: '合格率', key: 'rate', width: 10, numFmt: PERCENT_FORMAT },
  ], s.items.map((i) => ({ label: i.label, pass: i.pass, fail: i.fail, rate: rateCell(i.rate) })));

  const state = (i: InspectionDoc) => (i.discardedAt ? '已作废' : i.signedAt ? '已签字' : '未签字');
  tableSheet(book, '本月检查', [
    { header: '检查日期', key: 'date', width: 12, numFmt: DATE_FORMAT },
    { header: '类型', key: 'kind', width: 18 },
    { header: '检查表', key: 'template', width: 20 },
    { header: '范围', key: 'scope', width: 14 },
    { header: '检查人', key: 'inspector', width: 12 },
    { header: '签字时间', key: 'signedAt', width: 18, numFmt: DATE_TIME_FORMAT },
    { header: '状态', key: 'state', width: 10 },
  ], all.map((i) => ({ date: excelDay(i.date), kind: kindNamesZh[i.kind], template: i.templateName, scope: dept(i.departmentId), inspector: i.inspectorName, signedAt: i.signedAt ? clinicExcelDate(i.signedAt) : null, state: state(i) })));

  tableSheet(book, '屡犯人员', [
    { header: '员工', key: 'name', width: 12 },
    { header: '不合格次数', key: 'failures', width: 10 },
  ], s.repeatOffenders.map((o) => ({ name: o.name, failures: o.failures })));
  return book;
}

/**
 * The penalty line a decision or a lead's correction acts on, checked as both check it: nobody acts
 * on their own penalty, the person failed the item, `state` (decided yet or not) holds, and the
 * measure and amounts keep to the ladder's limits.
 */
async function penaltyLine(
  ctx: OperatorContext,
  clinic: ClinicDoc,
  i: InspectionDoc,
  input: { staffId: string; itemId: string } & Parameters<typeof decisionProblems>[1],
  state: (line: InspectionView['penalties'][number]) => void,
) {
  if (input.staffId === ctx.operator._id) forbid('staffId', 'decideSelf', {}, 'nobody may decide a penalty of themselves');
  const current = await view(ctx, clinic, i);
  const line = current.penalties.find((p) => p.staffId === input.staffId && p.itemId === input.itemId);
  if (!line) refuse('invalid_input', 'itemId', 'didNotFail', {}, 'this person did not fail this item here');
  state(line);
  const proposal = { ...line.proposed, ladder: line.ladder, occurrence: line.occurrence };
  const [badField, badMessage] = Object.entries(decisionProblems(proposal, input))[0] ?? [];
  if (badField) refuseProblem(badField, badMessage!);
  return { line, proposal };
}

export const inspectionHandlers: Pick<Handlers, keyof typeof inspectionContract> = {
  async 'inspection.templates'(ctx) {
    const clinic = await requireClinic(ctx.db);
    return (await latestTemplates(ctx.db, clinic.code)).map(templateOut);
  },

  async 'inspection.saveTemplate'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      return saveInspectionTemplate(ctx.db, clinic.code, ctx.operator._id, ctx.now(), input);
    });
  },

  async 'inspection.settings'(ctx) {
    const clinic = await requireClinic(ctx.db);
    return (await readSettings(ctx.db, clinic.code)).settings;
  },

  async 'inspection.updateSettings'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const { doc } = await readSettings(ctx.db, clinic.code);
      const now = ctx.now();
      const next = upserted<InspectionSettingsDoc, keyof typeof input>(doc, input, () => ({ ...newMeta('inspection-settings', inspectionSettingsDocs.id(clinic.code), clinic.code, ctx.operator._id, now), type: 'inspection-settings' }), ctx.operator, now);
      await ctx.db.put(next);
      return input;
    });
  },

  async 'inspection.status'(ctx) {
    const clinic = await requireClinic(ctx.db);
    const today = clinicDate(ctx.now());
    const week = weekOf(today);
    const monthStart = `${today.slice(0, 7)}-01`;
    const from = week.from < monthStart ? week.from : monthStart;
    const to = week.to > today ? week.to : today;
    const all = await inspectionsBetween(ctx.db, clinic.code, from, to);
    const signed = all.filter((i) => i.signedAt);
    // The year's rounds: only the year's inspection headers are read (an id range).
    const yearly = (await inspectionsBetween(ctx.db, clinic.code, `${today.slice(0, 4)}-`, `${today.slice(0, 4)}-`)).filter((i) => i.signedAt && i.kind === 'rounds');
    // Nothing is owed for a week or month that ended before the go-live day (else set-up), e.g. one
    // head office set for next Monday; the week or month it falls in is owed from that day on.
    const since = countsFrom(clinic);
    const monthEnd = lastDayOf(today.slice(0, 7));
    const weekly = weekStatus(today, signed.filter((i) => i.kind === 'weekly').map((i) => i.date));
    const visit = monthVisitStatus(today, signed.filter((i) => i.kind === 'headOffice').map((i) => i.date));
    return {
      today,
      countsFrom: since,
      goLive: clinic.goLive?.date ?? null,
      week: { ...week, status: weekly === 'done' || week.to >= since ? weekly : 'notOwed' },
      month: { month: today.slice(0, 7), headOfficeVisit: visit === 'done' || monthEnd >= since ? visit : 'notOwed' },
      year: { year: today.slice(0, 4), rounds: yearRoundsStatus(today, yearly.map((i) => i.date)) },
      unsigned: all.filter((i) => !i.signedAt && !i.discardedAt).map((i) => ({ id: i._id, kind: i.kind, date: i.date, templateName: i.templateName, departmentId: i.departmentId, inspectorName: i.inspectorName, signedAt: null, discardedAt: null })),
    };
  },

  async 'inspection.list'(ctx, input) {
    const clinic = await requireClinic(ctx.db);
    const all = await inspectionsBetween(ctx.db, clinic.code, `${input.month}-`, `${input.month}-`);
    return all.map((i) => ({ id: i._id, kind: i.kind, date: i.date, templateName: i.templateName, departmentId: i.departmentId, inspectorName: i.inspectorName, signedAt: i.signedAt, discardedAt: i.discardedAt ?? null })).reverse();
  },

  async 'inspection.start'(ctx, input) {
    requireKindRole(ctx, input.kind, 'kind');
    const clinic = await requireClinic(ctx.db);
    if (input.departmentId !== null && !clinic.departments.some((d) => d.id === input.departmentId)) refuse('invalid_input', 'departmentId', 'noSuchDepartment', {}, 'no such department');
    const template = (await latestTemplates(ctx.db, clinic.code)).find((t) => t.key === input.templateKey);
    if (!template) refuse('not_found', 'templateKey', 'noSuchChecklist', {}, 'no such checklist');
    if (!template.items.length) refuse('invalid_input', 'templateKey', 'checklistEmpty', {}, 'the checklist has no items');
    const now = ctx.now();
    const date = clinicDate(now);
    const doc: InspectionDoc = {
      ...newMeta('inspection', inspectionDocs.id(clinic.code, date, newIdTail(now)), clinic.code, ctx.operator._id, now),
      type: 'inspection',
      kind: input.kind,
      date,
      departmentId: input.departmentId,
      templateKey: template.key,
      templateVersion: template.version,
      templateName: template.name,
      items: template.items,
      inspectorName: ctx.operator.name,
      signedAt: null,
      signedBy: null,
      signedByName: null,
      discardedAt: null,
      discardReason: null,
    };
    await ctx.db.put(doc);
    return view(ctx, clinic, doc);
  },

  async 'inspection.get'(ctx, input) {
    const clinic = await requireClinic(ctx.db);
    return view(ctx, clinic, await requireInspection(ctx, clinic, input.inspectionId));
  },

  async 'inspection.saveResult'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const i = await requireInspection(ctx, clinic, input.inspectionId);
      refuseIfSigned(i);
      requireKindRole(ctx, i.kind, 'inspectionId');
      if (input.staffId === ctx.operator._id) forbid('staffId', 'inspectSelf', {}, 'nobody may inspect themselves');
      const staff = await requireStaff(ctx, clinic, input.staffId);
      if (!staff.active) refuse('invalid_input', 'staffId', 'staffInactive', { name: staff.name }, `${staff.name} is no longer active`);
      const applicable = itemsFor(i.items, staff.sex);
      input.marks.forEach((m, n) => {
        if (!applicable.some((it) => it.id === m.itemId)) refuse('invalid_input', `marks.${n}.itemId`, 'markNotApplicable', { item: m.itemId, name: staff.name }, `${m.itemId} is not an item of this checklist for ${staff.name}`);
        if (input.marks.findIndex((o) => o.itemId === m.itemId) !== n) refuse('invalid_input', `marks.${n}.itemId`, 'markTwice', { item: m.itemId }, `${m.itemId} is marked twice`);
      });
      const missing = applicable.filter((it) => !input.marks.some((m) => m.itemId === it.id));
      if (missing.length) refuse('invalid_input', 'marks', 'notMarked', { items: missing.map((m) => m.label).join('、') }, `not marked: ${missing.map((m) => m.label).join('、')}`);
      const now = ctx.now();
      const id = inspectionResultDocs.id(i, staff._id);
      const existing = await getDoc<ResultDoc>(ctx.db, id, 'inspection-result');
      const marks = applicable.map((it) => {
        const m = input.marks.find((x) => x.itemId === it.id)!;
        return { itemId: it.id, label: it.label, mark: m.mark, note: m.note };
      });
      const doc: ResultDoc = existing
        ? { ...touched(existing, ctx.operator, now), marks, note: input.note }
        : {
            ...newMeta('inspection-result', id, clinic.code, ctx.operator._id, now),
            type: 'inspection-result',
            inspectionId: i._id,
            kind: i.kind,
            date: i.date,
            staffId: staff._id,
            staffName: staff.name,
            staffSex: staff.sex,
            departmentId: staff.departmentId,
            marks,
            note: input.note,
            photos: [],
            signedAt: null,
          };
      await ctx.db.put(doc);
      return view(ctx, clinic, i);
    });
  },

  async 'inspection.attachPhoto'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const i = await requireInspection(ctx, clinic, input.inspectionId);
      refuseIfSigned(i);
      requireKindRole(ctx, i.kind, 'inspectionId');
      if (input.staffId === ctx.operator._id) forbid('staffId', 'inspectSelf', {}, 'nobody may inspect themselves');
      await requireStaff(ctx, clinic, input.staffId);
      const result = await getDoc<ResultDoc>(ctx.db, inspectionResultDocs.id(i, input.staffId), 'inspection-result');
      if (!result) refuse('invalid_input', 'staffId', 'marksFirst', {}, 'save this person’s marks before adding a photo');
      if (input.itemId !== null && !result.marks.some((m) => m.itemId === input.itemId)) refuse('invalid_input', 'itemId', 'notItemOfResult', {}, 'not an item of this result');
      const bytes = Buffer.from(input.data, 'base64');
      const kind = imageKind(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length));
      if (!kind) refuse('invalid_input', 'data', 'notAnImage', {}, 'not a JPEG, PNG or WebP image');
      if (bytes.length > MAX_PHOTO_BYTES) refuse('invalid_input', 'data', 'photoTooLarge', { kb: Math.ceil(bytes.length / 1024), max: MAX_PHOTO_BYTES / 1024 }, `the photo is ${Math.ceil(bytes.length / 1024)} KB; at most ${MAX_PHOTO_BYTES / 1024} KB`);
      if (result.photos.length >= 10) refuse('invalid_input', 'data', 'tooManyPhotos', { max: 10 }, 'at most 10 photos per person');
      const ext = kind === 'jpeg' ? 'jpg' : kind;
      const name = `photo-${result.photos.length + 1}-${input.itemId ?? 'all'}.${ext}`;
      const doc: ResultDoc = {
        ...touched(result, ctx.operator, ctx.now()),
        photos: [...result.photos, { name, itemId: input.itemId, bytes: bytes.length }],
        _attachments: { ...(result._attachments ?? {}), [name]: { content_type: `image/${kind}`, data: bytes.toString('base64') } },
      };
      await ctx.db.put(doc);
      return { name, bytes: bytes.length };
    });
  },

  async 'inspection.photo'(ctx, input) {
    const clinic = await requireClinic(ctx.db);
    const i = await requireInspection(ctx, clinic, input.inspectionId);
    const id = inspectionResultDocs.id(i, input.staffId);
    const result = await getDoc<ResultDoc>(ctx.db, id, 'inspection-result');
    const photo = result?.photos.find((p) => p.name === input.name);
    if (!result || !photo) refuse('not_found', 'name', 'noSuchPhoto', {}, 'no such photo');
    const data = (await ctx.db.getAttachment(id, input.name)) as Buffer;
    const ext = input.name.slice(input.name.lastIndexOf('.') + 1);
    return { contentType: `image/${ext === 'jpg' ? 'jpeg' : ext}`, data: Buffer.from(data).toString('base64') };
  },

  async 'inspection.signOff'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const i = await requireInspection(ctx, clinic, input.inspectionId);
      refuseIfSigned(i);
      requireKindRole(ctx, i.kind, 'inspectionId');
      const results = await resultsOf(ctx.db, i);
      refuseOwnRecord(ctx, results, 'inspectionId', 'sign');
      if (!results.length) refuse('invalid_input', 'inspectionId', 'nobodyInspected', {}, 'nobody has been inspected yet');
      const at = ctx.now();
      const iso = at.toISOString();
      const signed: InspectionDoc = { ...touched(i, ctx.operator, at), signedAt: iso, signedBy: ctx.operator._id, signedByName: ctx.operator.name };
      // One batch: the header and every result become read-only together.
      await writeAll(ctx.db, [signed, ...results.map((r) => ({ ...touched(r, ctx.operator, at), signedAt: iso }))]);
      return view(ctx, clinic, signed);
    });
  },

  async 'inspection.correct'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const i = await requireInspection(ctx, clinic, input.inspectionId);
      if (!i.signedAt) refuse('conflict', 'inspectionId', 'notSignedYet', {}, 'not signed yet: change the marks themselves');
      if (input.staffId === ctx.operator._id) forbid('staffId', 'correctSelf', {}, 'nobody may correct an inspection of themselves');
      const result = await getDoc<ResultDoc>(ctx.db, inspectionResultDocs.id(i, input.staffId), 'inspection-result');
      if (!result) refuse('not_found', 'staffId', 'notInspectedHere', {}, 'this person was not inspected here');
      const signed = result.marks.find((m) => m.itemId === input.itemId);
      if (!signed) refuse('invalid_input', 'itemId', 'notItemOfResult', {}, 'not an item of this result');
      const current = effectiveMark(result, input.itemId, signed.mark, await correctionsOf(ctx.db, i));
      // A fail made a pass takes a penalty away: a lead does that, with the reason the input requires.
      if (current === 'fail' && input.mark !== 'fail') {
        if (!passCorrectionRoles.includes(ctx.operator.role)) forbid('mark', 'passCorrectionRole', { roles: roleNamesOf(passCorrectionRoles) }, `turning a fail into a pass needs ${roleNamesOf(passCorrectionRoles)}`);
      } else requireKindRole(ctx, i.kind, 'inspectionId');
      const now = ctx.now();
      const doc: CorrectionDoc = {
        ...newMeta('inspection-correction', inspectionCorrectionDocs.id(i, newIdTail(now)), clinic.code, ctx.operator._id, now),
        type: 'inspection-correction',
        inspectionId: i._id,
        kind: i.kind,
        date: i.date,
        staffId: input.staffId,
        itemId: input.itemId,
        mark: input.mark,
        reason: input.reason,
      };
      await ctx.db.put(doc);
      return view(ctx, clinic, i);
    });
  },

  async 'inspection.correctPenalty'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const i = await requireInspection(ctx, clinic, input.inspectionId);
      // The corrected decision keeps to the ladder's limits as a decision does; the reason is required here.
      await penaltyLine(ctx, clinic, i, input, (line) => {
        if (!line.decided) refuse('conflict', 'itemId', 'notDecidedYet', {}, 'not decided yet: decide it (inspection.decidePenalty) rather than correct it');
      });
      const now = ctx.now();
      const penaltyId = inspectionPenaltyDocs.id(i, input.staffId, input.itemId);
      const doc: PenaltyCorrectionDoc = {
        ...newMeta('inspection-penalty-correction', inspectionPenaltyCorrectionDocs.id(i, input.staffId, input.itemId, newIdTail(now)), clinic.code, ctx.operator._id, now),
        type: 'inspection-penalty-correction',
        inspectionId: i._id,
        penaltyId,
        staffId: input.staffId,
        itemId: input.itemId,
        measure: input.measure,
        amount: input.amount,
        supervisorAmount: input.supervisorAmount,
        deptHeadAmount: input.deptHeadAmount,
        reason: input.reason,
      };
      await ctx.db.put(doc);
      return view(ctx, clinic, i);
    });
  },

  async 'inspection.decidePenalty'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const i = await requireInspection(ctx, clinic, input.inspectionId);
      if (!i.signedAt) refuse('conflict', 'inspectionId', 'signBeforePenalty', {}, 'sign the inspection off before deciding penalties');
      const { line, proposal } = await penaltyLine(ctx, clinic, i, input, (l) => {
        if (l.decided) refuse('conflict', 'itemId', 'alreadyDecided', { by: l.decided.byName }, `already decided by ${l.decided.byName}`);
      });
      if (needsReason(proposal, input) && !input.reason) refuse('invalid_input', 'reason', 'reasonNeeded', {}, 'say why the decision differs from the rule');
      const staff = await requireStaff(ctx, clinic, input.staffId);
      const now = ctx.now();
      const doc: PenaltyDoc = {
        ...newMeta('inspection-penalty', inspectionPenaltyDocs.id(i, staff._id, input.itemId), clinic.code, ctx.operator._id, now),
        type: 'inspection-penalty',
        inspectionId: i._id,
        kind: i.kind,
        date: i.date,
        staffId: staff._id,
        staffName: staff.name,
        itemId: input.itemId,
        itemLabel: line.itemLabel,
        supervisorId: staff.supervisorId ?? null,
        deptHeadId: staff.deptHeadId ?? null,
        occurrence: line.occurrence,
        proposed: { measure: line.proposed.measure, amount: line.proposed.amount, supervisorAmount: line.proposed.supervisorAmount, deptHeadAmount: line.proposed.deptHeadAmount },
        measure: input.measure,
        amount: input.amount,
        supervisorAmount: input.supervisorAmount,
        deptHeadAmount: input.deptHeadAmount,
        reason: input.reason,
      };
      await ctx.db.put(doc);
      return view(ctx, clinic, i);
    });
  },

  async 'inspection.discard'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const i = await requireInspection(ctx, clinic, input.inspectionId);
      refuseIfSigned(i);
      requireKindRole(ctx, i.kind, 'inspectionId');
      refuseOwnRecord(ctx, await resultsOf(ctx.db, i), 'inspectionId', 'discard');
      // Its results stay unsigned, so they never count on the ladder or in the month.
      const next: InspectionDoc = { ...touched(i, ctx.operator, ctx.now()), discardedAt: ctx.now().toISOString(), discardReason: input.reason };
      await ctx.db.put(next);
      return view(ctx, clinic, next);
    });
  },

  async 'inspection.monthSummary'(ctx, input) {
    return monthSummary(ctx, input.month);
  },

  async 'inspection.monthXlsx'(ctx, input) {
    const clinic = await requireClinic(ctx.db);
    const [s, all] = await Promise.all([clinicMonthSummary(ctx.db, clinic.code, input.month), inspectionsBetween(ctx.db, clinic.code, `${input.month}-`, `${input.month}-`)]);
    return xlsx(`仪容仪表检查月汇总-${clinic.code}-${input.month}.xlsx`, await bytesOf(monthBook(ctx, clinic, s, all)));
  },

  async 'inspection.chooseStar'(ctx, input) {
    return serialised(ctx.db, async () => {
      const clinic = await requireClinic(ctx.db);
      const staff = await requireStaff(ctx, clinic, input.staffId);
      if (!staff.active) refuse('invalid_input', 'staffId', 'staffInactive', { name: staff.name }, `${staff.name} is no longer active`);
      const id = serviceStarDocs.id(clinic.code, input.month);
      const existing = await getDoc<StarDoc>(ctx.db, id, 'service-star');
      if (existing) refuse('conflict', 'month', 'starTaken', { name: existing.staffName }, `${existing.staffName} is already this month's 服务之星`);
      const now = ctx.now();
      const doc: StarDoc = { ...newMeta('service-star', id, clinic.code, ctx.operator._id, now), type: 'service-star', month: input.month, staffId: staff._id, staffName: staff.name, reason: input.reason };
      await ctx.db.put(doc);
      return monthSummary(ctx, input.month);
    });
  },
};

export { tailOf };
