import { useEffect, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import { useQuery } from '../api/useQuery';
import { useDraft } from '../drafts/drafts';
import { useShell } from '../shell/store';
import { triageRoles } from '../../shared/reference/schemas';
import { emptyPerson, newCustomerOf } from '../customers/Registration';
import { CHECK_IN_DRAFT, emptyCheckIn, type CheckInDraft } from './checkInDraft';
import { useInitials } from './PinyinSelect';

/** Nothing typed or chosen: every field empty (a draft of only blanks is no draft to restore). */
export function isBlank(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (typeof value === 'object') return Object.values(value).every(isBlank);
  return false;
}

/** Focuses the first required control still empty, in the form's order (a radio group: its first radio). */
export function focusFirstEmpty(form: HTMLFormElement | null) {
  for (const el of form?.querySelectorAll<HTMLElement>('[data-fill]') ?? []) {
    const radios = [...el.querySelectorAll<HTMLInputElement>('input[type=radio]')];
    if (radios.length) {
      if (!radios.some((r) => r.checked)) return radios[0]!.focus();
      continue;
    }
    const control = el.matches('input, select, textarea') ? (el as HTMLInputElement) : el.querySelector<HTMLInputElement>('input, select, textarea');
    if (control && !control.disabled && control.value === '') return control.focus();
  }
}

/** Builds the contract's input from the form; empty optional fields become null or are left out. */
export function toCheckInInput(d: CheckInDraft): unknown {
  const customer = d.kind === 'returning' ? { id: d.customer?.id ?? '' } : { new: newCustomerOf(d.person) };
  return {
    customer,
    visit: { ...d.visit, hasAppointment: d.appointment === 'yes', consultantId: d.visit.consultantId || null, appointmentId: d.appointment === 'yes' ? d.appointmentId : null, repeatReason: d.visit.repeatReason?.trim() || null },
  };
}

/** The check-in's draft (Dexie, per operator) and its setters; an older draft's person gains the fields added since. */
export function useCheckInDraft() {
  const draft = useDraft<CheckInDraft>(CHECK_IN_DRAFT, emptyCheckIn);
  const { setValue } = draft;
  const d: CheckInDraft = { ...draft.value, person: { ...emptyPerson, ...draft.value.person } };
  const set = <K extends keyof CheckInDraft>(key: K, value: CheckInDraft[K]) => setValue((prev) => ({ ...prev, [key]: value }));
  const setPerson = (patch: Partial<CheckInDraft['person']>) => setValue((prev) => ({ ...prev, person: { ...emptyPerson, ...prev.person, ...patch } }));
  const setVisit = (patch: Partial<CheckInDraft['visit']>) => setValue((prev) => ({ ...prev, visit: { ...prev.visit, ...patch } }));
  // `raw` is the draft as stored: the same object until the form changes (what a refusal is pinned to).
  return { ...draft, raw: draft.value, d, set, setPerson, setVisit };
}

/** F2 anywhere: a returning visitor, the lookup focused (rendered now, so the keys typed straight after reach it). */
export function useF2Lookup(setValue: (f: (prev: CheckInDraft) => CheckInDraft) => void, lookupRef: RefObject<HTMLInputElement | null>) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F2') {
        e.preventDefault();
        flushSync(() => setValue((prev) => ({ ...prev, kind: 'returning' })));
        lookupRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setValue, lookupRef]);
}

/** The active departments and, for the chosen one, the consultants and doctors on today's roster (everyone while the day has none). */
export function useTriageOptions(departmentId: string) {
  const clinic = useShell((s) => s.status?.clinic);
  const staff = useQuery('staff.list', {});
  const duty = useQuery('duty.day', {});
  const initials = useInitials();
  const onDuty = (id: string) => !duty.data?.rosterSet || duty.data.staff.some((x) => x.staffId === id && x.onDuty);
  const departments = clinic?.departments.filter((dep) => dep.active) ?? [];
  const consultants = (staff.data ?? []).filter((s) => s.active && triageRoles.includes(s.role) && (s.departmentId === null || s.departmentId === departmentId) && onDuty(s.id));
  return { departments, consultants, initials };
}

/** A returning visitor already checked in today (not cancelled): her open visit, else her last one. */
export function useSameDayVisit() {
  const board = useQuery('visits.board', {});
  return (draft: CheckInDraft) => {
    const hers = draft.kind === 'returning' && draft.customer ? (board.data ?? []).filter((r) => r.customerId === draft.customer?.id) : [];
    return hers.find((r) => r.status !== 'left') ?? hers.at(-1);
  };
}

/** A returning visitor who says she has an appointment: today's booking of hers, which this visit keeps. */
export function useBookedToday(d: CheckInDraft) {
  const today = useQuery('appointment.day', {});
  return d.kind === 'returning' && d.appointment === 'yes' && d.customer && !d.appointmentId
    ? today.data?.find((x) => x.customerId === d.customer?.id && (x.state === 'expected' || x.state === 'overdue'))
    : undefined;
}
