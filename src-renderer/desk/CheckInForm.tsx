import { useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { api } from '../api/client';
import { useLocale, useText } from '../i18n/i18n';
import { commonText } from '../i18n/common';
import { checkInInput, type CheckInInput, type CustomerHit } from '../../shared/desk/schemas';
import { adminRoles } from '../../shared/reference/schemas';
import { ApiError } from '../../shared/errors';
import { visibilityFor } from '../../shared/desk/visibility';
import { useShell } from '../shell/store';
import { Banner, Button } from '../ui/ui';
import { checkWith, type FieldErrors } from '../ui/errors';
import { useSubmit } from '../ui/useSubmit';
import { RegistrationFields, usePhoneOwner } from '../customers/Registration';
import { deskText } from './i18n';
import { apptText } from './appointmentText';
import type { CheckInDraft } from './checkInDraft';
import { useDesk } from './store';
import { focusFirstEmpty, isBlank, toCheckInInput, useBookedToday, useCheckInDraft, useF2Lookup, useSameDayVisit, useTriageOptions } from './checkInHooks';
import { ReturningCustomer, TriageFields, VisitFields, VisitKindGroup } from './CheckInGroups';

export { normaliseBirthDate } from '../customers/Registration';

/** 登记与分诊: who she is (first visit: the shared registration; returning: the lookup), this visit, triage. */
export function CheckInForm() {
  const t = useText(deskText);
  const c = useText(commonText);
  const a = useText(apptText);
  const locale = useLocale((s) => s.locale);
  const role = useShell((s) => s.status?.operator?.role);
  const { d, raw, set, setPerson, setVisit, setValue, restored, clear, ready } = useCheckInDraft();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState<{ name: string; where: string } | null>(null);
  // The main process's own refusals (a duplicate phone, a consultant who just left) stand until the form changes.
  const submit = useSubmit();
  const [refusedAt, setRefusedAt] = useState<CheckInDraft | null>(null);
  const lookupRef = useRef<HTMLInputElement>(null);
  const firstFieldRef = useRef<HTMLDivElement>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const triage = useTriageOptions(d.visit.departmentId);
  // A first-visit phone that is already on file: offer the existing customer instead of a duplicate.
  const phoneOwner = usePhoneOwner(d.person.phone, d.kind === 'first');
  useF2Lookup(setValue, lookupRef);
  const sameDay = useSameDayVisit();
  const existing = sameDay(d);
  const booked = useBookedToday(d);
  const showVisit = useDesk((s) => s.showVisit);

  const switchToExisting = (hit: CustomerHit) => {
    setValue((prev) => ({ ...prev, kind: 'returning', customer: hit }));
    setErrors({});
    setRefusedAt(null);
    submit.setGeneral(null);
  };

  /** The same checks as the main process makes (the contract's schema), plus the form's own choices. */
  const validate = (draft: CheckInDraft) => {
    const pre: FieldErrors = {};
    if (!draft.kind) pre.kind = t.chooseKind;
    if (draft.kind === 'returning' && !draft.customer) pre['customer.id'] = t.chooseCustomer;
    if (!draft.appointment) pre.appointment = c.required;
    if (sameDay(draft) && !draft.visit.repeatReason?.trim()) pre['visit.repeatReason'] = t.repeatReasonNeeded;
    const checked = checkWith(checkInInput, toCheckInInput(draft), locale);
    const all = { ...(checked.ok ? {} : checked.errors), ...pre };
    if (draft.kind === 'returning') for (const k of Object.keys(all)) if (k.startsWith('customer.new')) delete all[k];
    return { checked, all };
  };

  // Once errors are shown, each one disappears as soon as its field is put right.
  const stillWrong = Object.keys(errors).length ? validate(d).all : {};
  const e: FieldErrors = { ...Object.fromEntries(Object.entries(errors).filter(([k]) => k in stillWrong)), ...(refusedAt === raw ? submit.errors : {}) };

  const send = () => {
    setSaved(null);
    submit.setGeneral(null);
    const { checked, all } = validate(booked ? { ...d, appointmentId: booked.id } : d);
    setErrors(all);
    if (Object.keys(all).length || !checked.ok) {
      // Focus the first field at fault so the guide can type straight away.
      setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid=true], [data-invalid=true] input')?.focus(), 0);
      return;
    }
    const sent = raw;
    return submit.send(async () => {
      try {
        const visit = await api['desk.checkIn'](checked.data as CheckInInput);
        setSaved({ name: visit.customerName, where: visit.departmentName + (visit.consultantName ? ` · ${visit.consultantName}` : '') });
        setErrors({});
        clear();
        setTimeout(() => firstFieldRef.current?.querySelector<HTMLInputElement>('input')?.focus(), 0);
      } catch (err) {
        // The phone is someone's already: offer her record as the store has it.
        if (err instanceof ApiError && err.detail?.existingId && sent.kind === 'first') void phoneOwner.claim(err.detail.existingId);
        setRefusedAt(sent);
        throw err;
      }
    });
  };

  // A booking opened with F8, Enter (not on file yet): the focus waits in the first field still empty.
  const arrivalId = d.arrival ? d.appointmentId : null;
  useEffect(() => {
    if (ready && arrivalId) setTimeout(() => focusFirstEmpty(formRef.current), 0);
  }, [ready, arrivalId]);

  if (!ready) return null;
  return (
    <form
      ref={formRef}
      aria-label={t.checkIn}
      className="space-y-5"
      onSubmit={(ev) => {
        ev.preventDefault();
        void send();
      }}
      onKeyDown={(ev) => {
        if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) {
          ev.preventDefault();
          void send();
        }
      }}
    >
      <div className="rounded-lg bg-teal-50 px-4 py-2 text-teal-900 ring-1 ring-teal-200">
        <span className="font-bold">{t.greet}</span> → {t.askFirst} → {t.askAppointment}
      </div>
      {d.arrival ? <Banner tone="info">{a.arrivalFromForm(d.arrival.name, d.arrival.time)}</Banner> : restored && !isBlank(d) && <Banner tone="info">{t.draftRestored}</Banner>}
      {/* 已登记 lasts until the next registration is begun. */}
      {saved && isBlank(d) && <Banner tone="success">{t.saved(saved.name, saved.where)}</Banner>}
      {submit.general && <Banner tone="error">{submit.general}</Banner>}

      <VisitKindGroup d={d} e={e} set={set} firstRef={firstFieldRef} />

      {d.kind === 'returning' && (
        <ReturningCustomer
          d={d}
          e={e}
          lookupRef={lookupRef}
          onPick={(hit) => {
            // On to the next field to fill (有预约/无预约 if not said yet), never lost focus.
            flushSync(() => set('customer', hit));
            focusFirstEmpty(formRef.current);
          }}
          onChange={(hit) => set('customer', hit)}
          mayTier={!!role && adminRoles.includes(role)}
          existing={existing}
          onOpenExisting={() => {
            if (existing) showVisit(existing.id);
            clear();
            setErrors({});
          }}
          repeatReason={d.visit.repeatReason ?? ''}
          onRepeatReason={(repeatReason) => setVisit({ repeatReason })}
          booked={booked}
        />
      )}

      {d.kind === 'first' && (
        <RegistrationFields name="checkin" person={d.person} onChange={setPerson} errors={e} prefix="customer.new" directed={role && visibilityFor(role).directed ? 'tabs' : 'none'} owner={phoneOwner.owner} onUseOwner={switchToExisting} />
      )}

      <VisitFields d={d} e={e} setVisit={setVisit} />
      <TriageFields d={d} e={e} setVisit={setVisit} options={triage} />

      <div className="flex gap-3">
        <Button type="submit" disabled={submit.busy} className="flex-1 py-3 text-lg">
          {t.submit} <kbd className="ml-2 text-sm opacity-75">{t.submitKey}</kbd>
        </Button>
        <Button variant="ghost" onClick={() => { clear(); setErrors({}); setRefusedAt(null); submit.setGeneral(null); }}>
          {t.reset}
        </Button>
      </div>
    </form>
  );
}
