/**
 * Ecuador's national ID (cédula de identidad), as DOMAIN.md states the rules: ten digits; the first two are the
 * province (01–24, or 30 for Ecuadorians registered abroad); the third is below 6 for natural persons; the tenth is
 * a modulo-10 check digit over the first nine with coefficients 2,1,2,1,… (products over 9 reduced by 9).
 */
export type CedulaProblem = 'format' | 'province' | 'third-digit' | 'check-digit';

export const CEDULA_PROBLEMS: Readonly<Record<CedulaProblem, { es: string; en: string }>> = {
  format: { es: 'debe tener exactamente 10 dígitos', en: 'must be exactly 10 digits' },
  province: {
    es: 'el código de provincia (dos primeros dígitos) debe estar entre 01 y 24, o ser 30',
    en: 'the province code (first two digits) must be 01 to 24, or 30',
  },
  'third-digit': {
    es: 'el tercer dígito debe ser menor que 6 para una persona natural',
    en: 'the third digit must be below 6 for a natural person',
  },
  'check-digit': { es: 'el dígito verificador no es correcto', en: 'the check digit is wrong' },
};

export function cedulaProblem(value: string): CedulaProblem | undefined {
  if (!/^\d{10}$/.test(value)) return 'format';
  const digits = [...value].map(Number) as number[];
  const province = (digits[0] as number) * 10 + (digits[1] as number);
  if (!((province >= 1 && province <= 24) || province === 30)) return 'province';
  if ((digits[2] as number) >= 6) return 'third-digit';
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    const product = (digits[i] as number) * (i % 2 === 0 ? 2 : 1);
    sum += product > 9 ? product - 9 : product;
  }
  const check = (10 - (sum % 10)) % 10;
  return check === digits[9] ? undefined : 'check-digit';
}

export function isValidCedula(value: string): boolean {
  return cedulaProblem(value) === undefined;
}
