/**
 * The checklists DOMAIN.md §3 ships as defaults, each item in its seed's words (seed 001 二、服务基础要求
 * for the grooming and behaviour lists, seed 003's 仪容仪表/衣着 for the stricter clinic; the
 * unit test quotes each one) (仪容仪表 for women and men, one clinic's stricter
 * variant, 日常行为规范). A clinic copies and edits them; each edit is a new version
 * (shared/inspection/rules.ts `nextTemplateVersion`). Item ids are stable keys: the penalty ladder
 * counts "the same problem" by item id across versions, so an edited label keeps its history.
 */
export type ItemSex = 'F' | 'M' | null;

export interface TemplateItem {
  id: string;
  label: string;
  /** Only for staff of this sex (grooming); null = everybody. */
  sex: ItemSex;
}

export interface TemplateDefault {
  key: string;
  name: string;
  items: TemplateItem[];
}

const female: TemplateItem[] = [
  ['f-uniform', '工装整洁'],
  ['f-badge', '胸卡佩戴在工服左侧前口袋开口位置、标识上方'],
  ['f-shoes', '工鞋颜色统一'],
  ['f-hosiery', '夏季肉色丝袜、冬季白色棉袜'],
  ['f-open-shoes', '不穿露趾鞋或便凉鞋'],
  ['f-makeup', '淡妆（粉底和口红），不浓妆艳抹'],
  ['f-hair-clean', '头发清洁，无头屑无异味'],
  ['f-fringe', '刘海不遮眼'],
  ['f-long-hair', '过肩长发盘于脑后并佩戴统一头饰'],
  ['f-short-hair', '短发梳理整齐不过肩'],
  ['f-hair-colour', '不染怪异颜色'],
  ['f-nails', '不涂深色指甲油、不留长指甲'],
  ['f-jewellery', '首饰不过多，耳饰长度不超过嘴角'],
].map(([id, label]) => ({ id: id!, label: label!, sex: 'F' as const }));

const male: TemplateItem[] = [
  ['m-uniform', '工装整洁，胸卡佩戴在左胸前标识上方'],
  ['m-shirt', '衬衫勤换，袖口领口无污垢'],
  ['m-tie', '衬衫与领带协调'],
  ['m-open-shoes', '不穿露趾鞋或便凉鞋'],
  ['m-shave', '每天刮胡子，面部清洁'],
  ['m-hair', '头发清洁、不过长、不染怪异颜色'],
  ['m-shoes', '系好鞋带，鞋面洁净亮泽，不钉铁掌、不过厚、不怪异'],
  ['m-socks', '袜子干净无异味，不露腿毛'],
].map(([id, label]) => ({ id: id!, label: label!, sex: 'M' as const }));

// Seed 003 (一、仪表 3-4; 二、衣着 1-4), for everybody.
const stricter: TemplateItem[] = [
  ['s-no-jewellery', '不戴项链、耳环、戒指等饰物'],
  ['s-no-long-nails', '不留长指甲'],
  ['s-clear-polish', '只可涂透明指甲油'],
  ['s-stockings', '长筒袜袜色接近肤色，不得有破洞'],
  ['s-straight', '胸牌、丝巾、头花、工作鞋佩戴端正'],
  ['s-uniform-inside', '不穿工作服出院外或进食堂'],
  ['s-buttons', '纽扣扣好，不卷衣袖'],
  ['s-pockets', '衣兜不装手机等物品而显得鼓起'],
].map(([id, label]) => ({ id: id!, label: label!, sex: null }));

const behaviour: TemplateItem[] = [
  ['b-smile', '面带微笑，主动问候'],
  ['b-stance', '站姿端正'],
  ['b-distance', '与顾客保持一步半的距离'],
  ['b-no-eating', '服务过程中不喝水、不吃东西'],
  ['b-no-phone', '工作时间不接听手机、不发短信、不看杂志'],
  ['b-no-chatting', '不与其他员工闲谈，不在顾客面前大声喧哗'],
].map(([id, label]) => ({ id: id!, label: label!, sex: null }));

export const defaultTemplates: TemplateDefault[] = [
  { key: 'grooming', name: '仪容仪表（女员工/男员工）', items: [...female, ...male] },
  // The stricter clinic's rules apply to everybody on top of the sex-specific grooming items; they
  // replace the women's nails, jewellery and hosiery items, which seed 003 words otherwise.
  { key: 'grooming-strict', name: '仪容仪表·严格版', items: [...female.filter((i) => !['f-nails', 'f-jewellery', 'f-hosiery'].includes(i.id)), ...male, ...stricter] },
  { key: 'behaviour', name: '日常行为规范', items: behaviour },
];

/** The items that apply to one staff member: everybody's, plus those of their sex. */
export function itemsFor<T extends { sex: ItemSex }>(items: T[], sex: 'F' | 'M'): T[] {
  return items.filter((i) => i.sex === null || i.sex === sex);
}
