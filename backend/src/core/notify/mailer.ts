import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport } from 'nodemailer';
import { APP_CONFIG, AppConfig } from '../config/config';
import type { MailMessage } from './mail-message';

/** Sends e-mail over SMTP (nodemailer) when SMTP_URL is configured. */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private transport: ReturnType<typeof smtpTransport> | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get enabled(): boolean {
    return this.config.mail !== null;
  }

  /** Resolves when the SMTP server has accepted the message; rejects with nodemailer's error. */
  async send(to: string, message: MailMessage): Promise<void> {
    const mail = this.config.mail;
    if (!mail) throw new Error('Mailer: SMTP_URL is not configured');
    this.transport ??= smtpTransport(mail.smtpUrl, mail.from);
    await this.transport.sendMail({
      to,
      subject: message.subject,
      text: message.text,
      // no tracking, no HTML: a plain message a filter cannot misread
      disableFileAccess: true,
      disableUrlAccess: true,
    });
  }

  onApplicationShutdown(): void {
    this.transport?.close();
    this.transport = null;
  }
}

function smtpTransport(url: string, from: string) {
  return createTransport(
    // short timeouts: a hung SMTP server must not hold the job's lease for minutes
    { url, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 },
    { from },
  );
}
