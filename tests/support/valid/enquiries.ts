import type { enquiriesContract } from '../../../shared/enquiries/contract';
import type { EnquiryDoc, RecordInput } from '../../../shared/enquiries/schemas';
import { addDays } from '../../../shared/appointments/rules';
import { clinicDate } from '../../../shared/time';
import { taskId } from '../../../shared/followup/rules';
import type { TestApp } from '../app';
import { newCustomer, seedStaff } from '../factories';

/** An online enquiry of a new person, answered, overridable. */
export function enquiry(overrides: Partial<RecordInput> = {}): RecordInput {
  return {
    channel: 'swt',
    customer: { new: newCustomer({ source: 'web' }) },
    question: '双眼皮手术恢复要多久？',
    items: ['双眼皮'],
    answer: '一般七天拆线，一个月基本自然。',
    outcome: { kind: 'answered' },
    recordingRef: '',
    ...overrides,
  };
}

/** A one-row booking sheet as 商务通 exports it (UTF-8 .csv). */
const bookingSheet = { fileName: 'swt.csv', format: 'csv', channel: 'swt', mapping: {}, data: Buffer.from('姓名,电话,预约项目\n周女士,13912340000,双眼皮\n', 'utf8').toString('base64') };

/** One catalogue item as head office enters it. */
export function serviceItemInput(overrides: Record<string, unknown> = {}) {
  return { id: 'svc-eyelid', name: '双眼皮', category: '手术', department: '整形外科', priceFrom: 3000, priceTo: 12000, doctors: ['王医生'], note: '', active: true, ...overrides };
}

/** A valid input for each of this domain's operations (tests/integration/contract.test.ts breaks each one). */
export async function enquiriesValidInputs(t: TestApp): Promise<Record<keyof typeof enquiriesContract, Record<string, unknown>>> {
  const today = clinicDate(t.clock.now);
  const doctor = await seedStaff(t, { role: 'doctor', departmentId: 'plastic-surgery' });
  const [toAnswer, toBook] = [await t.api['enquiry.record'](enquiry({ answer: '', outcome: { kind: 'referred', doctorId: doctor.id } })), await t.api['enquiry.record'](enquiry())];
  // An online consultant's entry, for the signed-in lead to spot-check (never one's own): written as
  // hers in the store, so the lead's session (other domains' inputs hang on it) is not switched.
  const online = await seedStaff(t, { role: 'onlineConsultant', pin: '8642' });
  const toCheck = await t.api['enquiry.record'](enquiry({ items: [] }));
  const stored = await t.app.store.db.get<EnquiryDoc>(toCheck.id);
  await t.app.store.db.put({ ...stored, consultantId: online.id });
  // An enquiry of a week ago that did not book: its re-call (询诊回访) is due today.
  const asked = await t.api['enquiry.record'](enquiry());
  const weekAgo = addDays(today, -7);
  const old = await t.app.store.db.get<EnquiryDoc>(asked.id);
  const { _rev: _r, ...rest } = old;
  const pastId = `enquiry:${old.clinic}:${weekAgo}:${asked.id.split(':')[3]}`;
  await t.app.store.db.put({ ...rest, _id: pastId, at: new Date(new Date(old.at).getTime() - 7 * 86_400_000).toISOString() });
  await t.app.store.db.remove(await t.app.store.db.get(asked.id));
  await t.api['followup.recalls']({});
  return {
    'enquiry.recall': { taskId: taskId(old.clinic, 'enquiryRecall', pastId), booked: 'no', reason: 'price', reasonNote: '', nextStep: 'callAgain', nextAt: new Date(t.clock.now.getTime() + 2 * 86_400_000).toISOString(), note: '觉得贵，下周发活动价给她。' },
    'enquiry.record': { ...enquiry({ channel: 'phone', recordingRef: 'REC-20261127-0001', outcome: { kind: 'callBack', at: new Date(t.clock.now.getTime() + 3_600_000).toISOString() }, answer: '' }) },
    'enquiry.answer': { id: toAnswer.id, answer: '王医生：可以做，先来面诊。', outcome: { kind: 'answered' } },
    'enquiry.book': { id: toBook.id, date: addDays(today, 1), time: '10:00', serviceItem: '双眼皮咨询', departmentId: 'plastic-surgery', consultantId: null, note: '' },
    'enquiry.list': { from: today, to: today },
    'enquiry.due': {},
    'enquiry.funnel': { from: today, to: today, grain: 'day' },
    'enquiry.sheetReport': { date: today, summary: '今日咨询 3 条，预约 1 条。' },
    'enquiry.sheets': { date: today },
    'enquiry.spotCheck': { id: toCheck.id, verdict: 'incomplete', note: '未填咨询项目' },
    'catalogue.get': { activeOnly: false },
    'enquiry.importPreview': { ...bookingSheet },
    'enquiry.importCommit': { ...bookingSheet, expectRows: 1 },
    // Head office only (refused on a clinic desk, as every headoffice.* operation; catalogue.test.ts runs it at head office).
    'headoffice.catalogueSave': { baseVersion: 0, items: [serviceItemInput()] },
    'headoffice.enquiries': { from: today, to: today, clinic: null, grain: 'day' },
    'headoffice.enquiryRecords': { period: { from: today, to: today, clinic: null, grain: 'day' }, filter: { by: 'channel', key: 'swt', stage: 'enquiries' } },
    'headoffice.enquiriesXlsx': { from: today, to: today, clinic: null, grain: 'month' },
  };
}
