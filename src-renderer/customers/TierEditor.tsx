import { useState } from 'react';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useText } from '../i18n/i18n';
import type { CustomerHit } from '../../shared/desk/schemas';
import { Banner, Button, Field, Select, TextInput } from '../ui/ui';
import { useSubmit } from '../ui/useSubmit';
import { apptText } from '../desk/appointmentText';
import { DateField } from '../ui/DateField';

/** 会员分级: a desk lead or manager sets the tier and the VIP care (host at the door, drinks, snacks). */
export function TierEditor({ customer, onSaved }: { customer: CustomerHit; onSaved(hit: CustomerHit): void }) {
  const t = useText(apptText);
  const staff = useQuery('staff.list', {});
  const [tier, setTier] = useState<string>(customer.tier ?? '');
  const [vip, setVip] = useState({ hostId: customer.vip?.hostId ?? '', drinks: customer.vip?.drinks ?? '', snacks: customer.vip?.snacks ?? '', note: customer.vip?.note ?? '' });
  /** 入会日期: empty keeps the stored one (or today for a new member), as customer.setTier does. */
  const [since, setSince] = useState(customer.memberSince ?? '');
  const [saved, setSaved] = useState(false);
  const { errors, general, busy, send } = useSubmit();

  const save = () =>
    send(async () => {
      setSaved(false);
      const r = await api['customer.setTier']({
        customerId: customer.id,
        tier: tier ? (tier as 'A' | 'B' | 'C' | 'D') : null,
        vip: tier === 'A' || tier === 'B' ? { ...vip, hostId: vip.hostId || null } : null,
        ...(tier && since ? { memberSince: since } : {}),
      });
      setSaved(true);
      setSince(r.memberSince ?? '');
      onSaved({ ...customer, tier: r.tier, vip: r.vip, memberSince: r.memberSince });
    });

  return (
    <details className="mt-2 rounded-lg bg-amber-50/50 px-4 py-2 ring-1 ring-amber-200" data-testid="tier-editor">
      <summary className="cursor-pointer font-medium text-amber-950">{t.memberTitle}</summary>
      <div className="mt-2 grid grid-cols-4 gap-3">
        {saved && <div className="col-span-4"><Banner tone="success">{t.tierSaved}</Banner></div>}
        {general && <div className="col-span-4"><Banner tone="error">{general}</Banner></div>}
        <Field label={t.memberTier} hint={t.tierGuide} className="col-span-2">
          {(id, db) => (
            <Select id={id} aria-describedby={db} value={tier} onChange={(e) => setTier(e.target.value)}>
              <option value="">{t.noTier}</option>
              {(['A', 'B', 'C', 'D'] as const).map((k) => (
                <option key={k} value={k}>
                  {t.tierNames[k]}
                </option>
              ))}
            </Select>
          )}
        </Field>
        {tier && (
          <Field label={t.memberSince} hint={t.memberSinceHint} error={errors.memberSince} className="col-span-2">
            {(id, db) => <DateField id={id} aria-describedby={db} invalid={!!errors.memberSince} value={since} onChange={(e) => setSince(e.target.value)} />}
          </Field>
        )}
        {(tier === 'A' || tier === 'B') && (
          <>
            <Field label={t.host} error={errors['vip.hostId']} className="col-span-2">
              {(id, db) => (
                <Select id={id} aria-describedby={db} invalid={!!errors['vip.hostId']} value={vip.hostId} onChange={(e) => setVip({ ...vip, hostId: e.target.value })}>
                  <option value="">{t.noHost}</option>
                  {(staff.data ?? []).filter((s) => s.active).map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field label={t.drinks} error={errors['vip.drinks']}>{(id, db) => <TextInput id={id} aria-describedby={db} value={vip.drinks} onChange={(e) => setVip({ ...vip, drinks: e.target.value })} />}</Field>
            <Field label={t.snacks} error={errors['vip.snacks']}>{(id, db) => <TextInput id={id} aria-describedby={db} value={vip.snacks} onChange={(e) => setVip({ ...vip, snacks: e.target.value })} />}</Field>
            <Field label={t.vipNote} error={errors['vip.note']} className="col-span-2">{(id, db) => <TextInput id={id} aria-describedby={db} value={vip.note} onChange={(e) => setVip({ ...vip, note: e.target.value })} />}</Field>
          </>
        )}
        <div className="col-span-4">
          {/* Not disabled while saving: a disabled button drops the focus, and the guide's next Ctrl+Enter with it. */}
          <Button variant="secondary" aria-busy={busy} onClick={() => !busy && void save()}>
            {t.saveTier}
          </Button>
        </div>
      </div>
    </details>
  );
}
