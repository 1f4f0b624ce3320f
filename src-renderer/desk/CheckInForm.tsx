import { useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useDraft } from '../drafts/drafts';
import { useLocale, useText } from '../i18n/i18n';
import { commonText } from '../i18n/common';
import { checkInInput, type CheckInInput, type CustomerHit, type Source } from '../../shared/desk/schemas';
import { adminRoles, triageRoles } from '../../shared/reference/schemas';
import { ApiError } from '../../shared/errors';
import { useShell } from '../shell/store';
import { Banner, Button, Choice, Field, Select, TextArea, TextInput } from '../ui/ui';
import { checkWith, fromApiError, type FieldErrors } from '../ui/errors';
import { CustomerLookup } from '../customers/CustomerLookup';
import { CustomerHistory } from '../customers/CustomerHistory';
import { TierEditor } from '../customers/TierEditor';
import { deskText } from './i18n';
import { apptText } from './appointmentText';
import { CHECK_IN_DRAFT, emptyCheckIn, type CheckInDraft } from './checkInDraft';
import { visibilityFor } from '../../shared/desk/visibility';
import { clinicTime } from '../../shared/time';
import { visitsText } from '../visits/i18n';
import { useDesk } from './store';
import { SourceOptions } from './SourceOptions';
import { PinyinSelect, useInitials } from './PinyinSelect';

type Draft = CheckInDraft;

/** Nothing typed or chosen: every field empty (a draft of only blanks is no draft to restore). */
function isBlank(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (typeof value === 'object') return Object.values(value).every(isBlank);
  return false;
}

/**
 * The one 年龄或出生日期 field: up to three digits are an age; 8 digits (19850312) or a date with
 * separators (1985-3-12, 1985/03/12) a birth date, written YYYY-MM-DD; anything else is passed on
 * for the contract to refuse by name.
 */
export function normaliseBirthDate(text: string): string {
  const s = text.trim();
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  const separated = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  const m = compact ?? separated;
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : s;
}

