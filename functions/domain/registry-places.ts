/**
 * The parishes (parroquias) the registry may name, per canton the product serves. A household's address must name a
 * canton listed here and one of its parishes; the province must be the canton's. Urban and rural parishes as INEC's
 * political-administrative division lists them (a selection for the larger cantons; extend it with a new canton).
 */
export interface CantonPlaces {
  readonly province: string;
  readonly parishes: readonly string[];
}

export const REGISTRY_PLACES: Readonly<Record<string, CantonPlaces>> = {
  quito: {
    province: 'Pichincha',
    parishes: [
      'Belisario Quevedo',
      'Calderón',
      'Carcelén',
      'Centro Histórico',
      'Chilibulo',
      'Chillogallo',
      'Chimbacalle',
      'Cochapamba',
      'Comité del Pueblo',
      'Conocoto',
      'Cotocollao',
      'Cumbayá',
      'El Condado',
      'Guamaní',
      'Iñaquito',
      'Itchimbía',
      'La Argelia',
      'La Ecuatoriana',
      'La Magdalena',
      'La Mena',
      'Nayón',
      'Pomasqui',
      'Puengasí',
      'Quitumbe',
      'San Antonio',
      'San Juan',
      'Solanda',
      'Tumbaco',
      'Turubamba',
    ],
  },
  cuenca: {
    province: 'Azuay',
    parishes: [
      'Baños',
      'Bellavista',
      'Cañaribamba',
      'El Batán',
      'El Sagrario',
      'El Vecino',
      'El Valle',
      'Gil Ramírez Dávalos',
      'Hermano Miguel',
      'Huayna Cápac',
      'Machángara',
      'Monay',
      'Ricaurte',
      'San Blas',
      'San Sebastián',
      'Sayausí',
      'Sinincay',
      'Sucre',
      'Tarqui',
      'Totoracocha',
      'Turi',
      'Yanuncay',
    ],
  },
  'santa-cruz': {
    province: 'Galápagos',
    parishes: ['Puerto Ayora', 'Bellavista', 'Santa Rosa'],
  },
};

const fold = (value: string) => value.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase();

/** The parish as the list spells it, whatever the case or accents typed; undefined when the canton has no such. */
export function knownParish(cantonId: string, parish: string): string | undefined {
  return REGISTRY_PLACES[cantonId]?.parishes.find((p) => fold(p) === fold(parish));
}

export function sameProvince(cantonId: string, province: string): boolean {
  const places = REGISTRY_PLACES[cantonId];
  return places !== undefined && fold(places.province) === fold(province);
}
