import type { InspectionKind, Measure } from './rules';

/** The inspection words in Chinese that both the screens (zh-CN) and the .xlsx files print. */
export const kindNamesZh = {
  preShift: '班前检查',
  weekly: '每周自查',
  headOffice: '服务质量检查小组',
  rounds: '集团行政查房',
} satisfies Record<InspectionKind, string>;

export const measureNamesZh = {
  none: '不处罚',
  warning: '口头及书面警告（通知直接上级与部门负责人）',
  fine: '罚款',
  fineProbation: '罚款并留岗查看',
  criticism: '全院通报批评',
  dismissal: '辞退',
  flatFine: '按本院规定罚款',
} satisfies Record<Measure, string>;
