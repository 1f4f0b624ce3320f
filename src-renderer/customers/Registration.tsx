import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { useText } from '../i18n/i18n';
import { commonText, aside } from '../i18n/common';
import type { CustomerHit, Source } from '../../shared/desk/schemas';
import { directedKeys, type DirectedKey } from '../../shared/customers/record';
import { Banner, Button, Choice, Field, Select, TextInput } from '../ui/ui';
import type { FieldErrors } from '../ui/errors';
import { deskText } from '../desk/i18n';
import { SourceOptions } from '../desk/SourceOptions';
import { customerText } from './i18n';

/**
 * One registration of a person (登记), the same at the door's check-in and the consulting group's
 * enquiry (issue 14): the general part (一般性登记) and the directed part (定向性登记), which only the
 * roles that may see it are shown. Finding her on file is the same too: CustomerLookup by name or
 * phone, and `usePhoneOwner` for a phone typed here that is already someone's.
 */
export interface Person {
  name: string;
  sex: 'F' | 'M' | '';
  age: string;
  birthDate: string;
  phone: string;
  address: string;
  source: Source | '';
  email: string;
  occupation: string;
  disease: string;
  priceComparison: string;
  consumptionHabits: string;
  economicStatus: string;
  personType: string;
  healthEnquiry: string;
}

export const emptyPerson: Person = { name: '', sex: '', age: '', birthDate: '', phone: '', address: '', source: '', email: '', occupation: '', disease: '', priceComparison: '', consumptionHabits: '', economicStatus: '', personType: '', healthEnquiry: '' };

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

/** The contract's new customer (`customer.new` of desk.checkIn and enquiry.record): empty optional fields left out or null. */
export function newCustomerOf(p: Person) {
  const directed = Object.fromEntries(directedKeys.filter((k) => p[k].trim()).map((k) => [k, p[k]]));
  return {
    name: p.name,
    sex: p.sex || undefined,
    age: p.age.trim() ? Number(p.age) : null,
    birthDate: p.birthDate.trim() ? normaliseBirthDate(p.birthDate) : null,
    phone: p.phone,
    address: p.address,
    source: p.source || undefined,
    email: p.email.trim(),
    occupation: p.occupation,
    disease: p.disease,
    directed,
  };
}

/**
 * The customer already on file for a phone typed into a registration (an exact match), so the
 * form offers her instead of a second record. `claim` sets it from a refusal's `existingId`: the
 * hit is read from the store, never made up.
 */
export function usePhoneOwner(typed: string, enabled: boolean) {
  const phone = typed.replace(/\D/g, '');
  const [owner, setOwner] = useState<{ phone: string; hit: CustomerHit } | null>(null);
  useEffect(() => {
    if (!enabled || phone.length < 7) return;
    // Asked again whenever the phone changes; an answer for a phone typed before never lands.
    let current = true;
    const id = setTimeout(() => {
      api['customer.search']({ query: phone, limit: 5 })
        .then((hits) => {
          const hit = hits.find((h) => h.exactPhone);
          if (current) setOwner(hit ? { phone, hit } : null);
        })
        .catch(() => current && setOwner(null));
    }, 200);
    return () => {
      current = false;
      clearTimeout(id);
    };
  }, [enabled, phone]);
  const claim = async (existingId: string) => {
    const hits = await api['customer.search']({ query: phone, limit: 5 }).catch(() => []);
    const hit = hits.find((h) => h.id === existingId);
    if (hit) setOwner({ phone, hit });
  };
  return { owner: enabled && owner?.phone === phone ? owner.hit : null, claim };
}

/**
 * The fields of a registration. `prefix` is where the contract names them (`customer.new`), for
 * the errors; `directed`: `tabs` (the door: 一般性登记 / 定向性登记 tabs, the general tab holding
 * e-mail, 职业, 病种), `open` (the enquiry: every field shown), `none` (a role that may not see it).
 */
