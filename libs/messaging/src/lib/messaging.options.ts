/** How this process reaches the other services. */
export interface MessagingOptions {
  /** Service name: the NATS queue group and the name in logs and metrics. */
  service: string;
  /** NATS servers; absent means the in-process transport (all-in-one mode). */
  natsUrl?: string;
  /** Deadline for a request/reply. */
  requestTimeoutMs: number;
  /** Run the outbox relay in this process (every process that writes events, or may). */
  relay: boolean;
  outboxPollMs: number;
  /** Run the durable event consumers and background jobs of this process (off for one-off commands). */
  consumers: boolean;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

export const EVENTS_STREAM = 'CT_EVENTS';
export const DEAD_LETTER_STREAM = 'CT_DLQ';
