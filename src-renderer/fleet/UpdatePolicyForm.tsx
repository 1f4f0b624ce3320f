import { useState } from 'react';
import type { UpdatePolicyView } from '../../shared/fleet/schemas';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useText } from '../i18n/i18n';
import { Banner, Button, Field, Panel, TextInput } from '../ui/ui';
import { useSubmit } from '../ui/useSubmit';
import { fleetText } from './i18n';

/** Head office's 版本与更新: the update folder, the pilot clinics and the minimum version (reference document `app-policy`). */
export function UpdatePolicyForm() {
  const q = useQuery('fleet.updatePolicy', {});
  // Out here, so that it outlives the form starting again from what was saved.
  const [saved, setSaved] = useState(false);
  // Keyed by what is saved: the form starts from it, and starts again when it changes.
  return q.data ? <PolicyForm key={JSON.stringify(q.data)} initial={q.data} saved={saved} setSaved={setSaved} /> : null;
}

function PolicyForm({ initial, saved, setSaved }: { initial: UpdatePolicyView; saved: boolean; setSaved(saved: boolean): void }) {
  const t = useText(fleetText);
  const [form, setForm] = useState({ feedUrl: initial.feedUrl ?? '', pilots: initial.pilotClinics.join(', '), minimum: initial.minAppVersion ?? '' });
  const { errors, general, busy, send } = useSubmit();

  const save = () =>
    send(async () => {
      setSaved(false);
      const pilotClinics = form.pilots.split(/[\s,，、]+/).filter(Boolean);
      await api['fleet.setUpdatePolicy']({ feedUrl: form.feedUrl.trim() || null, pilotClinics });
      await api['fleet.setMinimumVersion']({ minAppVersion: form.minimum.trim() || null });
      setSaved(true);
    });
  const pilotError = Object.entries(errors).find(([k]) => k.startsWith('pilotClinics'))?.[1];

  return (
    <Panel title={t.policyTitle}>
      <p className="mb-3 text-sm text-slate-600">{t.policyIntro}</p>
      <form
        className="grid grid-cols-[2fr_1fr_10rem_auto] items-start gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Field label={t.feedUrl} hint={t.feedUrlHint} error={errors.feedUrl}>
          {(id) => <TextInput id={id} value={form.feedUrl} invalid={!!errors.feedUrl} placeholder="https://" onChange={(e) => setForm({ ...form, feedUrl: e.target.value })} data-testid="feed-url" />}
        </Field>
        <Field label={t.pilotClinics} hint={t.pilotHint} error={pilotError}>
          {(id) => <TextInput id={id} value={form.pilots} invalid={!!pilotError} onChange={(e) => setForm({ ...form, pilots: e.target.value.toUpperCase() })} data-testid="pilot-clinics" />}
        </Field>
        <Field label={t.minAppVersion} hint={t.minHint} error={errors.minAppVersion}>
          {(id) => <TextInput id={id} value={form.minimum} invalid={!!errors.minAppVersion} onChange={(e) => setForm({ ...form, minimum: e.target.value })} data-testid="min-version" />}
        </Field>
        <Button type="submit" disabled={busy} className="mt-6 whitespace-nowrap">
          {t.savePolicy}
        </Button>
      </form>
      {general && <Banner tone="error">{general}</Banner>}
      {saved && <Banner tone="success">{t.policySaved}</Banner>}
    </Panel>
  );
}