/** Focuses the first required control still empty, in the form's order (a radio group: its first radio). */
function focusFirstEmpty(form: HTMLFormElement | null) {
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
function toInput(d: Draft): unknown {
  const p = d.person;
  const directed = Object.fromEntries(
    (['priceComparison', 'consumptionHabits', 'economicStatus', 'personType'] as const).filter((k) => p[k].trim()).map((k) => [k, p[k]]),
  );
  const customer = d.kind === 'returning' ? { id: d.customer?.id ?? '' } : {
    new: {
      name: p.name,
      sex: p.sex || undefined,
      age: p.age.trim() ? Number(p.age) : null,
      birthDate: p.birthDate.trim() ? normaliseBirthDate(p.birthDate) : null,
      phone: p.phone,
      address: p.address,
      source: p.source || undefined,
      directed,
    },
  };
  return {
    customer,
    visit: { ...d.visit, hasAppointment: d.appointment === 'yes', consultantId: d.visit.consultantId || null, appointmentId: d.appointment === 'yes' ? d.appointmentId : null, repeatReason: d.visit.repeatReason?.trim() || null },
  };
}

export function CheckInForm() {
  const t = useText(deskText);
  const c = useText(commonText);
  const locale = useLocale((s) => s.locale);
  const clinic = useShell((s) => s.status?.clinic);
  const staff = useQuery('staff.list', {}, ['staff']);
  const a = useText(apptText);
  const role = useShell((s) => s.status?.operator?.role);
  const mayDirect = role ? visibilityFor(role).directed : false;
  const [personTab, setPersonTab] = useState<'general' | 'directed'>('general');
  const { value: d, setValue, restored, clear, ready } = useDraft<Draft>(CHECK_IN_DRAFT, emptyCheckIn);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [saved, setSaved] = useState<{ name: string; where: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const lookupRef = useRef<HTMLInputElement>(null);
  const firstFieldRef = useRef<HTMLDivElement>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setValue((prev) => ({ ...prev, [key]: value }));
  const setPerson = (patch: Partial<Draft['person']>) => setValue((prev) => ({ ...prev, person: { ...prev.person, ...patch } }));
  const setVisit = (patch: Partial<Draft['visit']>) => setValue((prev) => ({ ...prev, visit: { ...prev.visit, ...patch } }));

  const departments = clinic?.departments.filter((dep) => dep.active) ?? [];
  const initials = useInitials();
  // Only staff on today's roster are offered (every active one while the day has no roster).
  const duty = useQuery('duty.day', {}, ['duty', 'staff', 'rota', 'leave']);
  const onDuty = (id: string) => !duty.data?.rosterSet || duty.data.staff.some((x) => x.staffId === id && x.onDuty);
  const consultants = (staff.data ?? []).filter((s) => s.active && triageRoles.includes(s.role) && (s.departmentId === null || s.departmentId === d.visit.departmentId) && onDuty(s.id));

  // A first-visit phone that is already on file: offer the existing customer instead of a duplicate.
  const phone = d.person.phone.replace(/\D/g, '');
  const [owner, setOwner] = useState<{ phone: string; hit: CustomerHit } | null>(null);
  const phoneOwner = d.kind === 'first' && owner?.phone === phone ? owner.hit : null;
  useEffect(() => {
    if (d.kind !== 'first' || phone.length < 7) return;
    const id = setTimeout(() => {
      api['customer.search']({ query: phone, limit: 5 })
        .then((hits) => {
          const hit = hits.find((h) => h.exactPhone);
          setOwner(hit ? { phone, hit } : null);
        })
        .catch(() => setOwner(null));
    }, 200);
    return () => clearTimeout(id);
  }, [d.kind, phone]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F2') {
        e.preventDefault();
        // Rendered now, not on a later tick, so the keys typed straight after F2 reach the lookup.
        flushSync(() => setValue((prev) => ({ ...prev, kind: 'returning' })));
        lookupRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setValue]);

  const switchToExisting = (hit: CustomerHit) => {
    setValue((prev) => ({ ...prev, kind: 'returning', customer: hit }));
    setErrors({});
    setGeneral(null);
  };

  // A returning visitor already checked in today: offer her visit; a second one needs a reason.
  const board = useQuery('visits.board', {}, ['visit', 'visit-event']);
  const v = useText(visitsText);
  const showVisit = useDesk((s) => s.showVisit);
  const sameDay = (draft: Draft) => {
    const hers = draft.kind === 'returning' && draft.customer ? (board.data ?? []).filter((r) => r.customerId === draft.customer?.id) : [];
    return hers.find((r) => r.status !== 'left') ?? hers.at(-1);
  };
  const existing = sameDay(d);

  /** The same checks as the main process makes (the contract's schema), plus the form's own choices. */
  const validate = (draft: Draft) => {
    const pre: FieldErrors = {};
    if (!draft.kind) pre.kind = t.chooseKind;
    if (draft.kind === 'returning' && !draft.customer) pre['customer.id'] = t.chooseCustomer;
    if (!draft.appointment) pre.appointment = c.required;
    if (sameDay(draft) && !draft.visit.repeatReason?.trim()) pre['visit.repeatReason'] = t.repeatReasonNeeded;
    const checked = checkWith(checkInInput, toInput(draft), locale);
    const all = { ...(checked.ok ? {} : checked.errors), ...pre };
    if (draft.kind === 'returning') for (const k of Object.keys(all)) if (k.startsWith('customer.new')) delete all[k];
    return { checked, all };
  };

  // Once errors are shown, each one disappears as soon as its field is put right.
  const stillWrong = Object.keys(errors).length ? validate(d).all : {};
  // The main process's own refusals (a duplicate phone, a consultant who just left) stand until the form changes.
  const [serverErrors, setServerErrors] = useState<{ at: Draft; fields: FieldErrors } | null>(null);
  const e: FieldErrors = { ...Object.fromEntries(Object.entries(errors).filter(([k]) => k in stillWrong)), ...(serverErrors?.at === d ? serverErrors.fields : {}) };

  // A returning visitor who says she has an appointment: today's booking of hers is kept by this visit.
  const today = useQuery('appointment.day', {}, ['appointment', 'visit']);
  const booked = d.kind === 'returning' && d.appointment === 'yes' && d.customer && !d.appointmentId
    ? today.data?.find((x) => x.customerId === d.customer?.id && (x.state === 'expected' || x.state === 'overdue'))
    : undefined;

  const submit = async () => {
    setSaved(null);
    setGeneral(null);
    const { checked, all } = validate(booked ? { ...d, appointmentId: booked.id } : d);
    setErrors(all);
    if (Object.keys(all).length || !checked.ok) {
      // Focus the first field at fault so the guide can type straight away.
      setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid=true], [data-invalid=true] input')?.focus(), 0);
      return;
    }
    setBusy(true);
    try {
      const visit = await api['desk.checkIn'](checked.data as CheckInInput);
      setSaved({ name: visit.customerName, where: visit.departmentName + (visit.consultantName ? ` · ${visit.consultantName}` : '') });
      setErrors({});
      clear();
      setTimeout(() => firstFieldRef.current?.querySelector<HTMLInputElement>('input')?.focus(), 0);
    } catch (err) {
      if (err instanceof ApiError && err.detail?.existingId && d.person.phone) {
        setOwner({ phone, hit: { id: err.detail.existingId, name: err.detail.existingName ?? '', sex: 'F', phone, age: null, tier: null, visitCount: 0, lastVisitAt: null, exactPhone: true, vip: null } });
      }
      const { fields, general } = fromApiError(err, locale, c.error);
      setServerErrors({ at: d, fields });
      setGeneral(general);
    } finally {
      setBusy(false);
    }
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
        void submit();
      }}
      onKeyDown={(ev) => {
        if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) {
          ev.preventDefault();
          void submit();
        }
      }}
    >
      <div className="rounded-lg bg-teal-50 px-4 py-2 text-teal-900 ring-1 ring-teal-200">
        <span className="font-bold">{t.greet}</span> → {t.askFirst} → {t.askAppointment}
      </div>
      {d.arrival ? <Banner tone="info">{a.arrivalFromForm(d.arrival.name, d.arrival.time)}</Banner> : restored && !isBlank(d) && <Banner tone="info">{t.draftRestored}</Banner>}
      {/* 已登记 lasts until the next registration is begun. */}
      {saved && isBlank(d) && <Banner tone="success">{t.saved(saved.name, saved.where)}</Banner>}
      {general && <Banner tone="error">{general}</Banner>}

      <div className="grid grid-cols-2 gap-4">
        <div ref={firstFieldRef} data-fill data-invalid={!!e.kind || undefined}>
          <p className="mb-1 text-sm font-medium text-slate-700">{t.visitKind} <span aria-hidden className="text-rose-700">*</span></p>
          <Choice name="kind" label={t.visitKind} value={d.kind} onChange={(kind) => set('kind', kind)} options={[{ value: 'first', label: t.first }, { value: 'returning', label: t.returning }]} />
          {e.kind && <p role="alert" className="mt-1 text-sm text-rose-700">{e.kind}</p>}
        </div>
        <div data-fill data-invalid={!!e.appointment || undefined}>
          <p className="mb-1 text-sm font-medium text-slate-700">{t.appointment} <span aria-hidden className="text-rose-700">*</span></p>
          <Choice name="appointment" label={t.appointment} value={d.appointment} onChange={(a) => set('appointment', a)} options={[{ value: 'yes', label: t.hasAppointment }, { value: 'no', label: t.noAppointment }]} />
          {e.appointment && <p role="alert" className="mt-1 text-sm text-rose-700">{e.appointment}</p>}
        </div>
      </div>

      {d.kind === 'returning' && (
        <div data-invalid={!!e['customer.id'] || undefined}>
          {d.customer ? (
            <div className="flex flex-wrap items-center gap-x-4 gap-y-1 whitespace-nowrap rounded-lg bg-violet-50 px-4 py-3 ring-1 ring-violet-200" data-testid="chosen-customer">
              <span className="text-xl font-bold">{d.customer.name}</span>
              <span>{d.customer.sex === 'F' ? c.female : c.male}</span>
              {d.customer.age !== null && <span>{t.age(d.customer.age)}</span>}
              <span className="font-mono">{d.customer.phone}</span>
              {d.customer.tier && <span className="rounded bg-amber-200 px-2 font-bold">{t.tier(d.customer.tier)}</span>}
              <span className="text-slate-600">{t.visits(d.customer.visitCount)}</span>
              {d.customer.vip && (
                <span className="rounded bg-amber-50 px-2 text-amber-900 ring-1 ring-amber-300" data-testid="vip-prefs">
                  {a.prefs(d.customer.vip.drinks, d.customer.vip.snacks)}
                </span>
              )}
              <Button variant="ghost" className="ml-auto" onClick={() => { flushSync(() => set('customer', null)); lookupRef.current?.focus(); }}>
                {t.change}
              </Button>
            </div>
          ) : (
            <CustomerLookup
              inputRef={lookupRef}
              onPick={(hit) => {
                // On to the next field to fill (有预约/无预约 if not said yet), never lost focus.
                flushSync(() => set('customer', hit));
                focusFirstEmpty(formRef.current);
              }}
            />
          )}
          {d.customer && <CustomerHistory customerId={d.customer.id} />}
          {d.customer && role && adminRoles.includes(role) && <TierEditor key={d.customer.id} customer={d.customer} onSaved={(hit) => set('customer', hit)} />}
          {existing && (
            <div className="mt-2 space-y-2 rounded-lg bg-amber-50 px-4 py-3 text-amber-950 ring-1 ring-amber-300" data-testid="already-today">
              <p className="font-medium">{t.alreadyToday(existing.customerName, v.status[existing.status], clinicTime(existing.arrivedAt), existing.departmentName)}</p>
              <div className="flex flex-wrap items-end gap-3">
                <Button variant="secondary" onClick={() => { showVisit(existing.id); clear(); setErrors({}); }}>
                  {t.openExisting}
                </Button>
                <Field label={t.repeatReason} required error={e['visit.repeatReason']} hint={t.repeatReasonHint} className="min-w-72 flex-1" data-fill>
                  {(id, db) => <TextInput id={id} aria-describedby={db} invalid={!!e['visit.repeatReason']} value={d.visit.repeatReason ?? ''} onChange={(ev) => setVisit({ repeatReason: ev.target.value })} />}
                </Field>
              </div>
            </div>
          )}
          {booked && (
            <p className="mt-1 text-sm font-medium text-emerald-800" data-testid="linked-appointment">
              {a.linksAppointment(booked.time, booked.serviceItem)}
            </p>
          )}
          {e['customer.id'] && <p role="alert" className="mt-1 text-sm text-rose-700">{e['customer.id']}</p>}
        </div>
      )}

      {d.kind === 'first' && (
        <fieldset className="grid grid-cols-12 gap-3">
          <legend className="mb-2 text-base font-bold text-slate-800">{t.general}</legend>
          <Field label={t.name} required error={e['customer.new.name']} className="col-span-4" data-fill>
            {(id, db) => <TextInput id={id} aria-describedby={db} invalid={!!e['customer.new.name']} value={d.person.name} onChange={(ev) => setPerson({ name: ev.target.value })} />}
          </Field>
          <div className="col-span-3" data-fill data-invalid={!!e['customer.new.sex'] || undefined}>
            <p className="mb-1 text-sm font-medium text-slate-700">{t.sex} <span aria-hidden className="text-rose-700">*</span></p>
            <Choice name="sex" label={t.sex} value={d.person.sex || null} onChange={(sex) => setPerson({ sex })} options={[{ value: 'F', label: c.female }, { value: 'M', label: c.male }]} />
            {e['customer.new.sex'] && <p role="alert" className="mt-1 text-sm text-rose-700">{e['customer.new.sex']}</p>}
          </div>
          {/* One field, one Tab stop: an age (32) or a birth date (19850312, 1985-03-12); was a native date input of 4-5 stops. */}
          <Field label={t.ageOrBirth} required error={e['customer.new.age'] ?? e['customer.new.birthDate']} hint={t.ageOrBirthHint} className="col-span-5" data-fill>
            {(id, db) => (
              <TextInput
                id={id}
                aria-describedby={db}
                invalid={!!(e['customer.new.age'] ?? e['customer.new.birthDate'])}
                inputMode="numeric"
                autoComplete="off"
                maxLength={10}
                value={d.person.birthDate || d.person.age}
                onChange={(ev) => {
                  const v = ev.target.value;
                  setPerson(/^\d{0,3}$/.test(v.trim()) ? { age: v.trim(), birthDate: '' } : { age: '', birthDate: v });
                }}
              />
            )}
          </Field>
          <Field label={t.phone} required error={e['customer.new.phone']} className="col-span-4" data-fill>
            {(id, db) => <TextInput id={id} aria-describedby={db} invalid={!!e['customer.new.phone']} inputMode="tel" value={d.person.phone} onChange={(ev) => setPerson({ phone: ev.target.value })} />}
          </Field>
          <Field label={t.source} required error={e['customer.new.source']} className="col-span-4" data-fill>
            {(id, db) => (
              <Select id={id} aria-describedby={db} invalid={!!e['customer.new.source']} value={d.person.source} onChange={(ev) => setPerson({ source: ev.target.value as Source })}>
                <option value="">—</option>
                <SourceOptions />
              </Select>
            )}
          </Field>
          <Field label={`${t.address}(${c.optional})`} error={e['customer.new.address']} className="col-span-4">
            {(id, db) => <TextInput id={id} aria-describedby={db} value={d.person.address} onChange={(ev) => setPerson({ address: ev.target.value })} />}
          </Field>
          {phoneOwner && (
            <div className="col-span-12">
              <Banner tone="info">
                <Button variant="secondary" onClick={() => switchToExisting(phoneOwner)}>
                  {t.usePhoneOwner(phoneOwner.name)}
                </Button>
              </Banner>
            </div>
          )}
          {mayDirect && (
            <div className="col-span-12 rounded-lg bg-slate-50 px-4 py-2 ring-1 ring-slate-200">
              <div role="tablist" aria-label={t.directed} className="flex gap-2">
                {(['general', 'directed'] as const).map((k) => (
                  <button key={k} type="button" role="tab" aria-selected={personTab === k} onClick={() => setPersonTab(k)} className={`rounded px-3 py-1 text-sm font-medium ${personTab === k ? 'bg-slate-700 text-white' : 'text-slate-700 hover:bg-slate-200'}`}>
                    {k === 'general' ? t.general : t.directed}
                  </button>
                ))}
              </div>
              {personTab === 'directed' && (
                <div role="tabpanel" className="mt-3 grid grid-cols-2 gap-3">
                  {(['priceComparison', 'consumptionHabits', 'economicStatus', 'personType'] as const).map((k) => (
                    <Field key={k} label={t[k]} error={e[`customer.new.directed.${k}`]}>
                      {(id, db) => <TextInput id={id} aria-describedby={db} value={d.person[k]} onChange={(ev) => setPerson({ [k]: ev.target.value })} />}
                    </Field>
                  ))}
                </div>
              )}
            </div>
          )}
        </fieldset>
      )}

      <fieldset className="grid grid-cols-2 gap-3">
        <legend className="mb-2 text-base font-bold text-slate-800">{t.visit}</legend>
        <Field label={t.intention} required error={e['visit.intention']} className="col-span-2" data-fill>
          {(id, db) => <TextInput id={id} aria-describedby={db} invalid={!!e['visit.intention']} value={d.visit.intention} onChange={(ev) => setVisit({ intention: ev.target.value })} />}
        </Field>
        <Field label={t.concerns} error={e['visit.concerns']} className="col-span-2">
          {(id, db) => <TextArea id={id} aria-describedby={db} invalid={!!e['visit.concerns']} value={d.visit.concerns} onChange={(ev) => setVisit({ concerns: ev.target.value })} />}
        </Field>
        <Field label={t.course} error={e['visit.course']}>
          {(id, db) => <TextInput id={id} aria-describedby={db} value={d.visit.course} onChange={(ev) => setVisit({ course: ev.target.value })} />}
        </Field>
        <Field label={t.history} error={e['visit.history']}>
          {(id, db) => <TextInput id={id} aria-describedby={db} value={d.visit.history} onChange={(ev) => setVisit({ history: ev.target.value })} />}
        </Field>
      </fieldset>

      <fieldset className="grid grid-cols-2 gap-3">
        <legend className="mb-2 text-base font-bold text-slate-800">{t.triage}</legend>
        <Field label={t.department} required error={e['visit.departmentId']} data-fill>
          {(id, db) => (
            <PinyinSelect id={id} aria-describedby={db} invalid={!!e['visit.departmentId']} value={d.visit.departmentId} onChange={(ev) => setVisit({ departmentId: ev.target.value, consultantId: '' })} onValue={(departmentId) => setVisit({ departmentId, consultantId: '' })}>
              <option value="">—</option>
              {departments.map((dep) => (
                <option key={dep.id} value={dep.id} data-initials={initials(dep.name)}>
                  {dep.name}
                </option>
              ))}
            </PinyinSelect>
          )}
        </Field>
        <Field label={t.consultant} error={e['visit.consultantId']}>
          {(id, db) => (
            <PinyinSelect id={id} aria-describedby={db} invalid={!!e['visit.consultantId']} value={d.visit.consultantId} disabled={!d.visit.departmentId} onChange={(ev) => setVisit({ consultantId: ev.target.value })} onValue={(consultantId) => setVisit({ consultantId })}>
              <option value="">{t.noConsultant}</option>
              {consultants.map((s) => (
                <option key={s.id} value={s.id} data-initials={initials(s.name)}>
                  {s.name} · {c.role[s.role]}
                </option>
              ))}
            </PinyinSelect>
          )}
        </Field>
      </fieldset>

      <div className="flex gap-3">
        <Button type="submit" disabled={busy} className="flex-1 py-3 text-lg">
          {t.submit} <kbd className="ml-2 text-sm opacity-75">{t.submitKey}</kbd>
        </Button>
        <Button variant="ghost" onClick={() => { clear(); setErrors({}); setGeneral(null); }}>
          {t.reset}
        </Button>
      </div>
    </form>
  );
}
