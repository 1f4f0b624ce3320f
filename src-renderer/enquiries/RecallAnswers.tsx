import { useState } from 'react';
import { api } from '../api/client';
import { useLocale, useText } from '../i18n/i18n';
import { recallBooked, recallInput, recallReasons, recallSteps, type RecallInput } from '../../shared/enquiries/schemas';
import type { TaskView } from '../../shared/followup/schemas';
import { Banner, Button, Choice, Field, Select, TextArea, TextInput } from '../ui/ui';
import { useSubmit } from '../ui/useSubmit';
import { checkWith } from '../ui/errors';
import { DateTimeField } from '../ui/DateTimeField';
import { BookPanel } from './Book';
import { enquiryText } from './i18n';

/** The enquiry a re-call task is of: the task id carries the enquiry id's tail (shared/followup/rules.ts taskId). */
export function enquiryIdOf(task: Pick<TaskView, 'id'>): string {
  const [, clinic, , ...tail] = task.id.split(':');
  return `enquiry:${clinic}:${tail.join(':')}`;
}

type Booked = (typeof recallBooked)[number];
type Reason = (typeof recallReasons)[number];
type Step = (typeof recallSteps)[number];

/**
 * 接通 of a re-call (询诊回访): the enquiry's own questions (issue 14) — did she book (本次已预约,
 * 已去别家, 未预约), why not, the next step (再次回访 at a time, 发送资料, 不再回访) — sent as
 * `enquiry.recall`. 本次已预约 opens the booking panel once the answers pass the contract's schema:
 * `enquiry.book`, then the re-call. Nothing is chosen beforehand: an unanswered question is refused
 * by its field, the text beside it. Esc cancels.
 */
export function RecallAnswers({ task, onDone, onCancel }: { task: TaskView; /** `again`: she is to be called again (the task stays open). */ onDone(again: boolean): void; onCancel(): void }) {
  const t = useText(enquiryText);
  const [booked, setBooked] = useState<Booked | null>(null);
  const [reason, setReason] = useState<Reason | ''>('');
  const [reasonNote, setReasonNote] = useState('');
  const [step, setStep] = useState<Step | null>(null);
  const [nextAt, setNextAt] = useState('');
  const [note, setNote] = useState('');
  const locale = useLocale((s) => s.locale);
  const [booking, setBooking] = useState(false);
  const { errors, setErrors, general, busy, send } = useSubmit();
  // An unchosen answer is left out: the contract refuses it naming the field.
  const input = () => ({ taskId: task.id, booked: booked ?? undefined, reason: booked === 'no' ? reason || null : null, reasonNote: booked === 'no' ? reasonNote : '', nextStep: step ?? undefined, nextAt: step === 'callAgain' ? (nextAt ? new Date(nextAt).toISOString() : null) : null, note }) as RecallInput;
  const recall = async () => {
    const r = await api['enquiry.recall'](input());
    return r.taskState === 'open';
  };

  const save = () => {
    if (booked === 'here') {
      // Booked on this call: the answers checked first, then the booking panel books and records them (the booked enquiry leaves the list).
      const checked = checkWith(recallInput, input(), locale);
      if (!checked.ok) return setErrors(checked.errors);
      return setBooking(true);
    }
    return send(async () => onDone(await recall()));
  };

  if (booking)
    return (
      <BookPanel
        e={{ id: enquiryIdOf(task), name: task.customerName, items: [] }}
        afterBook={async () => onDone(await recall())}
        onClose={() => setBooking(false)}
      />
    );

  return (
    <form
      className="mt-2 space-y-3 rounded-lg bg-white p-3 ring-1 ring-teal-300"
      data-testid="recall-answers"
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <p className="font-medium">{t.recallReached}</p>
      {general && <Banner tone="error">{general}</Banner>}
      <Field label={t.recallBookedLabel} required error={errors.booked} hint={t.recallBookHint}>
        {() => <Choice name={`${task.id}-booked`} label={t.recallBookedLabel} value={booked} options={recallBooked.map((b) => ({ value: b, label: t.recallBookedOptions[b] }))} onChange={setBooked} />}
      </Field>
      {booked === 'no' && (
        <div className="grid grid-cols-3 gap-3">
          <Field label={t.recallReasonLabel} required error={errors.reason}>
            {(id, d) => (
              <Select id={id} aria-describedby={d} invalid={!!errors.reason} value={reason} onChange={(e) => setReason(e.target.value as Reason | '')}>
                <option value="">—</option>
                {recallReasons.map((r) => (
                  <option key={r} value={r}>
                    {t.recallReasons[r]}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label={t.recallReasonNote} required={reason === 'other'} error={errors.reasonNote} className="col-span-2">
            {(id, d) => <TextInput id={id} aria-describedby={d} invalid={!!errors.reasonNote} maxLength={300} value={reasonNote} onChange={(e) => setReasonNote(e.target.value)} />}
          </Field>
        </div>
      )}
      <Field label={t.recallNextLabel} required error={errors.nextStep}>
        {() => <Choice name={`${task.id}-step`} label={t.recallNextLabel} value={step} options={recallSteps.map((s) => ({ value: s, label: t.recallSteps[s] }))} onChange={setStep} />}
      </Field>
      {step === 'callAgain' && (
        <Field label={t.recallNextAt} required error={errors.nextAt} className="w-64">
          {(id, d) => <DateTimeField id={id} aria-describedby={d} invalid={!!errors.nextAt} value={nextAt} onChange={(e) => setNextAt(e.target.value)} />}
        </Field>
      )}
      <Field label={t.recallNote} error={errors.note}>
        {(id, d) => <TextArea id={id} aria-describedby={d} invalid={!!errors.note} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <div className="flex gap-2">
        <Button type="submit" disabled={busy}>
          {t.recallSave}
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          {t.recallCancel}
        </Button>
      </div>
    </form>
  );
}
