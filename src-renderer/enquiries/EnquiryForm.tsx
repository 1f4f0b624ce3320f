import { useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useText } from '../i18n/i18n';
import { channels, type Channel, type RecordInput } from '../../shared/enquiries/schemas';
import type { CustomerHit } from '../../shared/desk/schemas';
import { visibilityFor } from '../../shared/desk/visibility';
import { useShell } from '../shell/store';
import { Banner, Button, Choice, Field, Select, TextArea, TextInput } from '../ui/ui';
import { useSubmit } from '../ui/useSubmit';
import { DateTimeField } from '../ui/DateTimeField';
import { CustomerLookup } from '../customers/CustomerLookup';
import { enquiryText } from './i18n';
import { emptyPerson, newCustomerOf, RegistrationFields, usePhoneOwner, type Person } from '../customers/Registration';
import { CatalogueAdd, useCatalogue } from './Catalogue';

type Who = 'existing' | 'new' | 'anonymous';
type Kind = 'answered' | 'callBack' | 'referred';

const blank = { name: '', contact: '', question: '', items: '', answer: '', callBackAt: '', doctorId: '', recordingRef: '' };
/** A new enquirer: the shared registration (the door's too), nothing chosen: 性别 and 来源 are the consultant's to choose (an unchosen one is refused by name). */
const blankPerson: Person = emptyPerson;

/** A DateTimeField's value (`YYYY-MM-DDTHH:mm`, the desk's own clock) as an ISO instant. */
const instant = (local: string) => (local ? new Date(local).toISOString() : '');

