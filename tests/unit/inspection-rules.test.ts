import { describe, expect, it } from 'vitest';
import {
  decisionDiffers,
  defaultPenaltySettings,
  earlierFailures,
  imageKind,
  ladderFor,
  monthsBefore,
  monthVisitStatus,
  needsReason,
  nextTemplateVersion,
  passRates,
  proposePenalty,
  repeatOffenders,
  starCandidates,
  tally,
  templateProblems,
  weekOf,
  weekStatus,
  yearRoundsStatus,
  type Finding,
  type PenaltySettings,
} from '../../shared/inspection/rules';
import { defaultTemplates, itemsFor } from '../../shared/inspection/templates';

const flat: PenaltySettings = { penaltyWindowMonths: 12, flatAmount: 10, flatKinds: ['preShift'] };

describe('which ladder a finding climbs', () => {
  it('the clinic’s own checks climb the self-inspection ladder, head office’s the head-office one', () => {
    expect(ladderFor('preShift', defaultPenaltySettings)).toBe('self');
    expect(ladderFor('weekly', defaultPenaltySettings)).toBe('self');
    expect(ladderFor('headOffice', defaultPenaltySettings)).toBe('headOffice');
    expect(ladderFor('rounds', defaultPenaltySettings)).toBe('headOffice');
  });
  it('a clinic’s flat rule replaces the ladder only for the kinds it names', () => {
    expect(ladderFor('preShift', flat)).toBe('flat');
    expect(ladderFor('weekly', flat)).toBe('self');
    expect(ladderFor('headOffice', { ...flat, flatKinds: ['headOffice'] })).toBe('flat');
    expect(ladderFor('preShift', { ...flat, flatAmount: null })).toBe('self');
  });
});

describe('the penalty ladders (DOMAIN.md §3)', () => {
  it('self-inspection: warning with superiors informed, then ¥50-100 for all three, then ¥200 + 留岗查看 for all three', () => {
    expect(proposePenalty('self', 1, defaultPenaltySettings)).toMatchObject({ measure: 'warning', amount: 0, supervisorAmount: 0, deptHeadAmount: 0, informSuperiors: true });
    expect(proposePenalty('self', 2, defaultPenaltySettings)).toMatchObject({ measure: 'fine', amount: 50, amountMax: 100, supervisorAmount: 50, deptHeadAmount: 50 });
    expect(proposePenalty('self', 3, defaultPenaltySettings)).toMatchObject({ measure: 'fineProbation', amount: 200, supervisorAmount: 200, deptHeadAmount: 200 });
    expect(proposePenalty('self', 7, defaultPenaltySettings)).toMatchObject({ measure: 'fineProbation', occurrence: 7 });
  });
  it('head office: clinic-wide criticism, then ¥100-1,000 by degree, then dismissal; superiors not fined', () => {
    expect(proposePenalty('headOffice', 1, defaultPenaltySettings)).toMatchObject({ measure: 'criticism', amount: 0, supervisorAmount: 0 });
    expect(proposePenalty('headOffice', 2, defaultPenaltySettings)).toMatchObject({ measure: 'fine', amount: 100, amountMax: 1000, supervisorAmount: 0, deptHeadAmount: 0 });
    expect(proposePenalty('headOffice', 3, defaultPenaltySettings)).toMatchObject({ measure: 'dismissal' });
  });
  it('flat rule: the clinic’s amount every time, whatever came before', () => {
    for (const n of [1, 2, 5]) expect(proposePenalty('flat', n, flat)).toMatchObject({ measure: 'flatFine', amount: 10, supervisorAmount: 0 });
  });
  it('an occurrence below 1 or fractional counts as the first / whole', () => {
    expect(proposePenalty('self', 0, defaultPenaltySettings).occurrence).toBe(1);
    expect(proposePenalty('self', 2.7, defaultPenaltySettings).measure).toBe('fine');
  });
});

