import type { AppointmentView } from '../../shared/appointments/schemas';
import type { CustomerHit } from '../../shared/desk/schemas';
import { saveDraft } from '../drafts/drafts';
import { emptyPerson, type Person } from '../customers/Registration';

/** The check-in form's draft (kept in Dexie so a reload does not lose it). */
export interface CheckInDraft {
  kind: 'first' | 'returning' | null;
  appointment: 'yes' | 'no' | null;
  customer: CustomerHit | null;
  /** The shared registration (customers/Registration.tsx); older drafts lack e-mail, 职业, 病种, 健康询问. */
  person: Person;
  /** `repeatReason`: why a second visit today (older drafts lack it). */
  visit: { intention: string; concerns: string; course: string; history: string; departmentId: string; consultantId: string; repeatReason?: string };
  /** The appointment this arrival keeps, and how the form names it. */
  appointmentId: string | null;
  arrival: { name: string; time: string } | null;
}

export const CHECK_IN_DRAFT = 'desk.checkIn';

export const emptyCheckIn: CheckInDraft = {
  kind: null,
  appointment: null,
  customer: null,
  person: emptyPerson,
  visit: { intention: '', concerns: '', course: '', history: '', departmentId: '', consultantId: '' },
  appointmentId: null,
  arrival: null,
};

/** A booked visitor not yet on file arrives: the form opens with what the booking knows. */
export async function startArrival(a: AppointmentView, phone: string): Promise<void> {
  const source = a.source === 'phone' ? 'phone' : a.source === 'online' || a.source === 'wechat' ? 'web' : a.source === 'referral' ? 'referral' : 'other';
  const draft: CheckInDraft = {
    ...emptyCheckIn,
    kind: 'first',
    appointment: 'yes',
    person: { ...emptyCheckIn.person, name: a.name, phone, source },
    visit: { ...emptyCheckIn.visit, intention: a.serviceItem, departmentId: a.departmentId, consultantId: a.consultantId ?? '' },
    appointmentId: a.id,
    arrival: { name: a.name, time: a.time },
  };
  await saveDraft(CHECK_IN_DRAFT, draft);
}
