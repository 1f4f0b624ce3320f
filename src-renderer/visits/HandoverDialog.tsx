import { useRef, useState } from 'react';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useText } from '../i18n/i18n';
import { commonText, aside } from '../i18n/common';
import { clinicTime } from '../../shared/time';
import { useShell } from '../shell/store';
import { Banner, Button, Field, TextArea } from '../ui/ui';
import { useSubmit } from '../ui/useSubmit';
import { Dialog } from './Dialog';
import { visitsText } from './i18n';
import { HandoverChanges } from '../staff/HandoverChanges';

/**
 * 交接班: the outgoing guide writes equipment, unresolved matters and staff changes (the visitors
 * still in the clinic are added by themselves); it reads 尚未接班 until the incoming guide, signed
 * in at the desk, takes over.
 */
export function HandoverDialog({ onClose }: { onClose(): void }) {
  const t = useText(visitsText);
  const c = useText(commonText);
  const me = useShell((s) => s.status?.operator?.id);
  const list = useQuery('handover.list', {});
  const [form, setForm] = useState({ equipment: '', unresolved: '', staffChanges: '' });
  const [note, setNote] = useState('');
  const { errors, general, busy, send } = useSubmit();
  const formRef = useRef<HTMLElement>(null);
  const field = (name: keyof typeof form, label: string) => (
    <Field label={label} error={errors[name]}>
      {(id, describedBy) => <TextArea id={id} aria-describedby={describedBy} invalid={!!errors[name]} value={form[name]} onChange={(e) => setForm({ ...form, [name]: e.target.value })} />}
    </Field>
  );

  return (
    <Dialog title={t.handoverTitle} onClose={onClose} closeLabel={t.close}>
      <section ref={formRef} aria-label={t.writeHandover} className="space-y-3">
        <h3 className="font-bold">{t.writeHandover}</h3>
        {general && <Banner tone="error">{general}</Banner>}
        <div className="grid grid-cols-3 gap-3">
          {field('equipment', t.equipment)}
          {field('unresolved', t.unresolved)}
          {field('staffChanges', t.staffChanges)}
        </div>
        <HandoverChanges onUse={(text) => setForm((f) => ({ ...f, staffChanges: f.staffChanges ? `${f.staffChanges}\n${text}` : text }))} />
        <Button
          aria-disabled={busy}
          onClick={() =>
            void send(async () => {
              await api['handover.write'](form);
              setForm({ equipment: '', unresolved: '', staffChanges: '' });
              formRef.current?.querySelector('textarea')?.focus();
            })
          }
        >
          {t.submitHandover}
        </Button>
      </section>
      <ol className="mt-5 space-y-3" aria-label={t.handoverTitle}>
        {list.data?.length === 0 && <li className="text-slate-500">{t.noHandovers}</li>}
        {list.data?.map((h) => (
          <li key={h.id} className={`rounded-lg p-3 ring-1 ${h.ack ? 'bg-white ring-slate-200' : 'bg-amber-50 ring-amber-400'}`} data-testid="handover">
            <div className="flex items-baseline gap-3">
              <b>{t.writtenBy(h.byName, clinicTime(h.at))}</b>
              {h.ack ? (
                <span className="rounded bg-emerald-100 px-2 text-emerald-900" data-testid="handover-state">
                  {t.takenOver(h.ack.byName, clinicTime(h.ack.at))}
                </span>
              ) : (
                <span className="rounded bg-amber-200 px-2 font-bold text-amber-950" data-testid="handover-state">
                  {t.notTakenOver}
                </span>
              )}
            </div>
            <dl className="mt-2 grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1 text-sm">
              <dt className="text-slate-500">{t.equipment}</dt>
              <dd>{h.equipment || t.none}</dd>
              <dt className="text-slate-500">{t.unresolved}</dt>
              <dd className="whitespace-pre-wrap">{h.unresolved || t.none}</dd>
              <dt className="text-slate-500">{t.staffChanges}</dt>
              <dd>{h.staffChanges || t.none}</dd>
              <dt className="text-slate-500">{t.openVisitors}</dt>
              <dd>{h.openVisits.length ? h.openVisits.map((v) => `${v.customerName}${aside(`${t.status[v.status]} · ${v.departmentName}`, v.customerName).trimStart()}`).join('、') : t.noOpenVisitors}</dd>
              {h.ack?.note && (
                <>
                  <dt className="text-slate-500">{t.ackNote}</dt>
                  <dd>{h.ack.note}</dd>
                </>
              )}
            </dl>
            {!h.ack && h.by !== me && (
              <div className="mt-2 flex items-end gap-2">
                <Field label={t.ackNote} className="flex-1">
                  {(id) => <input id={id} className="w-full rounded-lg border border-slate-300 px-3 py-2" value={note} onChange={(e) => setNote(e.target.value)} />}
                </Field>
                <Button
                  aria-disabled={busy}
                  onClick={() =>
                    void send(() =>
                      api['handover.ack']({ handoverId: h.id, note }).then(() => {
                        setNote('');
                        formRef.current?.querySelector('textarea')?.focus();
                      }),
                    )
                  }
                >
                  {t.takeOver}
                </Button>
              </div>
            )}
          </li>
        ))}
      </ol>
      {list.error && <Banner tone="error">{c.error[list.error.code] ?? list.error.message}</Banner>}
    </Dialog>
  );
}
