import { clock } from '#kernel/clock.js';
import { httpHandler } from '#http/handler.js';
import { getPlanPdfRoute } from '#http/routes/casework/get-plan-pdf.js';
import { planDocument } from '#app/casework/plan-document.js';
import { caseworkCanton, planOf } from '#app/casework/scope.js';
import { auditOf, recordAudit } from '#adapters/dynamodb/audit.js';
import { renderPdf } from '#adapters/pdf/render.js';

/** The plan on paper (app/casework/plan-document.ts says what it holds), audited like any read of the plan. */
export const handler = httpHandler<{ cantonId: string; planId: string }>(
  getPlanPdfRoute,
  async ({ caller, params }) => {
    const { canton } = await caseworkCanton(caller, params.cantonId, 'read');
    const plan = await planOf(canton, params.planId);
    const issuedAt = clock.now().toISOString();
    await recordAudit(
      auditOf(caller, canton.id, 'plan.pdf', { type: 'plan', id: plan.planId }, { at: issuedAt }),
    );
    return {
      headers: { 'content-disposition': `inline; filename="plan-${plan.reference}.pdf"` },
      body: await renderPdf(planDocument(plan, canton, issuedAt)),
    };
  },
);
