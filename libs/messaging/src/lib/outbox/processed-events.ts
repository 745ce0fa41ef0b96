import { EntityManager } from 'typeorm';

/**
 * Records that `consumer` applied `eventId`, inside the consumer's own transaction. Returns
 * false when it was already recorded: the caller skips the work, so a redelivery changes nothing.
 */
export async function claimEvent(manager: EntityManager, consumer: string, eventId: string): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `INSERT INTO processed_events (consumer, event_id) VALUES ($1, $2)
     ON CONFLICT DO NOTHING RETURNING event_id`,
    [consumer, eventId],
  );
  return (Array.isArray(rows[0]) ? (rows[0] as unknown[]) : rows).length > 0;
}
