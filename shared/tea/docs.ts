import { byDay, defineDoc, perClinic, prefixRange } from '../doc';
import { teaEventDoc, teaPartyDoc, teaSettingsDoc, teaTemplateDoc } from './schemas';

export const teaEventDocs = defineDoc({ type: 'tea-event', version: 1, schema: teaEventDoc, ...byDay('tea-event') });
export const teaPartyDocs = defineDoc({ type: 'tea-party', version: 1, schema: teaPartyDoc, ...byDay('tea-party') });
/** A checklist version, written once: `tea-template:<CODE>:v<n>` (v0 is the built-in one, never stored). */
export const teaTemplateDocs = defineDoc({
  type: 'tea-template',
  version: 1,
  schema: teaTemplateDoc,
  id: (clinic: string, version: number) => `tea-template:${clinic}:v${version}`,
  range: (clinic: string) => prefixRange(`tea-template:${clinic}:v`),
});
export const teaSettingsDocs = defineDoc({ type: 'tea-settings', version: 1, schema: teaSettingsDoc, ...perClinic('tea-settings') });

export const teaDocs = [teaEventDocs, teaPartyDocs, teaTemplateDocs, teaSettingsDocs] as const;
