/**
 * The referral workflow's one Lambda step (see workflows/referral-workflow.ts): notify, plan the next timer, hold
 * the task token, fire a reminder or escalation, close the loop. Filled in with the referral capability.
 */
export interface StepEvent {
  readonly action: string;
  readonly referral: { readonly cantonId: string; readonly referralId: string };
  readonly phase?: 'acknowledgement' | 'counterReferral';
  readonly timer?: { readonly seconds: number; readonly timerIndex: number | null };
  readonly token?: string;
}

export const handler = async (event: StepEvent): Promise<unknown> => {
  throw new Error(`Unknown referral step ${event.action}`);
};
