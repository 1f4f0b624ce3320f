import { useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useLocale, useText } from '../i18n/i18n';
import { commonText, aside } from '../i18n/common';
import { appointmentSources, bookInput, changeInput } from '../../shared/appointments/schemas';
import { addDays } from '../../shared/appointments/rules';
import type { CustomerHit } from '../../shared/desk/schemas';
import { ApiError } from '../../shared/errors';
import { clinicDate, isCalendarDate } from '../../shared/time';
import { useShell } from '../shell/store';
import { Banner, Button, Choice, Field, Select, TextInput } from '../ui/ui';
import { checkWith, fromApiError, type FieldErrors } from '../ui/errors';
import { apptText } from './appointmentText';
import { CustomerLookup } from '../customers/CustomerLookup';
import { useDesk } from './store';
import { PinyinSelect, useInitials } from './PinyinSelect';
import { ServiceItemInput } from './ServiceItemInput';
import { DateField } from '../ui/DateField';
import { TimeField } from '../ui/TimeField';

interface Form {
  mode: 'existing' | 'new';
  customer: Pick<CustomerHit, 'id' | 'name' | 'phone'> | null;
  name: string;
  phone: string;
  date: string;
  time: string;
  serviceItem: string;
  departmentId: string;
  consultantId: string;
  source: string;
  note: string;
  reason: string;
}

const blank = (): Form => ({ mode: 'new', customer: null, name: '', phone: '', date: addDays(clinicDate(new Date()), 1), time: '10:00', serviceItem: '', departmentId: '', consultantId: '', source: 'phone', note: '', reason: '' });

