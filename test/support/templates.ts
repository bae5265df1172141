import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { PlatformStack } from '../../lib/platform-stack.js';

/** CloudFormation JSON, of any shape. */
type Json = any;

/**
 * The Platform stack's resources as one template, its nested stack of route functions folded in: a reference the
 * nested stack receives as a parameter reads as the parent's own expression again (`{ Ref: 'Table…' }`), and a
 * nested output the parent uses reads as the output's value. Tests then state their rules about functions, roles
 * and policies once, whichever of the two stacks a resource sits in.
 */
export function platformResources(platform: PlatformStack): Record<string, Json> {
  const parent = Template.fromStack(platform as Stack).toJSON();
  const nested = Template.fromStack(platform.handlers as unknown as Stack).toJSON();
  const [stackId, stackResource] =
    Object.entries(parent.Resources as Record<string, Json>).find(
      ([, r]) => r.Type === 'AWS::CloudFormation::Stack',
    ) ?? [];
  const parameters: Record<string, Json> = stackResource?.Properties?.Parameters ?? {};
  const outputs: Record<string, Json> = nested.Outputs ?? {};

  const rewrite = (value: Json, replace: (v: Json) => Json | undefined): Json => {
    const replaced = replace(value);
    if (replaced !== undefined) return replaced;
    if (Array.isArray(value)) return value.map((v) => rewrite(v, replace));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewrite(v, replace)]));
    }
    return value;
  };
  const fromParameters = (v: Json) =>
    v && typeof v === 'object' && typeof v.Ref === 'string' && v.Ref in parameters
      ? parameters[v.Ref]
      : undefined;
  const fromOutputs = (v: Json) => {
    const att = v?.['Fn::GetAtt'];
    if (!Array.isArray(att) || att[0] !== stackId || !String(att[1]).startsWith('Outputs.')) return undefined;
    return outputs[String(att[1]).slice('Outputs.'.length)]?.Value;
  };
  const own = Object.fromEntries(
    Object.entries(parent.Resources as Record<string, Json>).filter(([id]) => id !== stackId),
  );
  return {
    ...rewrite(own, fromOutputs),
    ...rewrite(nested.Resources, fromParameters),
  };
}
