import nodemailer, { type Transporter } from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** Stable per notification, so a receiving server or client can drop a resend. */
  messageId: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<{ messageId: string; response: string }>;
  close(): void;
}

/** SMTP through nodemailer: UTF-8 text (Vietnamese), STARTTLS when the server offers it. */
export function smtpMailer(url: string, from: string): Mailer {
  const transport: Transporter = nodemailer.createTransport(url, { from });
  return {
    async send(mail) {
      const info = await transport.sendMail({
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        messageId: mail.messageId,
        textEncoding: 'quoted-printable',
      });
      return { messageId: info.messageId, response: String(info.response ?? '') };
    },
    close: () => transport.close(),
  };
}
