import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One e-mail as the mail server received it. */
export interface MailReceipt {
  messageId: string;
  to: string[];
  at: number;
}

/** One webhook POST as the receiver got it (and answered 204). */
export interface WebhookReceipt {
  /** The `webhook-id` header: notify sends the event id. */
  webhookId: string;
  eventId: string;
  type: string;
  at: number;
}

function headerOf(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
  const line = head
    .replace(/\r?\n[ \t]+/g, ' ')
    .split(/\r?\n/)
    .find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}

/**
 * The outside world notify talks to, kept by the chaos run so that it can count what really
 * arrived: a real SMTP server (every message accepted and remembered) and a webhook receiver.
 * Both stay up through every fault: they are the office's mail relay and a partner system.
 */
export class Sinks {
  readonly mails: MailReceipt[] = [];
  readonly webhooks: WebhookReceipt[] = [];
  private smtp?: SMTPServer;
  private http?: Server;
  smtpPort = 0;
  webhookPort = 0;

  async start(): Promise<void> {
    this.smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          this.mails.push({ messageId: headerOf(raw, 'Message-ID') ?? '(none)', to: session.envelope.rcptTo.map((r) => r.address), at: Date.now() });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => this.smtp!.listen(0, '127.0.0.1', resolve));
    this.smtpPort = (this.smtp.server.address() as AddressInfo).port;

    this.http = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        let event: { id?: string; type?: string } = {};
        try {
          event = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof event;
        } catch {
          // Counted all the same, under its header.
        }
        const webhookId = String(req.headers['webhook-id'] ?? '');
        this.webhooks.push({ webhookId, eventId: event.id ?? webhookId, type: event.type ?? '', at: Date.now() });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => this.http!.listen(0, '127.0.0.1', resolve));
    this.webhookPort = (this.http.address() as AddressInfo).port;
  }

  get smtpUrl(): string {
    return `smtp://127.0.0.1:${this.smtpPort}`;
  }

  get webhookUrl(): string {
    return `http://127.0.0.1:${this.webhookPort}/vanthu-events`;
  }

  async stop(): Promise<void> {
    await Promise.all([
      this.smtp ? new Promise<void>((resolve) => this.smtp!.close(() => resolve())) : undefined,
      this.http ? new Promise<void>((resolve) => this.http!.close(() => resolve())) : undefined,
    ]);
  }
}
