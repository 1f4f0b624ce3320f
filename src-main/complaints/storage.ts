import type { DocMeta } from '../../shared/doc';
import type { Channel, EventKind } from '../../shared/complaints/rules';
import type { DomainStorage } from '../store/domains';

/**
 * Complaint documents (README "Documents", docs/complaints.md). The intake is written once; every
 * later step is a new `complaint-event` (append-only: two people working on one case never edit
 * the same document); a number is a `complaint-number` written once by the clinic's numbering
 * desk and never changed (head office's validation refuses any edit of it: `immutable`).
 */
export interface ComplaintDoc extends DocMeta {
  type: 'complaint';
  receivedAt: string;
  channel: Channel;
  customerId: string | null;
  patientName: string;
  patientPhone: string;
  what: string;
  wants: string;
  staffInvolved: string;
  departmentId: string | null;
  departmentName: string | null;
  /** 京内 (7-day overall limit) or not (14), as the clinic was when the complaint came in. */
  inHeadOfficeCity: boolean;
  /** Names and types of the evidence files, stored as this document's attachments. */
  evidence: { name: string; mime: string; size: number }[];
  _attachments?: Record<string, { content_type: string; data: string | Buffer; stub?: boolean; length?: number }>;
}

export interface ComplaintEventDoc extends DocMeta {
  type: 'complaint-event';
  complaintId: string;
  kind: EventKind;
  at: string;
  /** How many events of the case this desk knew when it wrote this one (orders events of one instant). */
  seq: number;
  /** The role the author held when they recorded it (approvals are by role). */
  byRole: string;
  data: Record<string, unknown>;
  attachments: { name: string; mime: string; size: number }[];
  _attachments?: ComplaintDoc['_attachments'];
}

export interface ComplaintNumberDoc extends DocMeta {
  type: 'complaint-number';
  complaintId: string;
  number: string;
  month: string;
  serial: number;
  /** The desk that issued it (the clinic's numbering desk, unless it was misconfigured). */
  deskId: string;
  /** The acceptance (step 2) this number is for: its time decides the month. */
  acceptEventId: string;
}

export interface ComplaintSettingsDoc extends DocMeta {
  type: 'complaint-settings';
  /** The one desk of the clinic that issues complaint numbers. */
  numberingDeskId: string;
}

/** Ids: the case's received date and tail carry through its events and numbers, so one case reads as id ranges. */
export const complaintIds = {
  complaint: (clinic: string, date: string, tail: string) => `complaint:${clinic}:${date}:${tail}`,
  /** `complaint:BJ:2026-11-27:<tail>` → `BJ:2026-11-27:<tail>`. */
  caseKey: (complaintId: string) => complaintId.slice('complaint:'.length),
  event: (complaintId: string, tail: string) => `complaint-event:${complaintIds.caseKey(complaintId)}:${tail}`,
  /** One per case and desk: a desk cannot number a case twice; two desks that both did are both seen. */
  number: (complaintId: string, deskId: string) => `complaint-number:${complaintIds.caseKey(complaintId)}:${deskId}`,
  settings: (clinic: string) => `complaint-settings:${clinic}`,
  range: (prefix: string) => ({ startkey: prefix, endkey: `${prefix}\ufff0` }),
};

const caseTail = '\\d{4}-\\d{2}-\\d{2}:[0-9a-z]{18}';

export const complaintStorage: DomainStorage = {
  couchTypes: {
    complaint: {
      fields: {
        receivedAt: 'string',
        channel: 'string',
        customerId: 'string?',
        patientName: 'string',
        patientPhone: 'string',
        what: 'string',
        wants: 'string',
        staffInvolved: 'string',
        departmentId: 'string?',
        departmentName: 'string?',
        inHeadOfficeCity: 'boolean',
        evidence: 'array',
      },
      id: `^complaint:{CODE}:${caseTail}$`,
      idShape: 'complaint:{CODE}:<YYYY-MM-DD>:<tail>',
      kept: true,
    },
    'complaint-event': {
      fields: { complaintId: 'string', kind: 'string', at: 'string', seq: 'number', byRole: 'string', data: 'object', attachments: 'array' },
      id: `^complaint-event:{CODE}:${caseTail}:[0-9a-z]{18}$`,
      idShape: 'complaint-event:{CODE}:<YYYY-MM-DD>:<case tail>:<tail>',
      kept: true,
    },
    'complaint-number': {
      fields: { complaintId: 'string', number: 'string', month: 'string', serial: 'number', deskId: 'string', acceptEventId: 'string' },
      id: `^complaint-number:{CODE}:${caseTail}:desk-[0-9a-z]{18}$`,
      idShape: 'complaint-number:{CODE}:<YYYY-MM-DD>:<case tail>:<desk id>',
      kept: true,
      // Every field of a number stays as issued (serial and month as much as the number).
      immutable: true,
    },
    'complaint-settings': {
      fields: { numberingDeskId: 'string' },
      id: '^complaint-settings:{CODE}$',
      idShape: 'complaint-settings:{CODE}',
      kept: true,
    },
  },
  designDocs: [
    {
      _id: '_design/complaints',
      views: {
        // Every issued number with its case: the numbering desk counts on from the month's highest,
        // and a number on two cases (or two numbers on one case) shows up for a person.
        by_number: {
          map: `function (doc) { if (doc.type === 'complaint-number') emit(doc.number, { complaintId: doc.complaintId, deskId: doc.deskId }); }`,
        },
      },
    },
  ],
  indexes: [],
};
