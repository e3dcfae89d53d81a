/** Tells live subscribers that the event log grew. Payloads stay in the log, the bus only wakes readers. */
export interface EventBus {
  publish(headSequence: number): void;
  subscribe(listener: (headSequence: number) => void): () => void;
  close(): Promise<void>;
}
