/**
 * The one e-mail Värn sends. It says only that there is something to do, and links to the app:
 * no case content, no names, no categories, no parameters of the notification. Whatever the
 * notification was about is shown after signing in.
 */
export interface MailMessage {
  subject: string;
  text: string;
}

export const MAIL_TEMPLATES = ['notification'] as const;
export type MailTemplate = (typeof MAIL_TEMPLATES)[number];

export function buildMail(template: MailTemplate, url: string): MailMessage {
  switch (template) {
    case 'notification':
      return {
        subject: 'Du har något att göra i Värn / You have something to do in Värn',
        text: [
          'Du har något att göra i Värn.',
          `Logga in för att se vad: ${url}`,
          '',
          'You have something to do in Värn.',
          `Sign in to see what: ${url}`,
          '',
          '—',
          'Meddelandet skickades automatiskt och innehåller inga uppgifter ur ärenden. Svara inte på det.',
          'This message was sent automatically and contains no case details. Do not reply to it.',
          '',
        ].join('\n'),
      };
  }
}
