import type { z } from 'zod';
import { prefixRange } from '../../shared/doc';
import type * as docs from '../../shared/complaints/docSchemas';
import { complaintDocs, complaintEventDocs, complaintLimitsDocs, complaintNumberDocs, complaintReviewDocs, complaintSettingsDocs } from '../../shared/complaints/docs';
import type { DomainStorage } from '../store/domainStorage';

/**
 * Complaint documents (README "Documents", docs/complaints.md). The intake is written once; every
 * later step is a new `complaint-event` (append-only: two people working on one case never edit
 * the same document); a number is a `complaint-number` written once by the clinic's numbering
 * desk, its id made of the number, so a second claim of that number is the same document: head
 * office's validation refuses it (`claim` below) or, through CouchDB 3's replication, it becomes a
 * conflict of that document — either way it cannot pass unseen. Every field of a number stays as
 * issued (`immutable`).
 */
/**
 * CouchDB's attachments as PouchDB takes them here (the data a Buffer when written, a stub when
 * read); the stored schema says any bytes (Uint8Array), which PouchDB's put does not accept.
 */
type Attachments = Record<string, { content_type: string; data: string | Buffer; stub?: boolean; length?: number }>;
type WithAttachments<T> = Omit<T, '_attachments'> & { _attachments?: Attachments };

export type ComplaintDoc = WithAttachments<z.infer<typeof docs.complaintDoc>>;
// inHeadOfficeCity: 京内 (7-day overall limit) or not (14), as the clinic was when the complaint came in.
// promisedReplyAt: the reply time told to the patient at intake (ISO), when one was promised; absent on older cases.
// followupTaskId: the follow-up task whose call (feedback 投诉) opened this complaint (channel 回访反馈); absent otherwise.
// evidence: names and types of the evidence files, stored as this document's attachments.

export type ComplaintEventDoc = WithAttachments<z.infer<typeof docs.complaintEventDoc>>;
// seq: how many events of the case this desk knew when it wrote this one (orders events of one instant).
// byRole: the role the author held when they recorded it (approvals are by role).
// byName, headOffice: written by head office into the clinic's database: its person is on no clinic roster, so the name travels with the act.

export type ComplaintNumberDoc = z.infer<typeof docs.complaintNumberDoc>;
// deskId: the desk that issued it (the clinic's numbering desk, unless it was misconfigured).
// acceptEventId: the acceptance (step 2) this number is for: its time decides the month.
// replaces: set when a person gave this case this number because its earlier one was withdrawn (作废).

export type ComplaintSettingsDoc = z.infer<typeof docs.complaintSettingsDoc>;
// numberingDeskId: the one desk of the clinic that issues complaint numbers (taken only while head office confirms it).
// reserved: per month, the serials kept free at a take-over: the new desk counts on from above them, the
// old one may have issued them unseen (TAKEOVER_GAP past the last number head office had).

/** Head office's time limits for this clinic (only those that differ from the group's; see rules.groupLimits). */
export type ComplaintLimitsDoc = z.infer<typeof docs.complaintLimitsDoc>;

/** 总经办's review of one clinic month's closed cases (seed 001 (五)), written once by head office in the clinic's database (`closedCases`, `penalised`: what the reviewer saw). */
export type ComplaintReviewDoc = z.infer<typeof docs.complaintReviewDoc>;

/**
 * Ids, from the declarations (shared/complaints/docs.ts): the case's received date and tail carry
 * through its events and numbers, so one case reads as id ranges. One document per number
 * (`complaint-number:BJ:BJ20261107`): a second claim of the number is the same id, refused locally
 * (409) and by head office. Numbers issued before this were `complaint-number:<case key>:<desk id>`;
 * they stay readable and valid.
 */
export const complaintIds = {
  complaint: complaintDocs.id,
  event: complaintEventDocs.id,
  number: complaintNumberDocs.id,
  settings: complaintSettingsDocs.id,
  limits: complaintLimitsDocs.id,
  review: complaintReviewDocs.id,
  range: prefixRange,
};

const caseTail = '\\d{4}-\\d{2}-\\d{2}:[0-9a-z]{18}';

export const complaintStorage: DomainStorage = {
  couchTypes: {
    complaint: {
      id: `^complaint:{CODE}:${caseTail}$`,
      idShape: 'complaint:{CODE}:<YYYY-MM-DD>:<tail>',
      kept: true,
    },
    'complaint-event': {
      id: `^complaint-event:{CODE}:${caseTail}:[0-9a-z]{18}$`,
      idShape: 'complaint-event:{CODE}:<YYYY-MM-DD>:<case tail>:<tail>',
      kept: true,
    },
    'complaint-number': {
      id: `^complaint-number:{CODE}:([A-Z]{2,4}\\d{8,9}|${caseTail}:desk-[0-9a-z]{18})$`,
      idShape: 'complaint-number:{CODE}:<number>',
      kept: true,
      // Every field of a number stays as issued (serial and month as much as the number).
      immutable: true,
      // The number is held by one case: an id made of a number must be that number, and a new
      // revision may not give it to another case ("number: BJ20261107 is held by complaint:…").
      claim: { field: 'number', holder: 'complaintId', idPattern: '^complaint-number:[A-Z]{2,4}:[A-Z]{2,4}\\d{8,9}$' },
    },
    'complaint-settings': {
      id: '^complaint-settings:{CODE}$',
      idShape: 'complaint-settings:{CODE}',
      kept: true,
    },
    'complaint-limits': {
      id: '^complaint-limits:{CODE}$',
      idShape: 'complaint-limits:{CODE}',
      kept: true,
    },
    'complaint-review': {
      id: '^complaint-review:{CODE}:\\d{4}-\\d{2}$',
      idShape: 'complaint-review:{CODE}:<YYYY-MM>',
      kept: true,
      immutable: true,
    },
  },
  // No view: a number's claims include both sides of a conflict, which views do not index (repo.clinicNumbers).
  designDocs: [],
  indexes: [],
};
