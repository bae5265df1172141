import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import type { SwcsFunction } from './swcs-function.js';

/**
 * The house shape of an SWCS state machine: a Standard workflow whose every Task invokes one Lambda step, logged to
 * its own vended log group without execution data, traced, and allowed to invoke that step only. Both workflows
 * (referrals, catalogue imports) are built by it, so a rule about them lives in one place.
 */
export interface StepStateMachineProps {
  readonly stateMachineName: string;
  /** The ASL as deployed, with `${<stepPlaceholder>}` where the step's ARN goes. */
  readonly definition: object;
  /** The substitution name the definition uses for the step's ARN (e.g. ReferralStepArn). */
  readonly stepPlaceholder: string;
  readonly step: SwcsFunction;
  readonly retention: RetentionDays;
  /** What the step is, for the cdk-nag acknowledgement of the logging and tracing wildcards. */
  readonly stepDescription: string;
}

export function stepStateMachine(scope: Construct, props: StepStateMachineProps) {
  const logGroup = new LogGroup(scope, 'Logs', {
    // The vendedlogs prefix keeps Step Functions from growing the account's CloudWatch Logs resource policy.
    logGroupName: `/aws/vendedlogs/states/${props.stateMachineName}`,
    retention: props.retention,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const stateMachine = new sfn.StateMachine(scope, 'StateMachine', {
    stateMachineName: props.stateMachineName,
    stateMachineType: sfn.StateMachineType.STANDARD,
    definitionBody: sfn.DefinitionBody.fromString(JSON.stringify(props.definition)),
    definitionSubstitutions: { [props.stepPlaceholder]: props.step.function.functionArn },
    logs: {
      destination: logGroup,
      level: sfn.LogLevel.ALL,
      // Execution data holds each state's input and parameters (a referral's task token, a job's caught errors):
      // off, so that whoever reads the logs cannot answer a referral nor read what a step keeps for its owner.
      includeExecutionData: false,
    },
    tracingEnabled: true,
  });
  // The step only, and unqualified, as the definition invokes it (grantInvoke would add "<arn>:*" too).
  stateMachine.addToRolePolicy(
    new iam.PolicyStatement({
      actions: ['lambda:InvokeFunction'],
      resources: [props.step.function.functionArn],
    }),
  );
  const machineRolePolicy = stateMachine.role.node.tryFindChild('DefaultPolicy');
  if (machineRolePolicy) {
    Validations.of(machineRolePolicy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Added by CDK for logging and tracing: the CloudWatch Logs delivery actions (CreateLogDelivery, ' +
        'PutResourcePolicy, DescribeLogGroups...) and X-Ray PutTraceSegments/PutTelemetryRecords/GetSampling* ' +
        'support no resource-level permissions, so AWS requires Resource "*". The only other statement invokes ' +
        `${props.stepDescription} by its ARN.`,
    });
  }
  return { logGroup, stateMachine };
}
