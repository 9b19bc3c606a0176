/** Who may be given a copy to handle: the organisation's specialists first, then its leaders. */
export const HANDLER_ROLES = ['specialist', 'leader'] as const;
