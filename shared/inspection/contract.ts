/** Grooming and behaviour inspections (仪容仪表检查), templates and the penalty ladder. */
export const inspectionContract = {} as const;
