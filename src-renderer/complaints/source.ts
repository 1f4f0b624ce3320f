import { createContext, useContext } from 'react';

/**
 * Where the case view reads a case and records a step: the clinic's own store (`complaint.get`,
 * `complaint.step`), or head office, which reads its consolidated copy and writes into the case's
 * clinic online (`headoffice.complaintGet`, `headoffice.complaintStep`).
 */
export type CaseSource = 'clinic' | 'headOffice';
export const CaseSourceContext = createContext<CaseSource>('clinic');
export const useCaseSource = () => useContext(CaseSourceContext);
