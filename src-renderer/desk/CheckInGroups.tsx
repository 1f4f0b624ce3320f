import type { RefObject } from 'react';
import { flushSync } from 'react-dom';
import { useText } from '../i18n/i18n';
import { commonText } from '../i18n/common';
import type { AppointmentView } from '../../shared/appointments/schemas';
import type { CustomerHit } from '../../shared/desk/schemas';
import type { BoardRow } from '../../shared/visits/schemas';
import { clinicTime } from '../../shared/time';
import { Button, Choice, Field, TextArea, TextInput } from '../ui/ui';
import type { FieldErrors } from '../ui/errors';
import { CustomerLookup } from '../customers/CustomerLookup';
import { CustomerHistory } from '../customers/CustomerHistory';
import { TierEditor } from '../customers/TierEditor';
import { visitsText } from '../visits/i18n';
import { apptText } from './appointmentText';
import type { CheckInDraft } from './checkInDraft';
import { deskText } from './i18n';
import { PinyinSelect } from './PinyinSelect';
import { ServiceItemInput } from './ServiceItemInput';
import type { useTriageOptions } from './checkInHooks';

const Alert = ({ text }: { text: string | undefined }) => (text ? <p role="alert" className="mt-1 text-sm text-rose-700">{text}</p> : null);

/** 初诊 / 复诊 and 有预约 / 无预约: the two questions the guide asks first. */
export function VisitKindGroup({ d, e, set, firstRef }: { d: CheckInDraft; e: FieldErrors; set: <K extends keyof CheckInDraft>(k: K, v: CheckInDraft[K]) => void; firstRef: RefObject<HTMLDivElement | null> }) {
  const t = useText(deskText);
  return (
    <div className="grid grid-cols-2 gap-4">
      <div ref={firstRef} data-fill data-invalid={!!e.kind || undefined}>
        <p className="mb-1 text-sm font-medium text-slate-700">{t.visitKind} <span aria-hidden className="text-rose-700">*</span></p>
        <Choice name="kind" label={t.visitKind} value={d.kind} onChange={(kind) => set('kind', kind)} options={[{ value: 'first', label: t.first }, { value: 'returning', label: t.returning }]} />
        <Alert text={e.kind} />
      </div>
      <div data-fill data-invalid={!!e.appointment || undefined}>
        <p className="mb-1 text-sm font-medium text-slate-700">{t.appointment} <span aria-hidden className="text-rose-700">*</span></p>
        <Choice name="appointment" label={t.appointment} value={d.appointment} onChange={(a) => set('appointment', a)} options={[{ value: 'yes', label: t.hasAppointment }, { value: 'no', label: t.noAppointment }]} />
        <Alert text={e.appointment} />
      </div>
    </div>
  );
}

/** A returning visitor: the lookup, or the one chosen with her history and tier; her visit of today; the booking this visit keeps. */
export function ReturningCustomer({ d, e, lookupRef, onPick, onChange, mayTier, existing, onOpenExisting, repeatReason, onRepeatReason, booked }: {
  d: CheckInDraft;
  e: FieldErrors;
  lookupRef: RefObject<HTMLInputElement | null>;
  onPick(hit: CustomerHit): void;
  onChange(hit: CustomerHit | null): void;
  mayTier: boolean;
  existing: BoardRow | undefined;
  onOpenExisting(): void;
  repeatReason: string;
  onRepeatReason(v: string): void;
  booked: AppointmentView | undefined;
}) {
  const t = useText(deskText);
  const c = useText(commonText);
  const a = useText(apptText);
  const v = useText(visitsText);
  const hit = d.customer;
  return (
    <div data-invalid={!!e['customer.id'] || undefined}>
      {hit ? (
        <div className="flex flex-wrap items-center gap-x-4 gap-y-1 whitespace-nowrap rounded-lg bg-violet-50 px-4 py-3 ring-1 ring-violet-200" data-testid="chosen-customer">
          <span className="text-xl font-bold">{hit.name}</span>
          <span>{hit.sex === 'F' ? c.female : c.male}</span>
          {hit.age !== null && <span>{t.age(hit.age)}</span>}
          <span className="font-mono">{hit.phone}</span>
          {hit.tier && <span className="rounded bg-amber-200 px-2 font-bold">{t.tier(hit.tier)}</span>}
          <span className="text-slate-600">{t.visits(hit.visitCount)}</span>
          {hit.vip && (
            <span className="rounded bg-amber-50 px-2 text-amber-900 ring-1 ring-amber-300" data-testid="vip-prefs">
              {a.prefs(hit.vip.drinks, hit.vip.snacks)}
            </span>
          )}
          <Button variant="ghost" className="ml-auto" onClick={() => { flushSync(() => onChange(null)); lookupRef.current?.focus(); }}>
            {t.change}
          </Button>
        </div>
      ) : (
        <CustomerLookup inputRef={lookupRef} onPick={onPick} />
      )}
      {hit && <CustomerHistory customerId={hit.id} />}
      {hit && mayTier && <TierEditor key={hit.id} customer={hit} onSaved={onChange} />}
      {existing && (
        <div className="mt-2 space-y-2 rounded-lg bg-amber-50 px-4 py-3 text-amber-950 ring-1 ring-amber-300" data-testid="already-today">
          <p className="font-medium">{t.alreadyToday(existing.customerName, v.status[existing.status], clinicTime(existing.arrivedAt), existing.departmentName)}</p>
          <div className="flex flex-wrap items-end gap-3">
            <Button variant="secondary" onClick={onOpenExisting}>
              {t.openExisting}
            </Button>
            <Field label={t.repeatReason} required error={e['visit.repeatReason']} hint={t.repeatReasonHint} className="min-w-72 flex-1" data-fill>
              {(id, db) => <TextInput id={id} aria-describedby={db} invalid={!!e['visit.repeatReason']} value={repeatReason} onChange={(ev) => onRepeatReason(ev.target.value)} />}
            </Field>
          </div>
        </div>
      )}
      {booked && (
        <p className="mt-1 text-sm font-medium text-emerald-800" data-testid="linked-appointment">
          {a.linksAppointment(booked.time, booked.serviceItem)}
        </p>
      )}
      <Alert text={e['customer.id']} />
    </div>
  );
}

/** 本次就诊: 就诊意向 picks from the service catalogue (a datalist: typing anything else stays possible), and the notes. */
export function VisitFields({ d, e, setVisit }: { d: CheckInDraft; e: FieldErrors; setVisit(patch: Partial<CheckInDraft['visit']>): void }) {
  const t = useText(deskText);
  return (
    <fieldset className="grid grid-cols-2 gap-3">
      <legend className="mb-2 text-base font-bold text-slate-800">{t.visit}</legend>
      <Field label={t.intention} required error={e['visit.intention']} className="col-span-2" data-fill>
        {(id, db) => <ServiceItemInput id={id} aria-describedby={db} invalid={!!e['visit.intention']} value={d.visit.intention} onChange={(ev) => setVisit({ intention: ev.target.value })} />}
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
  );
}

/** 分诊: department and consultant, each a select that jumps by pinyin initials. */
export function TriageFields({ d, e, setVisit, options }: { d: CheckInDraft; e: FieldErrors; setVisit(patch: Partial<CheckInDraft['visit']>): void; options: ReturnType<typeof useTriageOptions> }) {
  const t = useText(deskText);
  const c = useText(commonText);
  const { departments, consultants, initials } = options;
  return (
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
  );
}
