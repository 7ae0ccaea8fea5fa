// A queue handler for tests of the local queue poller: it records every batch it is given (on
// globalThis, so the test sees the same list whichever way the poller imported this module) and fails
// the messages whose body asks for it, the way a real worker reports partial batch failures.
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';

export interface RecordedMessage {
  body: string;
  receiveCount: number;
}

/** What a test message asks of the handler. */
export interface RecorderInstruction {
  id: string;
  fail?: boolean;
}

const key = Symbol.for('mineral-shop.test.recordedBatches');
type Store = { [key]?: RecordedMessage[][] };

/** Every batch handed to the handler so far, in order. */
export function recordedBatches(): RecordedMessage[][] {
  return ((globalThis as Store)[key] ??= []);
}

export function clearRecordedBatches(): void {
  recordedBatches().length = 0;
}

export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  recordedBatches().push(event.Records.map((r) => ({ body: r.body, receiveCount: Number(r.attributes.ApproximateReceiveCount) })));
  const failures = event.Records.filter((r) => (JSON.parse(r.body) as RecorderInstruction).fail === true);
  return { batchItemFailures: failures.map((r) => ({ itemIdentifier: r.messageId })) };
}
