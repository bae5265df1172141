import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import type { OperationsAlerts } from './operations-alerts.js';
import type { SwcsFunction } from './swcs-function.js';

/** The `citizenMail` deploy setting of a stage, validated (lib/platform-stack.ts, citizenMailOf). */
export interface CitizenMailSetting {
  /** The address citizens' e-mails come from: at a domain (or the address itself) verified in SES. */
  readonly from: string;
  /**
   * The verified identity by ARN, when it is not this account's and region's identity of the address or its
   * domain (an identity shared from another account through a sending authorization policy).
   */
  readonly identityArn?: string;
}

/** The configuration set every citizen e-mail of a stage is sent with. */
export const citizenMailConfigurationSetName = (stage: string) => `swcs-${stage}-citizen-mail`;

export interface CitizenMailProps extends CitizenMailSetting {
  readonly stage: string;
  /** Told of every bounce, complaint, rejection and delayed delivery. */
  readonly operations: OperationsAlerts;
}

/**
 * E-mail to citizens (a complaint's reply) straight to their address through Amazon SES, from the stage's verified
 * identity (docs/decisions/email-delivery.md). Staff and contact officers keep their subscriptions to the canton
 * topics. The identity itself is verified outside this stack (its DKIM records live in the ministry's DNS, and the
 * account must leave the SES sandbox); this construct adds the configuration set that every send names — TLS
 * required, the account's suppression list for bounces and complaints, and those events on the operations topic —
 * and grants `ses:SendEmail` on that identity and that set only, from that address only.
 */
export class CitizenMail extends Construct {
  readonly configurationSet: ses.ConfigurationSet;
  readonly configurationSetName: string;
  readonly from: string;
  /** The identities the functions may send as: the one named by ARN, or the address's and its domain's. */
  readonly identityArns: readonly string[];
  private readonly identityArn: string | undefined;
  private readonly configurationSetArn: string;

  constructor(scope: Construct, id: string, props: CitizenMailProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.from = props.from;
    this.identityArn = props.identityArn;
    const configurationSetName = citizenMailConfigurationSetName(props.stage);
    this.configurationSetName = configurationSetName;
    this.configurationSetArn = stack.formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: configurationSetName,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    const identity = (name: string) =>
      stack.formatArn({
        service: 'ses',
        resource: 'identity',
        resourceName: name,
        arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
      });
    const domain = props.from.slice(props.from.lastIndexOf('@') + 1);
    // SES authorizes a send against the identity it sends as: the address when it is verified itself, else its
    // domain. Both are named, for this one address (the condition below).
    this.identityArns = props.identityArn ? [props.identityArn] : [identity(props.from), identity(domain)];

    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName,
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
      // An address that bounced or complained is not e-mailed again (the reply is then recorded as failed).
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      reputationMetrics: true,
      sendingEnabled: true,
    });
    // The destination adds the topic policy that lets SES publish for this configuration set only.
    this.configurationSet.addEventDestination('Operations', {
      configurationSetEventDestinationName: 'operations',
      destination: ses.EventDestination.snsTopic(props.operations.topic),
      events: [
        ses.EmailSendingEvent.BOUNCE,
        ses.EmailSendingEvent.COMPLAINT,
        ses.EmailSendingEvent.REJECT,
        ses.EmailSendingEvent.RENDERING_FAILURE,
        ses.EmailSendingEvent.DELIVERY_DELAY,
      ],
    });
    // The operations topic is encrypted: SES publishes with its own identity, so it needs the key (for this
    // account; what it may publish there is limited to this configuration set by the topic policy above, as
    // CloudWatch's use of the same key is by the alarm names).
    props.operations.key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('ses.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    );
  }

  /**
   * Lets a function e-mail citizens: `ses:SendEmail` on the stage's identity and configuration set, from the
   * stage's address only, and the settings the SES adapter reads (functions/adapters/ses/citizen-mail.ts).
   */
  grantSend(fn: SwcsFunction): void {
    new iam.Policy(fn, 'CitizenMailPolicy', {
      roles: [fn.role],
      statements: [
        new iam.PolicyStatement({
          actions: ['ses:SendEmail'],
          resources: [...this.identityArns, this.configurationSetArn],
          conditions: { StringEquals: { 'ses:FromAddress': this.from } },
        }),
      ],
    });
    fn.function.addEnvironment('CITIZEN_MAIL_FROM', this.from);
    // By name, not by reference: the route functions live in a nested stack.
    fn.function.addEnvironment('CITIZEN_MAIL_CONFIGURATION_SET', this.configurationSetName);
    if (this.identityArn) fn.function.addEnvironment('CITIZEN_MAIL_IDENTITY_ARN', this.identityArn);
  }
}
