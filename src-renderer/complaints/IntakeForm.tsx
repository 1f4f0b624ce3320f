import { useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { api } from '../api/client';
import { useDraft } from '../drafts/drafts';
import { useLocale, useText } from '../i18n/i18n';
import { channels, type Channel } from '../../shared/complaints/rules';
import { complaintRecordInput, MAX_EVIDENCE_FILES, MAX_VIDEO_BYTES, type EvidenceFile } from '../../shared/complaints/schemas';
import type { CustomerHit } from '../../shared/desk/schemas';
import { maskPhone } from '../../shared/desk/rules';
import { CustomerLookup } from '../customers/CustomerLookup';
import { useShell } from '../shell/store';
import { Banner, Button, Choice, Field, Select, TextArea, TextInput } from '../ui/ui';
import { FileButton } from '../ui/FileButton';
import { DateTimeField } from '../ui/DateTimeField';
import { checkWith } from '../ui/errors';
import { useSubmit } from '../ui/useSubmit';
import { isVideo, toEvidence, uploadVideo } from './evidence';
import { complaintText } from './i18n';

interface Draft {
  customer: CustomerHit | null;
  name: string;
  phone: string;
  channel: Channel | null;
  what: string;
  wants: string;
  staffInvolved: string;
  departmentId: string;
  /** Clinic time from a DateTimeField (`YYYY-MM-DDTHH:mm`), empty = now. */
  receivedAt?: string;
  promisedReplyAt?: string;
}
const empty: Draft = { customer: null, name: '', phone: '', channel: null, what: '', wants: '', staffInvolved: '', departmentId: '', receivedAt: '', promisedReplyAt: '' };

/** Intake in under a minute: who, how it came in, what happened and what they want; evidence optional. */
export function IntakeForm({ onRecorded }: { onRecorded(id: string): void }) {
  const t = useText(complaintText);
  const locale = useLocale((s) => s.locale);
  const clinic = useShell((s) => s.status?.clinic);
  const { value: d, setValue, clear } = useDraft<Draft>('complaint.record', empty);
  const [files, setFiles] = useState<EvidenceFile[]>([]);
  const [videos, setVideos] = useState<File[]>([]);
  const [progress, setProgress] = useState<string | null>(null);
  const [fileErrors, setFileErrors] = useState<string[]>([]);
  const submit = useSubmit();
  const lookupRef = useRef<HTMLInputElement>(null);
  const set = (patch: Partial<Draft>) => {
    setValue((prev) => ({ ...prev, ...patch }));
    // A field the guide has just changed no longer shows its old error.
    const touched = Object.keys(patch).map((k) => (k === 'name' || k === 'phone' || k === 'customer' ? 'patient' : k));
    submit.setErrors((prev) => Object.fromEntries(Object.entries(prev).filter(([k]) => !touched.some((t) => k === t || k.startsWith(`${t}.`)))));
  };

  const input = () => ({
    patient: d.customer ? { customerId: d.customer.id } : { name: d.name, phone: d.phone },
    channel: d.channel ?? undefined,
    what: d.what,
    wants: d.wants,
    staffInvolved: d.staffInvolved,
    departmentId: d.departmentId || null,
    evidence: files,
    receivedAt: d.receivedAt || null,
    promisedReplyAt: d.promisedReplyAt || null,
  });

  const send = async () => {
    // The same schema the main process checks: field errors show before anything is sent.
    const checked = checkWith(complaintRecordInput, input(), locale);
    if (!checked.ok) {
      submit.setErrors(checked.errors);
      return;
    }
    await submit.send(async () => {
      const view = await api['complaint.record'](checked.data);
      await clear();
      setFiles([]);
      // Videos follow the recorded complaint in pieces; the complaint is already safe if one fails.
      try {
        for (const video of videos) await uploadVideo(view.id, video, (sent) => setProgress(t.uploading(video.name, Math.round((100 * sent) / video.size))));
      } finally {
        setVideos([]);
        setProgress(null);
      }
      onRecorded(view.id);
    });
  };

  const addFiles = async (list: FileList | null) => {
    const problems: string[] = [];
    const added: EvidenceFile[] = [];
    const moving: File[] = [];
    for (const file of [...(list ?? [])]) {
      if (isVideo(file)) {
        if (file.size > MAX_VIDEO_BYTES) problems.push(t.evidenceTooBig(file.name));
        else moving.push(file);
        continue;
      }
      const r = await toEvidence(file);
      if (r === 'type') problems.push(t.evidenceType(file.name));
      else if (r === 'size') problems.push(t.evidenceTooBig(file.name));
      else added.push(r);
    }
    setFileErrors(problems);
    setFiles((prev) => [...prev, ...added].slice(0, MAX_EVIDENCE_FILES));
    setVideos((prev) => [...prev, ...moving].slice(0, 2));
  };

  const e = submit.errors;
  return (
    // No panel title: the tab above already says 登记投诉, and the whole form fits a 768-px screen.
    <section aria-label={t.tabNew} className="h-full overflow-auto rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <form
        className="mx-auto grid max-w-6xl grid-cols-3 gap-x-5 gap-y-2"
        onSubmit={(ev) => {
          ev.preventDefault();
          void send();
        }}
        onKeyDown={(ev) => {
          if (ev.key === 'Enter' && ev.ctrlKey) {
            ev.preventDefault();
            void send();
          }
        }}
      >
        {submit.general && (
          <div className="col-span-3">
            <Banner tone="error">{submit.general}</Banner>
          </div>
        )}
        <fieldset className="col-span-3 grid grid-cols-3 gap-3 rounded-lg border border-slate-200 px-3 pb-2">
          <legend className="px-1 font-bold">
            {t.patient}
            <span aria-hidden className="ml-1 text-rose-700">*</span>
            <span className="ml-3 text-sm font-normal text-slate-500">{t.lookupOr}</span>
          </legend>
          {d.customer ? (
            <div className="col-span-3 flex items-center gap-3">
              <span className="text-lg font-bold" data-testid="picked-patient">{t.picked(d.customer.name)}</span>
              <span className="font-mono">{maskPhone(d.customer.phone)}</span>
              <Button
                variant="ghost"
                onClick={() => {
                  flushSync(() => set({ customer: null }));
                  lookupRef.current?.focus();
                }}
              >
                {t.change}
              </Button>
            </div>
          ) : (
            <>
              <div className="col-span-1">
                <CustomerLookup inputRef={lookupRef} onPick={(hit) => set({ customer: hit })} />
              </div>
              <Field label={t.patientName} required error={e['patient.name'] ?? e.patient}>
                {(id, by) => <TextInput id={id} aria-describedby={by} value={d.name} invalid={!!(e['patient.name'] ?? e.patient)} onChange={(ev) => set({ name: ev.target.value })} />}
              </Field>
              <Field label={t.patientPhone} required error={e['patient.phone']}>
                {(id, by) => <TextInput id={id} aria-describedby={by} inputMode="tel" value={d.phone} invalid={!!e['patient.phone']} onChange={(ev) => set({ phone: ev.target.value })} />}
              </Field>
            </>
          )}
        </fieldset>
        <div className="col-span-3">
          <span className="text-sm font-medium text-slate-700">
            {t.channel}
            <span aria-hidden className="ml-1 text-rose-700">*</span>
          </span>
          <Choice name="channel" label={t.channel} value={d.channel} options={channels.map((ch) => ({ value: ch, label: t.channelName[ch] }))} onChange={(channel) => set({ channel })} />
          {e.channel && <p role="alert" className="text-sm text-rose-700">{t.channelRequired}</p>}
        </div>
        <Field label={t.what} required error={e.what} className="col-span-2">
          {(id, by) => <TextArea id={id} aria-describedby={by} rows={2} value={d.what} invalid={!!e.what} onChange={(ev) => set({ what: ev.target.value })} />}
        </Field>
        <Field label={t.wants} error={e.wants} className="col-span-1">
          {(id, by) => <TextArea id={id} aria-describedby={by} rows={2} value={d.wants} invalid={!!e.wants} onChange={(ev) => set({ wants: ev.target.value })} />}
        </Field>
        <Field label={t.staffInvolved} error={e.staffInvolved}>
          {(id, by) => <TextInput id={id} aria-describedby={by} value={d.staffInvolved} onChange={(ev) => set({ staffInvolved: ev.target.value })} />}
        </Field>
        <Field label={t.department} error={e.departmentId}>
          {(id, by) => (
            <Select id={id} aria-describedby={by} value={d.departmentId} onChange={(ev) => set({ departmentId: ev.target.value })}>
              <option value="">{t.unknown}</option>
              {clinic?.departments.filter((dep) => dep.active).map((dep) => (
                <option key={dep.id} value={dep.id}>
                  {dep.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t.receivedAtLabel} hint={t.receivedAtHint} error={e.receivedAt}>
          {(id, by) => <DateTimeField id={id} aria-describedby={by} value={d.receivedAt ?? ''} invalid={!!e.receivedAt} onChange={(ev) => set({ receivedAt: ev.target.value })} />}
        </Field>
        <Field label={t.promisedReplyLabel} hint={t.promisedReplyHint} error={e.promisedReplyAt}>
          {(id, by) => <DateTimeField id={id} aria-describedby={by} value={d.promisedReplyAt ?? ''} invalid={!!e.promisedReplyAt} onChange={(ev) => set({ promisedReplyAt: ev.target.value })} />}
        </Field>
        <Field label={t.evidence} hint={t.evidenceHint} error={fileErrors.join(';') || Object.entries(e).find(([k]) => k.startsWith('evidence'))?.[1]} className="col-span-1">
          {(id, by) => (
            <div className="flex flex-wrap items-center gap-2">
              <FileButton id={id} aria-describedby={by} accept="image/*,application/pdf,video/mp4,video/quicktime,video/webm" multiple onChange={(ev) => void addFiles(ev.target.files)} />
              {videos.map((f, i) => (
                <span key={`v-${f.name}-${i}`} className="rounded bg-violet-100 px-2 py-1 text-sm">
                  {f.name}
                  <button type="button" className="ml-1 text-rose-700" aria-label={`${t.remove} ${f.name}`} onClick={() => setVideos((prev) => prev.filter((_, j) => j !== i))}>
                    ×
                  </button>
                </span>
              ))}
              {files.map((f, i) => (
                <span key={`${f.name}-${i}`} className="rounded bg-slate-100 px-2 py-1 text-sm">
                  {f.name}
                  <button type="button" className="ml-1 text-rose-700" aria-label={`${t.remove} ${f.name}`} onClick={() => setFiles((prev) => prev.filter((_, j) => j !== i))}>
                    ×
                  </button>
                </span>
              ))}
            </div>
          )}
        </Field>
        <div className="col-span-3 flex items-center gap-4">
          <Button type="submit" disabled={submit.busy}>
            {t.submit} <kbd className="ml-1 text-xs opacity-70">{t.submitKey}</kbd>
          </Button>
          <span className="text-slate-600" role="status">
            {progress ?? t.tellPatient}
          </span>
        </div>
      </form>
    </section>
  );
}
