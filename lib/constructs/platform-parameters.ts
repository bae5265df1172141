/**
 * The SSM parameter names through which the Platform stack publishes what canton stacks need. Canton stacks read
 * them with `ssm.StringParameter.valueForStringParameter` (resolved by CloudFormation at deploy time) instead of
 * CloudFormation exports: an export would tie the Platform stack to every canton that imports it, so adding or
 * removing a canton could never be a change to one canton stack alone.
 */
export const STAGE_PATTERN = /^[a-z][a-z0-9-]{0,15}$/;

export type PlatformParameter =
  'table-name' | 'table-arn' | 'table-key-arn' | 'user-pool-id' | 'user-pool-arn' | 'api-url';

export function platformParameterName(stage: string, parameter: PlatformParameter): string {
  return `/swcs/${stage}/${parameter}`;
}

/**
 * Where a canton stack publishes its escalation topic, so that platform code (state machines, handlers) finds the
 * topic of a canton at run time by its id, without the Platform stack ever referring to a canton stack.
 */
export function cantonTopicParameterName(stage: string, cantonId: string): string {
  return `/swcs/${stage}/cantons/${cantonId}/escalation-topic-arn`;
}
