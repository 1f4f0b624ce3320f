import { describe, expect, it } from 'vitest';
import { clinicValidation } from '../../src-main/sync/couch/validation';
import { appointmentsStorage } from '../../src-main/appointments/storage';
import { appointmentDoc, noShowDoc } from '../../shared/appointments/schemas';
import { visitDoc } from '../../shared/desk/schemas';
import { couchDocs } from '../support/couchDocs';

type Vdu = (newDoc: object, oldDoc: object | null, userCtx: { name: string | null; roles: string[] }, secObj: object) => void;
const bj = new Function(`return (${clinicValidation('BJ')});`)() as Vdu;
const SECURITY = { admins: { names: [], roles: [] }, members: { names: [], roles: ['clinic_BJ', 'headoffice'] } };

function verdict(doc: object, old: object | null = null): string | null {
  try {
    bj(doc, old, { name: 'desk_bj', roles: ['clinic_BJ'] }, SECURITY);
    return null;
  } catch (err) {
    return (err as { forbidden: string }).forbidden;
  }
}

describe('head office’s validation of appointment, no-show and duty documents', () => {
  it('accepts the documents the desk writes (the factories match the app’s schemas)', () => {
    expect(verdict(couchDocs.appointment('BJ'))).toBeNull();
    expect(verdict(couchDocs.noShow('BJ'))).toBeNull();
    expect(verdict(couchDocs.duty('BJ'))).toBeNull();
    expect(appointmentDoc.safeParse(couchDocs.appointment('BJ')).success).toBe(true);
    expect(noShowDoc.safeParse(couchDocs.noShow('BJ')).success).toBe(true);
  });

  it('refuses wrong ids, missing or mistyped fields and another clinic’s records', () => {
    expect(verdict(couchDocs.appointment('BJ', { _id: 'appointment:SH:x' }))).toBe('_id: a appointment id looks like appointment:BJ:<tail>');
    expect(verdict(couchDocs.appointment('BJ', { at: 5 }))).toBe('at: must be string, not number');
    expect(verdict(couchDocs.appointment('BJ', { changes: undefined }))).toBe('changes: required for a appointment');
    expect(verdict(couchDocs.noShow('BJ', { how: null }))).toBe('how: must be string, not null');
    expect(verdict(couchDocs.duty('BJ', { _id: 'duty:BJ:27-11-2026:x' }))).toBe('_id: a duty id looks like duty:BJ:<YYYY-MM-DD>:<staff tail>');
    expect(verdict(couchDocs.duty('BJ', { onDuty: 'yes' }))).toBe('onDuty: must be boolean, not string');
    expect(verdict(couchDocs.appointment('SH'))).toBe('clinic: document of clinic SH in clinic_bj');
  });

  it('keeps them: deleting an appointment, a no-show or a roster entry is refused', () => {
    for (const doc of [couchDocs.appointment('BJ'), couchDocs.noShow('BJ'), couchDocs.duty('BJ')])
      expect(verdict({ _id: doc._id, _deleted: true, type: doc.type, clinic: 'BJ' }, doc)).toBe(`deleting a ${doc.type} is not allowed`);
    expect(Object.values(appointmentsStorage.couchTypes).every((r) => r.kept)).toBe(true);
  });

  it('visits written before appointments existed (no appointmentId) still pass and parse as walk-ins', () => {
    const { appointmentId: _gone, ...old } = couchDocs.visit('BJ');
    expect(verdict(old)).toBeNull();
    expect(visitDoc.parse(old).appointmentId).toBeNull();
    expect(verdict(couchDocs.visit('BJ', { appointmentId: 'appointment:BJ:x' }))).toBeNull();
  });
});
