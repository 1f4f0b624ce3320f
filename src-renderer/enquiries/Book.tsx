import { useState } from 'react';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useText } from '../i18n/i18n';
import type { EnquiryView } from '../../shared/enquiries/schemas';
import { addDays } from '../../shared/appointments/rules';
import { clinicDate } from '../../shared/time';
import { useShell } from '../shell/store';
import { Banner, Button, Field, RowPanel, Select, TextInput } from '../ui/ui';
import { useSubmit } from '../ui/useSubmit';
import { enquiryText } from './i18n';
import { CatalogueOptions, useCatalogue } from './Catalogue';
import { DateField } from '../ui/DateField';
import { TimeField } from '../ui/TimeField';

/** Books from an enquiry (also from a re-call: only its id, the enquirer's name and the items asked about are needed). */
export function BookPanel({ e, onClose, afterBook }: { e: Pick<EnquiryView, 'id' | 'name' | 'items'>; onClose(): void; /** Run once booked, before closing (a re-call's 接通 records 本次已预约 with it). */ afterBook?: () => Promise<unknown> }) {
  const t = useText(enquiryText);
  const catalogue = useCatalogue();
  const clinic = useShell((s) => s.status?.clinic ?? null);
  const departments = clinic?.departments.filter((d) => d.active) ?? [];
  const [f, setF] = useState({ date: addDays(clinicDate(new Date()), 1), time: '10:00', serviceItem: e.items[0] ?? '', departmentId: departments[0]?.id ?? '', consultantId: '', note: '' });
  const duty = useQuery('duty.day', { date: f.date });
  const people = (duty.data?.staff ?? []).filter((s) => (!duty.data?.rosterSet || s.onDuty) && (s.departmentId === null || s.departmentId === f.departmentId));
  const { errors, general, busy, send } = useSubmit();
  const book = () =>
    send(async () => {
      await api['enquiry.book']({ id: e.id, ...f, consultantId: f.consultantId || null });
      await afterBook?.();
      onClose();
    });
  // The day and the time in the app's language and 24-hour (Chromium's own inputs wrote the system's: 03:00 PM).
  const text = (k: 'date' | 'time' | 'serviceItem' | 'note') => (
    <Field label={t[k]} error={errors[k]}>
      {(id, db) =>
        k === 'date' ? (
          <DateField id={id} aria-describedby={db} invalid={!!errors[k]} value={f[k]} onChange={(ev) => setF({ ...f, [k]: ev.target.value })} />
        ) : k === 'time' ? (
          <TimeField id={id} aria-describedby={db} invalid={!!errors[k]} value={f[k]} onChange={(ev) => setF({ ...f, [k]: ev.target.value })} />
        ) : (
          <TextInput id={id} aria-describedby={db} value={f[k]} onChange={(ev) => setF({ ...f, [k]: ev.target.value })} {...(k === 'serviceItem' ? { list: 'catalogue-items' } : {})} />
        )
      }
    </Field>
  );
  return (
    <RowPanel label={t.bookTitle(e.name)} testId="enquiry-book" onClose={onClose} onSubmit={() => void book()}>
      <h4 className="font-semibold">{t.bookTitle(e.name)}</h4>
      {general && <Banner tone="error">{general}</Banner>}
      {/* The day's column as wide as its widest day (2026年12月28日 and the calendar button). */}
      <div className="grid grid-cols-[minmax(12.5rem,1fr)_minmax(0,1fr)_minmax(0,1fr)] gap-3">
        {text('date')}
        {text('time')}
        {text('serviceItem')}
        <CatalogueOptions id="catalogue-items" items={catalogue} />
        <Field label={t.department} error={errors.departmentId}>
          {(id, db) => (
            <Select id={id} aria-describedby={db} value={f.departmentId} onChange={(ev) => setF({ ...f, departmentId: ev.target.value })}>
              {departments.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t.consultant} error={errors.consultantId}>
          {(id, db) => (
            <Select id={id} aria-describedby={db} value={f.consultantId} onChange={(ev) => setF({ ...f, consultantId: ev.target.value })}>
              <option value="">{t.anyConsultant}</option>
              {people.map((p) => (
                <option key={p.staffId} value={p.staffId}>
                  {p.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
        {text('note')}
      </div>
      {errors.id && <Banner tone="error">{errors.id}</Banner>}
      <div className="flex gap-2">
        <Button aria-busy={busy} onClick={() => !busy && void book()}>
          {t.confirmBook}
        </Button>
        <Button variant="ghost" onClick={onClose}>
          {t.cancel}
        </Button>
      </div>
    </RowPanel>
  );
}
