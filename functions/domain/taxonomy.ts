import { LANGUAGES, type Language } from '#kernel/messages.js';

/**
 * The request categories of the single window (DOMAIN.md) and their subcategories. Codes are stable English
 * identifiers used in the API, keys and protocols; labels are for people, Spanish (Ecuador) first.
 */
export { LANGUAGES, type Language };
export type Label = Readonly<Record<Language, string>>;

export interface Subcategory {
  readonly code: string;
  readonly label: Label;
}

export interface Category {
  readonly code: CategoryCode;
  readonly label: Label;
  readonly description: Label;
  readonly subcategories: readonly Subcategory[];
}

export const CATEGORY_CODES = [
  'urgent',
  'non-urgent',
  'special-needs',
  'beneficiary-household',
  'information-update',
  'complaint',
  'general-information',
] as const;
export type CategoryCode = (typeof CATEGORY_CODES)[number];

// Marked free of side effects for the bundler: a handler that needs only the codes (CATEGORY_CODES, which every
// canton file's schema checks) then carries none of the labels below.
/* @__NO_SIDE_EFFECTS__ */
const sub = (code: string, es: string, en: string): Subcategory => ({ code, label: { es, en } });

// A category of its own: the complaint views name a case's type (one of its subcategories) and, with it alone,
// carry none of the other categories' labels (complaintTypeLabel).
const COMPLAINT: Category = {
  code: 'complaint',
  label: { es: 'Queja o reclamo', en: 'Complaint' },
  description: {
    es: 'Preguntas, quejas, sugerencias, solicitudes de información y felicitaciones (PQSSF)',
    en: 'Questions, complaints, suggestions, requests for information and congratulations',
  },
  subcategories: [
    sub('question', 'Pregunta', 'Question'),
    sub('complaint', 'Queja', 'Complaint'),
    sub('claim', 'Reclamo', 'Claim'),
    sub('suggestion', 'Sugerencia', 'Suggestion'),
    sub('information-request', 'Solicitud de información', 'Request for information'),
    sub('congratulation', 'Felicitación', 'Congratulation'),
  ],
};

export const CATEGORIES: readonly Category[] = [
  {
    code: 'urgent',
    label: { es: 'Urgente', en: 'Urgent' },
    description: {
      es: 'Emergencias individuales y desastres geográficos',
      en: 'Individual emergencies and geographic disasters',
    },
    subcategories: [
      sub('terminal-illness', 'Enfermedad terminal en la familia', 'Terminal illness in the family'),
      sub('home-destroyed', 'Vivienda destruida o inhabitable', 'Home destroyed or uninhabitable'),
      sub(
        'head-of-household-death',
        'Pérdida de ingresos por fallecimiento del jefe de hogar',
        'Loss of income on the death of the head of household',
      ),
      sub('natural-disaster', 'Desastre natural o emergencia geográfica', 'Natural or geographic disaster'),
      sub('violence-immediate-risk', 'Violencia con riesgo inmediato', 'Violence with immediate risk'),
    ],
  },
  {
    code: 'non-urgent',
    label: { es: 'No urgente', en: 'Non-urgent' },
    description: {
      es: 'Acceso a un programa o servicio específico',
      en: 'Access to a specific program or service',
    },
    subcategories: [
      sub('cash-transfer', 'Bono o transferencia monetaria', 'Cash transfer'),
      sub('child-development', 'Desarrollo infantil y cuidado', 'Child development and care'),
      sub('health-care', 'Atención de salud', 'Health care'),
      sub('education', 'Educación y becas', 'Education and scholarships'),
      sub('employment', 'Empleo y emprendimiento', 'Employment and entrepreneurship'),
      sub('housing', 'Vivienda', 'Housing'),
      sub('food-assistance', 'Asistencia alimentaria', 'Food assistance'),
    ],
  },
  {
    code: 'special-needs',
    label: { es: 'Necesidades especiales', en: 'Special needs' },
    description: { es: 'Poblaciones vulnerables', en: 'Vulnerable populations' },
    subcategories: [
      sub('older-adults', 'Personas adultas mayores', 'Older adults'),
      sub('disability', 'Personas con discapacidad', 'People with disabilities'),
      sub('migrants', 'Personas en movilidad humana', 'Migrants and refugees'),
      sub('gender-violence', 'Mujeres víctimas de violencia', 'Women victims of violence'),
      sub('children-at-risk', 'Niñas, niños y adolescentes en riesgo', 'Children and adolescents at risk'),
      sub('other-vulnerable', 'Otras poblaciones vulnerables', 'Other vulnerable populations'),
    ],
  },
  {
    code: 'beneficiary-household',
    label: { es: 'Hogar beneficiario', en: 'Beneficiary household' },
    description: {
      es: 'Hogares que preparan y ejecutan un plan de intervención hacia la graduación',
      en: 'Households preparing and carrying out an intervention plan towards graduation',
    },
    subcategories: [
      sub('intervention-plan', 'Elaboración del plan de intervención', 'Intervention plan preparation'),
      sub('plan-follow-up', 'Seguimiento del plan de intervención', 'Intervention plan follow-up'),
      sub('graduation', 'Graduación del sistema', 'Graduation from the system'),
    ],
  },
  {
    code: 'information-update',
    label: { es: 'Actualización de información', en: 'Information update' },
    description: {
      es: 'Datos que los programas necesitan para mantener la elegibilidad del hogar',
      en: 'Data that programs need to keep a household eligible',
    },
    subcategories: [
      sub('registry-modification', 'Modificación del Registro Social', 'Social registry modification'),
      sub('household-composition', 'Cambio en la composición del hogar', 'Change in household composition'),
      sub('address-contact', 'Cambio de domicilio o contacto', 'Change of address or contact'),
      sub('income-change', 'Cambio de ingresos o empleo', 'Change of income or employment'),
    ],
  },
  COMPLAINT,
  {
    code: 'general-information',
    label: { es: 'Información general', en: 'General information' },
    description: {
      es: 'Sobre el sistema, sus eventos y actividades, y otras consultas',
      en: 'About the system, its events and activities, and other enquiries',
    },
    subcategories: [
      sub('programs-and-services', 'Programas y servicios', 'Programs and services'),
      sub('events-and-activities', 'Eventos y actividades', 'Events and activities'),
      sub('service-points', 'Puntos de atención y horarios', 'Service points and opening hours'),
      sub('other-enquiry', 'Otras consultas', 'Other enquiries'),
    ],
  },
];

export function findCategory(code: string): Category | undefined {
  return CATEGORIES.find((c) => c.code === code);
}

export function findSubcategory(category: string, subcategory: string): Subcategory | undefined {
  return findCategory(category)?.subcategories.find((s) => s.code === subcategory);
}

/** The label of a complaint case's type: its subcategory of the complaint category. */
export function complaintTypeLabel(type: string): Label | undefined {
  return COMPLAINT.subcategories.find((s) => s.code === type)?.label;
}
