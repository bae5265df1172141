/**
 * The provider most handler tests refer to: a non-profit day centre for older adults in Quito, with Lucía as its
 * contact officer (signs in as `dorados.lucia`, phone +593987111222).
 */
export function doradosOrganization(options: { name?: string; preferredChannel?: 'sms' | 'email' } = {}) {
  return {
    name: options.name ?? 'Fundación Años Dorados',
    sector: 'non-profit',
    contactOfficers: [
      {
        id: 'lucia',
        userId: 'dorados.lucia',
        name: 'Lucía Benítez',
        position: 'Enlace',
        email: 'lucia@dorados.example.org',
        phone: '+593987111222',
        preferredChannel: options.preferredChannel ?? 'sms',
      },
    ],
    locations: [],
  };
}

export const hours = (amount: number) => ({ amount, unit: 'hours' });

/**
 * A Quito protocol for a special-needs subcategory with a short ladder, as the notification tests publish it:
 * 4-hour acknowledgement, no reminders, the national coordinator an hour after each deadline. `overrides` replace
 * top-level fields (deadlines, reminders, escalation, onBreach…).
 */
export function specialNeedsProtocol(subcategory: string, overrides: Record<string, unknown> = {}) {
  return {
    subcategory: { category: 'special-needs', subcategory },
    handledBy: 'swcs-officer',
    eligibleServiceIds: [],
    deadlines: { acknowledgement: hours(4), counterReferral: hours(48) },
    reminders: { acknowledgement: [], counterReferral: [] },
    escalation: {
      acknowledgement: [{ after: hours(1), notify: { role: 'national-coordinator' } }],
      counterReferral: [{ after: hours(1), notify: { role: 'national-coordinator' } }],
    },
    counterReferral: { requiredFields: ['assisted', 'outcome'] },
    validity: { from: '2026-01-01' },
    indicators: [{ id: 'escalation-rate' }],
    ...overrides,
  };
}
