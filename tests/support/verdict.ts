import { clinicValidation } from '../../src-main/sync/couch/validation';

type Vdu = (newDoc: object, oldDoc: object | null, userCtx: { name: string | null; roles: string[] }, secObj: object) => void;
const bjValidation = new Function(`return (${clinicValidation('BJ')});`)() as Vdu;

/**
 * Head office's verdict on a document a BJ desk pushes, from the same `validate_doc_update` source
 * couchSetup installs: null when accepted, else the reason.
 */
export function headOfficeVerdict(doc: object, oldDoc: object | null = null): string | null {
  try {
    bjValidation(doc, oldDoc, { name: 'desk_bj', roles: ['clinic_BJ'] }, { admins: { names: [], roles: [] }, members: { names: [], roles: ['clinic_BJ', 'headoffice'] } });
    return null;
  } catch (err) {
    return (err as { forbidden: string }).forbidden;
  }
}
