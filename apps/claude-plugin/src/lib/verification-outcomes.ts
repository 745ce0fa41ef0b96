/** The outcomes of POST /api/v1/traces/{id}/verifications (libs/contracts VERIFICATION_OUTCOMES). */
export const VERIFICATION_OUTCOMES = ['worked_as_written', 'worked_with_changes', 'did_not_work'] as const;