describe('the look-back window', () => {
  it('subtracts months, clamping to the month’s last day', () => {
    expect(monthsBefore('2026-11-27', 12)).toBe('2025-11-27');
    expect(monthsBefore('2026-03-31', 1)).toBe('2026-02-28');
    expect(monthsBefore('2024-03-31', 1)).toBe('2024-02-29');
    expect(monthsBefore('2026-01-15', 1)).toBe('2025-12-15');
    expect(monthsBefore('2026-01-15', 25)).toBe('2023-12-15');
  });

  const now: Finding = { inspectionId: 'inspection:BJ:2026-11-27:m', date: '2026-11-27', kind: 'weekly', staffId: 's1', itemId: 'f-nails' };
  const f = (over: Partial<Finding>): Finding => ({ ...now, inspectionId: 'inspection:BJ:x:a', date: '2026-10-01', ...over });
  it('counts the same person’s same item on the same ladder, before now, after the window’s start', () => {
    const all = [
      f({}),
      f({ date: '2025-11-28' }), // inside (one day after the start)
      f({ date: '2025-11-27' }), // exactly 12 months back: outside
      f({ staffId: 's2' }),
      f({ itemId: 'f-makeup' }),
      f({ kind: 'headOffice' }), // other ladder
      f({ kind: 'preShift', date: '2026-11-01' }), // same ladder as weekly
      f({ date: '2026-11-28' }), // later
      f({ date: '2026-11-27', inspectionId: 'inspection:BJ:2026-11-27:a' }), // same day, earlier inspection
      f({ date: '2026-11-27', inspectionId: 'inspection:BJ:2026-11-27:z' }), // same day, later inspection
      now, // itself
    ];
    expect(earlierFailures(all, now, 12).map((x) => `${x.date}/${x.kind}/${x.inspectionId.slice(-1)}`)).toEqual(['2026-10-01/weekly/a', '2025-11-28/weekly/a', '2026-11-01/preShift/a', '2026-11-27/weekly/a']);
    expect(earlierFailures(all, now, 1)).toHaveLength(2);
  });
  it('head office findings count only head office’s earlier findings', () => {
    const ho: Finding = { ...now, kind: 'rounds' };
    expect(earlierFailures([f({}), f({ kind: 'headOffice' })], ho, 12)).toHaveLength(1);
  });
});

describe('deciding against the proposal', () => {
  const second = proposePenalty('self', 2, defaultPenaltySettings);
  it('the proposal itself or ¥100 for all three needs no reason; anything else does', () => {
    const as = { measure: second.measure, amount: 50, supervisorAmount: 50, deptHeadAmount: 50 };
    expect(decisionDiffers(second, as)).toBe(false);
    expect(needsReason(second, as)).toBe(false);
    expect(needsReason(second, { ...as, amount: 100, supervisorAmount: 100, deptHeadAmount: 100 })).toBe(false);
    expect(needsReason(second, { ...as, amount: 100 })).toBe(true);
    expect(needsReason(second, { ...as, amount: 150, supervisorAmount: 150, deptHeadAmount: 150 })).toBe(true);
    expect(needsReason(second, { ...as, measure: 'warning', amount: 0, supervisorAmount: 0, deptHeadAmount: 0 })).toBe(true);
  });
  it('head office ¥100-1,000 is by degree: any amount in the range, superiors untouched', () => {
    const ho = proposePenalty('headOffice', 2, defaultPenaltySettings);
    expect(needsReason(ho, { measure: 'fine', amount: 600, supervisorAmount: 0, deptHeadAmount: 0 })).toBe(false);
    expect(needsReason(ho, { measure: 'fine', amount: 1200, supervisorAmount: 0, deptHeadAmount: 0 })).toBe(true);
    expect(needsReason(ho, { measure: 'fine', amount: 600, supervisorAmount: 100, deptHeadAmount: 0 })).toBe(true);
  });
});

describe('checklist templates', () => {
  it('versions: the first edit of a default is 1, then one above the highest', () => {
    expect(nextTemplateVersion([])).toBe(1);
    expect(nextTemplateVersion([0])).toBe(1);
    expect(nextTemplateVersion([1, 3, 2])).toBe(4);
  });
  it('a checklist with no items, or an item id twice, is refused', () => {
    expect(templateProblems([])).toEqual({ items: 'a checklist needs at least one item' });
    expect(templateProblems([{ id: 'a', label: 'x' }, { id: 'b', label: 'y' }, { id: 'a', label: 'z' }])).toEqual({ 'items.2.id': 'item id a repeats' });
    expect(templateProblems([{ id: 'a', label: 'x' }])).toEqual({});
  });
  it('the shipped defaults carry every item of DOMAIN.md §3, with unique ids, and pick by sex', () => {
    for (const t of defaultTemplates) expect(templateProblems(t.items)).toEqual({});
    const grooming = defaultTemplates.find((t) => t.key === 'grooming')!;
    expect(itemsFor(grooming.items, 'F')).toHaveLength(13);
    expect(itemsFor(grooming.items, 'M')).toHaveLength(8);
    expect(itemsFor(grooming.items, 'F').some((i) => i.label.includes('耳饰长度不超过嘴角'))).toBe(true);
    expect(itemsFor(grooming.items, 'M').some((i) => i.label.includes('每天刮胡子'))).toBe(true);
    const strict = defaultTemplates.find((t) => t.key === 'grooming-strict')!;
    expect(itemsFor(strict.items, 'M').map((i) => i.label)).toContain('不戴项链、耳环、戒指');
    expect(defaultTemplates.find((t) => t.key === 'behaviour')!.items.every((i) => i.sex === null)).toBe(true);
  });
});

