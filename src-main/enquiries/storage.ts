import type { DomainStorage } from '../store/domainStorage';

/**
 * What enquiries (电话/网络咨询, issue 14) add to the store and to head office's validation.
 * - `enquiry:<CODE>:<YYYY-MM-DD>:<tail>` — one enquiry, dated by the clinic day it was asked, so a
 *   day's, a month's or a year's register is an id range (the funnel reads no view). Its answer,
 *   outcome and the appointment booked from it live on it; its `steps` keep every change.
 * - `enquiry-check:<CODE>:<YYYY-MM-DD>:<tail>` — the leader's spot check (抽查) of the enquiry with
 *   the same day and tail, so a range of days reads its checks as one more id range.
 * - `enquiry-sheet:<CODE>:<YYYY-MM-DD>:<staff tail>` — a consultant's daily sheet (每日工作总结).
 * - `enquiry-recall:<CODE>:<YYYY-MM-DD>:<tail>` — a re-call's answers (询诊回访: booked, why not,
 *   next step), dated by the call's clinic day; the follow-up task gets its attempt beside it.
 * The appointment itself is the appointments domain's; its arrival is the visit that keeps it.
 */
export const enquiriesStorage: DomainStorage = {
  couchTypes: {
    enquiry: {
      id: '^enquiry:{CODE}:\\d{4}-\\d{2}-\\d{2}:[^:]+$',
      idShape: 'enquiry:{CODE}:<YYYY-MM-DD>:<tail>',
      kept: true,
    },
    'enquiry-check': {
      id: '^enquiry-check:{CODE}:\\d{4}-\\d{2}-\\d{2}:[^:]+$',
      idShape: 'enquiry-check:{CODE}:<YYYY-MM-DD>:<tail>',
      kept: true,
    },
    'enquiry-sheet': {
      id: '^enquiry-sheet:{CODE}:\\d{4}-\\d{2}-\\d{2}:[^:]+$',
      idShape: 'enquiry-sheet:{CODE}:<YYYY-MM-DD>:<staff tail>',
      kept: true,
    },
    'enquiry-recall': {
      id: '^enquiry-recall:{CODE}:\\d{4}-\\d{2}-\\d{2}:[^:]+$',
      idShape: 'enquiry-recall:{CODE}:<YYYY-MM-DD>:<tail>',
      kept: true,
    },
  },
  designDocs: [],
  indexes: [],
};
