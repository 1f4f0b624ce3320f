import { docVersions, type DocType } from '../../shared/docTypes';
import { clinicDocs, staffDocs } from '../../shared/reference/docs';
import { customerDocs, visitDocs } from '../../shared/desk/docs';
import { appointmentDocs, dutyDocs, noShowDocs } from '../../shared/appointments/docs';
import { inspectionDocs } from '../../shared/inspection/docs';
import { teaTemplateDocs } from '../../shared/tea/docs';
import { complaintDocs, complaintEventDocs } from '../../shared/complaints/docs';

/**
 * Factories for documents as they travel to head office (README "Documents"): each call gives a
 * valid document of one clinic, overridable field by field. For refusals, spread one and break it.
 * Ids and versions come from the types' declarations (shared/docTypes.ts); tests/support/docExamples.ts
 * makes one of every type from its schema.
 */
let serial = 0;
const AT = '2026-11-27T02:00:00.000Z';

function tail() {
  serial += 1;
  return `01KTEST${String(serial).padStart(11, '0')}`;
}

function meta(type: DocType, code: string) {
  return { type, schemaVersion: docVersions[type], clinic: code, createdAt: AT, createdBy: `staff:${code}:lead`, updatedAt: AT, updatedBy: `staff:${code}:lead` };
}

export const couchDocs = {
  clinic(code: string, overrides: Record<string, unknown> = {}) {
    return { _id: clinicDocs.id(code), ...meta('clinic', code), code, name: `${code}院`, inHeadOfficeCity: true, departments: [{ id: 'skin', name: '皮肤美容科', active: true }], waitAlertMinutes: 15, ...overrides };
  },
  staff(code: string, overrides: Record<string, unknown> = {}) {
    return { _id: staffDocs.id(code, tail()), ...meta('staff', code), name: '李导医', sex: 'F', role: 'guide', departmentId: null, active: true, pinHash: null, staffNumber: null, supervisorId: null, deptHeadId: null, ...overrides };
  },
  customer(code: string, overrides: Record<string, unknown> = {}) {
    return {
      _id: customerDocs.id(code, tail()),
      ...meta('customer', code),
      name: '张晓梅',
      sex: 'F',
      birthDate: null,
      age: 30,
      phone: '13912345678',
      address: '',
      source: 'web',
      directed: {},
      tier: null,
      search: ['张晓梅', 'zxm'],
      vip: null,
      mergedInto: null,
      ...overrides,
    };
  },
  visit(code: string, overrides: Record<string, unknown> = {}) {
    return {
      _id: visitDocs.id(code, '2026-11-27', tail()),
      ...meta('visit', code),
      customerId: `customer:${code}:x`,
      customerName: '张晓梅',
      customerPhone: '13912345678',
      firstVisit: true,
      hasAppointment: false,
      appointmentId: null,
      intention: '双眼皮咨询',
      concerns: '',
      course: '',
      history: '',
      departmentId: 'skin',
      departmentName: '皮肤美容科',
      consultantId: null,
      consultantName: null,
      arrivedAt: AT,
      status: 'waiting',
      triagedBy: `staff:${code}:lead`,
      triagedAt: AT,
      ...overrides,
    };
  },
  appointment(code: string, overrides: Record<string, unknown> = {}) {
    return {
      _id: appointmentDocs.id(code, tail()),
      ...meta('appointment', code),
      customerId: null,
      name: '张晓梅',
      phone: '13912345678',
      date: '2026-11-28',
      time: '10:00',
      at: '2026-11-28T02:00:00.000Z',
      serviceItem: '双眼皮咨询',
      departmentId: 'skin',
      consultantId: null,
      source: 'phone',
      note: '',
      status: 'booked',
      changes: [],
      calls: [],
      cancelledAt: null,
      cancelledBy: null,
      cancelLate: null,
      cancelReason: '',
      ...overrides,
    };
  },
  noShow(code: string, overrides: Record<string, unknown> = {}) {
    return { _id: noShowDocs.id(appointmentDocs.id(code, tail())), ...meta('no-show', code), appointmentId: `appointment:${code}:x`, customerId: null, name: '张晓梅', date: '2026-11-27', at: '2026-11-27T02:00:00.000Z', how: 'auto', ...overrides };
  },
  duty(code: string, overrides: Record<string, unknown> = {}) {
    return { _id: dutyDocs.id(code, '2026-11-27', staffDocs.id(code, tail())), ...meta('duty', code), date: '2026-11-27', staffId: `staff:${code}:x`, onDuty: true, ...overrides };
  },
  /** A signed inspection (read-only at head office). */
  signedInspection(code: string, overrides: Record<string, unknown> = {}) {
    return {
      _id: inspectionDocs.id(code, '2026-11-27', tail()),
      ...meta('inspection', code),
      kind: 'grooming',
      date: '2026-11-27',
      departmentId: null,
      templateKey: 'grooming',
      templateVersion: 1,
      templateName: '仪容仪表',
      items: [],
      inspectorName: '院长',
      signedAt: AT,
      signedBy: `staff:${code}:dean`,
      signedByName: '院长',
      discardedAt: null,
      discardReason: null,
      ...overrides,
    };
  },
  /** A tea checklist version (written once). */
  teaTemplate(code: string, version: number, overrides: Record<string, unknown> = {}) {
    return { _id: teaTemplateDocs.id(code, version), ...meta('tea-template', code), version, items: [{ id: 'fill-80', text: '茶水八分满' }], ...overrides };
  },
  /** A complaint number (written once). */
  complaintNumber(code: string, overrides: Record<string, unknown> = {}) {
    const complaintId = complaintDocs.id(code, '2026-11-27', tail().toLowerCase());
    return {
      // The older shape of a number's id, `complaint-number:<case key>:desk-<desk id>`, still valid (complaints/storage.ts).
      _id: `complaint-number:${complaintId.slice('complaint:'.length)}:desk-${tail().toLowerCase()}`,
      ...meta('complaint-number', code),
      complaintId,
      number: `${code}20261101`,
      month: '2026-11',
      serial: 1,
      deskId: 'desk-x',
      acceptEventId: complaintEventDocs.id(complaintId, tail().toLowerCase()),
      ...overrides,
    };
  },
};
