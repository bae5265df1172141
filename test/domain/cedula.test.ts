import { describe, expect, it } from 'vitest';
import { cedulaProblem, isValidCedula } from '../../functions/domain/cedula.js';

describe('cédula (Ecuadorian national ID)', () => {
  it.each(['1710034065', '0926687856', '1713175071', '0101010106', '2400000002', '3012345678'])(
    'accepts %s, whose check digit is right',
    (id) => expect(isValidCedula(id)).toBe(true),
  );

  it('refuses a wrong check digit', () => {
    expect(cedulaProblem('1713175072')).toBe('check-digit');
    expect(cedulaProblem('1710034066')).toBe('check-digit');
  });

  it('refuses a province outside 01–24 and 30', () => {
    expect(cedulaProblem('0000000000')).toBe('province');
    expect(cedulaProblem('2500000000')).toBe('province');
    expect(cedulaProblem('2900000006')).toBe('province');
  });

  it('refuses a third digit of 6 or more (not a natural person)', () => {
    expect(cedulaProblem('1760000000')).toBe('third-digit');
    expect(cedulaProblem('1790000000')).toBe('third-digit');
  });

  it('refuses anything that is not exactly ten digits', () => {
    for (const value of ['', '171003406', '17100340655', '17100340a5', ' 1710034065']) {
      expect(cedulaProblem(value)).toBe('format');
    }
  });
});