/** 预约登记: books (or, from a list's E, changes) an appointment. Ctrl+Enter saves. */
export function BookingForm() {
  const t = useText(apptText);
  const initials = useInitials();
  const c = useText(commonText);
  const locale = useLocale((s) => s.locale);
  const editing = useDesk((s) => s.editing);
  const setTab = useDesk((s) => s.setTab);
  const clinic = useShell((s) => s.status?.clinic);
  const [f, setF] = useState<Form>(() =>
    editing
      ? { ...blank(), mode: 'existing', customer: { id: editing.customerId ?? '', name: editing.name, phone: editing.phone }, date: editing.date, time: editing.time, serviceItem: editing.serviceItem, departmentId: editing.departmentId, consultantId: editing.consultantId ?? '', source: editing.source, note: editing.note }
      : blank(),
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [existing, setExisting] = useState<{ id: string; name: string } | null>(null);
  const lookupRef = useRef<HTMLInputElement>(null);
  const focusSubmit = () => formRef.current?.querySelector<HTMLButtonElement>('button[type=submit]')?.focus();
  const formRef = useRef<HTMLFormElement>(null);
  const set = (patch: Partial<Form>) => setF((prev) => ({ ...prev, ...patch }));
  // F2, as the hint says: a customer on file, the lookup takes the keys typed next (not when changing a booking).
  useEffect(() => {
    if (editing) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F2') return;
      e.preventDefault();
      flushSync(() => setF((prev) => ({ ...prev, mode: 'existing', customer: null })));
      lookupRef.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [editing]);
  const duty = useQuery('duty.day', isCalendarDate(f.date) ? { date: f.date } : {});
  const departments = clinic?.departments.filter((d) => d.active) ?? [];
  const people = (duty.data?.staff ?? []).filter((s) => (!duty.data?.rosterSet || s.onDuty) && (s.departmentId === null || s.departmentId === f.departmentId));

  const input = () => {
    const common = { date: f.date, time: f.time, serviceItem: f.serviceItem, departmentId: f.departmentId, consultantId: f.consultantId || null, note: f.note };
    if (editing) return { schema: changeInput, value: { id: editing.id, ...common, reason: f.reason } };
    const customer = f.mode === 'existing' ? { id: f.customer?.id ?? '' } : { name: f.name, phone: f.phone };
    return { schema: bookInput, value: { customer, source: f.source, ...common } };
  };

  const submit = async () => {
    setSaved(null);
    setGeneral(null);
    setExisting(null);
    const { schema, value } = input();
    const checked = checkWith(schema, value, locale);
    const pre: FieldErrors = f.mode === 'existing' && !f.customer ? { 'customer.id': c.required } : {};
    const all = { ...(checked.ok ? {} : checked.errors), ...pre };
    setErrors(all);
    if (Object.keys(all).length) {
      setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid=true]')?.focus(), 0);
      return;
    }
    try {
      if (editing) {
        const r = await api['appointment.change'](value as Parameters<(typeof api)['appointment.change']>[0]);
        setSaved(t.changed(r.name, `${r.date} ${r.time}`, r.lateChanges > editing.lateChanges));
        setTab('today');
      } else {
        const r = await api['appointment.book'](value as Parameters<(typeof api)['appointment.book']>[0]);
        setSaved(t.booked(r.name, `${r.date} ${r.time}`));
        setF((prev) => ({ ...blank(), date: prev.date, source: prev.source }));
        setErrors({});
        setTimeout(() => formRef.current?.querySelector<HTMLElement>('input')?.focus(), 0);
      }
    } catch (err) {
      if (err instanceof ApiError && err.detail?.existingId) setExisting({ id: err.detail.existingId, name: err.detail.existingName ?? '' });
      const r = fromApiError(err, locale, c.error);
      setErrors(r.fields);
      setGeneral(r.general);
      setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid=true]')?.focus(), 0);
    }
  };

  return (
    <form
      ref={formRef}
      aria-label={editing ? t.changeTitle(editing.name) : t.book}
      className="space-y-4"
      onSubmit={(e) => (e.preventDefault(), void submit())}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          void submit();
        }
      }}
    >
      <h3 className="text-lg font-bold text-slate-800">{editing ? t.changeTitle(editing.name) : t.book}</h3>
      {saved && <Banner tone="success">{saved}</Banner>}
      {general && <Banner tone="error">{general}</Banner>}
      {!editing && (
        <div>
          <p className="mb-1 text-sm font-medium text-slate-700">{t.customer}</p>
          <Choice name="book-mode" label={t.customer} value={f.mode} onChange={(mode) => set({ mode })} options={[{ value: 'new', label: t.newPerson }, { value: 'existing', label: t.existing }]} />
        </div>
      )}
      {f.mode === 'existing' ? (
        f.customer ? (
          <div className="flex items-center gap-4 rounded-lg bg-violet-50 px-4 py-2 ring-1 ring-violet-200" data-testid="book-customer">
            <span className="text-sm text-slate-600">{t.chosen}</span>
            <span className="text-lg font-bold">{f.customer.name}</span>
            <span className="font-mono">{f.customer.phone}</span>
            {!editing && (
              <Button variant="ghost" className="ml-auto" onClick={() => (flushSync(() => set({ customer: null })), lookupRef.current?.focus())}>
                {t.chooseAgain}
              </Button>
            )}
          </div>
        ) : (
          <div>
            <CustomerLookup inputRef={lookupRef} onPick={(hit) => { flushSync(() => set({ customer: hit })); focusSubmit(); }} />
            {errors['customer.id'] && <p role="alert" className="mt-1 text-sm text-rose-700">{errors['customer.id']}</p>}
          </div>
        )
      ) : (
        <div className="grid grid-cols-2 gap-3">
          <Field label={t.name} required error={errors['customer.name']}>
            {(id, db) => <TextInput id={id} aria-describedby={db} autoFocus invalid={!!errors['customer.name']} value={f.name} onChange={(e) => set({ name: e.target.value })} />}
          </Field>
          <Field label={t.phone} required error={errors['customer.phone']}>
            {(id, db) => <TextInput id={id} aria-describedby={db} inputMode="tel" invalid={!!errors['customer.phone']} value={f.phone} onChange={(e) => set({ phone: e.target.value })} />}
          </Field>
          {existing && (
            <div className="col-span-2">
              <Button
                variant="secondary"
                onClick={() => {
                  // The button goes away with the choice: focus moves on to saving, never to nowhere.
                  flushSync(() => set({ mode: 'existing', customer: { id: existing.id, name: existing.name, phone: f.phone } }));
                  setExisting(null);
                  focusSubmit();
                }}
              >
                {t.bookExisting(existing.name)}
              </Button>
            </div>
          )}
        </div>
      )}
      {/* The day's column never narrower than DateField's least width: a quarter of the form at 1366 px cut its text. */}
      <div className="grid grid-cols-[minmax(12.5rem,1fr)_repeat(3,minmax(0,1fr))] gap-3">
        <Field label={t.date} required error={errors.date}>
          {(id, db) => <DateField id={id} aria-describedby={db} invalid={!!errors.date} value={f.date} onChange={(e) => set({ date: e.target.value })} />}
        </Field>
        <Field label={t.time} required error={errors.time}>
          {(id, db) => <TimeField id={id} aria-describedby={db} invalid={!!errors.time} value={f.time} onChange={(e) => set({ time: e.target.value })} />}
        </Field>
        <Field label={t.serviceItem} required error={errors.serviceItem} className="col-span-2">
          {(id, db) => <ServiceItemInput id={id} aria-describedby={db} invalid={!!errors.serviceItem} value={f.serviceItem} onChange={(e) => set({ serviceItem: e.target.value })} />}
        </Field>
        <Field label={t.department} required error={errors.departmentId}>
          {(id, db) => (
            // Pinyin initials jump to the option, as in the check-in form (issue 21): zx → 整形外科.
            <PinyinSelect id={id} aria-describedby={db} invalid={!!errors.departmentId} value={f.departmentId} onChange={(e) => set({ departmentId: e.target.value, consultantId: '' })} onValue={(departmentId) => set({ departmentId, consultantId: '' })}>
              <option value="">—</option>
              {departments.map((d) => (
                <option key={d.id} value={d.id} data-initials={initials(d.name)}>
                  {d.name}
                </option>
              ))}
            </PinyinSelect>
          )}
        </Field>
        <Field label={t.consultant} error={errors.consultantId} hint={duty.data?.rosterSet ? t.onDutyOnly : t.noRoster}>
          {(id, db) => (
            <PinyinSelect id={id} aria-describedby={db} invalid={!!errors.consultantId} value={f.consultantId} disabled={!f.departmentId} onChange={(e) => set({ consultantId: e.target.value })} onValue={(consultantId) => set({ consultantId })}>
              <option value="">{t.noConsultant}</option>
              {people.map((s) => (
                <option key={s.staffId} value={s.staffId} data-initials={initials(s.name)}>
                  {s.name} · {c.role[s.role as keyof typeof c.role]}
                </option>
              ))}
            </PinyinSelect>
          )}
        </Field>
        {!editing && (
          <Field label={t.source} required error={errors.source}>
            {(id, db) => (
              <Select id={id} aria-describedby={db} value={f.source} onChange={(e) => set({ source: e.target.value })}>
                {appointmentSources.map((s) => (
                  <option key={s} value={s}>
                    {t.sources[s]}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        )}
        <Field label={`${t.note}${aside(c.optional, t.note)}`} error={errors.note} className={editing ? 'col-span-2' : ''}>
          {(id, db) => <TextInput id={id} aria-describedby={db} value={f.note} onChange={(e) => set({ note: e.target.value })} />}
        </Field>
        {editing && (
          <Field label={t.reason} error={errors.reason} className="col-span-4">
            {(id, db) => <TextInput id={id} aria-describedby={db} autoFocus value={f.reason} onChange={(e) => set({ reason: e.target.value })} />}
          </Field>
        )}
      </div>
      <div className="flex gap-3">
        <Button type="submit" className="flex-1 py-3 text-lg">
          {editing ? t.submitChange : t.submitBook} <kbd className="ml-2 text-sm opacity-75">{t.submitKey}</kbd>
        </Button>
        {editing && (
          <Button variant="ghost" onClick={() => setTab('today')}>
            {t.back}
          </Button>
        )}
      </div>
    </form>
  );
}
