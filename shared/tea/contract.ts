/** Tea service (奉茶): tasks, the checklist, refills, daily figures. */
export const teaContract = {} as const;