export function RegistrationFields({ name, person, onChange, errors, prefix, directed, owner, onUseOwner }: {
  name: string;
  person: Person;
  onChange(patch: Partial<Person>): void;
  errors: FieldErrors;
  prefix: string;
  directed: 'tabs' | 'open' | 'none';
  owner: CustomerHit | null;
  onUseOwner(hit: CustomerHit): void;
}) {
  const t = useText(deskText);
  const ct = useText(customerText);
  const c = useText(commonText);
  const [tab, setTab] = useState<'general' | 'directed'>('general');
  const e = (k: string) => errors[`${prefix}.${k}`];
  const text = (k: 'email' | 'occupation' | 'disease' | DirectedKey, label: string, className = '') => (
    <Field key={k} label={label} error={e(k) ?? e(`directed.${k}`)} className={className}>
      {(id, db) => <TextInput id={id} aria-describedby={db} invalid={!!(e(k) ?? e(`directed.${k}`))} inputMode={k === 'email' ? 'email' : undefined} value={person[k]} onChange={(ev) => onChange({ [k]: ev.target.value })} />}
    </Field>
  );
  const more = (
    <div className="grid grid-cols-3 gap-3">
      {text('email', `${ct.email}${aside(c.optional, ct.email)}`)}
      {text('occupation', `${ct.occupation}${aside(c.optional, ct.occupation)}`)}
      {text('disease', `${ct.disease}${aside(c.optional, ct.disease)}`)}
    </div>
  );
  const directedFields = (
    <div className="grid grid-cols-2 gap-3">
      {(['priceComparison', 'consumptionHabits', 'economicStatus', 'personType'] as const).map((k) => text(k, t[k]))}
      {text('healthEnquiry', ct.healthEnquiryFull, 'col-span-2')}
    </div>
  );
  return (
    // A container: the enquiry form's column (~480 px at 1366) puts two fields a line, the door's
    // wider form three, so 女/男 (Female/Male) never stack (checked at 1366 px in enquiries.spec.ts).
    <div className="@container">
      <fieldset className="grid grid-cols-12 gap-3">
        <legend className="mb-2 text-base font-bold text-slate-800">{t.general}</legend>
        <Field label={t.name} required error={e('name')} className="col-span-6 @2xl:col-span-4" data-fill>
          {(id, db) => <TextInput id={id} aria-describedby={db} invalid={!!e('name')} value={person.name} onChange={(ev) => onChange({ name: ev.target.value })} />}
        </Field>
        <div className="col-span-6 @2xl:col-span-3" data-fill data-invalid={!!e('sex') || undefined}>
          <p className="mb-1 text-sm font-medium text-slate-700">{t.sex} <span aria-hidden className="text-rose-700">*</span></p>
          <Choice name={`${name}-sex`} label={t.sex} value={person.sex || null} onChange={(sex) => onChange({ sex })} options={[{ value: 'F', label: c.female }, { value: 'M', label: c.male }]} />
          {e('sex') && <p role="alert" className="mt-1 text-sm text-rose-700">{e('sex')}</p>}
        </div>
        {/* One field, one Tab stop: an age (32) or a birth date (19850312, 1985-03-12); was a native date input of 4-5 stops. */}
        <Field label={t.ageOrBirth} required error={e('age') ?? e('birthDate')} hint={t.ageOrBirthHint} className="col-span-6 @2xl:col-span-5" data-fill>
          {(id, db) => (
            <TextInput
              id={id}
              aria-describedby={db}
              invalid={!!(e('age') ?? e('birthDate'))}
              inputMode="numeric"
              autoComplete="off"
              maxLength={10}
              value={person.birthDate || person.age}
              onChange={(ev) => {
                const v = ev.target.value;
                onChange(/^\d{0,3}$/.test(v.trim()) ? { age: v.trim(), birthDate: '' } : { age: '', birthDate: v });
              }}
            />
          )}
        </Field>
        <Field label={t.phone} required error={e('phone')} className="col-span-6 @2xl:col-span-4" data-fill>
          {(id, db) => <TextInput id={id} aria-describedby={db} invalid={!!e('phone')} inputMode="tel" value={person.phone} onChange={(ev) => onChange({ phone: ev.target.value })} />}
        </Field>
        <Field label={t.source} required error={e('source')} className="col-span-6 @2xl:col-span-4" data-fill>
          {(id, db) => (
            <Select id={id} aria-describedby={db} invalid={!!e('source')} value={person.source} onChange={(ev) => onChange({ source: ev.target.value as Source })}>
              <option value="">—</option>
              <SourceOptions />
            </Select>
          )}
        </Field>
        <Field label={`${t.address}${aside(c.optional, t.address)}`} error={e('address')} className="col-span-6 @2xl:col-span-4">
          {(id, db) => <TextInput id={id} aria-describedby={db} value={person.address} onChange={(ev) => onChange({ address: ev.target.value })} />}
        </Field>
        {owner && (
          <div className="col-span-12">
            <Banner tone="info">
              <Button variant="secondary" onClick={() => onUseOwner(owner)}>
                {t.usePhoneOwner(owner.name)}
              </Button>
            </Banner>
          </div>
        )}
        {directed === 'tabs' ? (
          <div className="col-span-12 rounded-lg bg-slate-50 px-4 py-2 ring-1 ring-slate-200">
            <div role="tablist" aria-label={t.directed} className="flex gap-2">
              {(['general', 'directed'] as const).map((k) => (
                <button key={k} type="button" role="tab" aria-selected={tab === k} onClick={() => setTab(k)} className={`rounded px-3 py-1 text-sm font-medium ${tab === k ? 'bg-slate-700 text-white' : 'text-slate-700 hover:bg-slate-200'}`}>
                  {k === 'general' ? t.general : t.directed}
                </button>
              ))}
            </div>
            <div role="tabpanel" className="mt-3">
              {tab === 'general' ? more : directedFields}
            </div>
          </div>
        ) : (
          <div className="col-span-12 space-y-3">
            {more}
            {directed === 'open' && directedFields}
          </div>
        )}
      </fieldset>
    </div>
  );
}