/** 咨询登记: channel, who (on file, new, or no phone yet), the question, items, the answer and the outcome. */
export function EnquiryForm() {
  const t = useText(enquiryText);
  const catalogue = useCatalogue();
  const role = useShell((s) => s.status?.operator?.role ?? null);
  const staff = useQuery('staff.list', {});
  const doctors = (staff.data ?? []).filter((s) => s.active && s.role === 'doctor');
  const [channel, setChannel] = useState<Channel>('phone');
  const [who, setWho] = useState<Who>('existing');
  const [hit, setHit] = useState<CustomerHit | null>(null);
  const [kind, setKind] = useState<Kind>('answered');
  const [f, setF] = useState(blank);
  const [person, setPerson] = useState<Person>(blankPerson);
  const phoneOwner = usePhoneOwner(person.phone, who === 'new');
  const [saved, setSaved] = useState<string | null>(null);
  const { errors, general, busy, send } = useSubmit();
  const lookupRef = useRef<HTMLInputElement>(null);
  const set = (patch: Partial<typeof blank>) => setF((prev) => ({ ...prev, ...patch }));
  const mayDirected = visibilityFor(role).directed;
  // F2, as the lookup's hint says (and as the booking form and the door do): a customer on file, the lookup takes the keys typed next.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F2') return;
      e.preventDefault();
      flushSync(() => {
        setWho('existing');
        setHit(null);
      });
      lookupRef.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const input = (): RecordInput => {
    const customer: RecordInput['customer'] =
      who === 'existing'
        ? { id: hit?.id ?? '' }
        : who === 'new'
          ? ({ new: newCustomerOf(person) } as RecordInput['customer']) // an unchosen sex or source is left out: the contract refuses it by name
          : { anonymous: { name: f.name, contact: f.contact } };
    const outcome: RecordInput['outcome'] = kind === 'answered' ? { kind } : kind === 'callBack' ? { kind, at: instant(f.callBackAt) } : { kind, doctorId: f.doctorId };
    const items = f.items.split(/[,，、;；]/).map((s) => s.trim()).filter(Boolean);
    return { channel, customer, question: f.question, items, answer: f.answer, outcome, recordingRef: f.recordingRef };
  };

  const save = () =>
    send(async () => {
      setSaved(null);
      const r = await api['enquiry.record'](input());
      setSaved(t.saved(r.name));
      setF(blank);
      setPerson(blankPerson);
      setHit(null);
    });

  const err = (k: string) => errors[k];
  return (
    <form
      className="space-y-3"
      data-testid="enquiry-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && e.ctrlKey) {
          e.preventDefault();
          void save();
        }
      }}
    >
      {saved && <Banner tone="success">{saved}</Banner>}
      {general && <Banner tone="error">{general}</Banner>}
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-slate-700">{t.channel}</legend>
        <Choice name="channel" label={t.channel} value={channel} onChange={setChannel} options={channels.map((ch) => ({ value: ch, label: t.channels[ch]! }))} />
      </fieldset>
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-slate-700">{t.who}</legend>
        <Choice
          name="who"
          label={t.who}
          value={who}
          onChange={setWho}
          options={[
            { value: 'existing', label: t.whoExisting },
            { value: 'new', label: t.whoNew },
            { value: 'anonymous', label: t.whoAnonymous },
          ]}
        />
      </fieldset>
      {who === 'existing' &&
        (hit ? (
          <div className="flex items-center gap-3">
            <span className="font-medium">{t.picked(hit.name, hit.phone)}</span>
            <Button variant="ghost" onClick={() => setHit(null)}>
              {t.change}
            </Button>
          </div>
        ) : (
          <>
            <CustomerLookup inputRef={lookupRef} onPick={setHit} />
            {err('customer.id') && <p className="text-sm text-rose-700">{err('customer.id')}</p>}
          </>
        ))}
      {who === 'new' && (
        <RegistrationFields
          name="enquiry"
          person={person}
          onChange={(patch) => setPerson((prev) => ({ ...prev, ...patch }))}
          errors={errors}
          prefix="customer.new"
          directed={mayDirected ? 'open' : 'none'}
          owner={phoneOwner.owner}
          onUseOwner={(owner) => {
            setWho('existing');
            setHit(owner);
          }}
        />
      )}
      {who === 'anonymous' && (
        <div className="grid grid-cols-4 gap-3">
          <Field label={t.name} required error={err('customer.anonymous.name')}>
            {(id, db) => <TextInput id={id} aria-describedby={db} value={f.name} onChange={(e) => set({ name: e.target.value })} />}
          </Field>
          <Field label={t.contact} error={err('customer.anonymous.contact')} className="col-span-3">
            {(id, db) => <TextInput id={id} aria-describedby={db} value={f.contact} onChange={(e) => set({ contact: e.target.value })} />}
          </Field>
        </div>
      )}
      <Field label={t.question} required error={err('question')}>
        {(id, db) => <TextArea id={id} aria-describedby={db} rows={2} value={f.question} onChange={(e) => set({ question: e.target.value })} />}
      </Field>
      <Field label={t.items} error={err('items') ?? err('items.0')}>
        {(id, db) => (
          // The catalogue's select under the text (beside it, its long option texts squeezed the field to nothing).
          <div className="flex flex-col gap-2">
            <TextInput id={id} aria-describedby={db} value={f.items} onChange={(e) => set({ items: e.target.value })} />
            <CatalogueAdd items={catalogue} onPick={(name) => set({ items: f.items.trim() ? `${f.items.trim()}、${name}` : name })} />
          </div>
        )}
      </Field>
      <Field label={t.answer} error={err('answer')}>
        {(id, db) => <TextArea id={id} aria-describedby={db} rows={2} value={f.answer} onChange={(e) => set({ answer: e.target.value })} />}
      </Field>
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-slate-700">{t.outcome}</legend>
        <Choice
          name="outcome"
          label={t.outcome}
          value={kind}
          onChange={setKind}
          options={(['answered', 'callBack', 'referred'] as const).map((k) => ({ value: k, label: t.outcomes[k]! }))}
        />
      </fieldset>
      {/* Three fifths for the day and time: its example (如 2026年12月28日 10:15) whole, in English too (layout.spec.ts). */}
      <div className="grid grid-cols-5 gap-3">
        {kind === 'callBack' && (
          <Field label={t.callBackAt} required error={err('outcome.at')} className="col-span-3">
            {(id, db) => <DateTimeField id={id} aria-describedby={db} value={f.callBackAt} onChange={(e) => set({ callBackAt: e.target.value })} />}
          </Field>
        )}
        {kind === 'referred' && (
          <Field label={t.doctor} required error={err('outcome.doctorId')} className="col-span-3">
            {(id, db) => (
              <Select id={id} aria-describedby={db} value={f.doctorId} onChange={(e) => set({ doctorId: e.target.value })}>
                <option value="">{t.chooseDoctor}</option>
                {doctors.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        )}
        <Field label={t.recordingRef} hint={t.recordingHint} error={err('recordingRef')} className={kind === 'answered' ? 'col-span-3' : 'col-span-2'}>
          {(id, db) => <TextInput id={id} aria-describedby={db} value={f.recordingRef} onChange={(e) => set({ recordingRef: e.target.value })} />}
        </Field>
      </div>
      <Button type="submit" aria-busy={busy}>
        {t.save}
      </Button>
    </form>
  );
}
