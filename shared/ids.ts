/**
 * Document ids say what they are (`visit:BJ:2026-11-27:…`), so that head office and integrators
 * can range-read them in CouchDB without an index. The random tail is time-ordered, so ids of one
 * prefix sort by creation.
 */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case

/** The last tail's time and random digits: tails made in one millisecond still sort in the order made. */
let lastTime = -1;
let lastDigits: number[] = [];

/**
 * A time-ordered tail: 10 base32 digits of milliseconds, 8 random. Within one process tails are
 * strictly increasing (the random part counts up inside one millisecond, as monotonic ULIDs do),
 * so events written in one millisecond — a correction right after the record it corrects — are
 * applied in the order they were written wherever ties in time are broken by id.
 */
export function newIdTail(now: Date = new Date()): string {
  let time = now.getTime();
  let digits: number[];
  if (time <= lastTime) {
    time = lastTime;
    digits = [...lastDigits];
    let i = digits.length - 1;
    while (i >= 0 && digits[i] === 31) digits[i--] = 0;
    if (i >= 0) digits[i]! += 1;
  } else {
    const random = new Uint8Array(8);
    crypto.getRandomValues(random);
    // Top bit clear: room to count up inside one millisecond without wrapping.
    digits = [...random].map((byte, i) => (i === 0 ? byte % 16 : byte % 32));
  }
  lastTime = time;
  lastDigits = digits;
  let head = '';
  for (let i = 0, t = time; i < 10; i++) {
    head = ALPHABET[t % 32] + head;
    t = Math.floor(t / 32);
  }
  return head + digits.map((d) => ALPHABET[d]).join('');
}

export const docId = {
  clinic: (clinic: string) => `clinic:${clinic}`,
  staff: (clinic: string, tail: string) => `staff:${clinic}:${tail}`,
  customer: (clinic: string, tail: string) => `customer:${clinic}:${tail}`,
  visit: (clinic: string, date: string, tail: string) => `visit:${clinic}:${date}:${tail}`,
  /** One revision set aside when a person resolved a conflict: the same on every desk that resolves it. */
  conflictArchive: (id: string, rev: string) => `conflict-archive:${id}:${rev}`,
  /** One merge of a record into another (what moved, for a lead's correction): by the merged-away record. */
  customerMerge: (mergedId: string, tail: string) => `customer-merge:${mergedId.slice('customer:'.length)}:${tail}`,
  customerMergeRange: (mergedId: string) => ({ startkey: `customer-merge:${mergedId.slice('customer:'.length)}:`, endkey: `customer-merge:${mergedId.slice('customer:'.length)}:\ufff0` }),
  /** One correction of a customer's record: `customer-edit:<CODE>:<customer tail>:<tail>` (issue 14). */
  customerEdit: (customerId: string, tail: string) => `customer-edit:${customerId.slice('customer:'.length)}:${tail}`,
  customerEditRange: (customerId: string) => ({
    startkey: `customer-edit:${customerId.slice('customer:'.length)}:`,
    endkey: `customer-edit:${customerId.slice('customer:'.length)}:\ufff0`,
  }),
  /** All visits of one clinic day: an allDocs range, no index needed. */
  visitDayRange: (clinic: string, date: string) => ({
    startkey: `visit:${clinic}:${date}:`,
    endkey: `visit:${clinic}:${date}:\ufff0`,
  }),
};
