import { describe, expect, it } from 'vitest';
import {
  decisionDiffers,
  decisionProblems,
  kindRoles,
  kindsFor,
  occurrenceOf,
  passCorrectionRoles,
  roleNamesOf,
  defaultPenaltySettings,
  earlierFailures,
  imageKind,
  ladderFor,
  monthsBefore,
  monthVisitStatus,
  monthCounts,
  weekCounts,
  needsReason,
  nextTemplateVersion,
  passRates,
  proposePenalty,
  repeatOffenders,
  starCandidates,
  tally,
  templateProblem,
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
    // Keyed by rule (inspection.templateNoItems / itemIdRepeats) with its facts: the screen reads Chinese.
    expect(templateProblem([])).toEqual({ field: 'items', rule: 'templateNoItems', params: {}, message: 'a checklist needs at least one item' });
    expect(templateProblem([{ id: 'a', label: 'x' }, { id: 'b', label: 'y' }, { id: 'a', label: 'z' }])).toEqual({ field: 'items.2.id', rule: 'itemIdRepeats', params: { id: 'a' }, message: 'item id a repeats' });
    expect(templateProblem([{ id: 'a', label: 'x' }])).toBeNull();
  });
  it('the shipped defaults carry every item of DOMAIN.md §3, with unique ids, and pick by sex', () => {
    for (const t of defaultTemplates) expect(templateProblem(t.items)).toBeNull();
    const grooming = defaultTemplates.find((t) => t.key === 'grooming')!;
    expect(itemsFor(grooming.items, 'F')).toHaveLength(13);
    expect(itemsFor(grooming.items, 'M')).toHaveLength(8);
    expect(itemsFor(grooming.items, 'F').some((i) => i.label.includes('耳饰长度不超过嘴角'))).toBe(true);
    expect(itemsFor(grooming.items, 'M').some((i) => i.label.includes('每天刮胡子'))).toBe(true);
    const strict = defaultTemplates.find((t) => t.key === 'grooming-strict')!;
    expect(itemsFor(strict.items, 'M').map((i) => i.label)).toContain('不戴项链、耳环、戒指等饰物');
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

describe('who may run and sign each kind (seed 001 五、检查管理制度; DOMAIN.md §3)', () => {
  it('“班前检查: the department head checks each guide before the shift” — 导医组长 and 客服主任', () => {
    expect(kindRoles.preShift).toEqual(['guideLead', 'csDirector']);
  });
  it('“各院服务自查…组成:行政院长带队或指定人员” — the dean, or a 检查员 (自查小组成员)', () => {
    expect(kindRoles.weekly).toEqual(['dean', 'inspector']);
  });
  it('“服务质量检查小组…组成：客服总监、京内各机构客服主任”', () => {
    expect(kindRoles.headOffice).toEqual(['hoCsDirector', 'csDirector']);
  });
  it('“集团公司行政查房…组成：总经理、客服总监、医务部总监、总经理办公室主任” — 客服总监 and 总经办', () => {
    expect(kindRoles.rounds).toEqual(['hoCsDirector', 'gmOffice', 'gm']);
  });
  it('a guide runs none; each role is offered only its kinds', () => {
    expect(kindsFor('guide')).toEqual([]);
    expect(kindsFor('consultant')).toEqual([]);
    expect(kindsFor('dean')).toEqual(['weekly']);
    expect(kindsFor('csDirector')).toEqual(['preShift', 'headOffice']);
    expect(kindsFor('hoCsDirector')).toEqual(['headOffice', 'rounds']);
    expect(roleNamesOf(kindRoles.weekly)).toBe('行政院长、检查员');
  });
  it('turning a fail into a pass takes a lead (导医组长, 客服主任, 行政院长, 客服总监), not a guide or a 检查员', () => {
    expect(passCorrectionRoles).toEqual(['guideLead', 'csDirector', 'dean', 'hoCsDirector']);
    expect(passCorrectionRoles).not.toContain('inspector');
    expect(passCorrectionRoles).not.toContain('guide');
  });
});

describe('counting a repeat as seed 001 words it', () => {
  const at = (day: string, itemId: string, tail = day.slice(-2)): Finding => ({ inspectionId: `inspection:BJ:2026-11-${day}:${tail}`, date: `2026-11-${day}`, kind: 'weekly', staffId: 's1', itemId });
  const byDefault = defaultPenaltySettings;
  const sameItem: PenaltySettings = { ...defaultPenaltySettings, repeatCounting: 'sameItem' };
  it('“各机构自查中发现的初次违反仪容仪表、行为举止规范…做口头及书面警告处罚” — nothing earlier: the 1st step', () => {
    expect(occurrenceOf([], at('10', 'f-nails'), byDefault)).toBe(1);
    expect(occurrenceOf([], at('10', 'f-nails'), sameItem)).toBe(1);
  });
  it('“对于再次违反仪容仪表、行为举止规范…当场做 50 元或 100 元的现金处罚” — by default any earlier violation makes the 2nd step', () => {
    expect(occurrenceOf([at('03', 'f-makeup')], at('10', 'f-nails'), byDefault)).toBe(2);
    expect(occurrenceOf([at('03', 'f-makeup'), at('05', 'f-hair-clean')], at('10', 'f-nails'), byDefault)).toBe(2);
    // The other reading, a clinic setting: only the same item counts.
    expect(occurrenceOf([at('03', 'f-makeup')], at('10', 'f-nails'), sameItem)).toBe(1);
    expect(occurrenceOf([at('03', 'f-nails')], at('10', 'f-nails'), sameItem)).toBe(2);
  });
  it('“对于同一名员工第三次出现同一个问题的,处罚金 200 元,并留岗查看” — the 3rd step needs the same item twice before, in either reading', () => {
    expect(occurrenceOf([at('03', 'f-nails'), at('05', 'f-nails')], at('10', 'f-nails'), byDefault)).toBe(3);
    expect(occurrenceOf([at('03', 'f-nails'), at('05', 'f-makeup')], at('10', 'f-nails'), byDefault)).toBe(2);
    expect(occurrenceOf([at('03', 'f-nails'), at('05', 'f-nails')], at('10', 'f-nails'), sameItem)).toBe(3);
  });
  it('several failures found by one inspection are one occasion: “再次” is another inspection', () => {
    const oneVisit = [at('03', 'f-nails', 'a'), at('03', 'f-makeup', 'a')];
    expect(occurrenceOf(oneVisit, at('03', 'f-hair-clean', 'a'), byDefault)).toBe(1); // the same inspection is not earlier
    expect(occurrenceOf(oneVisit, at('10', 'f-hair-clean'), byDefault)).toBe(2);
  });
  it('“行政查房和服务质量监督小组抽查过程中…初次…全院通报批评;再次违反的…100—1000 元;同一名员工第三次出现同一个问题的,直接开除” — the same counting on head office’s ladder', () => {
    const ho = (f: Finding): Finding => ({ ...f, kind: 'headOffice' });
    expect(occurrenceOf([ho(at('03', 'f-makeup'))], ho(at('10', 'f-nails')), byDefault)).toBe(2);
    expect(occurrenceOf([at('03', 'f-makeup')], ho(at('10', 'f-nails')), byDefault)).toBe(1); // the clinic's own finding is another ladder
    expect(occurrenceOf([ho(at('03', 'f-nails')), ho(at('05', 'f-nails'))], ho(at('10', 'f-nails')), byDefault)).toBe(3);
  });
});

describe('the 2nd self-inspection fine', () => {
  const second = proposePenalty('self', 2, defaultPenaltySettings);
  const decision = (amount: number) => ({ measure: 'fine' as const, amount, supervisorAmount: amount, deptHeadAmount: amount });
  it('“视情节轻重,当场做 50 元或 100 元的现金处罚” — ¥50 or ¥100, never ¥75, whatever the reason', () => {
    expect(second.amounts).toEqual([50, 100]);
    expect(decisionProblems(second, decision(50))).toEqual({});
    expect(decisionProblems(second, decision(100))).toEqual({});
    expect(decisionProblems(second, decision(75))).toEqual({ amount: 'the fine is ¥50 or ¥100' });
    expect(decisionProblems(second, decision(150))).toEqual({ amount: 'the fine is ¥50 or ¥100' });
    // Another measure (with a reason) is not bound by the step's amounts.
    expect(decisionProblems(second, { ...decision(0), measure: 'warning' })).toEqual({});
  });
  it('“逐级进行 100—1000 元的处罚” — head office’s 2nd step is a range', () => {
    const ho = proposePenalty('headOffice', 2, defaultPenaltySettings);
    expect(ho.amounts).toBeUndefined();
    expect(decisionProblems(ho, { measure: 'fine', amount: 350, supervisorAmount: 0, deptHeadAmount: 0 })).toEqual({});
  });
});

describe('every default checklist item in its seed’s words', () => {
  const items = (key: string) => defaultTemplates.find((t) => t.key === key)!.items;
  const label = (key: string, id: string) => items(key).find((i) => i.id === id)?.label;
  it('seed 001 女员工：“工装要保持整洁，胸卡佩戴在工服左侧前口袋开口的位置…不可染“深色”指甲油及留过长的指甲；不可佩戴过多首饰，耳饰长度不可超过嘴角”', () => {
    expect(itemsFor(items('grooming'), 'F').map((i) => i.label)).toEqual([
      '工装整洁',
      '胸卡佩戴在工服左侧前口袋开口位置、标识上方',
      '工鞋颜色统一',
      '夏季肉色丝袜、冬季白色棉袜',
      '不穿露趾鞋或便凉鞋',
      '淡妆（粉底和口红），不浓妆艳抹',
      '头发清洁，无头屑无异味',
      '刘海不遮眼',
      '过肩长发盘于脑后并佩戴统一头饰',
      '短发梳理整齐不过肩',
      '不染怪异颜色',
      '不涂深色指甲油、不留长指甲',
      '首饰不过多，耳饰长度不超过嘴角',
    ]);
  });
  it('seed 001 男员工：“系好鞋带，鞋面洁净亮泽，无尘土和污物，不宜钉铁掌，过厚，怪异。袜子干净无异味，不露出腿毛”', () => {
    expect(label('grooming', 'm-shoes')).toBe('系好鞋带，鞋面洁净亮泽，不钉铁掌、不过厚、不怪异');
    expect(label('grooming', 'm-socks')).toBe('袜子干净无异味，不露腿毛');
    expect(itemsFor(items('grooming'), 'M')).toHaveLength(8);
  });
  it('seed 003: “不行佩带项链、耳环、戒指等饰物,不行留长指甲,只可涂抹透亮的指甲油” — 不可留长指甲 is kept', () => {
    expect(label('grooming-strict', 's-no-jewellery')).toBe('不戴项链、耳环、戒指等饰物');
    expect(label('grooming-strict', 's-no-long-nails')).toBe('不留长指甲');
    expect(label('grooming-strict', 's-clear-polish')).toBe('只可涂透明指甲油');
  });
  it('seed 003: “长筒袜袜色要接近肤色,不得有破洞” — not seed 001’s 肉色丝袜/白色棉袜', () => {
    expect(label('grooming-strict', 's-stockings')).toBe('长筒袜袜色接近肤色，不得有破洞');
    expect(label('grooming-strict', 'f-hosiery')).toBeUndefined();
  });
  it('seed 003: “佩带胸牌、丝巾、头花、工作鞋，所佩戴物品不得歪歪扭扭”; “工作服不许穿出院外，不许穿工作服进食堂”; “纽扣要扣好，不得卷衣袖”; “衣兜不得装手机等物品，显得鼓起”', () => {
    expect(label('grooming-strict', 's-straight')).toBe('胸牌、丝巾、头花、工作鞋佩戴端正');
    expect(label('grooming-strict', 's-uniform-inside')).toBe('不穿工作服出院外或进食堂');
    expect(label('grooming-strict', 's-buttons')).toBe('纽扣扣好，不卷衣袖');
    expect(label('grooming-strict', 's-pockets')).toBe('衣兜不装手机等物品而显得鼓起');
    // Seed 001's own nails, jewellery and hosiery items give way to seed 003's words.
    expect(items('grooming-strict').map((i) => i.id)).not.toEqual(expect.arrayContaining(['f-nails']));
    expect(items('grooming-strict').some((i) => i.id === 'f-jewellery')).toBe(false);
  });
  it('seed 001 日常行为规范: “咨询时与顾客保持一步半的距离为宜”; “在服务过程中绝不可喝水、吃东西”; seed 003: “工作时间,不得接听手机、发短信、看杂志”', () => {
    expect(label('behaviour', 'b-distance')).toBe('与顾客保持一步半的距离');
    expect(label('behaviour', 'b-no-eating')).toBe('服务过程中不喝水、不吃东西');
    expect(label('behaviour', 'b-no-phone')).toBe('工作时间不接听手机、不发短信、不看杂志');
    expect(items('behaviour')).toHaveLength(6);
  });
});

describe('compliance counted from the clinic’s first use (issue 19)', () => {
  // 制度 001：每周自查 — a clinic set up on Wednesday 2026-11-25 does not owe the weeks before it used the app.
  const since = '2026-11-25';
  const today = '2026-12-14';
  it('an unsigned week counts once its Friday has passed, and only if it began on or after first use', () => {
    expect(weekCounts({ from: '2026-11-16' }, false, today, since)).toBe(false); // before first use
    expect(weekCounts({ from: '2026-11-23' }, false, today, since)).toBe(false); // the week it was set up in
    expect(weekCounts({ from: '2026-11-30' }, false, today, since)).toBe(true);
    expect(weekCounts({ from: '2026-12-07' }, false, today, since)).toBe(true); // Friday 12-11 has passed
    expect(weekCounts({ from: '2026-12-14' }, false, today, since)).toBe(false); // its Friday is still to come
  });
  it('a signed week always counts, even the one it was set up in', () => {
    expect(weekCounts({ from: '2026-11-23' }, true, today, since)).toBe(true);
  });
  it('a month’s head-office visit counts once the month is over, from the first month begun after first use', () => {
    expect(monthCounts('2026-11', '2026-11-30', false, today, since)).toBe(false);
    expect(monthCounts('2026-11', '2026-11-30', true, today, since)).toBe(true);
    expect(monthCounts('2026-12', '2026-12-31', false, '2027-01-02', since)).toBe(true);
    expect(monthCounts('2026-12', '2026-12-31', false, today, since)).toBe(false);
  });
});
