import { SendEmailCommand, type SendEmailCommandInput, SESv2Client } from '@aws-sdk/client-sesv2';
import { lazy } from '#kernel/lazy.js';

/**
 * E-mail to a citizen, straight to the address they gave (Amazon SES, SESv2 `SendEmail`). Staff and contact
 * officers are e-mailed through their subscription to the canton's topic (functions/adapters/sns/notifier.ts); a
 * citizen holds no subscription, so their e-mail — a complaint's reply — goes here (docs/decisions/email-delivery.md).
 *
 * The stage names its verified sending identity (the `citizenMail` deploy setting), and the Platform stack passes
 * it to the functions that reply as CITIZEN_MAIL_FROM, with the configuration set whose bounces and complaints reach
 * the operations topic as CITIZEN_MAIL_CONFIGURATION_SET (and CITIZEN_MAIL_IDENTITY_ARN when the identity is named
 * by ARN). A stage without one cannot e-mail citizens: the send is refused here, before any call, and the notifier
 * records it as a failed delivery that the case shows, for the call centre to give the reply by phone.
 *
 * Locally the same client is pointed at the local SNS's SES stand-in (AWS_ENDPOINT_URL_SESV2, lib/local/ses.ts),
 * whose outbox shows the e-mail.
 *
 * This module is imported only where a function e-mails citizens (functions/app/complaints/reply.ts): the SESv2
 * client adds about 83 KB to a minified bundle (measured on the resolve handler), which no other function should carry.
 */

/** One e-mail to a citizen: the address is used for this send only, never logged nor recorded. */
export interface CitizenEmail {
  readonly to: string;
  readonly subject: string;
  readonly body: string;
  /**
   * Ids and codes that SES attaches to the message's bounce and complaint events (so ops can tell which case a
   * bounce belongs to): names and values of letters, digits, `_` and `-` only, never personal data.
   */
  readonly tags: Readonly<Record<string, string>>;
}

/** The stage has no verified identity to e-mail citizens from: nothing can be sent, retrying cannot help. */
export class CitizenMailNotConfigured extends Error {
  override readonly name = 'CitizenMailNotConfigured';
}

/** A message SES would refuse before sending (no address, a tag it does not accept): a mistake in what was asked. */
export class CitizenMailInvalid extends Error {
  override readonly name = 'CitizenMailInvalid';
}

/** Sends citizen e-mails: what the notifier is given by the module that replies to citizens. */
export interface CitizenMailer {
  /** The SendEmail request for one e-mail. Throws CitizenMailNotConfigured or CitizenMailInvalid. */
  request(mail: CitizenEmail): SendEmailCommandInput;
  /** Sends it; answers SES's message id. SDK errors are thrown as they are (the notifier retries and records). */
  send(request: SendEmailCommandInput): Promise<string>;
}

const ADDRESS = /^[^@\s<>",;]+@[^@\s<>",;]+\.[^@\s<>",;]+$/;
/** What SES accepts as an e-mail tag's name or value. */
const TAG = /^[A-Za-z0-9_-]{1,256}$/;

/** The stage's sending identity as the Platform stack set it; undefined when the stage has none. */
export function citizenMailSettings(
  env: NodeJS.ProcessEnv = process.env,
): { from: string; configurationSet?: string; identityArn?: string } | undefined {
  const from = env.CITIZEN_MAIL_FROM?.trim();
  if (!from) return undefined;
  const configurationSet = env.CITIZEN_MAIL_CONFIGURATION_SET?.trim();
  const identityArn = env.CITIZEN_MAIL_IDENTITY_ARN?.trim();
  return {
    from,
    ...(configurationSet ? { configurationSet } : {}),
    ...(identityArn ? { identityArn } : {}),
  };
}

export function sendEmailRequest(
  mail: CitizenEmail,
  env: NodeJS.ProcessEnv = process.env,
): SendEmailCommandInput {
  const settings = citizenMailSettings(env);
  if (!settings) {
    throw new CitizenMailNotConfigured('this stage names no identity to e-mail citizens from (citizenMail)');
  }
  // The message says what was wrong, never the address itself.
  if (!ADDRESS.test(mail.to))
    throw new CitizenMailInvalid('the citizen e-mail address is not one SES accepts');
  for (const [name, value] of Object.entries(mail.tags)) {
    if (!TAG.test(name) || !TAG.test(value)) {
      throw new CitizenMailInvalid(`e-mail tag ${name} holds characters SES does not accept`);
    }
  }
  const utf8 = (data: string) => ({ Data: data, Charset: 'UTF-8' });
  return {
    FromEmailAddress: settings.from,
    ...(settings.identityArn ? { FromEmailAddressIdentityArn: settings.identityArn } : {}),
    Destination: { ToAddresses: [mail.to] },
    // Plain text, like the notices staff receive: the reply and the link, nothing to render or track.
    Content: { Simple: { Subject: utf8(mail.subject), Body: { Text: utf8(mail.body) } } },
    ...(settings.configurationSet ? { ConfigurationSetName: settings.configurationSet } : {}),
    EmailTags: Object.entries(mail.tags).map(([Name, Value]) => ({ Name, Value })),
  };
}

// Created once per container, on the first e-mail (in the functions that import this module only); the SDK honours
// AWS_ENDPOINT_URL_SESV2 (the local runtime) and retries throttling and server errors itself.
const ses = lazy(() => new SESv2Client({}));

export const sesCitizenMailer: CitizenMailer = {
  request: (mail) => sendEmailRequest(mail),
  async send(request) {
    const output = await ses().send(new SendEmailCommand(request));
    return output.MessageId ?? '';
  },
};
