import { customersRefusals } from '../../shared/customers/refusals';

/** The two refusals every customer operation may give, by the field that named the customer. */
export const noSuchCustomer = (field: string) => customersRefusals.refuse('not_found', field, 'noSuchCustomer', {}, `${field}: no such customer`);
export const mergedAway = (field: string, into: string) => customersRefusals.refuse('conflict', field, 'merged', { into }, `${field}: this record was merged into ${into}`);
