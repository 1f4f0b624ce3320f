import { describe, expect, it } from 'vitest';
import { inspectionTemplateSaveInput, itemsForTarget, teaTemplateSaveInput } from '../../shared/headoffice/templates';

describe('itemsForTarget: which ids a roll-out carries into another clinic', () => {
  const shared = new Set(['fill-80', 'saucer']);
  let n = 0;
  const fresh = () => `ho-new${++n}`;
  const fromTexts = new Map([
    ['fill-80', '茶水八分满'],
    ['item-14', '北京：递上热毛巾'],
    ['item-15', '北京：续杯'],
  ]);

  it('keeps the defaults’ and head office’s ids whatever the target had', () => {
    const items = [
      { id: 'fill-80', text: '茶水八分满，不溢出' },
      { id: 'ho-abc', text: '总部项' },
    ];
    expect(itemsForTarget(items, shared, fromTexts, new Map([['fill-80', '别的'], ['ho-abc', '旧总部项']]), fresh)).toEqual(items);
  });

  it('keeps a clinic’s own id where the target never had it, or had it with the same text (an earlier roll-out)', () => {
    const items = [
      { id: 'item-14', text: '北京：递上热毛巾（改）' },
      { id: 'item-15', text: '北京：续杯' },
    ];
    expect(itemsForTarget(items, shared, fromTexts, new Map([['item-14', '北京：递上热毛巾']]), fresh)).toEqual(items);
  });

  it('gives a fresh id where the target’s own item of that id says something else', () => {
    n = 0;
    const out = itemsForTarget([{ id: 'item-14', text: '北京：递上热毛巾' }, { id: 'item-15', text: '北京：续杯' }], shared, fromTexts, new Map([['item-14', '上海：询问是否过敏']]), fresh);
    expect(out).toEqual([
      { id: 'ho-new1', text: '北京：递上热毛巾' },
      { id: 'item-15', text: '北京：续杯' },
    ]);
  });
});

describe('roll-out inputs', () => {
  const tea = { from: 'BJ', baseVersion: 0, targets: ['BJ', 'SH'], items: [{ id: null, text: '茶' }] };
  const field = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => r.error?.issues[0]?.path.join('.');
  it('names the target that is head office, or listed twice', () => {
    expect(teaTemplateSaveInput.safeParse(tea).success).toBe(true);
    expect(field(teaTemplateSaveInput.safeParse({ ...tea, targets: ['SH', 'HO'] }))).toBe('targets.1');
    expect(field(teaTemplateSaveInput.safeParse({ ...tea, targets: ['SH', 'BJ', 'SH'] }))).toBe('targets.2');
    expect(field(teaTemplateSaveInput.safeParse({ ...tea, targets: [] }))).toBe('targets');
  });
  it('takes inspection items with a sex or none', () => {
    const insp = { from: 'BJ', key: 'grooming', name: '仪容', baseVersion: 0, targets: ['SH'], items: [{ id: 'a', label: '甲', sex: 'M' }, { id: 'b', label: '乙', sex: null }] };
    expect(inspectionTemplateSaveInput.safeParse(insp).success).toBe(true);
    expect(field(inspectionTemplateSaveInput.safeParse({ ...insp, items: [{ id: 'a', label: '甲', sex: 'both' }] }))).toBe('items.0.sex');
  });
});