describe('week and month status', () => {
  it('weeks run Monday to Sunday', () => {
    expect(weekOf('2026-11-27')).toEqual({ from: '2026-11-23', to: '2026-11-29' }); // a Friday
    expect(weekOf('2026-11-23')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(weekOf('2026-11-29')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(weekOf('2027-01-01')).toEqual({ from: '2026-12-28', to: '2027-01-03' });
  });
  it('the weekly self-inspection is done once signed in the week, due through Friday, overdue after', () => {
    expect(weekStatus('2026-11-27', ['2026-11-23'])).toBe('done');
    expect(weekStatus('2026-11-27', ['2026-11-22'])).toBe('due'); // last week's does not count
    expect(weekStatus('2026-11-26', [])).toBe('due');
    expect(weekStatus('2026-11-27', [])).toBe('due');
    expect(weekStatus('2026-11-28', [])).toBe('overdue');
    expect(weekStatus('2026-11-29', [])).toBe('overdue');
  });
  it('the month’s head-office visit is due until one is dated in the month', () => {
    expect(monthVisitStatus('2026-11-27', [])).toBe('due');
    expect(monthVisitStatus('2026-11-27', ['2026-10-30'])).toBe('due');
    expect(monthVisitStatus('2026-11-27', ['2026-11-02'])).toBe('done');
  });
  it('the year’s group rounds are due until one is dated in the year', () => {
    expect(yearRoundsStatus('2026-11-27', [])).toBe('due');
    expect(yearRoundsStatus('2026-11-27', ['2025-12-30'])).toBe('due');
    expect(yearRoundsStatus('2026-11-27', ['2026-01-05'])).toBe('done');
  });
});

describe('month figures', () => {
  const rows = [
    { staffId: 'a', itemId: 'x', mark: 'pass' as const },
    { staffId: 'a', itemId: 'y', mark: 'pass' as const },
    { staffId: 'b', itemId: 'x', mark: 'fail' as const },
    { staffId: 'b', itemId: 'y', mark: 'fail' as const },
    { staffId: 'c', itemId: 'x', mark: 'na' as const },
    { staffId: 'c', itemId: 'y', mark: 'pass' as const },
    { staffId: 'd', itemId: 'x', mark: 'fail' as const },
  ];
  it('pass rate per item leaves n.a. out', () => {
    const r = passRates(rows);
    expect(r.get('x')).toEqual({ pass: 1, fail: 2, rate: 1 / 3 });
    expect(r.get('y')).toEqual({ pass: 2, fail: 1, rate: 2 / 3 });
    expect(passRates([{ staffId: 'a', itemId: 'z', mark: 'na' }]).get('z')).toEqual({ pass: 0, fail: 0, rate: null });
  });
  it('repeat offenders have two or more failures; star candidates none, most passes first', () => {
    expect(repeatOffenders(rows)).toEqual([{ staffId: 'b', failures: 2 }]);
    expect(starCandidates(rows)).toEqual([
      { staffId: 'a', passed: 2 },
      { staffId: 'c', passed: 1 },
    ]);
    expect(starCandidates(rows, 1)).toHaveLength(1);
  });
  it('the running count', () => {
    expect(tally(['pass', 'fail', 'na', 'pass'])).toEqual({ pass: 2, fail: 1, na: 1, total: 4 });
  });
});

describe('photos: what the bytes are', () => {
  it('knows JPEG, PNG and WebP by their magic numbers, nothing else', () => {
    expect(imageKind(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0]))).toBe('jpeg');
    expect(imageKind(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('png');
    expect(imageKind(new Uint8Array([...Buffer.from('RIFF'), 0, 0, 0, 0, ...Buffer.from('WEBP')]))).toBe('webp');
    expect(imageKind(new Uint8Array([...Buffer.from('RIFF'), 0, 0, 0, 0, ...Buffer.from('WAVE')]))).toBeNull();
    expect(imageKind(new Uint8Array(Buffer.from('%PDF-1.7')))).toBeNull();
    expect(imageKind(new Uint8Array(Buffer.from('<svg xmlns=')))).toBeNull();
    expect(imageKind(new Uint8Array([0xff, 0xd8]))).toBeNull();
    expect(imageKind(new Uint8Array([]))).toBeNull();
  });
});
