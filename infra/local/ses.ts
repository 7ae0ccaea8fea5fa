// Runs aws-ses-v2-local on 127.0.0.1, in a Node process of its own: it accepts SESv2 SendEmail, keeps
// every mail in memory, shows them on its web page (at the root) and returns them as JSON at /store.
import { createRequire } from 'node:module';
import * as z from 'zod';
import { startNodeService, type LocalService } from './sqs';

const SES_SERVER = `
const [modulePath, port] = process.argv.slice(1);
require(modulePath).default({ host: '127.0.0.1', port: Number(port) });
`;

export interface LocalSesOptions {
  port: number;
}

export async function startLocalSes(options: LocalSesOptions): Promise<LocalService> {
  const endpoint = `http://127.0.0.1:${options.port}`;
  const service = await startNodeService({
    name: 'local SES (aws-ses-v2-local)',
    script: SES_SERVER,
    args: [createRequire(import.meta.url).resolve('aws-ses-v2-local'), String(options.port)],
    // With SMTP_TRANSPORT set it would forward every mail to an SMTP server; nothing here may leave the machine.
    withoutEnv: ['SMTP_TRANSPORT'],
    answers: async () => (await fetch(`${endpoint}/store`, { signal: AbortSignal.timeout(2_000) })).ok,
  });
  return { endpoint, ...service };
}

/** One mail as aws-ses-v2-local keeps it. */
const sentMailSchema = z.object({
  messageId: z.string(),
  from: z.string(),
  replyTo: z.array(z.string()),
  destination: z.object({ to: z.array(z.string()), cc: z.array(z.string()), bcc: z.array(z.string()) }),
  subject: z.string(),
  body: z.object({ html: z.string().optional(), text: z.string().optional() }),
  /** Seconds since the epoch. */
  at: z.number(),
});

export type SentMail = z.infer<typeof sentMailSchema>;

/** Every mail the local SES has accepted since it started, oldest first. */
export async function fetchSentMail(endpoint: string): Promise<SentMail[]> {
  const response = await fetch(`${endpoint}/store`);
  if (!response.ok) throw new Error(`local SES answered ${response.status} at ${endpoint}/store`);
  const store = z.object({ emails: z.array(sentMailSchema) }).parse(await response.json());
  return store.emails;
}
